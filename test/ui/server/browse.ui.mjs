// Against Polyaxon's own API server (haupt, started and seeded by npm run test:server), as a user does it: sign in
// from the palette (URL and password typed into the input boxes), the status bar names the server and the user, the
// sidebar hides what the server lacks (no teams or members, one row that says why; no Create Team in the palette),
// browse the server's projects and runs in the Runs view, right-click the run's model artifact → Promote to Model
// Registry, set the version's stage, publish a component file of the workspace from the Explorer and set its stage.
// Screenshots: test-results/ui-server/browse/NN-server-*.png.

const SERVER = process.env.POLYAXON_TEST_SERVER ?? '';
const USER = process.env.POLYAXON_TEST_USER ?? '';
const PASSWORD = process.env.POLYAXON_TEST_PASSWORD ?? '';
const SEED = JSON.parse(process.env.POLYAXON_TEST_SEED ?? '{}');
const COMPONENT_NAME = 'scorer';

export const workspace = {
  [`${COMPONENT_NAME}.yaml`]: `version: 1.1
kind: component
name: ${COMPONENT_NAME}
description: Scores a model on the holdout set
tags: [eval]
inputs:
  - name: threshold
    type: float
    value: 0.5
    isOptional: true
outputs:
  - name: auc
    type: float
run:
  kind: job
  container:
    name: main
    image: python:3.11
    command: [python, score.py]
`,
};

/** @param {import('../helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  if (!SERVER) throw new Error('POLYAXON_TEST_SERVER is not set: run this test with `npm run test:server`, which starts and seeds haupt.');
  const host = new URL(SERVER).host;
  const version = `v-ui-${Date.now().toString(36)}`;
  const status = () => page.locator('[id="workbench.parts.statusbar"] .statusbar-item', { hasText: 'Polyaxon:' });

  /** Opens or closes a view's pane in the side bar: four views share it, and a row below a small pane's fold is not rendered. */
  async function pane(name, open) {
    const header = ui.view(name).locator('.pane-header');
    await header.waitFor();
    if (((await header.getAttribute('aria-expanded')) === 'true') !== open) await header.click();
  }

  /**
   * Expands a tree item and sees it stay expanded: a click on an expanded one would collapse it, and the tree may
   * expand it by itself meanwhile (a reveal), so it looks again after each click instead of clicking blind.
   */
  async function expand(item) {
    await item.waitFor();
    for (let tries = 0; (await item.getAttribute('aria-expanded')) !== 'true'; tries++) {
      assert.ok(tries < 5, `${await item.innerText()} did not stay expanded`);
      await item.locator('.monaco-tl-twistie').click();
      await page.waitForFunction(row => row.getAttribute('aria-expanded') === 'true', await item.elementHandle(), { timeout: 5000 }).catch(() => {});
    }
  }

  /**
   * Waits for `row`, expanding `parents` (outermost first) whenever it is not shown: a refresh while the server is
   * slow can give a tree back with a parent collapsed, so one expansion is not enough to wait on.
   */
  async function showRow(row, ...parents) {
    for (const end = Date.now() + 170_000; ;) {
      const shown = await row.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) return;
      assert.ok(Date.now() < end, 'the row did not show with its parents expanded');
      // a parent not shown (yet) is looked for again on the next round, not waited on here
      for (const parent of parents) {
        if (!(await parent.isVisible())) break;
        await expand(parent);
      }
    }
  }

  /** A version's row, by the whole ref its accessible name begins with (every component and model has a "v1"). */
  const versionRow = (viewName, ref) => ui.view(viewName).getByRole('treeitem', { name: `${ref}, ` });

  /** The title of the quick pick that opened, once it is the one asking for a stage ("Stage of <ref>"). */
  async function stagePickerTitle() {
    const title = page.locator('.quick-input-widget .quick-input-title', { hasText: /^Stage of / });
    await title.waitFor();
    return title.innerText();
  }

  await step('the status bar says local store before signing in', async () => {
    await ui.openWorkbench();
    // the extension starts with its views (no startup activation): the status bar item comes with it
    await ui.openViewContainer('Polyaxon Hub');
    await status().waitFor();
    assert.match(await status().innerText(), /Polyaxon: local · tester/);
  });

  await step('"Polyaxon: Sign In to Server": the URL and user:password typed into the input boxes', async () => {
    await ui.runCommand('Polyaxon: Sign In to Server');
    await ui.answerInput(SERVER, { prompt: "server's address" });
    await ui.answerInput(`${USER}:${PASSWORD}`, { prompt: 'API token' });
    await ui.notification(`Signed in to Polyaxon CE 2.16.4 at ${SERVER} as ${USER}`).waitFor();
    await status()
      .filter({ hasText: `${host} · ${USER}` })
      .waitFor();
    await ui.screenshot('server-signed-in');
  });

  await step('the Organizations view shows the one owner with its projects, and says why there are no teams or members', async () => {
    await ui.openViewContainer('Polyaxon Hub');
    const owner = ui.treeItem(SEED.owner, 'Organizations');
    await expand(owner);
    await ui.treeItem('Projects', 'Organizations').waitFor();
    await ui.treeItem('No members, teams or activity log on this server', 'Organizations').waitFor();
    assert.equal(await ui.treeItem('Teams', 'Organizations').count(), 0, 'no Teams group on the server');
    assert.equal(await ui.treeItem('Members', 'Organizations').count(), 0, 'no Members group on the server');
    await ui.screenshot('server-organizations');
  });

  await step('the palette offers no Create Team, Add Member or Create Organization on the server', async () => {
    for (const title of ['Polyaxon: Create Team', 'Polyaxon: Add Member', 'Polyaxon: Create Organization']) {
      await page.keyboard.press('F1');
      await ui.quickInput().fill(`>${title}`);
      // wait for the list to settle on what the palette does offer, then look for the exact entry
      await page.waitForTimeout(800);
      const exact = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: new RegExp(`^${title}$`) });
      assert.equal(await exact.count(), 0, `${title} is offered on the server`);
      await page.keyboard.press('Escape');
    }
    // the palette still has what the server does offer
    await page.keyboard.press('F1');
    await ui.quickInput().fill('>Polyaxon: Use Local Store Instead of Server');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Use Local Store Instead of Server' }).first().waitFor();
    await ui.screenshot('server-palette');
    await page.keyboard.press('Escape');
  });

  await step("the Runs view lists the server's projects and runs: the seeded run with its inputs, metrics and lineage", async () => {
    await ui.openViewContainer('Polyaxon Hub');
    // panes keep their sizes: with the other three closed, the Runs pane has the side bar to itself
    await pane('Organizations', false);
    await pane('Component Hub', false);
    await pane('Model Registry', false);
    await expand(ui.treeItem(SEED.project, 'Runs'));
    const run = ui.treeItem(SEED.run.name, 'Runs');
    await run.waitFor();
    assert.match(await run.innerText(), /succeeded/);
    await expand(run);
    await expand(ui.treeItem('Metrics', 'Runs'));
    // the curves the polyaxon client logged: the last point of each, read from the server's events
    // (the lineage lists a `loss` event file too: the Metrics row is the one with a step)
    await ui
      .treeItem('loss', 'Runs')
      .filter({ hasText: /0\.3 \(step 2\)/ })
      .waitFor();
    const model = ui.treeItem('model', 'Runs');
    await model.waitFor();
    assert.match(await model.innerText(), /output · model · pytorch/);
    await ui.screenshot('server-runs');
  });

  await step('right-click the model artifact → "Promote to Model Registry" → model, version, notes', async () => {
    await ui.contextMenu(ui.treeItem('model', 'Runs'), 'Promote to Model Registry');
    // the model: the run's project, picked from the list when it has versions already, else named (suggested)
    const title = page.locator('.quick-input-widget .quick-input-title');
    await title.filter({ hasText: /model in/ }).waitFor();
    if (/new model/.test(await title.innerText())) await ui.answerInput(SEED.project, { prompt: 'Model name' });
    else await ui.answerInput(SEED.project, { prompt: 'Pick a model' });
    await title.filter({ hasText: 'version of' }).waitFor();
    assert.match(await ui.quickInput().inputValue(), /^v\d+$/, 'the next v<n> is proposed');
    await ui.answerInput(version);
    // the framework comes from the lineage (pytorch): no question
    await title.filter({ hasText: 'deployment notes' }).waitFor();
    await ui.answerInput('serve with torchserve');
    await ui.notification(`Promoted ${SEED.owner}/${SEED.project}:${version}`).waitFor();
    await ui.screenshot('server-promoted');
  });

  await step('the version is in the Model Registry; "Set Model Version Stage…" moves it to production', async () => {
    await ui.openViewContainer('Polyaxon Hub');
    await pane('Runs', false);
    await pane('Model Registry', true);
    const ref = `${SEED.owner}/${SEED.project}:${version}`;
    const item = versionRow('Model Registry', ref);
    await showRow(item, ui.treeItem(SEED.owner, 'Model Registry'), ui.treeItem(SEED.project, 'Model Registry'));
    assert.match(await item.innerText(), /testing/);
    await ui.contextMenu(item, 'Set Model Version Stage…');
    assert.equal(await stagePickerTitle(), `Stage of ${ref}`, 'the picker is about the right-clicked version');
    await ui.answerInput('production');
    await ui.answerInput('beats the baseline', { prompt: 'Reason' });
    await ui.notification(`${SEED.owner}/${SEED.project}:${version} is now production`).waitFor();
    await versionRow('Model Registry', ref).filter({ hasText: 'production' }).waitFor();
    await ui.screenshot('server-stage');
  });

  await step(`right-click ${COMPONENT_NAME}.yaml → "Publish to Component Hub" → it is published on the server`, async () => {
    await ui.explorerContextMenu(`${COMPONENT_NAME}.yaml`, 'Publish to Component Hub');
    await ui.answerInput(SEED.owner, { prompt: 'organization' });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'version' }).waitFor();
    await ui.answerInput('v1');
    await ui.notification(`Published ${SEED.owner}/${COMPONENT_NAME}:v1 to ${SERVER}`).waitFor();
    await ui.screenshot('server-published');
  });

  await step('in the Component Hub view, "Set Stage of Version…" moves it to staging', async () => {
    await ui.openViewContainer('Polyaxon Hub');
    await pane('Model Registry', false);
    await pane('Component Hub', true);
    const ref = `${SEED.owner}/${COMPONENT_NAME}:v1`;
    const v1 = versionRow('Component Hub', ref);
    await showRow(v1.filter({ hasText: /testing/ }), ui.treeItem(SEED.owner, 'Component Hub'), ui.treeItem(COMPONENT_NAME, 'Component Hub'));
    await ui.contextMenu(v1, 'Set Stage of Version…');
    assert.equal(await stagePickerTitle(), `Stage of ${ref}`, 'the picker is about the right-clicked version');
    await ui.answerInput('staging');
    await v1.filter({ hasText: /staging/ }).waitFor();
    await ui.screenshot('server-component-stage');
  });
}
