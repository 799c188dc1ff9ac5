// UI layer: drives a real VS Code (code-server + Debian chromium via playwright-core) with the PACKAGED
// extension installed from dist/polyaxon-hub.vsix, as a user would. By default on the oldest VS Code we support
// (code-server 4.99.4, VS Code 1.99); with --vscode newest on code-server 4.139.1 (VS Code 1.139, node 24).
//
// Adding a UI test: create test/ui/<feature>.ui.mjs. Each file gets its own fresh code-server (fresh user data,
// settings `polyaxonHub.storePath` = a new file, `polyaxonHub.user` = tester) and a fresh browser context:
//   export const workspace = { 'train.yaml': '...' };   // optional: files seeded into the opened folder
//   export const settings = { 'some.setting': true };   // optional: extra user settings
//   export default async function (ui, step) {
//     await step('sidebar shows the welcome view', async () => { await ui.openViewContainer('Polyaxon Hub'); ... });
//   }
// `ui` is a helpers.mjs Ui (page, runCommand, answerInput, treeItem, explorerContextMenu, webview, notification,
// screenshot, expectNoCspViolations, assert, ...). Steps run in order; after a failing step the rest of the file
// is skipped and counted as failed. Every file ends with a "no CSP violations" check added by the runner.
// Screenshots and console logs go to test-results/ui/<file>/ (test-results/ui-newest/<file>/ on the newest VS Code),
// and a FAILED-*.png on failure.
//
// Usage: npm run test:ui [-- [--vscode oldest|newest] [--suite server] <substring of file names>...]
//   --vscode (or env POLYAXON_HUB_VSCODE): which VS Code to run in — oldest (the default) or newest (installed on
//   first use by scripts/setup --newest). Always without the smoke-test driver: on 4.13x it hides notifications.
//   --suite server runs test/ui/server/*.ui.mjs instead (against the Polyaxon server of npm run test:server, named by
//   POLYAXON_TEST_SERVER and the rest of its environment; results in test-results/ui-server/). Every other argument is
//   a file-name filter.
//   env: SKIP_PACKAGE=1 (reuse dist/polyaxon-hub.vsix), UI_TIMEOUT=ms per action (30000), KEEP_STATE=1
// Its output and last line ("ui (VS Code 1.99.3): N passed, N failed") name the VS Code version it ran.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ROOT,
  chromiumOptions,
  codeServerTarget,
  elapsed,
  ensureSetup,
  fmtMiB,
  installExtension,
  makeState,
  memorySampler,
  newRunDir,
  removeRunDir,
  run,
  startServer,
  workbenchUrl,
} from '../../scripts/lib/code-server.mjs';
import { Ui } from './helpers.mjs';

const TIMEOUT = Number(process.env.UI_TIMEOUT || 30000);
const VSIX = path.join(ROOT, 'dist/polyaxon-hub.vsix');
const t0 = Date.now();

/** --vscode X / --vscode=X (else env POLYAXON_HUB_VSCODE, else oldest); every other argument is a file filter */
function parseArgs(argv) {
  let choice;
  let suite;
  const filters = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--vscode') {
      if (i + 1 >= argv.length) throw new UsageError('--vscode needs a value: oldest or newest');
      choice = argv[++i];
    } else if (argv[i].startsWith('--vscode=')) choice = argv[i].slice('--vscode='.length);
    else if (argv[i] === '--suite') {
      if (argv[i + 1] !== 'server') throw new UsageError('--suite takes one value: server');
      suite = argv[++i];
    } else if (argv[i].startsWith('-')) {
      throw new UsageError(`unknown option ${argv[i]} (usage: run.mjs [--vscode oldest|newest] [file filter...])`);
    } else filters.push(argv[i]);
  }
  return { choice, suite, filters };
}
class UsageError extends Error {}

let target;
let label = 'ui';
// results of the oldest stay where they always were; the newest gets its own dir, so a CI run keeps both
let RESULTS = path.join(ROOT, 'test-results', 'ui');
/** where the test files are: test/ui, or test/ui/server for --suite server */
let FILES_DIR = path.join(ROOT, 'test/ui');
let NAME = 'ui';
const log = msg => console.log(`[${label} ${elapsed(t0)}] ${msg}`);

async function main() {
  let filters;
  try {
    const a = parseArgs(process.argv.slice(2));
    filters = a.filters;
    target = codeServerTarget(a.choice);
    if (a.suite) {
      NAME = `ui-${a.suite}`;
      FILES_DIR = path.join(ROOT, 'test/ui', a.suite);
    }
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError(e.message);
  }
  label = `${NAME} (VS Code ${target.label})`;
  if (NAME !== 'ui') RESULTS = path.join(ROOT, 'test-results', target.choice === 'oldest' ? NAME : `${NAME}-${target.choice}`);
  else if (target.choice !== 'oldest') RESULTS = path.join(ROOT, 'test-results', `ui-${target.choice}`);
  fs.rmSync(path.join(RESULTS, 'summary.json'), { force: true }); // never report an older run's numbers
  if (!process.env.SKIP_SETUP) await ensureSetup(target);
  label = `${NAME} (VS Code ${target.vscodeVersion})`;
  // imported after setup: on a fresh clone node_modules only exists from here on
  const { chromium } = await import('playwright-core');
  if (!process.env.SKIP_PACKAGE) {
    // vsce lists every packed file on stdout: keep stderr (esbuild and vsce errors/warnings) only
    if ((await run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] })) !== 0) {
      throw new Error('npm run package failed');
    }
    log(`packaged ${path.relative(ROOT, VSIX)} (${Math.round(fs.statSync(VSIX).size / 1024)} KiB)`);
  }
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} missing: run npm run package`);

  const files = fs
    .readdirSync(FILES_DIR)
    .filter(f => f.endsWith('.ui.mjs'))
    .filter(f => !filters.length || filters.some(x => f.includes(x)))
    .sort();
  if (!files.length) throw new Error(`no ${path.relative(ROOT, FILES_DIR)}/*.ui.mjs matched`);

  fs.rmSync(RESULTS, { recursive: true, force: true });
  const base = newRunDir(`${NAME}-${target.label}`);
  // install once into a shared extensions dir; every test file then gets its own user data + workspace
  const shared = makeState(path.join(base, 'install'));
  installExtension(shared, VSIX, target);
  log(
    `installed the .vsix into ${path.relative(ROOT, shared.extensions)} with code-server ${target.codeServer} ` +
      `(VS Code ${target.vscodeVersion}, node ${target.node.startsWith(ROOT) ? path.relative(ROOT, target.node) : target.node})`,
  );

  const mem = memorySampler();
  const browser = await chromium.launch(chromiumOptions(shared));
  const results = [];
  try {
    for (const file of files) results.push(...(await runFile(file, base, shared.extensions, browser)));
  } finally {
    await browser.close().catch(() => {});
  }
  const peak = mem.stop();

  const failed = results.filter(r => !r.ok).length;
  const passed = results.length - failed;
  log(
    `peak memory (summed PSS of code-server + extension host + chromium + runner): ${fmtMiB(peak.total)} ` +
      `(chromium ${fmtMiB(peak.chromium)}, node ${fmtMiB(peak.other)})`,
  );
  fs.writeFileSync(
    path.join(RESULTS, 'summary.json'),
    JSON.stringify(
      {
        vscode: target.vscodeVersion,
        codeServer: target.codeServer,
        passed,
        failed,
        peakMiB: peak,
        results,
      },
      null,
      2,
    ),
  );
  if (failed === 0 && !process.env.KEEP_STATE) removeRunDir(base);
  else log(`state kept in ${base}`);
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

async function runFile(file, base, extensionsDir, browser) {
  const name = file.replace(/\.ui\.mjs$/, '');
  const mod = await import(path.join(FILES_DIR, file));
  const dir = path.join(base, name);
  const storePath = path.join(dir, 'store', 'hub.json');
  const state = makeState(dir, {
    extensionsDir,
    settings: { 'polyaxonHub.storePath': storePath, 'polyaxonHub.user': 'tester', ...(mod.settings ?? {}) },
  });
  const workspace = path.join(dir, 'workspace');
  for (const [rel, content] of Object.entries(mod.workspace ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), content);
  }
  fs.mkdirSync(workspace, { recursive: true });

  console.log(`\n  ${file}`);
  // no devPayload: the smoke-test driver (needed for payloads on 4.13x) hides notifications, which UI tests read
  const server = await startServer(state, { folder: workspace, target });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const shotsDir = path.join(RESULTS, name);
  const ui = new Ui(page, { url: workbenchUrl(server, workspace), workspace, storePath, shotsDir, log });

  const results = [];
  let broken = false;
  const step = async (title, fn) => {
    if (broken) {
      results.push({ file, title, ok: false, skipped: true });
      console.log(`    - SKIPPED ${title}`);
      return;
    }
    const s = Date.now();
    try {
      await fn();
      results.push({ file, title, ok: true });
      console.log(`    ✔ ${title} (${elapsed(s)})`);
    } catch (e) {
      broken = true;
      const msg = String(e?.message ?? e)
        .split('\n')
        .slice(0, 6)
        .join('\n      ');
      results.push({ file, title, ok: false, error: msg });
      console.log(`    ✘ ${title}\n      ${msg}`);
      await ui.screenshot(`FAILED-${title}`).then(
        f => console.log(`      screenshot: ${path.relative(ROOT, f)}`),
        () => {},
      );
    }
  };
  try {
    await mod.default(ui, step);
    broken = false; // the CSP check is meaningful even after a failed step
    await step('no CSP violations in the console', async () => ui.expectNoCspViolations());
  } catch (e) {
    results.push({ file, title: 'test file crashed', ok: false, error: String(e?.stack ?? e) });
    console.log(`    ✘ test file crashed: ${e?.stack ?? e}`);
  } finally {
    fs.mkdirSync(shotsDir, { recursive: true });
    fs.writeFileSync(path.join(shotsDir, 'console.log'), ui.console.join('\n') + '\n');
    await context.close().catch(() => {});
    await server.stop();
  }
  return results;
}

main().then(
  c => process.exit(c),
  e => {
    console.error(`[${label}] ${e instanceof UsageError ? e.message : e.stack || e}`);
    console.log(`${label}: 0 passed, 1 failed`);
    process.exit(1);
  },
);
