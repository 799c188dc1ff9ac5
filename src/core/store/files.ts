// Atomic writes and rolling backups of the store file.
//
// A write goes to a temp file in the same folder, is fsynced, the current (good) file is kept as a
// backup — a hard link, so it costs no copy, with a copy where links are not supported — then the temp
// file is renamed over the store and the folder is fsynced. A reader or a crash therefore always sees
// either the old or the new file, complete. Backups: `backups/<name>.<UTC stamp>.json`, newest kept,
// and `backups/<name>.latest.json`, a copy (not a link: a tool that damages the store in place would
// damage a link too) of the state each write left, so restoring after damage keeps the last change.
// Files keep what their owner set: the new file gets the replaced one's mode and owner; a store
// created here is 0600 in a 0700 folder, and the backups folder takes the store folder's mode. A
// store whose path is a symlink (a shared team folder) is written through it: callers pass
// `storeTarget(path)`, and the lock, the temp file and the backups sit beside the target.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backupsDir } from './paths';
import { StoreError } from './storeError';

export const DEFAULT_BACKUPS_KEPT = 5;

function stem(file: string): string {
  return path.basename(file).replace(/\.json$/i, '');
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const NEW_FILE_MODE = 0o600;
const NEW_FOLDER_MODE = 0o700;

/**
 * The file a store path stands for: the path itself, or where its symlinks lead (a dangling link
 * leads to the file it names, which the first write creates).
 */
export function storeTarget(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!fs.lstatSync(current).isSymbolicLink()) return current;
      link = fs.readlinkSync(current);
    } catch {
      return current; // missing: the write creates it here
    }
    current = path.resolve(path.dirname(current), link);
  }
  throw StoreError.io(file, new Error('it is a chain of more than 40 symbolic links'));
}

/**
 * Refuses (StoreError 'store-readonly') a store that must not be written: a file without any write
 * permission (even for root, who could replace it), one this user may not write, or a folder in which
 * the file cannot be replaced. A missing file is fine: its nearest existing folder must be writable.
 */
export function assertWritable(file: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  if (stat) {
    if ((stat.mode & 0o222) === 0 || !accessible(file, fs.constants.W_OK)) {
      throw StoreError.readOnly(file, `the file is read-only (mode ${modeText(stat.mode)})`);
    }
  }
  let dir = path.dirname(file);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  if (!accessible(dir, fs.constants.W_OK | fs.constants.X_OK)) {
    throw StoreError.readOnly(file, `its folder ${dir} is not writable (the file is replaced by a rename there)`);
  }
}

function accessible(file: string, mode: number): boolean {
  try {
    fs.accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

function modeText(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** The mode for a folder made beside `file`'s folder (backups): that folder's own, else private. */
function folderModeOf(dir: string): number {
  try {
    return fs.statSync(dir).mode & 0o777;
  } catch {
    return NEW_FOLDER_MODE;
  }
}

/** Temp files of this store (a writer killed mid-write leaves one behind). */
function isTempOf(file: string, name: string): boolean {
  return name.startsWith(`.${path.basename(file)}.`) && name.endsWith('.tmp');
}

/** Deletes temp files left by killed writers. Call only while holding the lock. */
export function removeLeftoverTemps(file: string): void {
  const dir = path.dirname(file);
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (isTempOf(file, name)) fs.rmSync(path.join(dir, name), { force: true });
}

async function retryRename(from: string, to: string): Promise<void> {
  // Windows refuses to replace a file another process has open for a moment: retry briefly.
  for (let i = 0; ; i++) {
    try {
      await fs.promises.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (i >= 20 || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw e;
      await new Promise(r => setTimeout(r, 25 * (i + 1)));
    }
  }
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported (Windows, some network file systems): the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Keeps `file` as the newest backup (hard link, else copy). Returns the backup's path. */
export function backUp(file: string, label = ''): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const dir = backupsDir(file);
  fs.mkdirSync(dir, { recursive: true, mode: folderModeOf(path.dirname(file)) });
  for (let n = 0; ; n++) {
    const target = path.join(dir, `${stem(file)}.${stamp()}${label}${n ? `-${n}` : ''}.json`);
    try {
      fs.linkSync(file, target);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      try {
        fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
        return target;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw e2;
      }
    }
  }
}

/** The rolling backups of `file`, newest first (rejected files, kept after a restore, are not among them). */
export function backupFiles(file: string): string[] {
  const dir = backupsDir(file);
  const prefix = `${stem(file)}.`;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter(n => n.startsWith(prefix) && n.endsWith('.json') && /^\d{4}-\d\d-\d\dT/.test(n.slice(prefix.length)) && !n.includes('.rejected'))
    .sort()
    .reverse()
    .map(n => path.join(dir, n));
}

export function pruneBackups(file: string, keep: number): void {
  for (const old of backupFiles(file).slice(keep)) fs.rmSync(old, { force: true });
}

export interface WriteOptions {
  /** keep the replaced file as a backup (default true) */
  backup?: boolean;
  backupsKept?: number;
  /** called after the temp file is durable and before it replaces the store: throw to abort */
  beforeCommit?: () => void;
}

/** The copy of the state the last write left (see the file comment). */
export function latestCopyOf(file: string): string {
  return path.join(backupsDir(file), `${stem(file)}.latest.json`);
}

/** Writes `text` to `file` (a store target: no symlink) atomically and durably (see the file comment). */
export async function writeAtomic(file: string, text: string, options: WriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  assertWritable(file);
  fs.mkdirSync(dir, { recursive: true, mode: NEW_FOLDER_MODE });
  let replaced: fs.Stats | undefined;
  try {
    replaced = fs.statSync(file);
  } catch {
    replaced = undefined;
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.promises.open(tmp, 'wx', NEW_FILE_MODE);
  try {
    await keepModeAndOwner(handle, replaced);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (e) {
    await handle.close();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    options.beforeCommit?.();
    if (options.backup !== false) backUp(file);
    await retryRename(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dir);
  if (options.backup !== false) pruneBackups(file, options.backupsKept ?? DEFAULT_BACKUPS_KEPT);
  keepLatestCopy(file);
}

/** The new file gets the replaced one's mode and, where the system lets us, its owner and group. */
async function keepModeAndOwner(handle: fs.promises.FileHandle, replaced: fs.Stats | undefined): Promise<void> {
  if (!replaced) return; // a new store: 0600 from open()
  await handle.chmod(replaced.mode & 0o7777);
  if (typeof process.getuid !== 'function') return; // Windows: no POSIX owners
  if (replaced.uid === process.getuid() && replaced.gid === process.getgid?.()) return;
  try {
    await handle.chown(replaced.uid, replaced.gid);
  } catch {
    // only root may give a file away; keeping the group is allowed when we belong to it
    try {
      await handle.chown(process.getuid(), replaced.gid);
    } catch {
      /* the file becomes ours */
    }
  }
}

/** Copies the file just written to `backups/<name>.latest.json` (through a temp file and a rename). */
function keepLatestCopy(file: string): void {
  const latest = latestCopyOf(file);
  fs.mkdirSync(path.dirname(latest), { recursive: true, mode: folderModeOf(path.dirname(file)) });
  const tmp = `${latest}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.copyFileSync(file, tmp);
    fs.renameSync(tmp, latest);
  } catch {
    fs.rmSync(tmp, { force: true }); // the store itself is written; this copy is a convenience for restores
  }
}

/**
 * Moves the rolling backups into `backups/<name>.before-<stamp>/`, where pruning never reaches them.
 * Called when a new store file is about to be created while backups of an earlier one exist (the file
 * was deleted or moved away): the new file's own backups would otherwise push them out.
 */
export function archiveBackups(file: string): string | undefined {
  const latest = latestCopyOf(file);
  const files = [...backupFiles(file), ...(fs.existsSync(latest) ? [latest] : [])];
  if (!files.length) return undefined;
  const dir = path.join(backupsDir(file), `${stem(file)}.before-${stamp()}`);
  fs.mkdirSync(dir, { recursive: true, mode: folderModeOf(backupsDir(file)) });
  for (const f of files) fs.renameSync(f, path.join(dir, path.basename(f)));
  return dir;
}
