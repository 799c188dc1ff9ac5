// Publishing while the Component Hub view is open shows the new version there at once: its org and
// component expand and the version is selected (the tree must not walk the snapshot cached before the write).
const ORG = 'reveal-org';
const COMPONENT = `version: 1.1
kind: component
name: train
run:
  kind: job
  container:
    image: python:3.11
`;

export const workspace = { 'train.yaml': COMPONENT };

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;

  await step(`an organization ${ORG}, the Component Hub view open, train.yaml in the editor`, async () => {
    await ui.openWorkbench();
    await ui.activityBarItem('Polyaxon Hub').waitFor();
    await ui.runCommand('Polyaxon: Create Organization');
    await ui.answerInput(ORG);
    await page.keyboard.press('Control+P');
    await ui.quickInput().fill('train.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'train.yaml' }).first().waitFor();
    await page.waitForTimeout(300);
    await ui.quickInput().press('Enter');
    await page.locator('.tab', { hasText: 'train.yaml' }).waitFor();
    await ui.openViewContainer('Polyaxon Hub');
    await ui.treeItem(ORG, 'Component Hub').waitFor();
  });

  await step('"Publish to Component Hub" from the palette reveals and selects the new version in the tree', async () => {
    await ui.runCommand('Polyaxon: Publish to Component Hub');
    await ui.answerInput(ORG);
    await ui.answerInput('v1');
    await ui.notification(`Published ${ORG}/train:v1`).waitFor();
    const version = ui.treeItem('v1', 'Component Hub');
    await version.waitFor({ timeout: 5000 });
    assert.equal(await version.getAttribute('aria-selected'), 'true');
    await ui.screenshot('revealed');
  });
}
