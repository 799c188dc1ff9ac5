// Atomic writes and rolling backups of the store file.
//
// A write goes to a temp file in the same folder, is fsynced, the current (good) file is kept as a
// backup — a hard link, so it costs no copy, with a copy where links are not supported — then the temp
// file is renamed over the store and the folder is fsynced. A reader or a crash therefore always sees
// either the old or the new file, complete. Backups: `backups/<name>.<UTC stamp>.json`, newest kept.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backupsDir } from './paths';

export const DEFAULT_BACKUPS_KEPT = 5;

function stem(file: string): string {
  return path.basename(file).replace(/\.json$/i, '');
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Temp files of this store (a writer killed mid-write leaves one behind). */
export function isTempOf(file: string, name: string): boolean {
  return name.startsWith(`.${path.basename(file)}.`) && name.endsWith('.tmp');
}

/** Deletes temp files left by killed writers. Call only while holding the lock. */
export function removeLeftoverTemps(file: string): void {
  const dir = path.dirname(file);
  let names: string[] = [];
  try { names = fs.readdirSync(dir); } catch { return; }
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
  fs.mkdirSync(dir, { recursive: true });
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
  try { names = fs.readdirSync(dir); } catch { return []; }
  return names.filter(n => n.startsWith(prefix) && n.endsWith('.json') && /^\d{4}-\d\d-\d\dT/.test(n.slice(prefix.length)) && !n.includes('.rejected'))
    .sort().reverse().map(n => path.join(dir, n));
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

/** Writes `text` to `file` atomically and durably (see the file comment). */
export async function writeAtomic(file: string, text: string, options: WriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.promises.open(tmp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
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
}

/**
 * Moves the rolling backups into `backups/<name>.before-<stamp>/`, where pruning never reaches them.
 * Called when a new store file is about to be created while backups of an earlier one exist (the file
 * was deleted or moved away): the new file's own backups would otherwise push them out.
 */
export function archiveBackups(file: string): string | undefined {
  const files = backupFiles(file);
  if (!files.length) return undefined;
  const dir = path.join(backupsDir(file), `${stem(file)}.before-${stamp()}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) fs.renameSync(f, path.join(dir, path.basename(f)));
  return dir;
}
