// The embedded store: one lowdb JSON file that never loses a write.
//
// mutate(): in-process queue → inter-process lock (lock.ts) → re-read and parse (a file that does not
// parse, or comes from a newer version, is refused and never written) → apply → atomic durable write
// with a backup of the replaced file (files.ts) → unlock → notify. lowdb holds the data between read
// and write through an adapter that does the parsing, migrating and atomic writing (lowdb's own
// JSONFile neither fsyncs nor refuses a damaged file).
// Change notification: fs.watch on the folder (the file is replaced by rename, so watching the file
// itself would stop after the first write) plus a slow fs.watchFile poll for network file systems
// where fs.watch is silent; both debounced and deduplicated by (inode, size, mtime).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { emptyDatabase, type Database } from '../model';
import {
  archiveBackups,
  assertWritable,
  backUp,
  backupFiles,
  DEFAULT_BACKUPS_KEPT,
  latestCopyOf,
  pruneBackups,
  removeLeftoverTemps,
  storeTarget,
  writeAtomic,
} from './files';
import { acquireLock, removeLockLeftovers, type HeldLock, type LockOptions } from './lock';
import { inspectText, parseDatabase } from './migrations';
import type { BackupInfo, Disposable, RecoverableStore, RestoreOptions } from './store';
import { deepFreeze } from './deepFreeze';
import { StoreError } from './storeError';

export interface JsonFileStoreOptions extends LockOptions {
  /** how many backups to keep (default 5) */
  backupsKept?: number;
  /** debounce of change events from other processes, ms (default 75) */
  debounceMs?: number;
  /** fs.watchFile poll interval, ms, for file systems where fs.watch is silent (default 2000; 0 = off) */
  pollMs?: number;
  /** indentation of the JSON file (default 1: readable, and cheaper than 2 on big stores) */
  indent?: number;
}

/**
 * The largest store file read or written: past it JavaScript cannot hold the text as one string (about
 * 512 MiB) or parse it without running out of memory, so it is refused with a clear error instead.
 */
const MAX_STORE_BYTES = 256 * 1024 * 1024;

function tooLarge(file: string, size: number | undefined, doing: 'read' | 'write'): StoreError {
  const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;
  const reason =
    doing === 'read'
      ? `it is ${mib(size ?? 0)}, more than the ${mib(MAX_STORE_BYTES)} a store may hold`
      : `the change would make it larger than the ${mib(MAX_STORE_BYTES)} a store may hold`;
  return new StoreError(
    `The Polyaxon Hub store ${file} cannot be ${doing === 'read' ? 'read' : 'written'}: ${reason}. ${doing === 'read' ? 'It has not been changed. ' : 'Nothing was written. '}` +
      'Move old records out (delete unused versions or organizations) or split the store.',
    'store-too-large',
    file,
    reason,
  );
}

/** Mutations of one file within this process run one after the other (the lock is for other processes). */
const queues = new Map<string, Promise<unknown>>();

class LockLost extends Error {}

/** The store file's bytes, or null when there is none; a file too large to parse is refused. */
async function readStoreBytes(file: string): Promise<Buffer | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      const size = (await fs.promises.stat(file)).size;
      if (size > MAX_STORE_BYTES) throw tooLarge(file, size, 'read');
      return await fs.promises.readFile(file);
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      // Windows: the file is being replaced by another process's rename for an instant
      if (attempt < 10 && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) {
        await new Promise(r => setTimeout(r, 20 * (attempt + 1)));
        continue;
      }
      throw StoreError.io(file, e as Error);
    }
  }
}

/** The lowdb adapter: reads through parseDatabase, writes through writeAtomic. */
class SafeJsonAdapter implements Adapter<Database> {
  /** the text last read; a write of the very same text is skipped (no rewrite, no backup rotation, no change event) */
  private readText: string | undefined;
  /** whether the last write() replaced the file */
  written = false;

  constructor(
    private readonly file: string,
    private readonly options: JsonFileStoreOptions,
    private readonly lock?: HeldLock,
  ) {}

  async read(): Promise<Database | null> {
    const bytes = await readStoreBytes(this.file);
    if (bytes === null) return null;
    const text = bytes.toString('utf8');
    const db = parseDatabase(text, this.file);
    this.readText = text;
    return db;
  }

  async write(data: Database): Promise<void> {
    let text: string;
    try {
      text = JSON.stringify(data, null, this.options.indent ?? 1);
    } catch (e) {
      if (e instanceof RangeError) throw tooLarge(this.file, undefined, 'write'); // "Invalid string length"
      throw e;
    }
    if (text.length > MAX_STORE_BYTES) throw tooLarge(this.file, undefined, 'write');
    this.written = text !== this.readText;
    // a change that changed nothing (an identical republish, a stage set to the stage it has) must not
    // push the backups of earlier states out of the rotation
    if (!this.written) return;
    await writeAtomic(this.file, text, {
      backupsKept: this.options.backupsKept,
      beforeCommit: () => {
        if (this.lock && !this.lock.stillHeld()) throw new LockLost();
      },
    });
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function signature(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export class JsonFileStore implements RecoverableStore {
  readonly location: string;
  private readonly listeners = new Set<() => void>();
  private watcher: fs.FSWatcher | undefined;
  private poller: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSignature = '';
  private disposed = false;
  /** the bytes read last and, once they were read twice, the frozen records they parse to (see read()) */
  private parsed: { bytes: Buffer; db?: Database } | undefined;

  constructor(
    location: string,
    private readonly options: JsonFileStoreOptions = {},
  ) {
    this.location = path.resolve(location);
  }

  /**
   * Reads the whole file every time; when its bytes are exactly those read last time, the records parsed from them
   * are returned (frozen, so no reader can change what the next one sees) instead of parsing them again. Comparing the
   * bytes, not the file's inode, size or mtime, means no write can go unseen: not one in place by another program,
   * not a same-size rewrite within the file system's timestamp granularity, not a reused inode number.
   */
  async read(): Promise<Database> {
    const bytes = await readStoreBytes(this.location);
    if (bytes === null) return emptyDatabase();
    if (this.parsed?.bytes.equals(bytes)) {
      // bytes seen twice are worth keeping: parsed once more and frozen for every later read. A store read once (a
      // CLI command, the first open) never pays for freezing 100k records (store_open_100k was 1.6-2.3x, now 1.4x)
      this.parsed.db ??= deepFreeze(parseDatabase(bytes.toString('utf8'), this.location));
      return this.parsed.db;
    }
    this.parsed = { bytes };
    return parseDatabase(bytes.toString('utf8'), this.location);
  }

  mutate<T>(change: (db: Database) => T): Promise<T> {
    const previous = queues.get(this.location) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.mutateNow(change));
    queues.set(this.location, next);
    void next
      .finally(() => {
        if (queues.get(this.location) === next) queues.delete(this.location);
      })
      .catch(() => undefined);
    return next;
  }

  /** The file written: the store path, or where its symlinks lead (resolved per write: links may change). */
  private target(): string {
    return storeTarget(this.location);
  }

  private async mutateNow<T>(change: (db: Database) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const file = this.target();
      assertWritable(file); // a read-only store is refused, not replaced
      const lock = await acquireLock(file, this.options);
      try {
        const adapter = new SafeJsonAdapter(file, this.options, lock);
        const low = new Low<Database>(adapter, emptyDatabase());
        await low.read(); // throws StoreError on a damaged or future file: nothing is written
        removeLeftoverTemps(file);
        removeLockLeftovers(file);
        const result = change(low.data); // throws on a refused request: nothing is written
        if (result && typeof (result as { then?: unknown }).then === 'function') {
          throw new TypeError('Store.mutate(change): change must be synchronous (it returned a promise); nothing was written.');
        }
        // a new file while backups of an earlier one exist (it was deleted or moved): keep those out of the rotation
        if (!fs.existsSync(file)) archiveBackups(file);
        await low.write();
        if (adapter.written) this.afterOwnWrite();
        return result;
      } catch (e) {
        if (e instanceof LockLost && attempt < 5) continue; // another process recovered our lock: redo from a fresh read
        if (e instanceof LockLost) throw StoreError.io(this.location, new Error('the lock was taken over repeatedly'));
        throw e;
      } finally {
        await lock.release();
      }
    }
  }

  // ---- backups -------------------------------------------------------------------------------

  /** Newest first: the copy of the state the last write left (`<name>.latest.json`), then the rolling backups. */
  async listBackups(): Promise<BackupInfo[]> {
    const target = this.target();
    const latest = latestCopyOf(target);
    return [...(fs.existsSync(latest) ? [latest] : []), ...backupFiles(target)].map(file => {
      const stat = fs.statSync(file);
      let text = '';
      try {
        if (stat.size <= MAX_STORE_BYTES) text = fs.readFileSync(file, 'utf8');
      } catch {
        /* unreadable: reported below */
      }
      const verdict =
        stat.size > MAX_STORE_BYTES ? { ok: false, problem: tooLarge(file, stat.size, 'read').reason, schemaVersion: undefined } : inspectText(text, file);
      return {
        name: path.basename(file),
        path: file,
        size: stat.size,
        modifiedAt: stat.mtime.toISOString(),
        ok: verdict.ok,
        schemaVersion: verdict.schemaVersion,
        problem: verdict.problem,
      };
    });
  }

  /**
   * Replaces the store with a backup: the one named (a name from listBackups, or the absolute path of
   * any store file), or the newest good one. The file it replaces is
   * kept: a good one as a normal backup, a damaged one as `backups/<name>.<stamp>.rejected.json`.
   */
  async restoreBackup(name?: string, options: RestoreOptions = {}): Promise<{ restored: BackupInfo; keptCurrentAs?: string }> {
    const target = this.target();
    assertWritable(target);
    const backups = await this.listBackups();
    let currentText: string | undefined;
    try {
      currentText = fs.readFileSync(target, 'utf8');
    } catch {
      currentText = undefined;
    }
    // by default the newest good state that differs from the file now: after damage, the last change
    // written (the latest copy); on a good file, the state before the last write
    let chosen =
      name === undefined ? backups.find(b => b.ok && readOrUndefined(b.path) !== currentText) : backups.find(b => b.name === name || b.path === name);
    if (!chosen && name !== undefined && path.isAbsolute(name) && fs.existsSync(name)) {
      // any file given by path, e.g. one of an archived folder `backups/<name>.before-<time>/`
      const stat = fs.statSync(name);
      const verdict = inspectText(fs.readFileSync(name, 'utf8'), name);
      chosen = {
        name: path.basename(name),
        path: name,
        size: stat.size,
        modifiedAt: stat.mtime.toISOString(),
        ok: verdict.ok,
        schemaVersion: verdict.schemaVersion,
        problem: verdict.problem,
      };
    }
    if (!chosen) {
      throw new StoreError(
        name === undefined
          ? `No good backup of ${this.location} was found in ${path.dirname(backups[0]?.path ?? path.join(path.dirname(this.location), 'backups', 'x'))}.`
          : `There is no backup named "${name}" of ${this.location}; list them with \`polyaxon-hub store backups\`.`,
        'not-found',
        this.location,
        'no backup',
      );
    }
    if (!chosen.ok) {
      throw new StoreError(`The backup ${chosen.name} cannot be restored: ${chosen.problem}.`, 'store-corrupt', chosen.path, chosen.problem ?? '');
    }
    let text = fs.readFileSync(chosen.path, 'utf8');
    const lock = await acquireLock(target, this.options);
    try {
      let keptCurrentAs: string | undefined;
      let current: string | undefined;
      try {
        current = fs.readFileSync(target, 'utf8');
      } catch {
        current = undefined;
      }
      if (options.prepare) {
        let now: Database | undefined;
        try {
          now = current === undefined ? undefined : parseDatabase(current, target);
        } catch {
          now = undefined;
        }
        const restored = parseDatabase(text, chosen.path);
        options.prepare(now, restored); // throws to refuse: nothing written
        text = JSON.stringify(restored, null, this.options.indent ?? 1);
      }
      if (current !== undefined) {
        keptCurrentAs = inspectText(current, target).ok ? backUp(target) : backUp(target, '.rejected');
      }
      await writeAtomic(target, text, { backup: false });
      pruneBackups(target, this.options.backupsKept ?? DEFAULT_BACKUPS_KEPT);
      this.afterOwnWrite();
      return { restored: chosen, keptCurrentAs };
    } finally {
      await lock.release();
    }
  }

  // ---- change notification -----------------------------------------------------------------------

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    this.startWatching();
    return {
      dispose: () => {
        this.listeners.delete(listener);
        if (!this.listeners.size) this.stopWatching();
      },
    };
  }

  private fire(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (e) {
        console.error('[polyaxon-hub] store change listener failed:', e);
      }
    }
  }

  private afterOwnWrite(): void {
    this.lastSignature = signature(this.location);
    this.fire();
  }

  private startWatching(): void {
    if (this.watcher || this.poller || this.disposed) return;
    // a symlinked store changes where its target lives: watch that folder (the poll follows the link too)
    const watched = this.target();
    const dir = path.dirname(watched);
    const base = path.basename(watched);
    this.lastSignature = signature(this.location);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
        if (!filename || filename.toString() === base) this.schedule();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      this.watcher = undefined; // the poll below still works
    }
    const pollMs = this.options.pollMs ?? 2000;
    if (pollMs > 0) {
      this.poller = () => this.schedule();
      fs.watchFile(this.location, { persistent: false, interval: pollMs }, this.poller);
    }
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.poller) fs.unwatchFile(this.location, this.poller);
    this.poller = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = signature(this.location);
      if (now === this.lastSignature) return;
      this.lastSignature = now;
      this.fire();
    }, this.options.debounceMs ?? 75);
    this.timer.unref?.();
  }

  dispose(): void {
    this.disposed = true;
    this.parsed = undefined;
    this.listeners.clear();
    this.stopWatching();
  }
}
