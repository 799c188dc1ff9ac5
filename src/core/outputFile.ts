// Writing a file where a user says (`components pull --out`): never over an existing file unless asked,
// never through a symbolic link without consent, never into something that is not a regular file, and a
// clear error at once when the folder cannot be created (Node's recursive mkdir spins forever under /proc).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError } from './errors';

export interface OutputOptions {
  /** the file name used when `target` names a folder (ends with `/`, or is an existing folder) */
  fileName: string;
  /** replace an existing file, and write through a symbolic link without asking */
  force?: boolean;
  /** asked before writing through a symbolic link (absent: refused unless `force`) */
  confirm?: (question: string) => Promise<boolean>;
}

function describe(stat: fs.Stats): string {
  if (stat.isFile()) return 'a file';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new HubError(`Cannot write ${file}: ${(e as Error).message}`, 'unwritable');
  }
}

/** Creates `dir` and its missing parents one level at a time, failing at once where one cannot be made. */
export function ensureFolder(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(current);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new HubError(`Cannot create the folder ${dir}: ${current} cannot be read (${code}).`, 'unwritable');
    }
    if (stat) {
      if (!stat.isDirectory()) throw new HubError(`Cannot create the folder ${dir}: ${current} is ${describe(stat)}, not a folder.`, 'unwritable');
      break;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new HubError(
        `Cannot create the folder ${level}: ${code === 'ENOENT' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'the file system does not allow it' : (e as Error).message} (${code}).`,
        'unwritable',
      );
    }
  }
}

function writeFd(fd: number, content: string, file: string): void {
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new HubError(`${file} is ${describe(stat)}; only regular files are written. Nothing was written.`, 'not-a-file');
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, content, 0, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `content` to `target` (relative to `cwd`) and returns the path written. A target ending with a
 * separator, or naming an existing folder, means the file `fileName` in that folder.
 */
export async function writeOutputFile(target: string, content: string, cwd: string, options: OutputOptions): Promise<string> {
  if (!target.trim()) throw new HubError('The output path is empty.', 'invalid');
  const resolved = path.resolve(cwd, target);
  let isFolder = false;
  try {
    isFolder = fs.statSync(resolved).isDirectory();
  } catch {
    /* missing, or under a file: ensureFolder says which */
  }
  const asFolder = /[/\\]$/.test(target) || isFolder;
  const file = asFolder ? path.join(resolved, options.fileName) : resolved;
  const shown = asFolder ? path.join(target, options.fileName) : target;
  ensureFolder(path.dirname(file));
  const stat = lstatOrUndefined(file);
  const flags = fs.constants;
  const nonBlocking = flags.O_NONBLOCK ?? 0; // a named pipe must not wait for a reader
  try {
    if (!stat) {
      // O_EXCL: no check-then-write race with another writer (and it never follows a link)
      writeFd(fs.openSync(file, flags.O_WRONLY | flags.O_CREAT | flags.O_EXCL, 0o666), content, shown);
    } else if (stat.isSymbolicLink()) {
      const to = fs.readlinkSync(file);
      if (!options.force) {
        const question = `${shown} is a symbolic link to ${to}; write through it (the file it points to changes)?`;
        if (!options.confirm) throw new HubError(`${shown} is a symbolic link to ${to}; nothing was written. Pass --force to write through it.`, 'symlink');
        if (!(await options.confirm(question))) throw new HubError(`${shown} is a symbolic link to ${to}; nothing was written.`, 'cancelled');
      }
      writeFd(fs.openSync(file, flags.O_WRONLY | flags.O_CREAT | nonBlocking, 0o666), content, shown);
    } else if (!stat.isFile()) {
      throw new HubError(`${shown} is ${describe(stat)}; only regular files are written. Nothing was written.`, 'not-a-file');
    } else if (!options.force) {
      throw new HubError(`${shown} already exists; nothing was written. Pass --force to replace it.`, 'exists');
    } else {
      // O_NOFOLLOW: it was a plain file a moment ago; if it became a link meanwhile, stop
      writeFd(fs.openSync(file, flags.O_WRONLY | nonBlocking | (flags.O_NOFOLLOW ?? 0)), content, shown);
    }
  } catch (e) {
    if (e instanceof HubError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new HubError(`${shown} already exists; nothing was written. Pass --force to replace it.`, 'exists');
    if (code === 'ELOOP') throw new HubError(`${shown} became a symbolic link while it was written; nothing was written.`, 'symlink');
    if (code === 'ENXIO') throw new HubError(`${shown} is a named pipe with no reader; nothing was written.`, 'not-a-file');
    throw new HubError(`Cannot write ${shown}: ${(e as Error).message}`, 'unwritable');
  }
  return file;
}
