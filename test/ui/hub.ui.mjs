// Component Hub, end to end as a user does it: right-click a component file in the Explorer → Publish to
// Component Hub → pick the organization and type the version in the quick inputs → the version appears in the
// Component Hub tree → its page (a webview) shows the component → compare it with the workspace file (a diff editor).
import * as fs from 'node:fs';

const ORG = 'acme-ml';
const COMPONENT = `version: 1.1
kind: component
name: train
description: Trains a model on the team's dataset
tags: [training]
inputs:
- name: lr
  type: float
  value: 0.01
  isOptional: true
- name: data
  type: str
outputs:
- name: loss
  type: float
run:
  kind: job
  container:
    image: python:3.11
    command: [python, train.py, "--lr={{ lr }}"]
`;

export const workspace = { 'train.yaml': COMPONENT };

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;

  await step(`an organization ${ORG} to publish to`, async () => {
    await ui.openWorkbench();
    await ui.activityBarItem('Polyaxon Hub').waitFor();
    await ui.runCommand('Polyaxon: Create Organization');
    await ui.answerInput(ORG);
    await ui.openViewContainer('Polyaxon Hub');
    await ui.treeItem(ORG, 'Organizations').waitFor();
  });

  await step('right-click train.yaml → "Publish to Component Hub" → organization and version in the quick inputs', async () => {
    await ui.explorerContextMenu('train.yaml', 'Publish to Component Hub');
    // the organization QuickPick: typing filters it, Enter takes the match
    await ui.answerInput(ORG);
    // then the version InputBox
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'version' }).waitFor();
    await ui.answerInput('v1');
    await ui.notification(`Published ${ORG}/train:v1`).waitFor();
    const db = JSON.parse(fs.readFileSync(ui.storePath, 'utf8'));
    const v = db.componentVersions.find(x => x.org === ORG && x.component === 'train' && x.name === 'v1');
    assert.ok(v, 'the version is not in the store');
    assert.equal(v.content, COMPONENT);
    assert.equal(v.sourcePath, 'train.yaml');
    await ui.screenshot('published');
  });

  await step('it appears in the Component Hub tree: org → train → v1 (stage, author)', async () => {
    await ui.openViewContainer('Polyaxon Hub');
    const hub = ui.view('Component Hub');
    await hub.waitFor();
    const org = ui.treeItem(ORG, 'Component Hub');
    await org.waitFor();
    if ((await org.getAttribute('aria-expanded')) !== 'true') await org.click();
    const component = ui.treeItem('train', 'Component Hub');
    await component.waitFor();
    if ((await component.getAttribute('aria-expanded')) !== 'true') await component.locator('.monaco-tl-twistie').click();
    const version = ui.treeItem('v1', 'Component Hub');
    await version.waitFor();
    assert.match(await version.locator('.label-description').textContent(), /testing · tester/);
    await ui.screenshot('hub-tree');
  });

  await step('"Open Component Page" shows the component name, inputs and a hubRef snippet', async () => {
    await ui.contextMenu(ui.treeItem('train', 'Component Hub'), 'Open Component Page');
    const frame = ui.webview();
    await frame.locator('#component-name', { hasText: 'train' }).waitFor();
    assert.equal((await frame.locator('#component-name').textContent())?.trim(), 'train');
    assert.equal((await frame.locator('#hub-ref').textContent())?.trim(), `${ORG}/train:v1`);
    assert.match(await frame.locator('#snippet').textContent(), new RegExp(`hubRef: ${ORG}/train:v1`));
    await frame.locator('#inputs').getByText('lr', { exact: true }).waitFor();
    await ui.screenshot('component-page');
  });

  await step('v1 → "Compare Published Version with File" → train.yaml opens a diff editor', async () => {
    await ui.contextMenu(ui.treeItem('v1', 'Component Hub'), 'Compare Published Version with File');
    await ui.answerInput('train.yaml');
    await page.locator('.monaco-diff-editor').first().waitFor();
    await page
      .locator('.tab', { hasText: `${ORG}/train:v1 ↔ train.yaml` })
      .first()
      .waitFor();
    await ui.screenshot('diff');
  });
}
