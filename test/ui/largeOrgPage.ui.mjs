// A large org's page (issue 9 item 5): 10,000 projects, 1,000 members and 250 teams. Each long list shows its first
// 200 rows, a "Show more (N more)" button that adds 200 by mouse or keyboard, and the whole count in its header; the
// extra rows survive a redraw pushed by a change made elsewhere (the CLI). Prints the time from the click that
// opens the page to its first project row. Then a large team (every member, access to every project) and a large
// project (every team has access, 250 models) page the same way.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');
const ORG = 'big';
const PROJECTS = 10_000;
const MEMBERS = 1_000;
const TEAMS = 250;
const MODELS = 250;

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, '--as', 'tester', ...args], { encoding: 'utf8' });

  await step(`a store with an org of ${PROJECTS} projects, ${MEMBERS} members and ${TEAMS} teams`, async () => {
    // one of each made by the CLI gives the store's own format; the rest are copies of them, renamed
    cli('org', 'create', ORG);
    cli('project', 'create', ORG, 'project0', '--description', 'A project with a description of ordinary length.', '--tag', 'vision');
    cli('team', 'create', ORG, 'team0', '--description', 'A team');
    const db = JSON.parse(fs.readFileSync(ui.storePath, 'utf8'));
    const [project] = db.projects;
    const [team] = db.teams;
    for (let i = 1; i < PROJECTS; i++) db.projects.push({ ...project, name: `project${i}` });
    for (let i = 1; i < TEAMS; i++) db.teams.push({ ...team, name: `team${i}` });
    const org = db.orgs.find(o => o.name === ORG);
    for (let i = 1; i < MEMBERS; i++) org.members.push({ user: `user${i}`, role: 'member' });
    // team0: all 1,000 members and access to all 10,000 projects; every other team: access to project0
    const team0 = db.teams[0];
    team0.members = org.members.map(m => ({ user: m.user, role: 'member' }));
    team0.projects = db.projects.map(p => ({ project: p.name, role: 'viewer' }));
    for (const t of db.teams.slice(1)) t.projects = [{ project: 'project0', role: 'viewer' }];
    // project0 holds 250 models (no versions)
    for (let i = 0; i < MODELS; i++) {
      db.models.push({
        org: ORG,
        name: `model${i}`,
        project: 'project0',
        description: 'A model',
        tags: [],
        createdBy: 'tester',
        createdAt: project.createdAt,
        updatedAt: project.createdAt,
      });
    }
    fs.writeFileSync(ui.storePath, JSON.stringify(db));
    assert.match(cli('org', 'show', ORG), /big/);
    await ui.openWorkbench();
    await ui.openViewContainer('Polyaxon Hub');
    await ui.treeItem(ORG, 'Organizations').waitFor();
  });

  await step('opening the page shows 200 rows of each long list, a Show more button and the whole counts', async () => {
    const start = Date.now();
    await ui.treeItem(ORG, 'Organizations').click();
    const web = ui.webview();
    // hang guard only: the figure is printed, not asserted
    await web.locator('#projects tbody tr').first().waitFor({ timeout: 120_000 });
    ui.log(`time from opening the org page to its first project row: ${Date.now() - start} ms`);
    assert.equal(await web.locator('#projects tbody tr').count(), 200);
    assert.equal(await web.locator('#members tbody tr').count(), 200);
    assert.equal(await web.locator('#teams tbody tr').count(), 200);
    assert.equal((await web.locator('#projects-more').textContent())?.trim(), 'Show more (9,800 more)');
    assert.equal((await web.locator('#members-more').textContent())?.trim(), 'Show more (800 more)');
    assert.equal((await web.locator('#teams-more').textContent())?.trim(), 'Show more (50 more)');
    const badges = await web.locator('section h2 .badge').allTextContents();
    for (const n of [PROJECTS, MEMBERS, TEAMS]) assert.ok(badges.includes(String(n)), `no header counts ${n}: ${badges}`);
    await ui.screenshot('large-org-page');
  });

  await step('clicking Show more adds 200 projects', async () => {
    const web = ui.webview();
    await web.locator('#projects-more').click();
    await web.locator('#projects tbody tr').nth(399).waitFor();
    assert.equal(await web.locator('#projects tbody tr').count(), 400);
    assert.equal((await web.locator('#projects-more').textContent())?.trim(), 'Show more (9,600 more)');
  });

  await step('Enter on the focused button shows more, and the focus stays on it', async () => {
    const web = ui.webview();
    await web.locator('#members-more').focus();
    await page.keyboard.press('Enter');
    await web.locator('#members tbody tr').nth(399).waitFor();
    assert.equal(await web.locator('#members tbody tr').count(), 400);
    assert.equal(await web.locator('#members-more').evaluate(b => b === b.ownerDocument.activeElement), true, 'the focus left the button');
    // the last page leaves no button: 250 teams are all shown after one more
    await web.locator('#teams-more').focus();
    await page.keyboard.press('Space');
    await web.locator('#teams tbody tr').nth(249).waitFor();
    await web.locator('#teams-more').waitFor({ state: 'detached' });
  });

  await step('a change made by the CLI redraws the page and keeps the rows asked for', async () => {
    cli('org', 'update', ORG, '--description', 'Changed elsewhere');
    const web = ui.webview();
    await web.locator('#org-description', { hasText: 'Changed elsewhere' }).waitFor({ timeout: 60_000 });
    assert.equal(await web.locator('#projects tbody tr').count(), 400);
    assert.equal(await web.locator('#members tbody tr').count(), 400);
    assert.equal(await web.locator('#teams tbody tr').count(), 250);
  });

  await step(`a team with ${MEMBERS} members and access to ${PROJECTS} projects: its page shows 200 of each and Show more`, async () => {
    const node = label => ui.treeItem(label, 'Organizations');
    if ((await node(ORG).getAttribute('aria-expanded')) !== 'true') await node(ORG).locator('.monaco-tl-twistie').click();
    await node('Teams').click();
    await node('team0').click();
    const web = ui.webview();
    await web.locator('#team-name', { hasText: 'team0' }).waitFor({ timeout: 120_000 });
    await web.locator('#team-members tbody tr').first().waitFor({ timeout: 120_000 });
    assert.equal(await web.locator('#team-members tbody tr').count(), 200);
    assert.equal(await web.locator('#team-projects tbody tr').count(), 200);
    assert.equal((await web.locator('#team-members-more').textContent())?.trim(), 'Show more (800 more)');
    assert.equal((await web.locator('#team-projects-more').textContent())?.trim(), 'Show more (9,800 more)');
    const badges = await web.locator('section h2 .badge').allTextContents();
    for (const n of [MEMBERS, PROJECTS]) assert.ok(badges.includes(String(n)), `no header counts ${n}: ${badges}`);
    await ui.screenshot('large-team-page');
    // by keyboard: Enter on the focused button adds 200 and keeps the focus on it
    await web.locator('#team-projects-more').focus();
    await page.keyboard.press('Enter');
    await web.locator('#team-projects tbody tr').nth(399).waitFor();
    assert.equal(await web.locator('#team-projects tbody tr').count(), 400);
    assert.equal((await web.locator('#team-projects-more').textContent())?.trim(), 'Show more (9,600 more)');
    assert.equal(await web.locator('#team-projects-more').evaluate(b => b === b.ownerDocument.activeElement), true, 'the focus left the button');
    await web.locator('#team-members-more').click();
    await web.locator('#team-members tbody tr').nth(399).waitFor();
  });

  await step(`a project every team has access to, with ${MODELS} models: its page shows 200 of each and Show more`, async () => {
    await ui.webview().locator('a[aria-label="Open project project0"]').click();
    const web = ui.webview();
    await web.locator('#project-name', { hasText: 'project0' }).waitFor({ timeout: 120_000 });
    await web.locator('#team-access tbody tr').first().waitFor();
    assert.equal(await web.locator('#team-access tbody tr').count(), 200);
    assert.equal(await web.locator('#project-models tbody tr').count(), 200);
    assert.equal((await web.locator('#team-access-more').textContent())?.trim(), 'Show more (50 more)');
    assert.equal((await web.locator('#project-models-more').textContent())?.trim(), 'Show more (50 more)');
    const badges = await web.locator('section h2 .badge').allTextContents();
    for (const n of [TEAMS, MODELS]) assert.ok(badges.includes(String(n)), `no header counts ${n}: ${badges}`);
    await ui.screenshot('large-project-page');
    await web.locator('#project-models-more').focus();
    await page.keyboard.press('Space');
    await web.locator('#project-models tbody tr').nth(249).waitFor();
    await web.locator('#project-models-more').waitFor({ state: 'detached' });
    await web.locator('#team-access-more').click();
    await web.locator('#team-access tbody tr').nth(249).waitFor();
  });

  await step('a change made by the CLI redraws the project page and keeps the rows asked for', async () => {
    cli('project', 'update', ORG, 'project0', '--description', 'Changed elsewhere');
    const web = ui.webview();
    for (const end = Date.now() + 60_000; Date.now() < end && (await web.locator('input[aria-label="Description"]').inputValue()) !== 'Changed elsewhere';) {
      await page.waitForTimeout(200);
    }
    assert.equal(await web.locator('input[aria-label="Description"]').inputValue(), 'Changed elsewhere');
    assert.equal(await web.locator('#project-models tbody tr').count(), 250);
    assert.equal(await web.locator('#team-access tbody tr').count(), 250);
  });

  await step(`a team with access to one of ${PROJECTS} projects grants another by typing its name (suggested), not from a select`, async () => {
    await ui.webview().locator('a[aria-label="Open team team1"]').click();
    const web = ui.webview();
    await web.locator('#team-name', { hasText: 'team1' }).waitFor({ timeout: 120_000 });
    const field = web.locator('input[aria-label="Project to grant"]');
    await field.waitFor();
    assert.equal(await web.locator('select[aria-label="Project to grant"]').count(), 0, 'a select of 9,999 projects');
    assert.equal(await web.locator('#grantable-projects option').count(), PROJECTS - 1, 'every project not granted yet is suggested');
    // a name that is none of them is refused on the page, and nothing is granted
    await field.fill('project-none');
    await field.press('Enter');
    await web.locator('#status.error', { hasText: 'project-none' }).waitFor();
    await field.fill('project9876');
    await field.press('Enter');
    await web.locator('#team-projects a[aria-label="Open project project9876"]').waitFor({ timeout: 60_000 });
    const team1 = JSON.parse(fs.readFileSync(ui.storePath, 'utf8')).teams.find(t => t.name === 'team1');
    assert.deepEqual(team1.projects.map(p => p.project).sort(), ['project0', 'project9876']);
    await ui.screenshot('large-team-page-grant');
  });
}
