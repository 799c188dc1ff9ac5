// Another process writes the store while VS Code is open: the `polyaxon-hub` CLI (the same core, as a CI script
// or a teammate on a shared folder would) creates an organization and adds a member. The tree and the open
// organization page show both without a reload, through the store's file watching.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, '--as', 'tester', ...args], { encoding: 'utf8' });
  // the Component Hub view lists the same orgs: look only inside the Organizations view
  const node = label => ui.treeItem(label, 'Organizations');

  await step('the sidebar starts empty (welcome view)', async () => {
    await ui.openWorkbench();
    await ui.openViewContainer('Polyaxon Hub');
    await ui.view('Organizations').locator('.welcome-view-content').getByRole('button', { name: 'Create Organization' }).waitFor();
  });

  await step('an org created by the CLI appears in the tree without a reload', async () => {
    cli('org', 'create', 'from-cli', '--description', 'Created by a script');
    await node('from-cli').waitFor();
  });

  await step('a member added by the CLI appears on the open org page', async () => {
    await node('from-cli').click();
    const web = ui.webview();
    await web.locator('#org-name', { hasText: 'from-cli' }).waitFor();
    cli('member', 'add', 'from-cli', 'carol', '--role', 'viewer');
    await web.locator('#members td', { hasText: /^carol$/ }).waitFor();
    await ui.screenshot('cli-write-seen');
  });

  await step('"Polyaxon: Open Organization Page" from the palette asks which org and opens its page', async () => {
    // focus the tree, not the webview (keys typed in a webview do not reach the workbench): the twistie only expands
    await node('from-cli').locator('.monaco-tl-twistie').click();
    await ui.runCommand('View: Close All Editors'); // so the page must be opened anew
    await ui.webview().locator('#org-name').waitFor({ state: 'detached' });
    await ui.runCommand('Polyaxon: Open Organization Page');
    await ui.answerInput('from-cli');
    await ui.webview().locator('#org-name', { hasText: 'from-cli' }).waitFor();
  });
}
