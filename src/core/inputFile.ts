// Reading a file a user names (a component to validate or publish, a readme): only a regular file, and
// at most a bounded number of bytes, so a named pipe, /dev/zero, a device or a huge file gives a clear
// error at once instead of blocking or filling memory.
import * as fs from 'node:fs';
import { HubError } from './errors';
import { formatBytes } from './units';

/** The most read from one input file: Polyaxon files and readmes are a few KiB. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The text of `file`, which must be a regular file of at most `maxBytes`. `shown` names it in messages
 * (as the user typed it). Throws HubError: 'not-found', 'not-a-file', 'too-large' or 'unreadable'.
 */
export function readInputFile(file: string, options: { shown?: string; maxBytes?: number } = {}): string {
  const shown = options.shown ?? file;
  const maxBytes = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused just below)
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HubError(`${shown} does not exist.`, 'not-found');
    if (code === 'EISDIR') throw new HubError(`${shown} is a folder, not a file.`, 'not-a-file');
    throw new HubError(`Cannot read ${shown}: ${(e as Error).message}`, 'unreadable');
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new HubError(`${shown} is ${kindOf(stat)}; only regular files are read.`, 'not-a-file');
    if (stat.size > maxBytes) {
      throw new HubError(
        `${shown} is ${formatBytes(stat.size, { exact: false })}; at most ${formatBytes(maxBytes, { exact: false })} is read from one file.`,
        'too-large',
      );
    }
    // read one byte more than allowed: a file that grows while it is read is caught too
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) {
        throw new HubError(`${shown} is more than ${formatBytes(maxBytes, { exact: false })}; at most that is read from one file.`, 'too-large');
      }
    }
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof HubError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new HubError(`${shown} is a folder, not a file.`, 'not-a-file');
    throw new HubError(`Cannot read ${shown}: ${(e as Error).message}`, 'unreadable');
  } finally {
    fs.closeSync(fd);
  }
}
