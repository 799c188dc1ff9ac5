// The README's screenshot, taken from the real VS Code in the dark theme: the Polyaxon Hub side bar (an
// organization with members, teams and projects; published components; runs; a model with versions) beside a
// project page with its rendered readme. Seeded as a user would: the demo workspace `npm start` opens, the CLI for
// the organization, publish and promote. Saved in test-results/ every run; written to media/screenshot.png when
// UPDATE_README_SCREENSHOT=1 (see the README: `UPDATE_README_SCREENSHOT=1 npm run test:ui -- readmeScreenshot`).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/code-server.mjs';
import { writeDemoWorkspace } from '../../scripts/demo-workspace.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');
const ORG = 'vision-lab';
const TARGET = path.join(ROOT, 'media/screenshot.png');
const MAX_BYTES = 300 * 1024;

const README = `# Object detection

Trains and evaluates the **detector** models behind the warehouse cameras.

- Data: \`s3://vision-lab/datasets/pallets\` (connection \`datasets\`)
- Weekly retraining; a version reaches production after review by the *detection* team.

| Model | mAP@0.5 | Latency |
|:--|--:|--:|
| detector v2 | 0.71 | 18 ms |
| detector v1 | 0.64 | 21 ms |

See [the evaluation notes](https://example.com/vision-lab/evaluation).
`;

export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

/** @param {import('./helpers.mjs').Ui} ui */
export default async function (ui, step) {
  const { assert, page } = ui;
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--store', ui.storePath, '--as', 'tester', ...args], { encoding: 'utf8' });

  await step('seed: the demo workspace, an organization with people, teams, projects, components and a model', async () => {
    writeDemoWorkspace(ui.workspace);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-shot-'));
    fs.writeFileSync(path.join(tmp, 'README.md'), README);
    cli('org', 'create', ORG);
    cli('org', 'update', ORG, '--description', 'Computer vision research and the models behind the warehouse cameras');
    for (const [user, role] of [
      ['alice', 'admin'],
      ['bob', 'member'],
      ['carol', 'member'],
      ['dan', 'viewer'],
    ]) {
      cli('member', 'add', ORG, user, '--role', role);
    }
    cli('project', 'create', ORG, 'detector', '--description', 'Object detection for the warehouse cameras', '--tag', 'vision', '--tag', 'pytorch');
    cli('project', 'update', ORG, 'detector', '--readme', path.join(tmp, 'README.md'));
    cli('project', 'connection', 'set', ORG, 'detector', 'datasets', '--kind', 's3', '--description', 'Labelled pallet images');
    cli('project', 'create', ORG, 'segmentation', '--description', 'Pixel masks for quality control', '--tag', 'vision');
    cli('project', 'create', ORG, 'forecasting', '--description', 'Demand forecasts per warehouse', '--tag', 'tabular');
    cli('team', 'create', ORG, 'detection', '--description', 'Owns the detector models');
    cli('team', 'member', 'add', ORG, 'detection', 'alice', '--role', 'admin');
    cli('team', 'member', 'add', ORG, 'detection', 'bob', '--role', 'member');
    cli('team', 'grant', ORG, 'detection', 'detector', '--role', 'member');
    cli('team', 'quota', ORG, 'detection', '--storage', '50 GB', '--model-versions', '100');
    cli('team', 'create', ORG, 'platform', '--description', 'Data and serving infrastructure');
    cli('team', 'member', 'add', ORG, 'platform', 'carol', '--role', 'member');
    cli('team', 'grant', ORG, 'platform', 'detector', '--role', 'viewer');
    for (const file of ['train-classifier.yaml', 'model-server.yaml']) {
      cli('publish', path.join(ui.workspace, 'components', file), '--org', ORG, '--version', '1.0');
    }
    const weights = path.join(tmp, 'detector');
    fs.mkdirSync(weights);
    for (const [n, note] of [
      [1, 'Baseline on the first labelled batch'],
      [2, 'Retrained with the night-shift images'],
    ]) {
      fs.writeFileSync(path.join(weights, 'model.pt'), Buffer.alloc(4096 * n, n));
      cli('promote', weights, '--model', `${ORG}/detector`, '--project', 'detector', '--framework', 'pytorch', '--description', note);
    }
    cli('models', 'stage', `${ORG}/detector:v1`, 'production', '--reason', 'Passed the review of the detection team');
    cli('models', 'stage', `${ORG}/detector:v2`, 'staging', '--reason', 'Shadow traffic this week');
  });

  await step('the side bar, expanded, beside the project page, in the dark theme', async () => {
    await ui.openWorkbench();
    await ui.openViewContainer('Polyaxon Hub');
    const expand = async (label, view) => {
      const item = ui.treeItem(label, view);
      await item.waitFor();
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('.monaco-tl-twistie').click();
    };
    await expand(ORG, 'Organizations');
    // the pane fits the org's rows and its three projects, not its teams too
    await expand('Projects', 'Organizations');
    await expand(ORG, 'Component Hub');
    await expand(ORG, 'Model Registry');
    await expand('detector', 'Model Registry');
    // the status bar names the active organization, as for someone who works in it
    await ui.runCommand('Polyaxon: Switch Active Organization');
    // the org's row in the picker: the palette's own box is still up while the picker reads the orgs
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Switch Active Organization' }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${ORG}$`) }) }).click();
    await page.locator('[id$="polyaxonHub.activeOrg"]', { hasText: ORG }).waitFor();
    await ui.treeItem('detector', 'Organizations').click();
    const web = ui.webview();
    await web.locator('#readme h1', { hasText: 'Object detection' }).waitFor();
    assert.match(await web.locator('body').getAttribute('class'), /\bvscode-dark\b/);
    // hovers and the tree's focus outline would be in the picture
    await page.mouse.move(900, 880);
    await page.waitForTimeout(1000);
    const shot = await ui.screenshot('readme-screenshot');
    const size = fs.statSync(shot).size;
    assert.ok(size < MAX_BYTES, `the screenshot is ${Math.round(size / 1024)} KB (at most ${MAX_BYTES / 1024} KB for the README)`);
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      fs.copyFileSync(shot, TARGET);
      ui.log(`wrote ${path.relative(ROOT, TARGET)} (${Math.round(size / 1024)} KB)`);
    }
  });
}
