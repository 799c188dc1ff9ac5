// Model Registry, end to end as a user does it: real MLflow runs in the workspace (written by MLflow itself) →
// right-click an output file in the Explorer → "Promote to Model Registry" → the version appears in the Registry
// tree → its page shows the lineage (run → artifact → version) → set the stage to production → promote a second
// version from the other run and compare the two side by side.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';

const ORG = 'acme-ml';
const PYTHON = path.join(ROOT, '.cache/py/mlflow/bin/python');

/**
 * Real MLflow runs (test/fixtures/make-runs.py run by the real MLflow), generated once into the fixture cache the
 * unit and host tests share (.cache/fixtures/runs/<script hash>/mlflow-sqlite, as test/fixtures/runs.ts lays it
 * out) and copied into `dir`. Returns the workspace-relative paths of each run's reports/notes.txt by its C.
 */
function writeMlflowRuns(workspace, dir) {
  const script = path.join(ROOT, 'test/fixtures/make-runs.py');
  const hash = createHash('sha256').update(fs.readFileSync(script)).digest('hex').slice(0, 12);
  const cached = path.join(ROOT, '.cache/fixtures/runs', hash, 'mlflow-sqlite');
  if (!fs.existsSync(path.join(cached, '.complete'))) {
    if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run scripts/setup-python once (the runs are written by the real MLflow)`);
    fs.rmSync(cached, { recursive: true, force: true });
    fs.mkdirSync(cached, { recursive: true });
    const r = spawnSync(PYTHON, [script, 'mlflow-sqlite', cached], {
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, MLFLOW_TRACKING_URI: '', GIT_PYTHON_REFRESH: 'quiet', PYTHONWARNINGS: 'ignore', TMPDIR: path.join(ROOT, '.cache/tmp') },
    });
    if (r.status !== 0) throw new Error(`make-runs.py failed: ${(r.stderr || '').slice(-2000)}`);
    fs.writeFileSync(path.join(cached, '.complete'), `${new Date().toISOString()}\n`);
  }
  fs.cpSync(cached, dir, { recursive: true, filter: f => path.basename(f) !== '.complete' });
  const notes = {};
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!f.endsWith(path.join('artifacts', 'reports', 'notes.txt'))) continue;
    const c = /C=([\d.]+)/.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1];
    if (c) notes[c] = path.relative(workspace, path.join(dir, f));
  }
  if (!notes['0.1'] || !notes['1.0']) throw new Error(`the MLflow runs have no reports/notes.txt per C: ${JSON.stringify(notes)}`);
  return notes;
}

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  let notes;

  /** Opens a workspace file and reveals it in the Explorer; returns its (selected) Explorer row. */
  async function revealInExplorer(rel) {
    await page.keyboard.press('Control+P');
    await ui.quickInput().fill(rel);
    // Quick Open lists the recently opened notes.txt of the other run first: pick the row of this run's file,
    // named by the longest segment of its path (the run id)
    const runSegment = rel.split(/[\\/]/).reduce((a, b) => (b.length > a.length ? b : a));
    const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: runSegment }).first();
    await entry.waitFor();
    await page.waitForTimeout(300);
    await entry.click();
    await page.locator('.tab.active', { hasText: path.basename(rel) }).waitFor();
    await ui.runCommand('File: Reveal Active File in Explorer View');
    const row = page.locator(`.explorer-folders-view .monaco-list-row.selected.focused[aria-label="${path.basename(rel)}"]`);
    await row.waitFor();
    return row;
  }

  async function promoteFromExplorer(rel, options) {
    return promoteFrom(await revealInExplorer(rel), options);
  }

  /** Right-click → Promote to Model Registry on `target` (an Explorer row or a Runs item), then answer the prompts. */
  async function promoteFrom(target, { newModel }) {
    await ui.contextMenu(target, 'Promote to Model Registry');
    // one org and no project: nothing to pick; then the model (a new one is named), the version, the framework
    if (newModel) await ui.answerInput(newModel, { prompt: 'Model name' });
    else await ui.answerInput('iris', { prompt: 'Pick a model' });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'version of' }).waitFor();
    const version = await ui.quickInput().inputValue();
    assert.match(version, /^v\d+$/, 'the next v<n> is proposed');
    await ui.answerInput(version);
    // the framework is asked only when no MLmodel names it
    const title = page.locator('.quick-input-widget .quick-input-title');
    await title.filter({ hasText: /framework|deployment notes/ }).waitFor();
    if (/framework/.test(await title.innerText())) await ui.answerInput('sklearn');
    await ui.answerInput('', { prompt: 'deployment notes' });
    return version;
  }

  await step('real MLflow runs in the workspace, an organization to promote to', async () => {
    notes = writeMlflowRuns(ui.workspace, path.join(ui.workspace, 'iris'));
    await ui.openWorkbench();
    await ui.activityBarItem('Polyaxon Hub').waitFor();
    await ui.runCommand('Polyaxon: Create Organization');
    await ui.answerInput(ORG);
    await ui.openViewContainer('Polyaxon Hub');
    await ui.treeItem('logreg-c1.0', 'Runs').waitFor();
    await ui.screenshot('runs');
  });

  await step('right-click a run\'s output file in the Explorer → "Promote to Model Registry" → model, version, framework', async () => {
    await promoteFromExplorer(notes['1.0'], { newModel: 'iris' });
    await ui.notification(`Promoted ${ORG}/iris:v1`).waitFor();
    await ui.screenshot('promoted');
  });

  await step('the version appears in the Model Registry tree, at stage testing', async () => {
    await ui.openViewContainer('Polyaxon Hub');
    const version = ui.treeItem('v1', 'Model Registry');
    // promote reveals it when the view is open; else open org → model by hand
    if (
      !(await version.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await ui.treeItem(ORG, 'Model Registry').click();
      await ui.treeItem('iris', 'Model Registry').click();
      await version.waitFor();
    }
    assert.match(await version.innerText(), /testing/);
  });

  await step('"Open Version" shows its page with the lineage: run → artifact → version', async () => {
    await page
      .locator('.notifications-toasts .notification-list-item', { hasText: `Promoted ${ORG}/iris:v1` })
      .getByRole('button', { name: 'Open Version' })
      .click();
    const frame = ui.webview();
    await frame.locator('#version-ref', { hasText: `${ORG}/iris:v1` }).waitFor();
    const graph = frame.locator('#lineage-graph');
    await graph.waitFor();
    const text = await graph.textContent();
    assert.match(text, /logreg-c1\.0/);
    assert.match(text, /notes\.txt/);
    assert.match(text, new RegExp(`${ORG}/iris:v1`));
    assert.match(await frame.locator('#params').innerText(), /C\s+1\.0/);
    // the metric curves are drawn (uPlot canvases)
    assert.ok((await frame.locator('#charts canvas').count()) >= 2, 'no metric curves drawn');
    await ui.screenshot('version-page');
  });

  await step('set the stage to production from the page, with a reason', async () => {
    await ui.webview().locator('#action-setStage').click();
    await ui.answerInput('production', { prompt: 'Stage of' });
    await ui.answerInput('best holdout accuracy', { prompt: 'Reason' });
    await ui.notification(`${ORG}/iris:v1 is now production`).waitFor();
    await ui.webview().locator('#version-stage', { hasText: 'production' }).waitFor();
    await ui.webview().locator('#stage-history', { hasText: 'best holdout accuracy' }).waitFor();
    assert.match(await ui.treeItem('v1', 'Model Registry').innerText(), /production/);
    await ui.screenshot('production');
  });

  await step("promote the other run's output as v2 and compare the two versions side by side", async () => {
    // the second version comes from the Runs view (the Explorer holds two notes.txt rows, one per run)
    await ui.openViewContainer('Polyaxon Hub');
    await promoteFrom(ui.treeItem('logreg-c0.1', 'Runs'), { newModel: undefined });
    await ui.notification(`Promoted ${ORG}/iris:v2`).waitFor();
    await ui.openViewContainer('Polyaxon Hub');
    await ui.contextMenu(ui.treeItem('v1', 'Model Registry'), 'Compare Model Versions…');
    const frame = ui.webview();
    const params = frame.locator('#params');
    await params.waitFor();
    const row = frame.locator('#params tr.differs', { hasText: 'C' });
    await row.waitFor();
    assert.match(await row.innerText(), /1\.0\s+0\.1/);
    assert.ok((await frame.locator('#charts canvas').count()) >= 2, 'no curves in the comparison');
    await ui.screenshot('compare');
  });
}
