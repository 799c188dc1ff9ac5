// The inter-process lock around every store mutation.
//
// proper-lockfile takes the lock (an atomic `mkdir FILE.lock`, which also works on network file
// systems) and keeps it fresh (it touches the folder's mtime every `stale/2`); removing lock folders
// is left to this module (see lockFs). Inside the lock folder
// we write `owner.json` {pid, host, nonce, since} so that:
//  - a lock left by a crashed process on this host (pid no longer alive) is recovered at once, not
//    after `stale` ms;
//  - a lock whose mtime is older than `stale` (its owner hung, or died on another host) is recovered;
//  - a holder can verify, just before it commits its write, that the lock is still its own.
// Recovery moves the lock folder aside with one atomic rename and then checks it moved the folder it
// judged dead; if it moved a fresh lock instead (another process recovered and re-locked first), it
// puts it back. The holder's final ownership check covers what remains of that race.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { StoreError } from './storeError';

export interface LockOptions {
  /** a lock not refreshed for this long is stale (proper-lockfile; ≥ 2000). Default 10 000. */
  staleMs?: number;
  /** give up after waiting this long. Default 30 000. */
  timeoutMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  nonce: string;
  since: string;
}

export interface HeldLock {
  /** false once the lock was lost (compromised, or broken by a recovery): do not commit */
  stillHeld(): boolean;
  release(): Promise<void>;
}

const OWNER_FILE = 'owner.json';
const NO_OWNER_STALE_MS = 2000;

function lockPathOf(file: string): string {
  return `${file}.lock`;
}

/** Removes folders left by recoveries and releases interrupted by a crash. Call only while holding the lock. */
export function removeLockLeftovers(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(lockPathOf(file))}.`;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && /^(released|broken)-/.test(name.slice(prefix.length))) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function readOwner(dir: string): Owner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(`${dir}/${OWNER_FILE}`, 'utf8')) as Owner;
    return typeof o.pid === 'number' && typeof o.nonce === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeOwner(dir: string): string {
  const o = readOwner(dir);
  return o ? `process ${o.pid} on ${o.host} (since ${o.since})` : 'an unknown process';
}

/**
 * Moves a lock folder aside if it is still the one judged dead (same owner nonce, or no owner file
 * and the same mtime). Returns true when the dead lock is gone.
 */
function breakLock(dir: string, judged: { nonce?: string; mtimeMs: number }): boolean {
  const grave = `${dir}.broken-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(dir, grave);
  } catch {
    return false; // gone already, or someone else moved it
  }
  const moved = readOwner(grave);
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(grave).mtimeMs;
  } catch {
    /* ignore */
  }
  const same = judged.nonce !== undefined ? moved?.nonce === judged.nonce : moved === undefined && mtimeMs === judged.mtimeMs;
  if (!same) {
    // we moved a live lock: put it back (fails only if yet another lock exists; its owner re-checks before committing)
    try {
      fs.renameSync(grave, dir);
      return false;
    } catch {
      /* fall through and clean up */
    }
  }
  fs.rmSync(grave, { recursive: true, force: true });
  return same;
}

/** Recovers the lock when its owner is dead (same host) or it is stale. Returns true if it did. */
function recoverIfDead(dir: string, staleMs: number): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return false;
  }
  const owner = readOwner(dir);
  // a lock folder without owner.json is normally seconds old at most (it is written right after mkdir):
  // one older than 2 s was left by a process killed in between
  const stale = stat.mtimeMs < Date.now() - (owner ? staleMs : Math.min(staleMs, NO_OWNER_STALE_MS));
  const dead = owner !== undefined && owner.host === os.hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
  if (!stale && !dead) return false;
  return breakLock(dir, { nonce: owner?.nonce, mtimeMs: stat.mtimeMs });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Lock folders this process holds now, with their owner nonce. */
const held = new Map<string, string>();

/** Frees a lock folder if it is still `nonce`'s: one atomic rename, then the renamed folder goes. */
function freeSync(dir: string, nonce: string): void {
  if (readOwner(dir)?.nonce !== nonce) return;
  const gone = `${dir}.released-${nonce}`;
  try {
    fs.renameSync(dir, gone);
    fs.rmSync(gone, { recursive: true, force: true });
  } catch {
    /* recovered by someone else meanwhile */
  }
}

/**
 * Releases every lock this process still holds. Runs on process exit (process.exit, the CLI's SIGINT and
 * SIGTERM handlers), so an interrupted command leaves no lock for others to wait on; a kill -9 still
 * leaves one, recovered at once by the next writer on this host (its pid is dead).
 */
function releaseHeldLocksSync(): void {
  for (const [dir, nonce] of held) freeSync(dir, nonce);
  held.clear();
}

let exitHooked = false;

/**
 * The file system proper-lockfile works with: the real one, except that it never removes a lock
 * folder itself (its rmdir is blind: it could remove a lock another process has just taken). Locks
 * are freed by release() and recovered by recoverIfDead(), both with an atomic rename checked by nonce.
 */
const makeLockFs = () => ({
  ...fs,
  rmdir: (_path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null) => void) => callback(null),
  rmdirSync: () => undefined,
});
let lockFsMade: ReturnType<typeof makeLockFs> | undefined;
// made on first lock, not at load: copying node:fs reads its every getter (fs.promises, streams), which a command
// that never locks (validate) should not load
const lockFs = () => (lockFsMade ??= makeLockFs());

/** Takes the inter-process lock on `file`, waiting (and recovering dead or stale locks) up to timeoutMs. */
export async function acquireLock(file: string, options: LockOptions = {}): Promise<HeldLock> {
  const staleMs = Math.max(options.staleMs ?? 10_000, 2000);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dir = lockPathOf(file);
  const started = Date.now();
  let delay = 2;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 }); // a new store folder is private (files.ts)
  } catch (e) {
    throw StoreError.io(file, e as Error);
  }
  for (;;) {
    let compromised = false;
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lockfile.lock(file, {
        realpath: false,
        stale: staleMs,
        retries: 0,
        fs: lockFs(),
        onCompromised: () => {
          compromised = true;
        },
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED' && code !== 'ENOENT') throw StoreError.io(file, e as Error);
      if (recoverIfDead(dir, staleMs)) continue;
      if (Date.now() - started > timeoutMs) throw StoreError.locked(file, dir, describeOwner(dir), Date.now() - started);
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 1.5, 50);
      continue;
    }
    // Record who holds it, keeping the folder's mtime as proper-lockfile set it (it checks it is unchanged).
    const owner: Owner = { pid: process.pid, host: os.hostname(), nonce: randomBytes(8).toString('hex'), since: new Date().toISOString() };
    try {
      const before = fs.statSync(dir);
      fs.writeFileSync(`${dir}/${OWNER_FILE}`, JSON.stringify(owner));
      fs.utimesSync(dir, before.atime, before.mtime);
    } catch {
      // the folder vanished under us (a recovery raced): forget it (removes nothing) and try again
      await release().catch(() => undefined);
      continue;
    }
    let released = false;
    held.set(dir, owner.nonce);
    if (!exitHooked) {
      exitHooked = true;
      process.on('exit', releaseHeldLocksSync);
    }
    return {
      stillHeld: () => !released && !compromised && readOwner(dir)?.nonce === owner.nonce,
      release: async () => {
        if (released) return;
        released = true;
        // proper-lockfile stops refreshing and forgets the lock (its rmdir is a no-op, see lockFs)
        await release!().catch(() => undefined);
        // never remove a lock folder that is no longer ours (it was recovered and re-taken by another process);
        // one atomic rename frees the lock: a crash before it leaves a lock of a dead owner (recovered at once),
        // a crash after it leaves only a renamed folder (removed by the next writer)
        freeSync(dir, owner.nonce);
        held.delete(dir); // only now: an exit while proper-lockfile was releasing still frees it
      },
    };
  }
}
