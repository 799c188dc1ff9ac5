// In-host layer: runs the mocha suites of test/host INSIDE a real VS Code extension host (code-server's remote
// Node host), the way @vscode/test-electron does on the desktop: the workbench is opened in chromium with a
// payload carrying extensionDevelopmentPath (this repo) + extensionTestsPath (out/test/host/index.js), loads the
// tests, and calls window.codeAutomationExit(code) when mocha is done.
// Usage: npm run test:host [-- --vscode oldest|newest]
//   --vscode (or env POLYAXON_HUB_VSCODE): which VS Code to run in — oldest (code-server 4.99.4, VS Code 1.99, the
//   default) or newest (code-server 4.139.1 on node 24, VS Code 1.139; installed on first use by scripts/setup --newest)
//   env: SKIP_BUILD=1, HOST_TEST_TIMEOUT=seconds (300), POLYAXON_HUB_TEST_GREP=pattern,
//        KEEP_STATE=1 keeps the run dir, VERBOSE=1 echoes the browser console,
//        POLYAXON_HUB_HOST_SUITE=server runs test/host-server (against the Polyaxon server named by POLYAXON_TEST_SERVER
//        and the rest of npm run test:server's environment, which the extension host inherits) instead of test/host
// Its output and last line ("host (VS Code 1.99.3): N passed, N failed") name the VS Code version it ran.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ROOT,
  chromiumOptions,
  codeServerTarget,
  elapsed,
  ensureSetup,
  makeState,
  newRunDir,
  removeRunDir,
  run,
  startServer,
  workbenchUrl,
} from './lib/code-server.mjs';

const TIMEOUT_S = Number(process.env.HOST_TEST_TIMEOUT || 900); // a watchdog for a hung host, not a speed target: a busy 2-core machine runs the suite in 2–6 min
const t0 = Date.now();

/** --vscode X / --vscode=X, else env POLYAXON_HUB_VSCODE, else oldest */
function vscodeChoice(argv) {
  let choice; // undefined = codeServerTarget's default: POLYAXON_HUB_VSCODE, else oldest
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--vscode' && i + 1 < argv.length) choice = argv[++i];
    else if (argv[i].startsWith('--vscode=')) choice = argv[i].slice('--vscode='.length);
    else throw new UsageError(`unknown argument ${argv[i]} (usage: test-host.mjs [--vscode oldest|newest])`);
  }
  return choice;
}
class UsageError extends Error {}

/** which in-host suite: test/host (the local store), or test/host-server (a real Polyaxon server, from test:server) */
const SUITE = process.env.POLYAXON_HUB_HOST_SUITE === 'server' ? 'host-server' : 'host';

let target;
let label = SUITE;
const log = msg => console.log(`[${label} ${elapsed(t0)}] ${msg}`);

async function main() {
  try {
    target = codeServerTarget(vscodeChoice(process.argv.slice(2)));
  } catch (e) {
    throw new UsageError(e.message);
  }
  label = `${SUITE} (VS Code ${target.label})`;
  if (!process.env.SKIP_SETUP) await ensureSetup(target);
  label = `${SUITE} (VS Code ${target.vscodeVersion})`;
  // imported after setup: on a fresh clone node_modules only exists from here on
  const { chromium } = await import('playwright-core');
  if (!process.env.SKIP_BUILD) {
    // esbuild never deletes outputs: a test file removed from test/host would otherwise still run from out/
    fs.rmSync(path.join(ROOT, 'out/test', SUITE), { recursive: true, force: true });
    if ((await run(process.execPath, ['esbuild.mjs', '--tests'])) !== 0) throw new Error('build failed');
    log('built extension + tests');
  }
  const testsEntry = path.join(ROOT, 'out/test', SUITE, 'index.js');
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} missing: build with node esbuild.mjs --tests`);

  const dir = newRunDir(`${SUITE}-${target.label}`);
  const state = makeState(dir, {
    settings: { 'polyaxonHub.storePath': path.join(dir, 'store', 'hub.json'), 'polyaxonHub.user': 'tester' },
  });
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace);
  const logFile = path.join(dir, 'host-tests.log');
  const resultsFile = path.join(dir, 'host-tests.json');
  const consoleFile = path.join(dir, 'browser-console.log');

  // the payload's extensionEnvironment is ignored by code-server: test env goes into the server's environment
  const server = await startServer(state, {
    target,
    devPayload: true,
    folder: workspace,
    env: {
      POLYAXON_HUB_TEST_LOG: logFile,
      POLYAXON_HUB_TEST_RESULTS: resultsFile,
      ...(process.env.POLYAXON_HUB_TEST_GREP ? { POLYAXON_HUB_TEST_GREP: process.env.POLYAXON_HUB_TEST_GREP } : {}),
    },
  });
  log(
    `code-server ${target.codeServer} (VS Code ${target.vscodeVersion}, node ${target.node.startsWith(ROOT) ? path.relative(ROOT, target.node) : target.node}) up on ${server.url} (state ${path.relative(ROOT, dir)})`,
  );

  let browser;
  let code;
  try {
    browser = await chromium.launch(chromiumOptions(state));
    const page = await browser.newPage();
    let done;
    const exited = new Promise(r => (done = r));
    await page.exposeFunction('codeAutomationExit', c => done(c));
    page.on('console', m => {
      const text = m
        .text()
        .replace(/%c/g, '')
        .replace(/color: #[0-9a-f]+;?/gi, '')
        .trim();
      fs.appendFileSync(consoleFile, `[${m.type()}] ${text}\n`);
      if (process.env.VERBOSE) console.log(`[console] ${text}`);
    });
    page.on('pageerror', e => fs.appendFileSync(consoleFile, `[pageerror] ${e.message}\n`));
    await page.goto(
      workbenchUrl(server, workspace, [
        ['extensionDevelopmentPath', ROOT],
        ['extensionTestsPath', testsEntry],
      ]),
    );
    let timer;
    code = await Promise.race([
      exited,
      new Promise(r => {
        timer = setTimeout(() => r('timeout'), TIMEOUT_S * 1000);
      }),
    ]);
    clearTimeout(timer);
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }

  if (fs.existsSync(logFile)) process.stdout.write(fs.readFileSync(logFile, 'utf8'));
  let summary = null;
  try {
    summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    /* the tests never finished */
  }
  const ok = code === 0 && summary !== null && summary.failed === 0 && summary.passed > 0;
  if (!ok) {
    if (code === 'timeout') log(`TIMEOUT: no result after ${TIMEOUT_S} s`);
    else log(`workbench exit code ${code}`);
    if (summary?.error) log(summary.error);
    // the extension host's own console (activation errors, stack traces) is mirrored into the page console
    const lines = fs.existsSync(consoleFile) ? fs.readFileSync(consoleFile, 'utf8').trim().split('\n') : [];
    // mocha's own lines are mirrored there too (printed above already): keep what explains a broken run
    const relevant = lines.filter(l => /pageerror|activat|Cannot find module|uncaught|unhandled|extensionTestsPath/i.test(l)).slice(-30);
    if (relevant.length) console.log(`--- browser console (last ${relevant.length} relevant lines, all in ${consoleFile}) ---\n${relevant.join('\n')}`);
    log(`state kept in ${dir}`);
  } else if (!process.env.KEEP_STATE) {
    removeRunDir(dir);
  }
  log(`done in ${elapsed(t0)}`);
  console.log(`${label}: ${summary?.passed ?? 0} passed, ${summary ? summary.failed : 1} failed`);
  return ok ? 0 : 1;
}

main().then(
  c => process.exit(c),
  e => {
    console.error(`[${label}] ${e instanceof UsageError ? e.message : e.stack || e}`);
    console.log(`${label}: 0 passed, 1 failed`);
    process.exit(1);
  },
);
