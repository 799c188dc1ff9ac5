// How the CLI prints: straight to file descriptors 1 and 2. Opening process.stdout or process.stderr builds a
// stream, which loads Node's net, stream and tty modules: about 4 ms of a 100 ms `validate FILE`.
import * as fs from 'node:fs';

type Fd = 1 | 2;
/** descriptors handed to their stream after a write would have blocked */
const streamed = new Set<Fd>();
/** descriptors whose reader has gone (`polyaxon-hub … | head`): what is left to print is dropped */
const gone = new Set<Fd>();

/**
 * Writes all of `text` to `fd` before returning, as process.stdout does for files, terminals and Linux pipes.
 * A non-blocking descriptor that is full (EAGAIN) gets the rest through its stream, which waits for room.
 */
export function writeFd(fd: Fd, text: string): void {
  if (gone.has(fd)) return;
  if (streamed.has(fd)) {
    (fd === 1 ? process.stdout : process.stderr).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(fd, bytes, done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        streamed.add(fd);
        (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(done));
        return;
      }
      if (code === 'EPIPE') {
        gone.add(fd);
        return;
      }
      throw e;
    }
  }
}

/**
 * Ends the process with `code` once all output is out: at once when it was all written here (a natural exit
 * first tears down the whole JavaScript heap, a few ms that nobody waits for), else when the streams have drained.
 */
export function exitWhenWritten(code: number): void {
  if (streamed.size) process.exitCode = code;
  else process.exit(code);
}

/** `text` as one line or more: a final newline is added when missing. */
export const asLines = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);
