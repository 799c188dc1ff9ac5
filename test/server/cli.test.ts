// polyaxon-hub (the built CLI, spawned as a user would run it) against the real haupt server, with its host and
// token where Polyaxon's own CLI keeps them: ~/.polyaxon/.client and .auth under a temporary POLYAXON_HOME,
// written by polyaxon's own config managers. Run: npm run test:server.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { PASSWORD, SEED, SERVER, USER } from './helpers/testServer';

const CLI = process.env.POLYAXON_TEST_CLI ?? '';
const PYTHON = process.env.POLYAXON_TEST_PYTHON ?? '';

interface Result {
  code: number | null;
  out: string;
  err: string;
}

const COMPONENT = (name: string) => `version: 1.1
kind: component
name: ${name}
description: Scores a model
inputs:
  - name: threshold
    type: float
    value: 0.5
    isOptional: true
run:
  kind: job
  container:
    name: main
    image: python:3.11
    command: [python, score.py]
`;

describe('polyaxon-hub CLI against a real Polyaxon server', function () {
  this.timeout(400_000);
  let home: string;
  let env: NodeJS.ProcessEnv;
  const suffix = Date.now().toString(36);

  function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Result> {
    return new Promise(resolve => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: home, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '',
        err = '';
      child.stdout.on('data', d => (out += d));
      child.stderr.on('data', d => (err += d));
      child.on('exit', code => resolve({ code, out, err }));
    });
  }
  async function json<T = Record<string, unknown>>(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<T> {
    const r = await cli(['--json', ...args], extraEnv);
    assert.equal(r.code, 0, `polyaxon-hub ${args.join(' ')}: ${r.err}`);
    return JSON.parse(r.out) as T;
  }

  before(function () {
    if (!SERVER || !CLI || !PYTHON) throw new Error('POLYAXON_TEST_SERVER/CLI/PYTHON are not set: run these tests with `npm run test:server`.');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-cli-'));
    // Polyaxon's own config managers write the files (`polyaxon config set --host`, `polyaxon login` write the same):
    // the server's Django user signs in with HTTP Basic, which polyaxon sends as its token with type Basic
    const token = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    const script = [
      'import sys',
      "import polyaxon.settings  # as polyaxon's CLI does at start: it points the managers at POLYAXON_HOME",
      'from polyaxon._managers.client import ClientConfigManager',
      'from polyaxon._managers.auth import AuthConfigManager',
      'from polyaxon._schemas.client import ClientConfig',
      'from polyaxon._schemas.authentication import AccessTokenConfig',
      'ClientConfigManager.set_config(ClientConfig(host=sys.argv[1], authentication_type="Basic"))',
      'AuthConfigManager.set_config(AccessTokenConfig(username=sys.argv[2], token=sys.argv[3]))',
      'print(ClientConfigManager.get_config_filepath(), AuthConfigManager.get_config_filepath())',
    ].join('\n');
    const base = { PATH: process.env.PATH, HOME: home, POLYAXON_HOME: home };
    const made = spawnSync(PYTHON, ['-c', script, SERVER, USER, token], { env: base, encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    assert.ok(fs.existsSync(path.join(home, '.polyaxon', '.auth')), `polyaxon wrote ${made.stdout}`);
    // no POLYAXON_HUB_STORE: a server run must not need (or touch) a local store
    env = { ...base, POLYAXON_HUB_SERVER: SERVER, POLYAXON_HUB_TIMEOUT: '120' };
  });

  after(() => {
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it("signs in with Polyaxon's own config: whoami names the server's user and where the token came from", async () => {
    const me = await json(['whoami']);
    assert.equal(me.username, USER);
    assert.equal(me.server, SERVER);
    assert.equal(me.credentialsFrom, path.join(home, '.polyaxon', '.auth'));
    const viaPolyaxonHost = await json(['whoami', '--server', 'polyaxon'], { POLYAXON_HUB_SERVER: '' });
    assert.equal(viaPolyaxonHost.server, SERVER);
    assert.match(String(viaPolyaxonHost.serverFrom), /\.polyaxon\/\.client/);
  });

  it('lets POLYAXON_AUTH_TOKEN override the .auth file, and says how to sign in when it is wrong', async () => {
    const r = await cli(['--json', 'project', 'list', SEED.owner], { POLYAXON_AUTH_TOKEN: Buffer.from(`${USER}:wrong`).toString('base64') });
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.out).error.code, 'unauthenticated');
    assert.match(r.err, /polyaxon login|POLYAXON_AUTH_TOKEN/);
  });

  it('lists projects and runs, and shows a run with its metrics and lineage', async () => {
    const projects = await json<{ name: string }[]>(['project', 'list', SEED.owner]);
    assert.ok(projects.some(p => p.name === SEED.project));
    const runs = await json<{ id: string; status: string; source: string; metrics: Record<string, number>; path: string }[]>([
      'runs',
      'list',
      `${SEED.owner}/${SEED.project}`,
    ]);
    const run = runs.find(r => r.id === SEED.run.uuid);
    assert.ok(run, JSON.stringify(runs));
    assert.equal(run.status, 'succeeded');
    assert.equal(run.source, 'server');
    assert.deepEqual(run.metrics, { accuracy: 0.91, loss: 0.3 });
    const shown = await json<{ uuid: string; metrics: Record<string, { value: number }[]> }>([
      'runs',
      'show',
      SEED.run.name,
      '--project',
      `${SEED.owner}/${SEED.project}`,
    ]);
    assert.equal(shown.uuid, SEED.run.uuid);
    assert.deepEqual(
      shown.metrics.loss.map(p => p.value),
      [0.9, 0.5, 0.3],
    );
    const text = await cli(['runs', 'show', SEED.run.uuid.slice(0, 8), '--project', `${SEED.owner}/${SEED.project}`]);
    assert.equal(text.code, 0, text.err);
    // the lineage holds the uploaded model and, once tracking synced its summaries, the metric event files
    assert.match(text.out, /Lineage \(what a promote can register\):\nNAME +KIND +PATH +INPUT\n(?:\S.*\n)*model +model +outputs\/model\.pt +no\n/);
    assert.match(text.out, /\nloss +metric +events\/metric\/loss\.plx +no\n/);
    assert.match(text.out, /loss +0\.3 +3/);
  });

  it('promotes a run to a model version and sets its stage', async () => {
    const version = `cli-${suffix}`;
    const mv = await json<{ ref: string; runId: string; stage: string; lineage: { files: { path: string }[] } }>([
      'promote',
      'model',
      '--model',
      `${SEED.owner}/${SEED.project}`,
      '--run',
      SEED.run.uuid,
      '--version',
      version,
      '--description',
      'from the CLI',
    ]);
    assert.equal(mv.runId, SEED.run.uuid);
    assert.equal(mv.stage, 'testing');
    assert.deepEqual(
      mv.lineage.files.map(f => f.path),
      ['outputs/model.pt'],
    );
    const staged = await json<{ stage: string }>(['models', 'stage', `${SEED.owner}/${SEED.project}:${version}`, 'staging', '--reason', 'CLI check']);
    assert.equal(staged.stage, 'staging');
    const history = await json<{ stage: string; message?: string }[]>(['models', 'history', `${SEED.owner}/${SEED.project}:${version}`]);
    assert.deepEqual(
      history.map(h => h.stage),
      ['testing', 'staging'],
    );
    const noRun = await cli(['promote', 'model', '--model', `${SEED.owner}/${SEED.project}`]);
    assert.equal(noRun.code, 2);
    assert.match(noRun.err, /give --run UUID/);
    assert.equal((await cli(['models', 'delete', `${SEED.owner}/${SEED.project}:${version}`])).code, 0);
  });

  it('publishes a component file and sets its stage', async () => {
    const name = `score-${suffix}`;
    fs.writeFileSync(path.join(home, 'score.yaml'), COMPONENT(name));
    const published = await json<{ status: string; hubRef: string }>(['publish', 'score.yaml', '--org', SEED.owner, '--version', 'v1']);
    assert.equal(published.status, 'created');
    assert.equal(published.hubRef, `${SEED.owner}/${name}:v1`);
    const again = await json<{ status: string }>(['publish', 'score.yaml', '--org', SEED.owner, '--version', 'v1']);
    assert.equal(again.status, 'unchanged');
    const staged = await json<{ stage: string }>(['components', 'stage', `${SEED.owner}/${name}:v1`, 'production', '--reason', 'reviewed']);
    assert.equal(staged.stage, 'production');
    const listed = await json<{ name: string; versions: { name: string; stage: string }[] }[]>(['components', 'list', SEED.owner]);
    assert.equal(listed.find(c => c.name === name)?.versions[0].stage, 'production');
    assert.equal((await cli(['components', 'delete', `${SEED.owner}/${name}:v1`])).code, 0);
    assert.equal((await cli(['project', 'delete', SEED.owner, name])).code, 0);
  });

  it('refuses what the server cannot do, with the reason, exit 1 and a --json error', async () => {
    for (const [args, reason] of [
      [['team', 'create', SEED.owner, 'ml'], /no teams/],
      [['team', 'list', SEED.owner], /no teams/],
      [['member', 'add', SEED.owner, 'ann', '--role', 'member'], /no member management/],
      [['org', 'create', 'acme'], /one owner/],
      [['audit', 'list', SEED.owner], /activity log/],
      [['store', 'path'], /works on the local store file/],
    ] as [string[], RegExp][]) {
      const r = await cli(['--json', ...args]);
      assert.equal(r.code, 1, args.join(' '));
      const error = JSON.parse(r.out).error as { code: string; message: string };
      assert.equal(error.code, 'unsupported', args.join(' '));
      assert.match(error.message, reason);
      assert.match(r.err, reason);
    }
    const mixed = await cli(['--store', path.join(home, 'hub.json'), 'project', 'list', SEED.owner]);
    assert.equal(mixed.code, 2);
    assert.match(mixed.err, /--store and --server name two backends/);
  });

  it('says nothing listens on a closed port, without hanging', async () => {
    const port = await new Promise<number>(resolve => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await cli(['--json', 'project', 'list', SEED.owner], { POLYAXON_HUB_SERVER: `http://127.0.0.1:${port}`, POLYAXON_HUB_TIMEOUT: '5' });
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.out).error.code, 'unreachable');
    assert.match(r.err, /Nothing is listening at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  });
});
