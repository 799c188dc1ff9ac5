// `npm run test:faults`: the fault suite (test/faults, issue 10): the real CLI killed with SIGKILL mid-write and
// mid-promote, damaged stores, hostile names and paths, symlinks leaving a run, 0-byte and > 2 GiB artifacts, and the
// CLI's hardening cases. Builds first (dist/cli.js and the test bundles) unless SKIP_BUILD is set.
// FAULT_SEED=N replays the random kill moments of a run (the default seed is fixed, so CI runs are reproducible).
// Last line: "faults: N cases (N passed, N failed), N faults injected, N writes kept".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.env.SKIP_BUILD) {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const tallyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phub-tally-')), 'tally.json');
const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const run = spawnSync(
  process.execPath,
  [mocha, '--ui', 'bdd', '--timeout', '120000', '--require', 'out/test/faults/helpers/rootHooks.js', 'out/test/faults/*.test.js'],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FAULT_TALLY: tallyFile } },
);
let t = null;
try {
  t = JSON.parse(fs.readFileSync(tallyFile, 'utf8'));
} catch {
  /* mocha did not get as far as its root afterAll hook */
}
fs.rmSync(path.dirname(tallyFile), { recursive: true, force: true });
const code = run.status ?? 1;
if (!t) {
  console.log('faults: 0 cases (0 passed, 1 failed), 0 faults injected, 0 writes kept');
  process.exit(code || 1);
}
console.log(`faults: ${t.passed + t.failed} cases (${t.passed} passed, ${t.failed} failed), ${t.faults} faults injected, ${t.writesKept} writes kept`);
process.exit(code);
