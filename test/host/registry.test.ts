// In a real VS Code extension host: the Model Registry through its real commands and views. Runs written by the
// real MLflow (test/fixtures/make-runs.py) are copied into the workspace after activation, so only the file
// watcher can bring them into the Runs view; then promote (with lineage), stage, compare, verify, download,
// export, reveal and delete.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModelVersionRef, ModelVersionView, RunSummary, VerifyReport, WriteResult } from '../../src/core/client';
import type { RegistryFeature } from '../../src/features/registry/register';
import type { ModelItem, ModelVersionItem, RegistryOrgItem } from '../../src/features/registry/registryTree';
import type { RunFileItem, RunGroupItem, RunItem, RunsNode } from '../../src/features/registry/runsTree';
import type { HubSession } from '../../src/host/session';
import { runFixture } from '../fixtures/runs';
import { eventually } from './helpers/eventually';

const ROOT = path.resolve(__dirname, '../../..');

async function extension(): Promise<{ session: HubSession; registry: RegistryFeature }> {
  const ext = vscode.extensions.getExtension<{ session: HubSession; registry: RegistryFeature }>('polyaxon-hub.polyaxon-hub');
  assert.ok(ext);
  return ext.activate();
}

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri.fsPath;
}

/** The fixture helper finds the repository from the working directory: the extension host's may be elsewhere. */
function fixture(tool: 'mlflow-sqlite'): string {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return runFixture(tool);
  } finally {
    process.chdir(cwd);
  }
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(f => path.join(dir, f)).filter(f => fs.statSync(f).isFile());
}

describe('Model Registry (in the extension host)', function () {
  this.timeout(180000);
  const org = `reg-${Date.now()}`;
  let feature: RegistryFeature;
  let project: string;
  const runNamed = (name: string) => feature.discovery.runs().find(r => r.name === name);

  before(async () => {
    feature = (await extension()).registry;
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
    project = path.join(workspaceDir(), 'iris-mlflow');
    // copied after activation: the first scan has run already, so only the watcher can find these
    await feature.discovery.ready();
    fs.cpSync(fixture('mlflow-sqlite'), project, { recursive: true });
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('registers the registry commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['promote', 'openVersion', 'setStage', 'compare', 'verify', 'download', 'export', 'revealRun', 'copyRef', 'deleteVersion', 'stageAt']) {
      assert.ok(commands.includes(`polyaxonHub.registry.${id}`), `polyaxonHub.registry.${id} is not registered`);
    }
  });

  it('discovers the MLflow runs copied into the workspace through the file watcher, with status, params, metrics and outputs', async () => {
    const run = await eventually(() => runNamed('logreg-c1.0'), 'the MLflow runs in the Runs view');
    assert.equal(run.source, 'mlflow');
    assert.equal(run.status, 'succeeded');
    assert.equal(run.params.C, '1.0');
    const failed = await eventually(() => runNamed('broken'), 'the failed run');
    assert.equal(failed.status, 'failed');

    const roots = await feature.runs.getChildren();
    const item = roots.find((n): n is RunItem => n.kind === 'run' && n.run.key === run.key);
    assert.ok(item, 'the run is not in the Runs view');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.match(String(item.description), /succeeded/);
    const failedItem = roots.find((n): n is RunItem => n.kind === 'run' && n.run.key === failed.key);
    assert.equal((failedItem?.iconPath as vscode.ThemeIcon).id, 'error');

    const children = await feature.runs.getChildren(item);
    const group = (g: string) => children.find((n): n is RunGroupItem => n.kind === 'group' && n.group === g);
    const params = await feature.runs.getChildren(group('params'));
    assert.ok(
      params.some(p => p.label === 'C' && p.description === '1.0'),
      'param C=1.0 missing',
    );
    const metrics = await feature.runs.getChildren(group('metrics'));
    const loss = metrics.find(m => m.label === 'loss');
    assert.ok(loss, 'metric loss missing');
    assert.match(String(loss.description), /best .*min/);
    const files = children.filter((n): n is RunFileItem => n.kind === 'file').map(f => f.file.path);
    assert.ok(files.includes('reports/notes.txt'), `outputs: ${files.join(', ')}`);
    assert.ok(files.includes('empty.txt'), '0-byte output missing');
  });

  it('shows a malformed run with its error and keeps the others', async () => {
    const broken = path.join(workspaceDir(), 'broken-polyaxon', 'runs', '0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f');
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'run.plx.json'), '{"uuid": "0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f", "name": ');
    const run = await eventually(
      () => feature.discovery.runs().find(r => r.id === '0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f' || r.path === broken),
      'the malformed run',
    );
    assert.ok(run.error, 'a malformed run.plx.json must show an error');
    const item = (await feature.runs.getChildren()).find((n): n is RunItem => n.kind === 'run' && n.run.key === run.key);
    assert.equal(item?.description, 'cannot be read');
    assert.ok(runNamed('logreg-c1.0'), 'the other runs are still there');
  });

  let v1: ModelVersionView;
  let v3: ModelVersionView;
  const ref = (v: ModelVersionView): ModelVersionRef => ({ org: v.org, model: v.model, version: v.name });

  it("promotes a run's logged model with its lineage, copied into the artifact store", async () => {
    const run = runNamed('logreg-c1.0')!;
    const view = await feature.runs.getChildren((await feature.runs.getChildren()).find(n => n.kind === 'run' && (n as RunItem).run.key === run.key));
    const files = view.filter((n): n is RunFileItem => n.kind === 'file');
    const notes = files.find(f => f.file.path === 'reports/notes.txt')!;
    const runView = await (await extension()).session.hub.runs.get(run.key);
    assert.ok(runView.models.length, 'the run logged a model');
    const model = runView.models[0];

    const promoted = await vscode.commands.executeCommand<ModelVersionView>('polyaxonHub.registry.promote', {
      paths: [model.absolutePath, notes.promotePath],
      org,
      model: 'iris',
      run: run.key,
      deploymentNotes: 'serve with model-server',
    });
    assert.ok(promoted, 'promote returned nothing');
    v1 = promoted;
    assert.equal(v1.name, 'v1');
    assert.equal(v1.stage, 'testing');
    assert.equal(v1.framework, 'sklearn', 'the framework comes from the MLmodel flavors');
    assert.equal(v1.lineage.runId, run.id);
    assert.equal(v1.lineage.params.C, '1.0');
    assert.ok(v1.lineage.metrics.loss, 'metrics recorded');
    const recorded = v1.lineage.files.find(f => f.path.endsWith('notes.txt'));
    assert.ok(recorded, `files: ${v1.lineage.files.map(f => f.path).join(', ')}`);
    assert.equal(recorded.sha256, sha256(notes.promotePath));

    // it shows in the Registry tree: org → model → version, stage as icon and description
    const orgItem = (await feature.registry.getChildren()).find((n): n is RegistryOrgItem => n.kind === 'org' && n.org.name === org);
    assert.ok(orgItem);
    const modelItem = (await feature.registry.getChildren(orgItem)).find((n): n is ModelItem => n.kind === 'model' && n.model.name === 'iris');
    assert.ok(modelItem);
    const versionItem = (await feature.registry.getChildren(modelItem)).find((n): n is ModelVersionItem => n.kind === 'version' && n.version.name === 'v1');
    assert.ok(versionItem);
    assert.match(String(versionItem.description), /^testing · sklearn/);
    assert.equal((versionItem.iconPath as vscode.ThemeIcon).id, 'beaker');
    // the owner gets the stage and delete entries (menus match these)
    assert.match(versionItem.contextValue!, /^modelVersion\b.*\bcan:modelVersion\.write\b/);
    assert.match(versionItem.contextValue!, /\bcan:version\.delete\b/);
  });

  it("a file promoted from inside a discovered run (as from the Explorer) gets that run's lineage by itself", async () => {
    const run = runNamed('logreg-c0.1')!;
    const runView = await (await extension()).session.hub.runs.get(run.key);
    const notes = runView.files.find(f => f.path === 'reports/notes.txt')!;
    const promoted = await vscode.commands.executeCommand<ModelVersionView>('polyaxonHub.registry.promote', {
      paths: [notes.absolutePath],
      org,
      model: 'iris-notes',
      framework: 'custom',
    });
    assert.ok(promoted);
    assert.equal(promoted.lineage.runId, run.id);
    assert.equal(promoted.lineage.runName, 'logreg-c0.1');
  });

  it('sets the stage with a reason; the history and the version page show it', async () => {
    const updated = await vscode.commands.executeCommand<ModelVersionView>('polyaxonHub.registry.setStage', ref(v1), {
      stage: 'production',
      reason: 'best holdout accuracy',
    });
    assert.equal(updated?.stage, 'production');
    const last = updated.stageHistory.at(-1)!;
    assert.equal(last.stage, 'production');
    assert.equal(last.reason, 'best holdout accuracy');
    assert.equal(last.who, 'tester');

    await vscode.commands.executeCommand('polyaxonHub.registry.openVersion', ref(v1));
    const page = feature.versionPage(ref(v1));
    assert.ok(page, 'no version page opened');
    const state = await page.loadState();
    assert.equal(state.stage, 'production');
    assert.equal(state.lineage.runName, 'logreg-c1.0');
    assert.deepEqual(
      state.stageHistory.map(h => h.stage),
      ['testing', 'production'],
    );
    assert.ok(
      state.curves.some(c => c.name === 'loss' && c.points.length === 5),
      'the loss curve (5 steps) is on the page',
    );
    assert.ok(state.artifacts.every(a => /^[0-9a-f]{64}$/.test(a.sha256)));

    // "what was in production at time T", from the history
    const now = await vscode.commands.executeCommand<{ ref: string }[]>(
      'polyaxonHub.registry.stageAt',
      { org, model: 'iris' },
      { when: new Date(Date.now() + 1000).toISOString() },
    );
    assert.deepEqual(
      now?.map(v => v.ref),
      [`${org}/iris:v1`],
    );
    const before = await vscode.commands.executeCommand<{ ref: string }[]>('polyaxonHub.registry.stageAt', { org, model: 'iris' }, { when: v1.createdAt });
    assert.deepEqual(before, []);
  });

  it('compares two versions side by side: params, metrics, artifacts and curves', async () => {
    const run = runNamed('logreg-c0.1')!;
    const runView = await (await extension()).session.hub.runs.get(run.key);
    const promoted = await vscode.commands.executeCommand<ModelVersionView>('polyaxonHub.registry.promote', {
      paths: [runView.models[0].absolutePath],
      org,
      model: 'iris',
      run: run.key,
    });
    assert.ok(promoted);
    v3 = promoted;
    assert.equal(v3.name, 'v2', 'the next v<n> of the model');
    const refs = await vscode.commands.executeCommand<ModelVersionRef[]>('polyaxonHub.registry.compare', [ref(v1), ref(v3)]);
    assert.equal(refs?.length, 2);
    const page = feature.comparePage(refs!);
    assert.ok(page, 'no comparison page opened');
    const state = await page.loadState();
    const c = state.params.find(r => r.name === 'C');
    assert.deepEqual(c?.values, ['1.0', '0.1']);
    assert.equal(c?.differs, true);
    assert.ok(state.params.find(r => r.name === 'solver')?.differs === false);
    assert.ok(state.metrics.some(r => r.name === 'accuracy' && r.differs));
    assert.ok(
      state.curves.find(x => x.name === 'loss')?.series.every(s => s && s.points.length === 5),
      'a loss curve per version',
    );
  });

  it('verifies a version, and reports a blob changed behind its back', async () => {
    const report = await vscode.commands.executeCommand<VerifyReport>('polyaxonHub.registry.verify', ref(v1));
    assert.equal(report?.ok, true);
    assert.equal(report.checked, v1.lineage.files.length);
    // the content-addressed store keeps each file under its sha256: tamper with the notes' blob
    const notes = v1.lineage.files.find(f => f.path.endsWith('notes.txt'))!;
    const storeDir = path.dirname((await extension()).session.hub.location);
    const blob = filesUnder(storeDir).find(f => path.basename(f).startsWith(notes.sha256) || f.includes(notes.sha256));
    assert.ok(blob, `no blob named by ${notes.sha256} under ${storeDir}`);
    const original = fs.readFileSync(blob);
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, 'tampered\n');
    try {
      const bad = await vscode.commands.executeCommand<VerifyReport>('polyaxonHub.registry.verify', ref(v1));
      assert.equal(bad?.ok, false);
      assert.deepEqual(
        bad.changed.map(c => c.path),
        [notes.path],
      );
      assert.equal(bad.changed[0].expected, notes.sha256);
    } finally {
      fs.writeFileSync(blob, original);
    }
  });

  it('downloads into the workspace without overwriting a changed file unless told, and exports version.plx.json', async () => {
    const dir = path.join(workspaceDir(), 'downloaded');
    const first = await vscode.commands.executeCommand<WriteResult>('polyaxonHub.registry.download', ref(v1), { dir });
    assert.equal(first?.status, 'written');
    const notes = v1.lineage.files.find(f => f.path.endsWith('notes.txt'))!;
    const local = path.join(dir, notes.path);
    assert.equal(sha256(local), notes.sha256);
    fs.writeFileSync(local, 'my edit\n');
    const again = await vscode.commands.executeCommand<WriteResult>('polyaxonHub.registry.download', ref(v1), { dir, conflict: 'skip' });
    assert.equal(again?.status, 'written');
    assert.ok(again.status === 'written' && again.skipped.includes(notes.path), 'the changed file is reported as kept');
    assert.equal(fs.readFileSync(local, 'utf8'), 'my edit\n');

    const out = path.join(workspaceDir(), 'exported');
    const exported = await vscode.commands.executeCommand<WriteResult>('polyaxonHub.registry.export', ref(v1), { dir: out });
    assert.equal(exported?.status, 'written');
    const plx = JSON.parse(fs.readFileSync(path.join(out, 'v1', 'version.plx.json'), 'utf8'));
    assert.equal(plx.name, 'v1');
    assert.equal(plx.stage, 'production');
    assert.equal(plx.run, v1.lineage.runId);
  });

  it('reveals the source run in the Runs view', async () => {
    const item = await vscode.commands.executeCommand<RunsNode>('polyaxonHub.registry.revealRun', ref(v1));
    assert.ok(item?.kind === 'run', 'the run was not revealed');
    assert.equal((item.run as RunSummary).id, v1.lineage.runId);
  });

  it('copies the model reference and deletes a version (admin)', async () => {
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.registry.copyRef', ref(v3)), `${org}/iris:v2`);
    assert.equal(await vscode.env.clipboard.readText(), `${org}/iris:v2`);
    const deleted = await vscode.commands.executeCommand<{ freedBlobs: number }>('polyaxonHub.registry.deleteVersion', ref(v3), { confirm: true });
    assert.ok(deleted, 'delete returned nothing');
    const model = await (await extension()).session.hub.registry.model(org, 'iris');
    assert.deepEqual(
      model.versions.map(v => v.name),
      ['v1'],
    );
  });

  it('a viewer sees the versions but gets no stage or delete entries, and a stage change is refused naming the role', async () => {
    const { session } = await extension();
    const hub = session.hub;
    const ro = `${org}-ro`;
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: ro }), ro);
    const run = runNamed('logreg-c1.0')!;
    const runView = await hub.runs.get(run.key);
    const promoted = await vscode.commands.executeCommand<ModelVersionView>('polyaxonHub.registry.promote', {
      paths: [runView.models[0].absolutePath],
      org: ro,
      model: 'iris',
      run: run.key,
    });
    assert.ok(promoted);
    // hand the org to someone else and step down to viewer
    await hub.members.add(ro, 'olivia', 'owner');
    await hub.members.setRole(ro, hub.user.username, 'viewer');

    const orgItem = (await feature.registry.getChildren()).find((n): n is RegistryOrgItem => n.kind === 'org' && n.org.name === ro);
    assert.ok(orgItem, 'a viewer still sees the org in the registry');
    const modelItem = (await feature.registry.getChildren(orgItem)).find((n): n is ModelItem => n.kind === 'model' && n.model.name === 'iris');
    assert.ok(modelItem);
    const versionItem = (await feature.registry.getChildren(modelItem)).find((n): n is ModelVersionItem => n.kind === 'version');
    assert.ok(versionItem);
    assert.doesNotMatch(versionItem.contextValue!, /\bcan:modelVersion\.write\b/);
    assert.doesNotMatch(versionItem.contextValue!, /\bcan:version\.delete\b/);
    await assert.rejects(hub.registry.setStage(ref(promoted), 'production', 'sneaky'), /member or higher; you are viewer/);
    // the command shows the refusal and changes nothing
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.registry.setStage', ref(promoted), { stage: 'production', reason: 'sneaky' }), undefined);
    assert.equal((await hub.registry.version(ro, 'iris', 'v1')).stage, 'testing');
  });
});
