// Shared plumbing for the in-host runner, the UI runner and `npm start`: where the pinned code-server lives,
// fresh per-run state (user data, extensions, workspace, XDG dirs), starting/stopping the server in its own
// process group, and sampling the memory of our process tree.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * The VS Code versions we test on (TESTING.md's matrix). `oldest` is what `npm test` and `npm start` use; `newest`
 * is installed only on request (scripts/setup --newest) and runs the in-host suites and the UI tests in CI. Keep the versions in
 * step with scripts/setup.
 *   setupArgs        what scripts/setup needs to install it
 *   smokeTestDriver  code-server 4.13x honours the workbench payload's extensionDevelopmentPath/extensionTestsPath
 *                    only with `--vscode-option enable-smoke-test-driver` (4.99 has no such option)
 */
export const VSCODE_TARGETS = {
  oldest: { codeServer: process.env.CODE_SERVER_VERSION || '4.99.4', label: '1.99', setupArgs: [], smokeTestDriver: false },
  newest: { codeServer: '4.139.1', label: '1.139', setupArgs: ['--newest'], smokeTestDriver: true },
};

/**
 * Resolves a VS Code choice ('oldest' | 'newest'; default: env POLYAXON_HUB_VSCODE, else 'oldest') to where that
 * code-server lives, the node it must run on (recorded by scripts/setup) and its VS Code version.
 */
export function codeServerTarget(choice = process.env.POLYAXON_HUB_VSCODE || 'oldest') {
  const t = VSCODE_TARGETS[choice];
  if (!t) throw new Error(`unknown VS Code choice "${choice}": use one of ${Object.keys(VSCODE_TARGETS).join(', ')}`);
  const dir = path.join(ROOT, '.cache', `code-server-${t.codeServer}`);
  const nodePath = path.join(dir, 'node-path');
  const vscodePkg = path.join(dir, 'node_modules/code-server/lib/vscode/package.json');
  return {
    choice,
    ...t,
    dir,
    entry: path.join(dir, 'node_modules/code-server/out/node/entry.js'),
    // read when used: on a fresh clone the target is resolved before scripts/setup has installed it
    get node() {
      if (!fs.existsSync(nodePath)) return process.execPath;
      // relative to the checkout when it lies inside it (.cache/node-…), so a moved checkout keeps working
      const node = fs.readFileSync(nodePath, 'utf8').trim();
      return path.isAbsolute(node) ? node : path.join(ROOT, node);
    },
    /** the exact VS Code version of the installed server (e.g. 1.139.1), else the target's label */
    get vscodeVersion() {
      try {
        return JSON.parse(fs.readFileSync(vscodePkg, 'utf8')).version;
      } catch {
        return t.label;
      }
    },
  };
}

// `npm start` always uses the oldest; the in-host and UI runners take a choice (scripts/test-host.mjs and
// test/ui/run.mjs --vscode / POLYAXON_HUB_VSCODE) and pass their target to ensureSetup/installExtension/startServer
const DEFAULT = codeServerTarget('oldest');
export const CODE_SERVER_VERSION = DEFAULT.codeServer;
export const CS_DIR = DEFAULT.dir;
export const CS_ENTRY = DEFAULT.entry;

/** User settings that keep a fresh workbench quiet (no welcome page, tips, trust prompt, update checks). */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // run dirs and the demo workspace live under this repo's .cache/: do not offer to open the parent repository
  'git.openRepositoryInParentFolders': 'never',
};

export const elapsed = t0 => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Runs a command in the foreground with inherited stdio; resolves to its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on('error', e => {
      console.error(e.message);
      resolve(127);
    });
  });
}

/** Installs whatever is missing (apt packages, node_modules, code-server); near-instant when all is there. */
export async function ensureSetup(target = DEFAULT) {
  const rc = await run('bash', [path.join(ROOT, 'scripts/setup'), ...target.setupArgs]);
  if (rc !== 0) throw new Error(`scripts/setup failed (exit ${rc})`);
}

/**
 * A new, unique directory .cache/runs/<kind>-XXXXXX for one test run (other people may run tests in the same
 * checkout at the same time). Runs keep their dir when they fail, for inspection: those older than a day go.
 */
export function newRunDir(kind) {
  const runs = path.join(ROOT, '.cache/runs');
  fs.mkdirSync(runs, { recursive: true });
  for (const d of fs.readdirSync(runs)) {
    const p = path.join(runs, d);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 24 * 3600e3) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced */
    }
  }
  sweepShortTemps();
  return fs.mkdtempSync(path.join(runs, `${kind}-`));
}

// Unix sockets (Chromium's SingletonSocket, code-server's session socket, VS Code's IPC handles) must stay under
// 107 bytes, so a state's socket-bearing temp folder lives under os.tmpdir(), not inside a checkout at an ordinary
// path; `<state>/tmp` is a symlink to it, for inspection.
const SHORT_PREFIX = 'phub-';

function shortTempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), SHORT_PREFIX));
}

function sweepShortTemps() {
  for (const d of fs.readdirSync(os.tmpdir())) {
    if (!d.startsWith(SHORT_PREFIX)) continue;
    const p = path.join(os.tmpdir(), d);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 24 * 3600e3) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced */
    }
  }
}

/** Removes a run or state directory together with the short temp folders its states link to. */
export function removeRunDir(dir, depth = 2) {
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink() && e.name === 'tmp') fs.rmSync(fs.realpathSync.native(p), { recursive: true, force: true });
    else if (e.isDirectory() && depth > 0) removeRunDir(p, depth - 1);
  }
  if (depth === 2) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A code-server state directory: user data (with settings), extensions, XDG dirs (so nothing lands in the home
 * folder) and a temp dir. With `fresh`, an existing one is wiped first.
 */
export function makeState(dir, { fresh = true, settings = {}, extensionsDir } = {}) {
  if (fresh) removeRunDir(dir);
  const s = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: extensionsDir || path.join(dir, 'extensions'),
    xdgConfig: path.join(dir, 'xdg-config'),
    xdgData: path.join(dir, 'xdg-data'),
    tmp: reuseOrMakeShortTemp(path.join(dir, 'tmp')),
  };
  for (const d of [path.join(s.userData, 'User'), s.extensions, s.xdgConfig, s.xdgData]) fs.mkdirSync(d, { recursive: true });
  const settingsFile = path.join(s.userData, 'User/settings.json');
  if (fresh || !fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2) + '\n');
  }
  return s;
}

/** The short temp folder `link` points to (kept across `npm start` runs), or a new one linked there. */
function reuseOrMakeShortTemp(link) {
  try {
    const target = fs.realpathSync.native(link);
    if (fs.lstatSync(link).isSymbolicLink() && fs.statSync(target).isDirectory()) return target;
  } catch {
    /* missing or dangling */
  }
  fs.rmSync(link, { recursive: true, force: true });
  const tmp = shortTempDir();
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(tmp, link);
  return tmp;
}

/** Environment for code-server and everything it spawns (extension host, file watcher, pty host). */
export function serverEnv(state, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: state.xdgConfig,
    XDG_DATA_HOME: state.xdgData,
    TMPDIR: state.tmp,
    // VS Code's @vscode/deviceid writes $XDG_CACHE_HOME/Microsoft/DeveloperTools (else ~/.cache)
    XDG_CACHE_HOME: path.join(state.dir, 'xdg-cache'),
    EXTENSIONS_GALLERY: '{}', // no marketplace (open-vsx) lookups
    ...extra,
  };
}

function csArgs(state) {
  return [
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--session-socket',
    path.join(state.tmp, 'cs.sock'), // default: inside user-data-dir, too long a path under a deep checkout
    '--user-data-dir',
    state.userData,
    '--extensions-dir',
    state.extensions,
  ];
}

function assertInstalled(target) {
  if (!fs.existsSync(target.entry)) {
    throw new Error(`code-server ${target.codeServer} is not installed in ${target.dir}: run scripts/setup ${target.setupArgs.join(' ')}`.trim());
  }
}

/** Installs a .vsix exactly as a user would (`code-server --install-extension`). */
export function installExtension(state, vsix, target = DEFAULT) {
  assertInstalled(target);
  const r = spawnSync(target.node, [target.entry, ...csArgs(state), '--force', '--install-extension', vsix], { env: serverEnv(state), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/** Resolves to `preferred` when it can be bound on 127.0.0.1, else to a free port the OS picks. */
export function freePort(preferred = 0) {
  const tryListen = port =>
    new Promise(resolve => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
  return tryListen(preferred).then(p => p ?? tryListen(0));
}

/**
 * Starts code-server on 127.0.0.1 in its own process group (detached = setsid), so stop() takes the extension
 * host, file watcher and pty host with it. Resolves once /healthz answers.
 * `target` (codeServerTarget()) picks the version and its node; `devPayload` says the workbench will be opened with
 * an extensionDevelopmentPath/extensionTestsPath payload, which needs the smoke-test driver on 4.13x (it also hides
 * notifications, so leave it off for UI tests).
 */
export async function startServer(
  state,
  { port = 0, env = {}, folder, logFile = path.join(state.dir, 'server.log'), stdio, target = DEFAULT, devPayload = false } = {},
) {
  assertInstalled(target);
  port = await freePort(port);
  const out = stdio ?? fs.openSync(logFile, 'a');
  const args = [target.entry, ...csArgs(state), '--bind-addr', `127.0.0.1:${port}`];
  if (devPayload && target.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (folder) args.push(folder);
  const child = spawn(target.node, args, { detached: true, env: serverEnv(state, env), stdio: ['ignore', out, out] });
  let exited = null;
  const exitPromise = new Promise(resolve =>
    child.on('exit', (code, sig) => {
      exited = code ?? sig;
      resolve(exited);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was ready; see ${logFile}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      killGroup(child.pid, 'SIGKILL');
      throw new Error(`code-server not ready after 30 s; see ${logFile}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid,
    exited: exitPromise,
    /** TERM the whole group, KILL it after 5 s if anything is left. */
    async stop() {
      if (!groupAlive(child.pid)) return;
      killGroup(child.pid, 'SIGTERM');
      const until = Date.now() + 5000;
      while (groupAlive(child.pid) && Date.now() < until) await new Promise(r => setTimeout(r, 100));
      if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
    },
  };
}

function killGroup(pgid, sig) {
  try {
    process.kill(-pgid, sig);
  } catch {
    /* already gone */
  }
}
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The workbench URL for a folder, optionally with a development-mode payload (extensionDevelopmentPath, ...). */
export function workbenchUrl(server, folder, payload) {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) {
    // code-server's remote authority is the Host the browser used
    const remote = p => `vscode-remote://127.0.0.1:${server.port}${p}`;
    url += `&payload=${encodeURIComponent(JSON.stringify(payload.map(([k, v]) => [k, k.endsWith('Path') ? remote(v) : v])))}`;
  }
  return url;
}

/** Chromium launch options that keep it offline, quiet and out of the home folder. */
export function chromiumOptions(state) {
  return {
    executablePath: CHROMIUM,
    headless: true,
    // the crash reporter writes $XDG_CONFIG_HOME/chromium (else ~/.config/chromium)
    env: { ...process.env, XDG_CONFIG_HOME: state.xdgConfig, XDG_CACHE_HOME: path.join(state.dir, 'xdg-cache'), TMPDIR: state.tmp },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  };
}

/**
 * Samples the summed PSS of this process and all its descendants (code-server, extension host, chromium, ...)
 * every `ms`, like probe/run-e2e.sh. stop() returns the peak and the split at that moment (MiB).
 */
export function memorySampler(ms = 500) {
  const peak = { total: 0, chromium: 0, other: 0 };
  const sample = () => {
    const parent = new Map();
    const comm = new Map();
    for (const pid of fs.readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        comm.set(pid, stat.slice(stat.indexOf('(') + 1, close));
        parent.set(pid, stat.slice(close + 2).split(' ')[1]);
      } catch {
        /* exited meanwhile */
      }
    }
    const root = String(process.pid);
    const inTree = pid => {
      for (let p = pid, n = 0; p && n < 64; p = parent.get(p), n++) if (p === root) return true;
      return false;
    };
    let total = 0,
      chromium = 0;
    for (const pid of parent.keys()) {
      if (!inTree(pid)) continue;
      try {
        const m = /^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        const kb = m ? Number(m[1]) : 0;
        total += kb;
        if (/chrom/i.test(comm.get(pid))) chromium += kb;
      } catch {
        /* exited meanwhile */
      }
    }
    if (total > peak.total * 1024) Object.assign(peak, { total: total / 1024, chromium: chromium / 1024, other: (total - chromium) / 1024 });
  };
  const timer = setInterval(sample, ms);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peak };
    },
  };
}

export const fmtMiB = mib => `${Math.round(mib)} MiB`;
