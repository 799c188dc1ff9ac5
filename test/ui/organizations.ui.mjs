// Walking skeleton, end to end as a user does it: the sidebar's welcome view, Create Organization from the
// command palette, the new org in the tree, and its page (a webview) showing the name.
import * as fs from 'node:fs';

const ORG = 'acme-ml';

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert } = ui;

  await step('workbench loads with the Polyaxon Hub activity bar entry', async () => {
    await ui.openWorkbench();
    // appears once the remote extension host has scanned the installed .vsix
    await ui.activityBarItem('Polyaxon Hub').waitFor();
  });

  await step('sidebar shows the Organizations welcome view', async () => {
    await ui.openViewContainer('Polyaxon Hub');
    await ui.welcomeButton('Organizations', 'Create Organization').waitFor();
    await ui.screenshot('welcome-view');
  });

  await step(`"Polyaxon: Create Organization" from the palette adds ${ORG} to the tree`, async () => {
    await ui.runCommand('Polyaxon: Create Organization');
    await ui.answerInput(ORG);
    await ui.treeItem(ORG, 'Organizations').waitFor();
    // the welcome view gives way to the tree
    await ui.welcomeButton('Organizations', 'Create Organization').waitFor({ state: 'hidden' });
    // written to the store the setting points at, not to some default location
    assert.ok(fs.existsSync(ui.storePath), `store not written at ${ui.storePath}`);
    assert.match(fs.readFileSync(ui.storePath, 'utf8'), new RegExp(`"${ORG}"`));
    await ui.screenshot('org-in-tree');
  });

  await step(`clicking ${ORG} opens its page showing the name`, async () => {
    await ui.treeItem(ORG, 'Organizations').click();
    const name = ui.webview().locator('#org-name');
    // the page fills itself after its ready handshake: wait for the name, then check it is exactly that
    await ui.webview().locator('#org-name', { hasText: ORG }).waitFor();
    assert.equal((await name.textContent())?.trim(), ORG);
    await ui.screenshot('org-page');
  });

  await step('the org page logged no CSP violation', async () => ui.expectNoCspViolations());
}
