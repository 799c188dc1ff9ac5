// What a new user meets when publishing: the Explorer offers "Publish to Component Hub" only on Polyaxon files
// (`kind: component|operation`), not on every YAML file; and the version box left empty publishes the version its
// placeholder shows (v1 for a new component, then the next number), as the placeholder promises; and the component
// page keeps the version picked in it across a window reload.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ORG = 'choices-org';
const COMPONENT = `version: 1.1
kind: component
name: train
run:
  kind: job
  container:
    image: python:3.11
`;
const NOTES = 'title: Meeting notes\nitems: [data, training]\n';

export const workspace = { 'train.yaml': COMPONENT, 'notes.yaml': NOTES };

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  const publishEntry = page.getByRole('menuitem', { name: 'Publish to Component Hub' });

  /** Right-clicks a file in the Explorer and waits until its menu is open (its "Copy Path" entry is always there). */
  const openMenu = async fileName => {
    await page.keyboard.press('Control+Shift+E');
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${fileName}"]`);
    await row.waitFor();
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy Path' }).first().waitFor();
  };

  /** Answers the version box by pressing Enter on it empty; returns the placeholder it showed. */
  const acceptEmptyVersion = async () => {
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'version' }).waitFor();
    const input = ui.quickInput();
    assert.equal(await input.inputValue(), '');
    const placeholder = await input.getAttribute('placeholder');
    await input.press('Enter');
    return placeholder;
  };

  await step(`an organization ${ORG} to publish to`, async () => {
    await ui.openWorkbench();
    await ui.activityBarItem('Polyaxon Hub').waitFor();
    await ui.runCommand('Polyaxon: Create Organization');
    await ui.answerInput(ORG);
  });

  await step('right-click notes.yaml (plain YAML): no "Publish to Component Hub"; train.yaml (kind: component) has it', async () => {
    // the Polyaxon files are found by a scan at activation; until it has ended (polyaxonHub.polyaxonFilesKnown), every
    // YAML file offers the entry. An open menu never changes, so the scan's end shows only in a menu opened after it:
    // notes.yaml's menu is opened again until it lacks the entry (it must, within the timeout, once the scan ended)
    await openMenu('train.yaml');
    await publishEntry.waitFor();
    await page.keyboard.press('Escape');
    for (const end = Date.now() + 60_000; ;) {
      await openMenu('notes.yaml');
      if ((await publishEntry.count()) === 0) break;
      assert.ok(Date.now() < end, 'Publish to Component Hub is still offered on a YAML file that is not a Polyaxon file, 60 s after activation');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
    await openMenu('train.yaml');
    assert.equal(await publishEntry.count(), 1, 'the scan left train.yaml (kind: component) without the entry');
    await page.keyboard.press('Escape');
    await openMenu('notes.yaml');
    assert.equal(await publishEntry.count(), 0, 'Publish to Component Hub is offered on a YAML file that is not a Polyaxon file');
    await ui.screenshot('plain-yaml-menu');
    await page.keyboard.press('Escape');
  });

  await step('an empty version box publishes the version its placeholder shows: v1, then v2', async () => {
    await ui.explorerContextMenu('train.yaml', 'Publish to Component Hub');
    await ui.answerInput(ORG);
    assert.equal(await acceptEmptyVersion(), 'v1');
    await ui.notification(`Published ${ORG}/train:v1`).waitFor();

    fs.writeFileSync(path.join(ui.workspace, 'train.yaml'), COMPONENT.replace('python:3.11', 'python:3.12'));
    await ui.explorerContextMenu('train.yaml', 'Publish to Component Hub');
    await ui.answerInput(ORG);
    assert.equal(await acceptEmptyVersion(), 'v2');
    await ui.notification(`Published ${ORG}/train:v2`).waitFor();
    const db = JSON.parse(fs.readFileSync(ui.storePath, 'utf8'));
    assert.deepEqual(
      db.componentVersions
        .filter(v => v.org === ORG)
        .map(v => v.name)
        .sort(),
      ['v1', 'v2'],
    );
    assert.ok(db.componentVersions.find(v => v.name === 'v2').content.includes('python:3.12'));
    await ui.screenshot('published-v2');
  });

  await step('a file that becomes a Polyaxon file on disk is offered publishing at once', async () => {
    fs.writeFileSync(path.join(ui.workspace, 'notes.yaml'), COMPONENT.replace('name: train', 'name: notes'));
    // the file watcher reports the write a moment later, and an open menu does not change: look again until it shows
    for (const until = Date.now() + 60_000; ;) {
      await openMenu('notes.yaml');
      const offered = (await publishEntry.count()) > 0;
      await page.keyboard.press('Escape');
      if (offered) break;
      assert.ok(Date.now() < until, 'Publish to Component Hub is still not offered 60 s after notes.yaml became a component');
      await page.waitForTimeout(500);
    }
  });

  await pageKeepsVersion(ui, step);
}

/**
 * The component page keeps the version picked in it across a window reload (its key is saved with the panel).
 * @param {import('./helpers.mjs').Ui} ui
 */
async function pageKeepsVersion(ui, step) {
  const { assert, page } = ui;
  await step('the component page shows the version picked in it, and again after a window reload', async () => {
    await ui.openViewContainer('Polyaxon Hub');
    const component = ui.treeItem('train', 'Component Hub');
    if (!(await component.isVisible())) await ui.treeItem(ORG, 'Component Hub').click();
    await ui.contextMenu(component, 'Open Component Page');
    let frame = ui.webview();
    await frame.locator('#hub-ref', { hasText: `${ORG}/train:v2` }).waitFor();
    await frame.locator('#version-picker').selectOption('v1');
    await frame.locator('#hub-ref', { hasText: `${ORG}/train:v1` }).waitFor();
    // VS Code's own reload saves the open editors first; a bare page.reload() races that save
    await ui.runCommand('Developer: Reload Window');
    await page.waitForEvent('load');
    await page.locator('.monaco-workbench').waitFor();
    frame = ui.webview();
    await frame.locator('#hub-ref', { hasText: `${ORG}/train:v1` }).waitFor();
    assert.equal(await frame.locator('#version-picker').inputValue(), 'v1');
    await ui.screenshot('page-restored-v1');
  });
}
