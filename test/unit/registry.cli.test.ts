// polyaxon-hub runs list|show, promote, models list|show|stage|history|verify|download|export|delete
// through the CLI's run(), on runs MLflow 3.7 and Polyaxon 2.16 wrote and a temp store.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import { runFixture } from '../fixtures/runs';
import { tempDir } from './helpers/tmp';

describe('CLI: runs and Model Registry commands', function () {
  this.timeout(10 * 60_000);
  let tmp: ReturnType<typeof tempDir>;
  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(['--store', path.join(tmp.dir, 'store', 'hub.json'), ...argv], {
      out: t => {
        out += t + '\n';
      },
      err: t => {
        err += t + '\n';
      },
      env: { POLYAXON_HUB_USER: 'alice' },
      cwd: tmp.dir,
    });
    return { code, out, err };
  };
  const json = async (...argv: string[]) => {
    const r = await cli('--json', ...argv);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out);
  };

  before(() => {
    runFixture('mlflow-sqlite');
    runFixture('polyaxon');
  });
  beforeEach(async () => {
    tmp = tempDir('phub-cli-reg-');
    fs.cpSync(runFixture('mlflow-sqlite'), path.join(tmp.dir, 'proj', 'mlf'), { recursive: true });
    fs.cpSync(runFixture('polyaxon'), path.join(tmp.dir, 'proj', 'plx'), { recursive: true });
    assert.equal((await cli('org', 'create', 'acme')).code, 0);
  });
  afterEach(() => tmp.cleanup());

  it("runs list --json is DESIGN.md's array of {id, name, source, status, path, params, metrics, artifacts}", async () => {
    const runs = await json('runs', 'list', 'proj');
    assert.equal(runs.length, 5);
    for (const r of runs) {
      assert.deepEqual(
        Object.keys(r)
          .filter(k => k !== 'error')
          .sort(),
        ['artifacts', 'id', 'metrics', 'name', 'params', 'path', 'source', 'status'],
      );
    }
    const sgd = runs.find((r: { name: string }) => r.name === 'iris-sgd');
    assert.equal(sgd.source, 'polyaxon');
    assert.equal(sgd.status, 'succeeded');
    assert.equal(sgd.metrics.loss, 0.25);
    assert.ok(sgd.artifacts.includes('outputs/model.bin'));
    const mlf = runs.find((r: { name: string }) => r.name === 'logreg-c1.0');
    assert.equal(mlf.source, 'mlflow');
    assert.equal(mlf.metrics.loss, 0.1);
    const text = await cli('runs', 'list', 'proj');
    assert.match(text.out, /iris-sgd\s+polyaxon\s+succeeded/);
    const show = await json('runs', 'show', sgd.id.slice(0, 8), '--dir', 'proj');
    assert.equal(show.id, sgd.id);
    assert.equal(show.metricHistory.loss.length, 4);
  });

  it('promote, then models list/show/stage/history/verify/download/export/delete', async () => {
    const runs = await json('runs', 'list', 'proj');
    const sgd = runs.find((r: { name: string }) => r.name === 'iris-sgd');
    const v1 = await json('promote', path.join(sgd.path, 'outputs', 'model.bin'), '--model', 'acme/sgd', '--notes', 'torch.load');
    assert.equal(v1.ref, 'acme/sgd:v1');
    assert.equal(v1.framework, 'pytorch');
    assert.equal(v1.lineage.runId, sgd.id);
    assert.match(v1.lineage.files[0].sha256, /^[0-9a-f]{64}$/);
    const v2 = await json('promote', path.join(sgd.path, 'outputs'), '--model', 'acme/sgd', '--framework', 'custom');
    assert.equal(v2.name, 'v2');
    assert.equal((await json('models', 'list', 'acme'))[0].versionCount, 2);
    assert.equal((await json('models', 'show', 'acme/sgd')).versions.length, 2);
    assert.equal((await json('models', 'stage', 'acme/sgd:v1', 'production', '--reason', 'ok')).stage, 'production');
    const history = await json('models', 'history', 'acme/sgd:v1');
    assert.deepEqual(
      history.map((c: { stage: string }) => c.stage),
      ['testing', 'production'],
    );
    const at = await json('models', 'history', 'acme/sgd', '--at', new Date().toISOString());
    assert.deepEqual(
      at.map((v: { name: string }) => v.name),
      ['v1'],
    );
    assert.equal((await json('models', 'verify', 'acme/sgd:v1')).ok, true);
    assert.equal((await cli('models', 'download', 'acme/sgd:v1', '--out', 'dl')).code, 0);
    const again = await cli('models', 'download', 'acme/sgd:v1', '--out', 'dl');
    assert.equal(again.code, 1);
    assert.match(again.err, /Nothing was written: 1 file of acme\/sgd:v1 already exists in dl \(model\.bin\)\. Use --force/);
    assert.equal((await cli('models', 'download', 'acme/sgd:v1', '--out', 'dl', '--force')).code, 0);
    assert.equal((await cli('models', 'export', 'acme/sgd:v2', '--out', 'ex')).code, 0);
    assert.equal(JSON.parse(fs.readFileSync(path.join(tmp.dir, 'ex', 'v2', 'version.plx.json'), 'utf8')).kind, 'model');
    assert.equal((await cli('models', 'stage', 'acme/sgd', 'production')).code, 2, 'a version is required');
    const deleted = await json('models', 'delete', 'acme/sgd:v2');
    assert.ok(deleted.freedBlobs >= 1, 'predictions.csv and friends were only in v2');
    assert.equal((await cli('models', 'show', 'acme/sgd:v2')).code, 1);
  });

  it('a bad --framework is refused by name (exit 1), not an unexpected error, and registers nothing', async () => {
    const runs = await json('runs', 'list', 'proj');
    const sgd = runs.find((r: { name: string }) => r.name === 'iris-sgd');
    const r = await cli('promote', path.join(sgd.path, 'outputs', 'model.bin'), '--model', 'acme/sgd', '--framework', '<b>torch');
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /"<b>torch" is not a framework name/);
    assert.doesNotMatch(r.err, /unexpected/i);
    assert.equal((await cli('models', 'show', 'acme/sgd')).code, 1, 'no model was created');
  });

  it('verify exits 1 and names what changed', async () => {
    const runs = await json('runs', 'list', 'proj');
    const sgd = runs.find((r: { name: string }) => r.name === 'iris-sgd');
    const v1 = await json('promote', path.join(sgd.path, 'outputs', 'model.bin'), '--model', 'acme/sgd');
    const h = v1.lineage.files[0].sha256;
    fs.appendFileSync(path.join(tmp.dir, 'store', 'artifacts', 'sha256', h.slice(0, 2), h), 'x');
    const r = await cli('models', 'verify', 'acme/sgd:v1');
    assert.equal(r.code, 1);
    assert.match(r.out, /changed: model\.bin/);
  });
});
