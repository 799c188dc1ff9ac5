// Polyaxon's own API server (haupt's sandbox: the open-source API, sqlite, a local artifacts store) on 127.0.0.1,
// for the server-backend tests and bench. `startPolyaxonServer()` picks a free port, gives the server a temporary
// home (its sqlite database and artifacts live there), waits until it answers, and returns `stop()`, which ends the
// whole process group (uvicorn's worker outlives a plain kill of the parent). `seedPolyaxonServer()` fills it
// through the real polyaxon client (scripts/polyaxon-seed.py).
//
// haupt comes from `bash scripts/setup-python --server` (.cache/py/haupt, pinned haupt[sandbox]==2.16.4).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// bundled into a CJS bench module import.meta.url is gone: the bench runs from the checkout's root
const ROOT = typeof import.meta.url === 'string' ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..') : process.cwd();
export const HAUPT_VENV = path.join(ROOT, '.cache', 'py', 'haupt');
const HAUPT = path.join(HAUPT_VENV, 'bin', 'haupt');
const PYTHON = path.join(HAUPT_VENV, 'bin', 'python');
const SEED = path.join(ROOT, 'scripts', 'polyaxon-seed.py');

export function hauptMissing() {
  return fs.existsSync(HAUPT)
    ? undefined
    : `Polyaxon's server (haupt) is not installed at ${path.relative(ROOT, HAUPT_VENV)}: run \`bash scripts/setup-python --server\`.`;
}

/** The installed haupt version, e.g. "2.16.4". */
export function hauptVersion() {
  const r = spawnSync(PYTHON, ['-c', 'import haupt, polyaxon.pkg as p; print(haupt.__version__ if hasattr(haupt, "__version__") else p.VERSION)'], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * Starts the server; resolves once GET /healthz answers 200. Rejects (after stopping what it started) when the
 * process exits early or `timeoutMs` passes, with the tail of the server's log in the message.
 */
export async function startPolyaxonServer({ timeoutMs = 180_000, log = () => {} } = {}) {
  const missing = hauptMissing();
  if (missing) throw new Error(missing);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-server-'));
  const sandbox = path.join(home, 'sandbox'); // sqlite db in .polyaxon/, and the artifacts store (run folders)
  fs.mkdirSync(sandbox);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(home, 'server.log');
  const out = fs.openSync(logFile, 'a');
  // POLYAXON_HOME and POLYAXON_DB_NAME pin the home and the database for the parent (which migrates) and the
  // worker (which serves): without them they pick different plx.db files and every request fails with
  // "no such table: db_user". One worker: the machine is small and the tests are sequential.
  const env = {
    ...process.env,
    HOME: home,
    POLYAXON_HOME: home,
    POLYAXON_DB_NAME: path.join(home, 'plx.db'),
    // the streams service copies each file it serves from the artifacts store into this archives folder first;
    // its default (/tmp/plx/archives) would be shared by every server on the machine and outlive this one
    POLYAXON_ARCHIVES_ROOT: path.join(home, 'archives'),
    POLYAXON_LOG_LEVEL: 'WARNING',
    PYTHONUNBUFFERED: '1',
    // haupt wraps every request in a transaction (ATOMIC_REQUESTS), each request in its own thread, and its cron
    // posts every 2 s; with sqlite's default deferred transactions a request that reads then writes fails at once
    // with "database is locked" (a 500, which haupt's error page answers as 405 on writes). IMMEDIATE transactions
    // wait their turn instead, reads included, so on a loaded machine a request can queue for tens of seconds: with
    // a 30 s busy timeout GETs failed with 500 "database is locked" (seen on a run's GET under load). 120 s lets
    // them wait; the client's own timeout still bounds what a user waits for.
    POLYAXON_DB_OPTIONS: JSON.stringify({ timeout: 120, transaction_mode: 'IMMEDIATE', init_command: 'PRAGMA journal_mode=WAL;' }),
  };
  const started = Date.now();
  // through the venv's python, not the script's shebang: a venv moved or shared between checkouts keeps working
  const child = spawn(PYTHON, [HAUPT, 'sandbox', 'start', '--host', '127.0.0.1', '--port', String(port), '--workers', '1', '--path', sandbox], {
    cwd: home,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.on('error', err => {
    exited = { code: err.message };
  });
  const tail = () => {
    try {
      return fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    } catch {
      return '';
    }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killNow);
    const group = -child.pid;
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50 && groupAlive(group); i++) await sleep(200);
    if (groupAlive(group)) {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (!process.env.KEEP_SERVER_HOME) fs.rmSync(home, { recursive: true, force: true });
  };
  const killNow = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.on('exit', killNow);

  while (true) {
    if (exited) {
      const t = tail();
      await stop();
      throw new Error(`haupt sandbox exited (${exited.code ?? exited.signal}) before answering:\n${t}`);
    }
    if (Date.now() - started > timeoutMs) {
      const t = tail();
      await stop();
      throw new Error(`haupt sandbox did not answer ${url}/healthz within ${timeoutMs / 1000} s:\n${t}`);
    }
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(500);
  }
  const info = await (await fetch(`${url}/api/v1/installation`)).json();
  // The open-source server has no sign-up or token API; requests without credentials are anonymous, and haupt
  // 2.16.4 then fails every write that records its author (component/model versions, stages) with a 500 that its
  // error page turns into 405. A Django user signing in with HTTP Basic (DRF's default authentication) is what a
  // deployment's admin would create; the tests and the seed act as that user.
  const user = { username: 'hubuser', password: `pw-${Math.random().toString(36).slice(2)}` };
  const made = spawnSync(
    PYTHON,
    [HAUPT, 'manage', '--path', sandbox, '-c', 'createsuperuser', '--', '--noinput', '--username', user.username, '--email', `${user.username}@example.com`],
    { cwd: home, env: { ...env, DJANGO_SUPERUSER_PASSWORD: user.password }, encoding: 'utf8' },
  );
  if (made.status !== 0) {
    await stop();
    throw new Error(`creating the server's user failed: ${made.stderr.slice(-800)}`);
  }
  log(`[server] haupt ${info.version} (${info.dist}, ${info.mode}) at ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s; home ${home}`);
  return { url, home, sandbox, version: info.version, dist: info.dist, user, logFile, env, stop };
}

function groupAlive(group) {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
}

/** Seeds through the real polyaxon client; resolves with what scripts/polyaxon-seed.py printed. */
export function seedPolyaxonServer(server, { runs = 0 } = {}) {
  const client = fs.mkdtempSync(path.join(server.home, 'client-'));
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SEED, ...(runs ? ['--runs', String(runs)] : [])], {
      cwd: client,
      env: {
        ...process.env,
        HOME: client,
        POLYAXON_HOME: client,
        POLYAXON_HOST: server.url,
        POLYAXON_ARTIFACTS_ROOT: server.sandbox,
        POLYAXON_NO_OP: 'false',
        POLYAXON_LOG_LEVEL: 'WARNING',
        POLYAXON_AUTHENTICATION_TYPE: 'Basic',
        POLYAXON_AUTH_TOKEN: Buffer.from(`${server.user.username}:${server.user.password}`).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', d => {
      stdout += d;
    });
    child.stderr.on('data', d => {
      stderr += d;
    });
    child.on('exit', code => {
      if (code !== 0) return reject(new Error(`seeding failed (exit ${code}):\n${stderr.split('\n').slice(-30).join('\n')}`));
      const line = stdout.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`seed printed no JSON: ${stdout.slice(-500)}`));
      }
    });
  });
}

/** Adds `count` runs to `project` (created first through the API) with haupt's own run manager, in one transaction. */
export async function addBulkRuns(server, project, count) {
  const r = await fetch(`${server.url}/api/v1/default/projects/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: project, description: 'many runs' }),
  });
  if (!r.ok && r.status !== 400) throw new Error(`creating project ${project}: ${r.status} ${await r.text()}`);
  const made = spawnSync(PYTHON, [path.join(ROOT, 'scripts', 'polyaxon-bulk-runs.py'), server.sandbox, 'default', project, String(count)], {
    cwd: server.home,
    env: server.env,
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`adding ${count} runs failed: ${made.stderr.slice(-800)}`);
  return Number(made.stdout.trim().split('\n').pop());
}
