// Managing an organization as a user does: add a member from the organization page (webview → extension →
// store → tree), then create a project from the tree's context menu, which only offers what the role allows.
const ORG = 'vision-lab';

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  // the Component Hub view lists the same orgs: look only inside the Organizations view
  const node = label => ui.treeItem(label, 'Organizations');

  await step(`create ${ORG} and open its page`, async () => {
    await ui.openWorkbench();
    await ui.openViewContainer('Polyaxon Hub');
    await ui.runCommand('Polyaxon: Create Organization');
    await ui.answerInput(ORG);
    await node(ORG).click();
    await ui.webview().locator('#org-name', { hasText: ORG }).waitFor();
    // the status bar says who Polyaxon Hub acts as (and which org is active)
    await page.locator('[id$="polyaxonHub.activeOrg"]', { hasText: 'tester' }).waitFor();
  });

  await step('add bob as viewer from the page: he is listed on the page and in the tree', async () => {
    const web = ui.webview();
    await web.locator('input[aria-label="Username to add"]').fill('bob');
    await web.locator('select[aria-label="Role of the new member"]').selectOption('viewer');
    await web.locator('vscode-button', { hasText: 'Add Member' }).click();
    await web.locator('#members td', { hasText: /^bob$/ }).waitFor();
    // the owner sees the org's recent activity, newest first
    await web
      .locator('#activity tr', { hasText: 'member.add' })
      .filter({ hasText: `${ORG}/bob` })
      .waitFor();
    await ui.screenshot('member-added-on-page');
    await node(ORG).locator('.monaco-tl-twistie').click();
    await node('Members').click();
    const bob = node('bob');
    await bob.waitFor();
    assert.match(await bob.innerText(), /viewer/);
  });

  await step('a refused role change on the page says why and shows the role the member still has', async () => {
    const web = ui.webview();
    const mine = web.locator('select[aria-label="Role of tester"]');
    await mine.selectOption('manager');
    await web.locator('#status.error', { hasText: 'last owner' }).waitFor();
    // the store still has tester as owner: the page must not keep showing the refused choice
    let shown = await mine.inputValue();
    for (const end = Date.now() + 30_000; shown !== 'owner' && Date.now() < end; shown = await mine.inputValue()) await page.waitForTimeout(100);
    assert.equal(shown, 'owner', 'the dropdown still shows the refused role');
    await web.locator('#status.error', { hasText: 'last owner' }).waitFor();
  });

  await step('the org context menu offers Create Project to the owner, and it lands in the tree', async () => {
    await ui.contextMenu(node(ORG), 'Create Project');
    await ui.answerInput('detector');
    await ui.answerInput('Object detection models');
    // the group becomes expandable once the refreshed tree counts the new project: wait for that, then expand
    await node('Projects').and(page.locator('[aria-expanded="false"]')).click();
    await node('detector').waitFor();
    await ui.screenshot('project-in-tree');
  });

  await step('after a window reload the org page comes back with its content (panel serializer)', async () => {
    // VS Code's own reload saves the open editors first; a bare page.reload() races that save
    await ui.runCommand('Developer: Reload Window');
    await page.waitForEvent('load');
    await page.locator('.monaco-workbench').waitFor();
    await ui.webview().locator('#org-name', { hasText: ORG }).waitFor();
    await ui.webview().locator('#members td', { hasText: /^bob$/ }).waitFor();
  });
}
