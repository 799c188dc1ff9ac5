// `npm run test:server`: starts Polyaxon's own API server (haupt sandbox: 127.0.0.1, a free port, a temporary home
// with sqlite and a local artifacts store), seeds it with the real polyaxon client, builds and runs the server
// backend's mocha tests (test/server) against it, and stops the server's whole process group.
// Needs `bash scripts/setup-python --server`. Last line: "N passed, N failed".
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { hauptMissing, seedPolyaxonServer, startPolyaxonServer } from './lib/polyaxon-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const missing = hauptMissing();
if (missing) {
  console.error(`[test:server] ${missing}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const started = Date.now();
const server = await startPolyaxonServer({ log: m => console.log(m) });
let passed = 0,
  failed = 0;
try {
  const t = Date.now();
  const seed = await seedPolyaxonServer(server);
  console.log(`[test:server] seeded with the polyaxon client in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(seed)}`);
  await esbuild.build({
    entryPoints: ['test/server/serverHub.test.ts'],
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
  };
  const out = await run(
    process.execPath,
    [path.join('node_modules', 'mocha', 'bin', 'mocha.js'), '--ui', 'bdd', '--timeout', '400000', 'out/test/server/*.test.js'],
    env,
  );
  passed = Number(/(\d+) passing/.exec(out)?.[1] ?? 0);
  failed = Number(/(\d+) failing/.exec(out)?.[1] ?? 0);
  if (!passed && !failed) failed = 1; // mocha did not even run
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
