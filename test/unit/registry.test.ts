// The Model Registry through the core door (hub.registry): promote real runs' outputs (MLflow 3.7
// SQLite store, Polyaxon offline) with lineage into the content-addressed store, stages with history,
// verify, compare, download/export, delete — and every way a promote can go wrong leaving nothing behind.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openHub, type HubClient } from '../../src/core/client';
import { MemoryStore } from '../../src/core/store/memoryStore';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { runFixture } from '../fixtures/runs';
import { helperScript, tempDir } from './helpers/tmp';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/runs');
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function blobsUnder(artifacts: string): string[] {
  const root = path.join(artifacts, 'sha256');
  return fs.existsSync(root) ? fs.readdirSync(root).flatMap(p => fs.readdirSync(path.join(root, p))) : [];
}
function stagingUnder(artifacts: string): string[] {
  const root = path.join(artifacts, 'staging');
  return fs.existsSync(root) ? fs.readdirSync(root) : [];
}

/** A big file of pseudo-random bytes, written in chunks (never held whole in memory). */
function bigFile(file: string, mib: number): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < mib; i++) {
    chunk.fill(i % 251);
    chunk.writeUInt32LE(i, 0);
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
}

interface World {
  hub: HubClient;
  as: (user: string) => HubClient;
  store: MemoryStore;
  artifacts: string;
  work: string;
  cleanup: () => void;
}

async function world(): Promise<World> {
  const { dir, cleanup } = tempDir('phub-reg-');
  const store = new MemoryStore();
  const artifacts = path.join(dir, 'artifacts');
  const as = (user: string) => openHub(store, { username: user }, { artifactsDir: artifacts });
  const hub = as('alice');
  await hub.orgs.create('acme');
  await hub.projects.create('acme', 'vision');
  await hub.members.add('acme', 'bob', 'member');
  await hub.members.add('acme', 'vic', 'viewer');
  const work = path.join(dir, 'work');
  fs.mkdirSync(work);
  return { hub, as, store, artifacts, work, cleanup };
}

describe('registry: promote', function () {
  this.timeout(10 * 60_000);
  let w: World;
  let sqlite: string;
  before(() => {
    runFixture('mlflow-sqlite');
    runFixture('polyaxon');
  });
  beforeEach(async () => {
    w = await world();
    sqlite = path.join(w.work, 'proj');
    fs.cpSync(runFixture('mlflow-sqlite'), sqlite, { recursive: true });
  });
  afterEach(() => w.cleanup());

  async function mlflowRun(name = 'logreg-c1.0') {
    const runs = await w.hub.runs.list([sqlite]);
    return w.hub.runs.get(runs.find(r => r.name === name)!.key);
  }

  it('promotes an MLflow 3 logged model with lineage; files are copied by hash; deleting the run loses nothing', async () => {
    const run = await mlflowRun();
    const modelDir = run.models[0].absolutePath;
    const plan = await w.hub.registry.planPromote({ org: 'acme', model: 'iris', project: 'vision', paths: [modelDir], createModel: true });
    assert.equal(plan.nextVersion, 'v1');
    assert.equal(plan.detectedFramework, 'sklearn');
    assert.equal(plan.run?.id, run.id, 'the lineage attaches itself: the folder is inside a discovered run');
    assert.equal(plan.problem, undefined);
    const phases = new Set<string>();
    const auditBefore = (await w.store.read()).audit.length;
    const { version } = await w.hub.registry.promote({
      org: 'acme',
      model: 'iris',
      project: 'vision',
      paths: [modelDir],
      createModel: true,
      deploymentNotes: 'serve with mlflow models serve',
      onProgress: p => phases.add(p.phase),
    });
    assert.deepEqual([...phases], ['checking', 'copying', 'recording']);
    assert.equal((await w.store.read()).audit.length, auditBefore + 1, 'one audit event for the promote (model created with it)');
    assert.equal(version.name, 'v1');
    assert.equal(version.ref, 'acme/iris:v1');
    assert.equal(version.stage, 'testing');
    assert.equal(version.framework, 'sklearn');
    assert.equal(version.deploymentNotes, 'serve with mlflow models serve');
    assert.equal(version.stageHistory.length, 1);
    assert.equal(version.stageHistory[0].who, 'alice');
    const l = version.lineage;
    assert.equal(l.runId, run.id);
    assert.equal(l.source, 'mlflow');
    assert.deepEqual(l.params, run.params);
    assert.equal(l.metrics.loss.latest, 0.1);
    assert.equal(l.metrics.loss.best, 0.1);
    assert.equal(l.metricHistory.loss.length, 5);
    assert.ok(l.files.some(f => f.path === 'MLmodel'));
    for (const f of l.files) {
      assert.equal(f.sha256, sha(path.join(modelDir, f.path)));
      assert.ok(fs.existsSync(path.join(w.artifacts, 'sha256', f.sha256.slice(0, 2), f.sha256)));
    }
    fs.rmSync(sqlite, { recursive: true });
    const report = await w.hub.registry.verify({ org: 'acme', model: 'iris', version: 'v1' });
    assert.equal(report.ok, true);
    assert.equal(report.checked, l.files.length);
    assert.deepEqual(stagingUnder(w.artifacts), []);
  });

  it('next version is v2; identical content is stored once; 0-byte files are fine', async () => {
    const run = await mlflowRun();
    const empty = run.files.find(f => f.path === 'empty.txt')!;
    assert.equal(empty.size, 0);
    const a = await w.hub.registry.promote({ org: 'acme', model: 'iris', paths: [run.artifactRoot!], createModel: true, framework: 'custom' });
    assert.ok(a.version.lineage.files.some(f => f.path === 'empty.txt' && f.size === 0));
    const plan = await w.hub.registry.planPromote({ org: 'acme', model: 'iris', paths: [run.artifactRoot!] });
    assert.equal(plan.nextVersion, 'v2');
    const b = await w.hub.registry.promote({ org: 'acme', model: 'iris', paths: [run.artifactRoot!] });
    assert.equal(b.version.name, 'v2');
    assert.equal(b.storedBytes, 0);
    await assert.rejects(w.hub.registry.promote({ org: 'acme', model: 'iris', version: 'v2', paths: [run.artifactRoot!] }), /already has a version "v2"/);
  });

  it('a promote cancelled mid-copy records nothing and leaves no blob and no staging', async () => {
    const runDir = path.join(w.work, 'plx');
    fs.cpSync(runFixture('polyaxon'), runDir, { recursive: true });
    const run = (await w.hub.runs.list([runDir])).find(r => r.name === 'iris-sgd')!;
    const big = path.join(run.path, 'outputs', 'weights.bin');
    bigFile(big, 48);
    const controller = new AbortController();
    await assert.rejects(
      w.hub.registry.promote({
        org: 'acme',
        model: 'sgd',
        paths: [path.join(run.path, 'outputs')],
        createModel: true,
        signal: controller.signal,
        onProgress: p => {
          if (p.phase === 'copying' && p.bytesDone > 0) controller.abort();
        },
      }),
      (e: Error & { code?: string }) => e.code === 'cancelled',
    );
    const db = await w.store.read();
    assert.equal(db.modelVersions.length, 0);
    assert.equal(db.models.length, 0);
    assert.deepEqual(blobsUnder(w.artifacts), []);
    assert.deepEqual(stagingUnder(w.artifacts), []);
  });

  it('team quotas are checked before anything is copied', async () => {
    const run = await mlflowRun();
    await w.hub.teams.create('acme', 'ml');
    await w.hub.teams.grant('acme', 'ml', 'vision', 'member');
    await w.hub.teams.setQuota('acme', 'ml', { storageBytes: 100 });
    const request = { org: 'acme', model: 'iris', project: 'vision', paths: [run.models[0].absolutePath], createModel: true };
    const plan = await w.hub.registry.planPromote(request);
    assert.match(plan.problem!, /quota of 100 B/);
    await assert.rejects(w.hub.registry.promote(request), /Team "ml" of acme has a registry storage quota of 100 B; it uses 0 B and this promote needs/);
    assert.ok(!fs.existsSync(path.join(w.artifacts, 'staging')), 'no staging folder was even made');
    await w.hub.teams.setQuota('acme', 'ml', { storageBytes: null, modelVersions: 1 });
    assert.deepEqual((await w.hub.teams.get('acme', 'ml')).usage, { storageBytes: 0, modelVersions: 0 });
    const promoted = await w.hub.registry.promote(request);
    await assert.rejects(w.hub.registry.promote(request), /may keep 1 model version in its projects and already has 1;/);
    assert.equal((await w.store.read()).modelVersions.length, 1);
    // the team page shows what the quota counts: the version, and the distinct content it holds
    const stored = new Map(promoted.version.lineage.files.map(f => [f.sha256, f.size]));
    assert.deepEqual((await w.hub.teams.get('acme', 'ml')).usage, {
      modelVersions: 1,
      storageBytes: [...stored.values()].reduce((a, b) => a + b, 0),
    });
    assert.ok([...stored.values()].reduce((a, b) => a + b, 0) > 0);
  });

  it('refuses a symlink that points outside the run; one inside it is fine', async () => {
    const runDir = path.join(w.work, 'plx');
    fs.cpSync(runFixture('polyaxon'), runDir, { recursive: true });
    const run = (await w.hub.runs.list([runDir])).find(r => r.name === 'iris-sgd')!;
    const outside = path.join(w.work, 'secret.txt');
    fs.writeFileSync(outside, 'not part of the run');
    const outputs = path.join(run.path, 'outputs');
    fs.symlinkSync(path.join(outputs, 'model.bin'), path.join(outputs, 'model-link.bin'));
    const inside = await w.hub.registry.promote({ org: 'acme', model: 'sgd', paths: [outputs], createModel: true });
    assert.ok(inside.version.lineage.files.some(f => f.path === 'model-link.bin'));
    fs.symlinkSync(outside, path.join(outputs, 'escape.txt'));
    await assert.rejects(
      w.hub.registry.promote({ org: 'acme', model: 'sgd', paths: [outputs] }),
      (e: Error & { code?: string }) => e.code === 'symlink-escape' && /escape\.txt/.test(e.message),
    );
    assert.equal((await w.store.read()).modelVersions.length, 1);
    assert.deepEqual(stagingUnder(w.artifacts), []);
  });

  it('a viewer may not promote; the refusal names the role needed', async () => {
    const run = await mlflowRun();
    await assert.rejects(
      w.as('vic').registry.promote({ org: 'acme', model: 'iris', paths: [run.models[0].absolutePath], createModel: true }),
      /needs role member or higher; you are viewer/,
    );
  });

  it('promotes a Polyaxon run output: lineage from the run, framework from its model lineage', async () => {
    const runDir = path.join(w.work, 'plx');
    fs.cpSync(runFixture('polyaxon'), runDir, { recursive: true });
    const run = (await w.hub.runs.list([runDir])).find(r => r.name === 'iris-sgd')!;
    const { version } = await w.hub.registry.promote({ org: 'acme', model: 'sgd', paths: [path.join(run.path, 'outputs', 'model.bin')], createModel: true });
    assert.equal(version.framework, 'pytorch');
    assert.equal(version.lineage.source, 'polyaxon');
    assert.equal(version.lineage.runId, run.id);
    assert.deepEqual(
      version.lineage.files.map(f => f.path),
      ['model.bin'],
    );
    assert.equal(version.lineage.params.optimizer, 'sgd');
  });

  it('any folder (no run): a manual "folder" lineage with the git state of the folder', async () => {
    const dir = path.join(w.work, 'loose');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'weights.onnx'), 'onnx-bytes');
    const { version } = await w.hub.registry.promote({ org: 'acme', model: 'loose', paths: [dir], createModel: true, framework: 'onnx' });
    assert.equal(version.lineage.source, 'folder');
    assert.equal(version.lineage.runId, undefined);
    assert.equal(version.framework, 'onnx');
    const inRepo = await w.hub.registry.planPromote({ org: 'acme', model: 'loose', paths: [path.join(process.cwd(), 'package.json')] });
    assert.equal(inRepo.run, undefined);
  });
});

describe('registry: stages, verify, compare, download, export, delete', function () {
  this.timeout(10 * 60_000);
  let w: World;
  const v = (version: string) => ({ org: 'acme', model: 'iris', version });
  beforeEach(async () => {
    w = await world();
    const proj = path.join(w.work, 'proj');
    fs.cpSync(runFixture('mlflow-sqlite'), proj, { recursive: true });
    const runs = await w.hub.runs.list([proj]);
    for (const name of ['logreg-c0.1', 'logreg-c1.0']) {
      const run = await w.hub.runs.get(runs.find(r => r.name === name)!.key);
      await w.hub.registry.promote({ org: 'acme', model: 'iris', project: 'vision', paths: [run.models[0].absolutePath], createModel: true });
    }
  });
  afterEach(() => w.cleanup());

  it('stage changes carry who, when and why; "what was in production at T" comes from the history', async () => {
    const before = new Date().toISOString();
    await new Promise(r => setTimeout(r, 5));
    await w.as('bob').registry.setStage(v('v1'), 'staging', 'passed offline eval');
    const view = await w.hub.registry.setStage(v('v1'), 'production', 'A/B test won');
    await new Promise(r => setTimeout(r, 5));
    const t1 = new Date().toISOString();
    await new Promise(r => setTimeout(r, 5));
    await w.hub.registry.setStage(v('v2'), 'production', 'retrained');
    await w.hub.registry.setStage(v('v1'), 'disabled', 'superseded by v2');
    assert.deepEqual(
      view.stageHistory.map(c => [c.stage, c.from, c.who, c.reason]),
      [
        ['testing', undefined, 'alice', 'ModelVersionCreated'],
        ['staging', 'testing', 'bob', 'passed offline eval'],
        ['production', 'staging', 'alice', 'A/B test won'],
      ],
    );
    assert.deepEqual(
      (await w.hub.registry.stageAt('acme', 'iris', before)).map(x => x.name),
      [],
    );
    assert.deepEqual(
      (await w.hub.registry.stageAt('acme', 'iris', t1)).map(x => x.name),
      ['v1'],
    );
    assert.deepEqual(
      (await w.hub.registry.stageAt('acme', 'iris', new Date().toISOString())).map(x => x.name),
      ['v2'],
    );
    assert.deepEqual(
      (await w.hub.registry.stageAt('acme', 'iris', new Date().toISOString(), 'disabled')).map(x => x.name),
      ['v1'],
    );
    const history = await w.hub.registry.stageHistory(v('v1'));
    assert.equal(history.at(-1)!.reason, 'superseded by v2');
    assert.deepEqual((await w.hub.registry.model('acme', 'iris')).production, ['v2']);
    await assert.rejects(w.hub.registry.setStage(v('v2'), 'shipped'), /not a stage/);
    await assert.rejects(w.as('vic').registry.setStage(v('v2'), 'staging'), /you are viewer/);
    const events = (await w.store.read()).audit.filter(e => e.action === 'modelVersion.stage');
    assert.equal(events.length, 4);
  });

  it('verify reports changed and missing blobs', async () => {
    const version = await w.hub.registry.version('acme', 'iris', 'v1');
    const pkl = version.lineage.files.find(f => f.path === 'model.pkl')!;
    const req = version.lineage.files.find(f => f.path === 'requirements.txt')!;
    const blob = (h: string) => path.join(w.artifacts, 'sha256', h.slice(0, 2), h);
    fs.chmodSync(blob(pkl.sha256), 0o644);
    fs.appendFileSync(blob(pkl.sha256), 'tampered');
    fs.rmSync(blob(req.sha256));
    const report = await w.hub.registry.verify(v('v1'));
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.changed.map(c => c.path),
      ['model.pkl'],
    );
    assert.equal(report.changed[0].expected, pkl.sha256);
    assert.ok(report.missing.includes('requirements.txt'));
  });

  it('compare puts params, metrics and curves side by side', async () => {
    const c = await w.hub.registry.compare([v('v1'), v('v2')]);
    assert.deepEqual(
      c.versions.map(x => x.name),
      ['v1', 'v2'],
    );
    const C = c.params.find(r => r.key === 'C')!;
    assert.deepEqual(C.values, ['0.1', '1.0']);
    assert.equal(C.differs, true);
    assert.equal(c.params.find(r => r.key === 'solver')!.differs, false);
    assert.equal(c.metrics.find(r => r.key === 'loss')!.values[1], 0.1);
    assert.equal(c.curves.loss.length, 2);
    assert.equal(c.curves.loss[0].length, 5);
    assert.equal(c.artifacts.find(r => r.key === 'model.pkl')!.differs, true);
    await assert.rejects(w.hub.registry.compare([v('v1')]), /two or more/);
  });

  it('download never overwrites without asking; export writes version.plx.json beside the files', async () => {
    const out = path.join(w.work, 'dl');
    const first = await w.hub.registry.download(v('v1'), out);
    assert.equal(first.status, 'written');
    const version = await w.hub.registry.version('acme', 'iris', 'v1');
    for (const f of version.lineage.files) assert.equal(sha(path.join(out, f.path)), f.sha256);
    fs.writeFileSync(path.join(out, 'MLmodel'), 'my local edit');
    const second = await w.hub.registry.download(v('v1'), out);
    assert.equal(second.status, 'conflict');
    assert.ok(second.status === 'conflict' && second.conflicts.includes('MLmodel'));
    assert.equal(fs.readFileSync(path.join(out, 'MLmodel'), 'utf8'), 'my local edit');
    const skipped = await w.hub.registry.download(v('v1'), out, { conflict: 'skip' });
    assert.ok(skipped.status === 'written' && skipped.skipped.includes('MLmodel'));
    assert.equal(fs.readFileSync(path.join(out, 'MLmodel'), 'utf8'), 'my local edit');
    await w.hub.registry.download(v('v1'), out, { conflict: 'overwrite' });
    assert.equal(sha(path.join(out, 'MLmodel')), version.lineage.files.find(f => f.path === 'MLmodel')!.sha256);

    await w.hub.registry.setStage(v('v1'), 'production', 'go');
    const exp = await w.hub.registry.export(v('v1'), path.join(w.work, 'export'));
    assert.equal(exp.status, 'written');
    const doc = JSON.parse(fs.readFileSync(path.join(w.work, 'export', 'v1', 'version.plx.json'), 'utf8'));
    assert.equal(doc.kind, 'model');
    assert.equal(doc.name, 'v1');
    assert.equal(doc.stage, 'production');
    assert.equal(doc.run, version.lineage.runId);
    assert.deepEqual(
      doc.stage_conditions.map((c: { type: string }) => c.type),
      ['testing', 'production'],
    );
    assert.ok(fs.existsSync(path.join(w.work, 'export', 'v1', 'model.pkl')));
  });

  it("lists one project's models when asked (the project page), the org's otherwise", async () => {
    await w.hub.projects.create('acme', 'audio');
    await w.hub.registry.createModel('acme', 'speech', { project: 'audio' });
    await w.hub.registry.createModel('acme', 'shared');
    const names = async (filter?: { project?: string }) => (await w.hub.registry.list('acme', filter)).map(m => m.name);
    assert.deepEqual(await names(), ['iris', 'shared', 'speech']);
    assert.deepEqual(await names({ project: 'audio' }), ['speech']);
    assert.deepEqual(await names({ project: 'vision' }), ['iris']);
    await w.hub.registry.deleteModel('acme', 'speech');
    await w.hub.registry.deleteModel('acme', 'shared');
  });

  it('edits version and model fields, reads a small artifact, deletes a model only with cascade', async () => {
    const edited = await w.hub.registry.updateVersion(v('v1'), { description: 'first', tags: ['iris', 'iris'], readme: '# v1', deploymentNotes: 'cpu' });
    assert.deepEqual([edited.description, edited.tags, edited.readme, edited.deploymentNotes], ['first', ['iris'], '# v1', 'cpu']);
    const auditCount = (await w.store.read()).audit.length;
    await w.hub.registry.updateVersion(v('v1'), { description: 'first' });
    assert.equal((await w.store.read()).audit.length, auditCount, 'a change that changes nothing records nothing');
    assert.equal((await w.hub.registry.updateModel('acme', 'iris', { description: 'Iris classifiers' })).description, 'Iris classifiers');
    const text = Buffer.from(await w.hub.registry.readArtifact(v('v1'), 'requirements.txt')).toString('utf8');
    assert.match(text, /mlflow/);
    await assert.rejects(w.hub.registry.readArtifact(v('v1'), 'model.pkl', 10), /more than the 10 allowed/);
    await assert.rejects(w.hub.registry.deleteModel('acme', 'iris'), /still has 2 version/);
    const gone = await w.hub.registry.deleteModel('acme', 'iris', { cascade: true });
    assert.equal(gone.versionsDeleted, 2);
    assert.deepEqual(blobsUnder(w.artifacts), []);
    assert.deepEqual(await w.hub.registry.list('acme'), []);
  });

  it('deleting a version (admins) frees only the blobs no other version uses', async () => {
    const v1 = await w.hub.registry.version('acme', 'iris', 'v1');
    const v2 = await w.hub.registry.version('acme', 'iris', 'v2');
    const shared = v1.lineage.files.filter(f => v2.lineage.files.some(g => g.sha256 === f.sha256)).map(f => f.sha256);
    const own = v1.lineage.files.filter(f => !shared.includes(f.sha256)).map(f => f.sha256);
    assert.ok(shared.length > 0 && own.length > 0, 'the two versions share some files (conda.yaml…) and not others');
    await assert.rejects(w.as('bob').registry.deleteVersion(v('v1')), /needs role admin or higher; you are member/);
    const freed = await w.hub.registry.deleteVersion(v('v1'));
    assert.equal(freed.freedBlobs, own.length);
    const left = new Set(blobsUnder(w.artifacts));
    for (const h of shared) assert.ok(left.has(h));
    for (const h of own) assert.ok(!left.has(h));
    assert.equal((await w.hub.registry.verify(v('v2'))).ok, true);
    await assert.rejects(w.hub.registry.version('acme', 'iris', 'v1'), /no version "v1"/);
  });
});

describe('registry: a promote killed with SIGKILL', function () {
  this.timeout(5 * 60_000);

  it('leaves no version and no blob; its staging is swept by the next registry write', async () => {
    const { dir, cleanup } = tempDir('phub-kill-');
    try {
      const file = path.join(dir, 'store', 'polyaxon-hub.json');
      fs.mkdirSync(path.dirname(file));
      const store = new JsonFileStore(file);
      const hub = openHub(store, { username: 'alice' });
      await hub.orgs.create('acme');
      const big = path.join(dir, 'weights.bin');
      bigFile(big, 256);
      const child = spawn(process.execPath, [helperScript('promoteWorker'), file, 'alice', 'acme', 'big', big], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', d => {
        stderr += String(d);
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', d => {
          if (/progress/.test(String(d))) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', code => reject(new Error(`the worker ended (${code}) before it was killed: ${stderr}`)));
      });
      await new Promise(r => child.once('exit', r));
      const artifacts = path.join(dir, 'store', 'artifacts');
      const db = await store.read();
      assert.equal(db.modelVersions.length, 0);
      assert.equal(db.models.length, 0);
      assert.deepEqual(blobsUnder(artifacts), []);
      assert.equal(stagingUnder(artifacts).length, 1, 'the killed process left its staging folder');
      const small = path.join(dir, 'small.txt');
      fs.writeFileSync(small, 'x');
      await hub.registry.promote({ org: 'acme', model: 'small', paths: [small], createModel: true });
      assert.deepEqual(stagingUnder(artifacts), []);
      assert.deepEqual(blobsUnder(artifacts), [sha(small)]);
      store.dispose();
    } finally {
      cleanup();
    }
  });
});

describe('registry: corpus runs', () => {
  it("promotes a corpus MLflow run's MLmodel folder (sklearn flavors) with its lineage", async () => {
    const w = await world();
    try {
      const copy = path.join(w.work, 'iris');
      fs.cpSync(path.join(CORPUS, 'mlflow', 'iris_mlflow'), copy, { recursive: true });
      const run = (await w.hub.runs.list([copy])).find(r => r.tags['mlflow.source.git.commit'])!;
      const view = await w.hub.runs.get(run.key);
      const { version } = await w.hub.registry.promote({ org: 'acme', model: 'svm', paths: [view.models[0].absolutePath], createModel: true });
      assert.equal(version.framework, 'sklearn');
      assert.equal(version.lineage.git?.commit, run.tags['mlflow.source.git.commit']);
      assert.equal(version.lineage.runId, run.id);
    } finally {
      w.cleanup();
    }
  });
});

describe('registry: store schema 4', () => {
  it('a v3 store migrates to v4 with empty models and modelVersions; the committed v2 fixture goes all the way', async () => {
    const { MIGRATIONS, parseDatabase } = await import('../../src/core/store/migrations');
    const v2 = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'store', 'v2.json'), 'utf8'));
    const v3 = MIGRATIONS[2](v2);
    assert.equal(v3.schemaVersion, 3);
    assert.equal('models' in v3, false);
    const db = parseDatabase(JSON.stringify(v3), 'v3.json');
    assert.equal(db.schemaVersion, 4);
    assert.deepEqual([db.models, db.modelVersions], [[], []]);
    assert.equal(parseDatabase(JSON.stringify(v2), 'v2.json').schemaVersion, 4);
  });
});
