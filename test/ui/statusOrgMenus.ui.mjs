// A new user's first minutes (issue 9): before any organization exists the palette offers only what can apply;
// a refusal from the palette names the org and both roles, and its notification's "Show Log" opens the Polyaxon
// Hub log; the status bar shows the user and the active organization and switches it with a quick pick, which
// the palette's org pickers then offer first; the Members/Teams/Projects rows have right-click menus.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { page, assert } = ui;
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, ...args], { encoding: 'utf8' });
  const node = label => ui.treeItem(label, 'Organizations');
  const status = page.locator('[id$="polyaxonHub.activeOrg"]');
  const paletteRow = title =>
    page.locator('.quick-input-list .monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    });

  /** Types a command title into the palette and says whether a row of exactly that title is offered. */
  async function offered(title) {
    await page.keyboard.press('F1');
    await ui.quickInput().waitFor();
    await ui.quickInput().fill(`>${title}`);
    // the list settles within a moment; a command that is hidden never appears
    await page.waitForTimeout(700);
    const count = await paletteRow(title).count();
    await page.keyboard.press('Escape');
    return count > 0;
  }

  await step('before any organization exists, the palette offers create, settings and restore, and nothing that needs an org', async () => {
    await ui.openWorkbench();
    await ui.openViewContainer('Polyaxon Hub');
    await ui.view('Organizations').locator('.welcome-view-content').getByRole('button', { name: 'Create Organization' }).waitFor();
    await status.filter({ hasText: 'tester' }).filter({ hasText: 'no organization' }).waitFor();
    await page.keyboard.press('F1');
    await ui.quickInput().fill('>Polyaxon: ');
    await paletteRow('Polyaxon: Create Organization').waitFor();
    await page.waitForTimeout(500);
    await ui.screenshot('palette-before-any-organization');
    const titles = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    await page.keyboard.press('Escape');
    for (const hidden of ['Polyaxon: Add Member', 'Polyaxon: Create Team', 'Polyaxon: Create Project', 'Polyaxon: Publish to Component Hub']) {
      assert.ok(!titles.includes(hidden), `${hidden} is offered before any organization exists (${titles.join(' | ')})`);
    }
    for (const shown of ['Polyaxon: Create Organization', 'Polyaxon: Restore Store from Backup']) assert.ok(titles.includes(shown), `${shown} missing`);
    assert.equal(await offered('Polyaxon: Add Member'), false);
  });

  await step('once an organization exists (made by a script), the org commands appear', async () => {
    cli('--as', 'olga', 'org', 'create', 'acme', '--description', 'Made by the CLI');
    cli('--as', 'olga', 'member', 'add', 'acme', 'tester', '--role', 'viewer');
    await node('acme').waitFor();
    assert.equal(await offered('Polyaxon: Add Member'), true, 'Add Member still hidden after an organization appeared');
  });

  await step('a palette refusal names the org, the role needed and the role held; "Show Log" opens the Polyaxon Hub log', async () => {
    await ui.runCommand('Polyaxon: Create Project');
    const toast = ui.notification('Creating projects in acme needs role admin or higher; you are viewer.');
    await toast.waitFor();
    assert.equal(await ui.notification('no organization where you may').count(), 0);
    await ui.screenshot('refusal-names-org-and-roles');
    const item = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Creating projects in acme needs role admin or higher' });
    await item.hover();
    await item.getByRole('button', { name: 'Show Log' }).click();
    const output = page.locator('[id="workbench.panel.output"]');
    await output.locator('.view-lines', { hasText: 'refused (denied): Creating projects in acme needs role admin or higher; you are viewer.' }).waitFor();
    await output.locator('.view-lines', { hasText: 'using local store' }).waitFor();
    await ui.screenshot('show-log-output-channel');
  });

  await step('the status bar shows the user and the active org; clicking it switches the org', async () => {
    await ui.runCommand('Polyaxon: Create Organization');
    await ui.answerInput('beta');
    await node('beta').waitFor();
    // the org the user made first becomes the active one
    await status.filter({ hasText: 'tester' }).filter({ hasText: 'beta' }).waitFor();
    await status.click();
    await page.locator('.quick-input-widget', { hasText: 'Switch Active Organization' }).waitFor();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows
      .first()
      .locator('.label-name', { hasText: /^beta$/ })
      .waitFor();
    await ui.screenshot('status-bar-org-switch-picker');
    await rows.filter({ has: page.locator('.label-name', { hasText: /^acme$/ }) }).click();
    await status.filter({ hasText: 'acme' }).waitFor();
    await ui.screenshot('status-bar-active-org-acme');
  });

  await step("the palette's org pickers offer the active org first", async () => {
    await ui.runCommand('Polyaxon: Open Team Page');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows
      .first()
      .locator('.label-name', { hasText: /^acme$/ })
      .waitFor();
    await rows.first().filter({ hasText: 'active' }).waitFor();
    await ui.screenshot('org-picker-active-first');
    await page.keyboard.press('Escape');
  });

  await step('Members, Teams and Projects rows have right-click menus that add a member, create a team and a project', async () => {
    await node('beta').locator('.monaco-tl-twistie').click();
    await node('Teams').first().waitFor();
    const row = label =>
      ui
        .view('Organizations')
        .getByRole('treeitem')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
    // acme stays collapsed, so the only group rows shown are beta's
    await row('Teams').click({ button: 'right' });
    const createTeam = page.getByRole('menuitem', { name: 'Create Team' });
    await createTeam.waitFor();
    await ui.screenshot('teams-row-context-menu');
    await createTeam.hover();
    await page.waitForTimeout(200);
    await createTeam.click();
    await ui.answerInput('research');
    await ui.notification('Team "research" created in "beta".').waitFor();
    await row('Teams').filter({ hasText: '1 team' }).waitFor();

    await ui.contextMenu(row('Projects'), 'Create Project');
    await ui.answerInput('vision');
    await ui.answerInput('', { prompt: 'Optional: what the project is for' });
    await row('Projects').filter({ hasText: '1 project' }).waitFor();

    await row('Members').click({ button: 'right' });
    const addMember = page.getByRole('menuitem', { name: 'Add Member' });
    await addMember.waitFor();
    await ui.screenshot('members-row-context-menu');
    await addMember.hover();
    await page.waitForTimeout(200);
    await addMember.click();
    await ui.answerInput('dana');
    // the role picker starts at member
    await page
      .locator('.quick-input-list .monaco-list-row')
      .first()
      .locator('.label-name', { hasText: /^member$/ })
      .waitFor();
    await ui.quickInput().press('Enter');
    await row('Members').filter({ hasText: '2 members' }).waitFor();
    await ui.screenshot('group-rows-singular-plural');
  });
}
