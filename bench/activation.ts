// activation_ms: how long the extension host takes to activate Polyaxon Hub — load its production bundle and run
// activate() — in a real VS Code (code-server 4.99.4, VS Code 1.99, the oldest we support, as `npm test` runs it;
// see ../shared/TESTING.md). Baseline, same host, same round: an empty extension (`exports.activate = () => {}`).
// Each round opens a fresh workbench (a new extension host) whose extensionTestsPath is bench/activation-host.ts;
// rounds alternate which extension goes first; the medians are compared. Goal ≤ 100 ms.
// Needs code-server (scripts/setup) and chromium; the row is NaN with a note when they are missing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Row } from './row';

const OURS = 'polyaxon-hub.polyaxon-hub';
const EMPTY = 'polyaxon-hub-bench.empty';
const ROUNDS = 7;
const ROUND_TIMEOUT_MS = 120_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** An extension that does nothing: what any extension's activation costs at least. */
function writeEmptyExtension(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'empty',
    publisher: 'polyaxon-hub-bench',
    version: '0.0.0',
    engines: { vscode: '^1.99.0' },
    main: './extension.js',
    activationEvents: [],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = () => {};\nexports.deactivate = () => {};\n');
}

export async function bench(context: { root: string }): Promise<Row> {
  const base = {
    id: 'activation_ms',
    name: "activation in the real extension host: load the bundle + activate(), by VS Code's own marks",
    unit: 'ms',
    goal: { max: 100 },
  };
  const cs = await import(pathToFileURL(path.join(context.root, 'scripts/lib/code-server.mjs')).href);
  const target = cs.codeServerTarget('oldest');
  const missing = !fs.existsSync(target.entry)
    ? `code-server ${target.codeServer} is not installed: run scripts/setup`
    : !fs.existsSync(cs.CHROMIUM)
      ? `no chromium at ${cs.CHROMIUM}`
      : '';
  const bundle = path.join(context.root, 'dist', 'extension.js');
  if (missing || !fs.existsSync(bundle)) return { ...base, value: NaN, baseline: NaN, note: missing || `${bundle} is missing (node esbuild.mjs --production)` };
  const probe = path.join(context.root, 'out', 'bench', 'activation-host.js');

  // short: code-server's IPC sockets live under this folder (a socket path over 107 bytes aborts)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phub-act-'));
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace);
  const state = cs.makeState(path.join(dir, 'state'), {
    settings: { 'polyaxonHub.storePath': path.join(dir, 'store', 'hub.json'), 'polyaxonHub.user': 'bench' },
  });
  // the empty one is an installed extension: the workbench loads one extensionDevelopmentPath only (the last)
  writeEmptyExtension(path.join(state.extensions, `${EMPTY}-0.0.0`));
  const server = await cs.startServer(state, {
    target,
    devPayload: true,
    folder: workspace,
    env: {
      POLYAXON_HUB_BENCH_DIR: dir,
      ...(process.env.POLYAXON_HUB_BENCH_PROFILE ? { POLYAXON_HUB_BENCH_PROFILE: process.env.POLYAXON_HUB_BENCH_PROFILE } : {}),
    },
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(cs.chromiumOptions(state));
  const ours: { load: number; activate: number; wall: number }[] = [];
  const baseline: { load: number; activate: number; wall: number }[] = [];
  try {
    const url = cs.workbenchUrl(server, workspace, [
      ['extensionDevelopmentPath', context.root],
      ['extensionTestsPath', probe],
    ]);
    // round 0 warms the file cache and code-server's own code; it is not counted
    for (let round = 0; round <= ROUNDS; round++) {
      const order = round % 2 ? [EMPTY, OURS] : [OURS, EMPTY];
      fs.writeFileSync(path.join(dir, 'round.json'), JSON.stringify({ order }));
      fs.rmSync(path.join(dir, 'round-result.json'), { force: true });
      const page = await browser.newPage();
      let exited!: (code: unknown) => void;
      const done = new Promise(r => (exited = r));
      await page.exposeFunction('codeAutomationExit', (code: unknown) => exited(code));
      await page.goto(url);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([done, new Promise(r => (timer = setTimeout(() => r('timeout'), ROUND_TIMEOUT_MS)))]);
      clearTimeout(timer);
      await page.close();
      const resultFile = path.join(dir, 'round-result.json');
      type Timing = { load: number; activate: number; wall: number };
      const result = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Record<string, Timing | string>) : {};
      const mine = result[OURS];
      const theirs = result[EMPTY];
      if (code !== 0 || typeof mine !== 'object' || typeof theirs !== 'object') {
        throw new Error(`activation round ${round} failed (exit ${String(code)}): ${String(result.error ?? 'no result')}`);
      }
      if (round === 0) continue;
      ours.push(mine);
      baseline.push(theirs);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    cs.removeRunDir(dir); // with the short temp folder its state links to
  }
  const total = (t: { load: number; activate: number }) => t.load + t.activate;
  const list = (xs: number[]) => xs.map(x => x.toFixed(0)).join('/');
  return {
    ...base,
    value: median(ours.map(total)),
    baseline: median(baseline.map(total)),
    baselineName: 'an empty extension, same host',
    note:
      `VS Code ${target.vscodeVersion} (code-server ${target.codeServer}), production bundle ${(fs.statSync(bundle).size / 1024).toFixed(0)} KiB; ` +
      `the extension host's own marks (load code + activate), median of ${ROUNDS} rounds, each a fresh host: ` +
      `load ${median(ours.map(t => t.load)).toFixed(1)} ms + activate ${median(ours.map(t => t.activate)).toFixed(1)} ms (rounds ${list(ours.map(total))}); ` +
      `empty ${list(baseline.map(total))}; whole extension.activate() incl. the host's context set-up: ours ${list(ours.map(t => t.wall))}, empty ${list(baseline.map(t => t.wall))} ms`,
  };
}
