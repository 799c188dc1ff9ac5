// The registry's content-addressed artifact store, beside the store file:
//   <dir>/sha256/ab/abcdef…   one blob per distinct content (its sha256, hex)
//   <dir>/staging/<pid>-<id>/ files being promoted, not yet part of any version
//   <dir>/committing/<pid>-<id>.json   a commit in progress: the blobs it moves into sha256/
// A file is copied in one streaming pass that hashes what it writes (a bounded buffer, never the whole
// file in memory; runs of zeros become holes, so a sparse file costs no disk), fsynced, and left in
// staging. Blobs enter `sha256/` only inside the store's lock, in the same mutation that records the
// version (commitStaged). Before the first rename that mutation writes its journal in `committing/`,
// and removes it once the store is written; so a kill between the renames and the store's write leaves
// the journal, and the next open of the store (any read, settleCommits.ts) sees it and sweeps, inside
// the lock, before it answers. Under the lock every unreferenced blob is garbage: no other commit can be
// in flight there. A cancelled, failed or killed promote therefore leaves neither a version nor a blob
// anyone can see; its staging folder is removed at once, or by a later sweep once its process is gone.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HubError } from '../errors';

const CHUNK = 4 << 20;
/** a chunk of zeros, to tell runs of zeros (left as holes in the copy: a sparse file stays sparse) */
const ZEROS = Buffer.alloc(CHUNK);

export interface StagedFile {
  path: string;
  size: number;
  sha256: string;
  staged: string;
}

/** journals of commits this process is making now (not interrupted: another read here must not sweep for them) */
const ownCommits = new Set<string>();

export class ArtifactStore {
  constructor(readonly dir: string) {}

  private get journalDir(): string {
    return path.join(this.dir, 'committing');
  }

  blobPath(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new HubError(`"${sha256}" is not a sha256 hash.`, 'invalid-hash');
    return path.join(this.dir, 'sha256', sha256.slice(0, 2), sha256);
  }

  hasBlob(sha256: string): boolean {
    return fs.existsSync(this.blobPath(sha256));
  }

  /** A fresh staging folder for one promote, named after this process so a sweep knows when it is abandoned. */
  createStaging(): string {
    const dir = path.join(this.dir, 'staging', `${process.pid}-${randomBytes(6).toString('hex')}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  removeStaging(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  /** Where the commit of a staging folder's files keeps its journal (written by commitStaged). */
  journalFor(stagingDir: string): string {
    const journal = path.join(this.journalDir, `${path.basename(stagingDir)}.json`);
    ownCommits.add(journal);
    return journal;
  }

  /**
   * The end of a commit: `recorded` (the store was written) removes its journal; otherwise the journal
   * stays, and the next read of the store sweeps what the commit left.
   */
  endCommit(journal: string, recorded: boolean): void {
    ownCommits.delete(journal);
    if (recorded) fs.rmSync(journal, { force: true });
  }

  /** Whether a commit was interrupted (a kill, a failed write) and may have left blobs no version references. */
  hasInterruptedCommits(): boolean {
    let names: string[];
    try {
      names = fs.readdirSync(this.journalDir);
    } catch {
      return false; // no folder: no commit ever began
    }
    return names.some(name => !ownCommits.has(path.join(this.journalDir, name)));
  }

  /**
   * Copies `source` into `stagingDir` while hashing it: one pass, `CHUNK` bytes at a time. `onBytes`
   * reports progress; `signal` stops it between chunks (the partial copy is removed).
   */
  async stage(source: string, stagingDir: string, relPath: string, options: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<StagedFile> {
    const target = path.join(stagingDir, `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    const input = await fs.promises.open(source, 'r');
    let output: fs.promises.FileHandle | undefined;
    let size = 0;
    try {
      output = await fs.promises.open(target, 'wx');
      for (;;) {
        if (options.signal?.aborted) throw cancelled();
        const { bytesRead } = await input.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        // a chunk of zeros is skipped, not written: the copy gets a hole there (the truncate below sets its length)
        if (!chunk.equals(ZEROS.subarray(0, bytesRead))) {
          let written = 0;
          while (written < bytesRead) written += (await output.write(chunk, written, bytesRead - written, size + written)).bytesWritten;
        }
        size += bytesRead;
        options.onBytes?.(bytesRead);
      }
      await output.truncate(size);
      await output.sync();
    } catch (e) {
      await output?.close().catch(() => undefined);
      output = undefined;
      fs.rmSync(target, { force: true });
      throw e;
    } finally {
      await input.close();
      await output?.close();
    }
    return { path: relPath, size, sha256: hash.digest('hex'), staged: target };
  }

  /**
   * Moves staged files to their blobs (a blob that exists already is kept, the copy dropped), after
   * writing `journal` (journalFor), which names them. Synchronous and idempotent: it runs inside a store
   * mutation, which may run twice. Returns the bytes of content that was not stored before.
   */
  commitStaged(files: StagedFile[], journal: string): number {
    writeDurably(journal, JSON.stringify({ pid: process.pid, host: os.hostname(), blobs: files.map(f => f.sha256) }));
    let added = 0;
    for (const f of files) {
      const blob = this.blobPath(f.sha256);
      if (fs.existsSync(blob)) {
        fs.rmSync(f.staged, { force: true });
        continue;
      }
      if (!fs.existsSync(f.staged)) throw new Error(`the staged copy of ${f.path} is gone; nothing was recorded`);
      fs.mkdirSync(path.dirname(blob), { recursive: true });
      fs.renameSync(f.staged, blob);
      added += f.size;
    }
    syncDirs(new Set(files.map(f => path.dirname(this.blobPath(f.sha256)))));
    return added;
  }

  /** Every blob on disk, by hash. */
  listBlobs(): { sha256: string; size: number }[] {
    const root = path.join(this.dir, 'sha256');
    if (!fs.existsSync(root)) return [];
    const out: { sha256: string; size: number }[] = [];
    for (const prefix of fs.readdirSync(root)) {
      const d = path.join(root, prefix);
      if (!fs.statSync(d).isDirectory()) continue;
      for (const name of fs.readdirSync(d)) {
        if (/^[0-9a-f]{64}$/.test(name)) out.push({ sha256: name, size: fs.statSync(path.join(d, name)).size });
      }
    }
    return out;
  }

  /**
   * Removes blobs no version references, the journals of interrupted commits, and staging folders whose
   * process is gone. Synchronous: it runs inside the store's lock (no other promote can be committing
   * then). Returns bytes and blobs freed.
   */
  sweep(referenced: Set<string>): { freedBytes: number; freedBlobs: number } {
    let freedBytes = 0;
    let freedBlobs = 0;
    for (const blob of this.listBlobs()) {
      if (referenced.has(blob.sha256)) continue;
      fs.rmSync(this.blobPath(blob.sha256), { force: true });
      freedBytes += blob.size;
      freedBlobs++;
    }
    // journals left by commits that ended (their blobs are referenced now, or were just removed)
    for (const name of fs.existsSync(this.journalDir) ? fs.readdirSync(this.journalDir) : []) {
      const journal = path.join(this.journalDir, name);
      if (!ownCommits.has(journal)) fs.rmSync(journal, { force: true });
    }
    const staging = path.join(this.dir, 'staging');
    for (const name of fs.existsSync(staging) ? fs.readdirSync(staging) : []) {
      const pid = Number(name.split('-')[0]);
      if (!isAlive(pid)) fs.rmSync(path.join(staging, name), { recursive: true, force: true });
    }
    return { freedBytes, freedBlobs };
  }

  /** Re-hashes a blob (verify): its sha256, or undefined when it is missing. */
  async hashBlob(sha256: string): Promise<string | undefined> {
    const file = this.blobPath(sha256);
    if (!fs.existsSync(file)) return undefined;
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a small file and fsyncs it and its folder: it exists on disk before anything that follows. */
function writeDurably(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  syncDirs(new Set([path.dirname(file)]));
}

function syncDirs(dirs: Set<string>): void {
  if (process.platform === 'win32') return;
  for (const d of dirs) {
    try {
      const fd = fs.openSync(d, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      /* best effort: some file systems refuse directory fsync */
    }
  }
}

export function cancelled(): HubError {
  return new HubError('The promote was cancelled; nothing was recorded.', 'cancelled');
}
