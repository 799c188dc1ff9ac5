// `npm run test:server`: starts Polyaxon's own API server (haupt sandbox: 127.0.0.1, a free port, a temporary home
// with sqlite and a local artifacts store), seeds it with the real polyaxon client, builds the CLI and runs the server
// backend's and the CLI's mocha tests (test/server/*.test.ts; with 230 runs in a project `paged` for the paging tests,
// added through haupt's own run manager and deleted after them) against it, then the extension's in-host suite against it (test/host-server,
// in a real VS Code through scripts/test-host.mjs) and its UI tests (test/ui/server/*.ui.mjs, through test/ui/run.mjs
// --suite server), and stops the server's whole process group.
// Needs `bash scripts/setup-python --server`. Last line: "N passed, N failed", summed over the stages.
//   env TEST_SERVER_STAGES=mocha,host,ui (the default: all three) runs only the named stages.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { addBulkRuns, HAUPT_VENV, hauptMissing, seedPolyaxonServer, startPolyaxonServer } from './lib/polyaxon-server.mjs';

/** more than two pages of 100: lists must page through */
const PAGED_RUNS = 230;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const missing = hauptMissing();
if (missing) {
  console.error(`[test:server] ${missing}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const STAGES = new Set((process.env.TEST_SERVER_STAGES || 'mocha,host,ui').split(',').map(x => x.trim()));
const started = Date.now();
const server = await startPolyaxonServer({ log: m => console.log(m) });
let passed = 0,
  failed = 0;
try {
  const t = Date.now();
  const seed = await seedPolyaxonServer(server);
  console.log(`[test:server] seeded with the polyaxon client in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(seed)}`);
  fs.rmSync('out/test/server', { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['src/cli/main.ts'],
    outfile: 'out/test/server/cli/cli.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  await esbuild.build({
    entryPoints: fs
      .readdirSync('test/server')
      .filter(f => f.endsWith('.test.ts'))
      .map(f => `test/server/${f}`),
    outdir: 'out/test/server',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['mocha'],
    logLevel: 'warning',
  });
  const env = {
    ...process.env,
    POLYAXON_TEST_SERVER: server.url,
    POLYAXON_TEST_USER: server.user.username,
    POLYAXON_TEST_PASSWORD: server.user.password,
    POLYAXON_TEST_SEED: JSON.stringify(seed),
    POLYAXON_TEST_CLI: path.resolve('out/test/server/cli/cli.js'),
    // the polyaxon client of haupt's environment writes the CLI tests' ~/.polyaxon config, as `polyaxon login` would
    POLYAXON_TEST_PYTHON: path.join(HAUPT_VENV, 'bin', 'python'),
  };
  if (STAGES.has('mocha')) {
    const paged = { project: 'paged', runs: await addBulkRuns(server, 'paged', PAGED_RUNS) };
    env.POLYAXON_TEST_SEED = JSON.stringify({ ...seed, paged });
    const out = await run(
      process.execPath,
      [path.join('node_modules', 'mocha', 'bin', 'mocha.js'), '--ui', 'bdd', '--timeout', '400000', 'out/test/server/*.test.js'],
      env,
    );
    const p = Number(/(\d+) passing/.exec(out)?.[1] ?? 0);
    const f = Number(/(\d+) failing/.exec(out)?.[1] ?? 0);
    passed += p;
    failed += p || f ? f : 1; // mocha did not even run
    // the extension's stages see the seed as the polyaxon client made it
    const auth = `Basic ${Buffer.from(`${server.user.username}:${server.user.password}`).toString('base64')}`;
    const gone = await fetch(`${server.url}/api/v1/default/${paged.project}`, { method: 'DELETE', headers: { authorization: auth } });
    if (!gone.ok) console.log(`[test:server] could not delete project ${paged.project}: ${gone.status}`);
  }
  // the extension in a real VS Code against the same server: the in-host suite, then the UI tests (their runners'
  // last lines are "<label> (VS Code x.y.z): N passed, N failed"); generous timeouts: haupt answers slowly under load
  const stages = [
    {
      name: 'host',
      label: 'host-server',
      args: ['scripts/test-host.mjs', '--vscode', 'oldest'],
      env: { POLYAXON_HUB_HOST_SUITE: 'server', HOST_TEST_TIMEOUT: process.env.HOST_TEST_TIMEOUT || '2400' },
    },
    {
      name: 'ui',
      label: 'ui-server',
      args: ['test/ui/run.mjs', '--vscode', 'oldest', '--suite', 'server'],
      env: { UI_TIMEOUT: process.env.UI_TIMEOUT || '180000' },
    },
  ];
  for (const stage of stages.filter(x => STAGES.has(x.name))) {
    const out = await run(process.execPath, stage.args, { ...env, ...stage.env });
    const m = new RegExp(`^${stage.label} \\(VS Code [^)]*\\): (\\d+) passed, (\\d+) failed$`, 'm').exec(out);
    console.log(`[test:server] ${stage.name} stage: ${m ? `${m[1]} passed, ${m[2]} failed` : 'no result line (counted as 1 failure)'}`);
    passed += m ? Number(m[1]) : 0;
    failed += m ? Number(m[2]) : 1;
  }
} catch (err) {
  console.error(`[test:server] ${err?.message ?? err}`);
  failed += 1;
} finally {
  await server.stop();
}
console.log(`[test:server] haupt ${server.version} (${server.dist}); ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

function run(cmd, args, env) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', d => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', d => {
      process.stderr.write(d);
    });
    child.on('exit', () => resolve(out));
  });
}
