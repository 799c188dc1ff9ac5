// Run discovery over runs written by the real tools (MLflow 3.7 SQLite + file store, Polyaxon's
// offline tracking) and the corpus of committed real stores. Broken and legacy variants are made in
// setup by altering copies of those real files, never written from scratch.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findUnits, IndexWatch, RunIndex } from '../../src/core/registry/runs/discovery';
import { readMlflowDb } from '../../src/core/registry/runs/mlflowSqlite';
import { runFixture } from '../fixtures/runs';
import { tempDir } from './helpers/tmp';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/runs');

async function scan(...roots: string[]) {
  return new RunIndex(roots).scan();
}

function copy(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

describe('runs: MLflow SQLite store (mlflow.db, written by MLflow 3.7)', function () {
  this.timeout(10 * 60_000);
  let dir: string;
  before(() => {
    dir = runFixture('mlflow-sqlite');
  });

  it('reads runs, params, tags, metric histories, latest and best, and files', async () => {
    const runs = await scan(dir);
    assert.deepEqual(runs.map(r => r.name).sort(), ['broken', 'logreg-c0.1', 'logreg-c1.0']);
    const run = runs.find(r => r.name === 'logreg-c1.0')!;
    assert.equal(run.source, 'mlflow');
    assert.equal(run.status, 'succeeded');
    assert.equal(runs.find(r => r.name === 'broken')!.status, 'failed');
    assert.equal(run.experiment, 'iris');
    assert.deepEqual(run.params, { C: '1.0', max_iter: '200', solver: 'lbfgs' });
    assert.equal(run.tags.team, 'vision');
    assert.equal(run.metricHistory.loss.length, 5);
    assert.deepEqual(
      run.metricHistory.loss.map(p => p.step),
      [1, 2, 3, 4, 5],
    );
    assert.equal(run.metrics.loss, 0.1);
    assert.equal(run.metricSummaries.loss.goal, 'min');
    assert.equal(run.metricSummaries.loss.best, 0.1);
    assert.equal(run.metricSummaries.accuracy.goal, 'max');
    assert.ok(run.startedAt && run.finishedAt && run.startedAt <= run.finishedAt);
    assert.equal(run.key, `${path.join(dir, 'mlflow.db')}#${run.id}`);
    const paths = run.files.map(f => f.path);
    assert.ok(paths.includes('reports/notes.txt'));
    assert.equal(run.files.find(f => f.path === 'empty.txt')?.size, 0);
  });

  it('finds MLflow 3 logged models outside the run folder, with their flavors', async () => {
    const run = (await scan(dir)).find(r => r.name === 'logreg-c1.0')!;
    assert.equal(run.models.length, 1);
    const model = run.models[0];
    assert.match(model.modelId!, /^m-[0-9a-f]+$/);
    assert.equal(model.framework, 'sklearn');
    assert.ok(model.flavors.includes('python_function'));
    assert.ok(run.files.some(f => f.path === `models/${model.modelId}/MLmodel`));
    assert.ok(fs.existsSync(path.join(model.absolutePath, 'model.pkl')));
  });

  it('resolves stale absolute artifact locations relative to the moved store', async () => {
    const { dir: tmp, cleanup } = tempDir();
    try {
      const moved = copy(dir, path.join(tmp, 'moved'));
      const run = (await scan(moved)).find(r => r.name === 'logreg-c1.0')!;
      assert.ok(run.path.startsWith(moved), run.path);
      assert.ok(run.files.length >= 3);
      assert.ok(
        run.files.every(f => f.absolutePath.startsWith(moved)),
        'every file resolved inside the moved copy',
      );
      assert.ok(run.models[0].absolutePath.startsWith(moved));
    } finally {
      cleanup();
    }
  });

  it('retries a database that is being written (hot journal) instead of reporting it empty', async () => {
    const { dir: tmp, cleanup } = tempDir();
    try {
      const db = path.join(copy(dir, path.join(tmp, 's')), 'mlflow.db');
      fs.writeFileSync(`${db}-journal`, 'x'.repeat(512));
      setTimeout(() => fs.rmSync(`${db}-journal`), 400);
      const runs = await readMlflowDb(db, { attempts: 10, delayMs: 100 });
      assert.equal(runs.length, 3);
      assert.ok(runs.every(r => !r.error));
    } finally {
      cleanup();
    }
  });

  it('a half-written or garbage database becomes one run with an error; the rest of the scan goes on', async () => {
    const { dir: tmp, cleanup } = tempDir();
    try {
      const half = copy(dir, path.join(tmp, 'half'));
      const bytes = fs.readFileSync(path.join(half, 'mlflow.db'));
      fs.writeFileSync(path.join(half, 'mlflow.db'), bytes.subarray(0, Math.floor(bytes.length / 2)));
      fs.mkdirSync(path.join(tmp, 'garbage'));
      fs.writeFileSync(path.join(tmp, 'garbage', 'mlflow.db'), 'not a database at all');
      copy(dir, path.join(tmp, 'good'));
      const index = new RunIndex([tmp], { retry: { attempts: 3, delayMs: 20 } });
      const runs = await index.scan();
      const broken = runs.filter(r => r.error);
      assert.equal(broken.length, 2, JSON.stringify(broken.map(r => r.error)));
      assert.match(broken.find(r => r.storePath.includes('half'))!.error!, /header says|being written|could not be read/);
      assert.equal(runs.filter(r => !r.error).length, 3);
    } finally {
      cleanup();
    }
  });
});

describe('runs: MLflow file store (mlruns/, written by MLflow 3.7 with MLFLOW_ALLOW_FILE_STORE)', function () {
  this.timeout(10 * 60_000);
  let dir: string;
  before(() => {
    dir = runFixture('mlflow-files');
  });

  it('hides deleted runs, maps status codes, reads nested metric keys and logged models', async () => {
    const runs = await scan(dir);
    assert.deepEqual(runs.map(r => r.name).sort(), ['broken', 'logreg-c0.1', 'logreg-c1.0']);
    assert.equal(runs.find(r => r.name === 'broken')!.status, 'failed');
    const run = runs.find(r => r.name === 'logreg-c1.0')!;
    assert.equal(run.status, 'succeeded');
    assert.equal(run.metricHistory['train/loss'].length, 5);
    assert.equal(run.metrics['train/loss'], 1.2 / 5);
    assert.equal(run.params.C, '1.0');
    assert.equal(run.models.find(m => m.modelId)?.framework, 'sklearn');
    assert.ok(run.files.some(f => f.path === 'reports/notes.txt'));
  });

  it("reads old two-field metric lines as step 0 and a broken meta.yaml as that run's error", async () => {
    const { dir: tmp, cleanup } = tempDir();
    try {
      const moved = copy(dir, path.join(tmp, 'proj'));
      const runs = await scan(moved);
      const target = runs.find(r => r.name === 'logreg-c0.1')!;
      const lossFile = path.join(target.path, 'metrics', 'loss');
      const lines = fs
        .readFileSync(lossFile, 'utf8')
        .trim()
        .split('\n')
        .map(l => l.split(' ').slice(0, 2).join(' '));
      fs.writeFileSync(lossFile, `${lines.join('\n')}\n`);
      const other = runs.find(r => r.name === 'broken')!;
      fs.writeFileSync(path.join(other.path, 'meta.yaml'), 'artifact_uri: [unclosed\n');
      const again = await scan(moved);
      assert.equal(again.length, 3);
      const legacy = again.find(r => r.id === target.id)!;
      assert.ok(legacy.metricHistory.loss.every(p => p.step === 0));
      assert.equal(legacy.error, undefined);
      assert.match(again.find(r => r.id === other.id)!.error!, /meta\.yaml/);
    } finally {
      cleanup();
    }
  });
});

describe('runs: corpus MLflow file stores (committed by real projects)', () => {
  it('taxifare: status 1 is running, the stale absolute artifact_uri does not break the run', async () => {
    const runs = await scan(path.join(CORPUS, 'mlflow', 'taxifare'));
    assert.equal(runs.length, 2);
    assert.ok(runs.every(r => r.status === 'running'));
    assert.ok(runs.every(r => typeof r.metrics.rmse === 'number'));
    assert.ok(runs.every(r => r.params.model));
  });

  it('iris: MLmodel folders inside the run give sklearn, the git commit comes from the tags', async () => {
    const runs = await scan(path.join(CORPUS, 'mlflow', 'iris_mlflow'));
    const withModel = runs.filter(r => r.models.length > 0);
    assert.ok(withModel.length > 0);
    assert.ok(withModel.every(r => r.models[0].framework === 'sklearn' && r.models[0].path === 'model'));
    assert.ok(runs.some(r => r.git?.commit));
  });
});

describe('runs: Polyaxon offline runs', function () {
  this.timeout(10 * 60_000);

  it('reads the runs Polyaxon 2.16 tracking wrote: inputs, metric events, model lineage, outputs', async () => {
    const runs = await scan(runFixture('polyaxon'));
    assert.deepEqual(runs.map(r => r.name).sort(), ['iris-sgd', 'iris-sgd-diverged']);
    const run = runs.find(r => r.name === 'iris-sgd')!;
    assert.equal(run.source, 'polyaxon');
    assert.equal(run.status, 'succeeded');
    assert.equal(runs.find(r => r.name === 'iris-sgd-diverged')!.status, 'failed');
    assert.equal(run.experiment, 'iris-classification');
    assert.equal(run.params.learning_rate, '0.05');
    assert.deepEqual(
      run.metricHistory.loss.map(p => p.value),
      [1, 0.5, 1 / 3, 0.25],
    );
    assert.equal(run.metricSummaries.accuracy.best, run.metrics.accuracy);
    assert.deepEqual(
      run.models.map(m => [m.path, m.framework]),
      [['outputs/model.bin', 'pytorch']],
    );
    assert.ok(run.files.some(f => f.path === 'outputs/predictions.csv'));
  });

  it('reads the corpus runs (sklearn model, failed run, rich events) and parses events by header', async () => {
    const runs = await scan(path.join(CORPUS, 'polyaxon-offline'));
    assert.equal(runs.length, 3);
    const sk = runs.find(r => r.name === 'iris-logreg-c0.01')!;
    assert.equal(sk.models[0].framework, 'sklearn');
    assert.equal(sk.metricHistory.loss.length, 5);
    assert.equal(runs.find(r => r.name === 'iris-logreg-diverging')!.status, 'failed');
    assert.ok(
      runs.every(r => !r.error),
      JSON.stringify(runs.map(r => r.error)),
    );
  });
});

describe('runs: the scan', function () {
  this.timeout(10 * 60_000);

  it('skips node_modules, .git and virtual environments', async () => {
    const { dir: tmp, cleanup } = tempDir();
    try {
      const plx = runFixture('polyaxon');
      copy(plx, path.join(tmp, 'node_modules', 'pkg'));
      copy(plx, path.join(tmp, '.git', 'x'));
      fs.mkdirSync(path.join(tmp, 'env311'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'env311', 'pyvenv.cfg'), 'home = /usr/bin\n');
      copy(plx, path.join(tmp, 'env311', 'lib'));
      copy(plx, path.join(tmp, 'work'));
      const units = await findUnits(tmp);
      assert.deepEqual(
        units.map(u => path.relative(tmp, u.path).split(path.sep)[0]),
        ['work', 'work'],
      );
    } finally {
      cleanup();
    }
  });

  it('a broken run.plx.json shows as that run with an error; the other runs still show', async () => {
    const { dir: tmp, cleanup } = tempDir();
    try {
      copy(path.join(CORPUS, 'polyaxon-offline'), path.join(tmp, 'p'));
      const victim = path.join(tmp, 'p', 'runs', '932b37a5565840ce9a4008eeccaaea35');
      fs.writeFileSync(path.join(victim, 'run.plx.json'), '{"uuid": "932b37a5565840ce9a4008eeccaaea35", "name": ');
      fs.writeFileSync(path.join(victim, 'events', 'metric', 'loss.plx'), 'garbage without header pipes\n1\n');
      const runs = await scan(tmp);
      assert.equal(runs.length, 3);
      const broken = runs.find(r => r.id === '932b37a5565840ce9a4008eeccaaea35')!;
      assert.match(broken.error!, /run\.plx\.json/);
      assert.match(broken.error!, /loss\.plx/);
      assert.equal(runs.filter(r => r.error).length, 1);
    } finally {
      cleanup();
    }
  });

  it('updates only what changed paths touch: a new run, a changed metric, a removed run', async () => {
    const { dir: tmp, cleanup } = tempDir();
    try {
      copy(runFixture('mlflow-files'), path.join(tmp, 'mlf'));
      copy(path.join(CORPUS, 'polyaxon-offline'), path.join(tmp, 'p'));
      const watch = new IndexWatch([tmp]);
      const first = await watch.ready;
      assert.equal(first.length, 6);
      const events: unknown[] = [];
      watch.onDidChange(c => events.push(c));

      const newRun = path.join(tmp, 'p', 'runs', 'copy0000');
      copy(path.join(tmp, 'p', 'runs', '932b37a5565840ce9a4008eeccaaea35'), newRun);
      let change = await watch.changed([newRun]);
      assert.equal(change.added.length, 1);
      assert.equal(change.updated.length + change.removed.length, 0);

      const run = first.find(r => r.name === 'logreg-c0.1')!;
      fs.appendFileSync(path.join(run.path, 'metrics', 'loss'), `${Date.now()} 0.001 6\n`);
      change = await watch.changed([path.join(run.path, 'metrics', 'loss')]);
      assert.deepEqual(
        change.updated.map(r => r.key),
        [run.key],
      );
      assert.equal(change.updated[0].metrics.loss, 0.001);

      fs.rmSync(newRun, { recursive: true });
      change = await watch.changed([newRun]);
      assert.deepEqual(change.removed, [newRun]);
      assert.equal(events.length, 3);
      assert.equal(watch.runs().length, 6);
      watch.dispose();
    } finally {
      cleanup();
    }
  });
});
