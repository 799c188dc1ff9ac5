// The RunService over the local file system: scans, live watches, and finding the run a path is in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError } from '../errors';
import type { RunService, RunSummary, RunView, RunWatch } from '../client/types';
import { IndexWatch, MLFLOW_DB, RunIndex } from './runs/discovery';
import { isMlflowFileStore } from './runs/mlflowFiles';
import { POLYAXON_RUN_FILE } from './runs/polyaxonOffline';
import { summaryOf } from './runs/record';

/** How far up from a path to look for the store of its run. */
const MAX_LEVELS = 16;

export class LocalRuns implements RunService {
  /** indexes of recent scans and live watches, to resolve ids and paths without rescanning */
  private readonly recent = new Map<string, RunIndex>();
  private readonly watches = new Set<IndexWatch>();

  async list(roots: string[], options: { signal?: AbortSignal } = {}): Promise<RunSummary[]> {
    const index = new RunIndex(roots, options);
    const runs = await index.scan();
    this.remember(roots, index);
    return runs.map(summaryOf);
  }

  private remember(roots: string[], index: RunIndex): void {
    const key = roots
      .map(r => path.resolve(r))
      .sort()
      .join('\n');
    this.recent.delete(key);
    this.recent.set(key, index);
    while (this.recent.size > 8) this.recent.delete(this.recent.keys().next().value as string);
  }

  watch(roots: string[]): RunWatch {
    const watch = new IndexWatch(roots);
    this.watches.add(watch);
    const dispose = watch.dispose.bind(watch);
    watch.dispose = () => {
      this.watches.delete(watch);
      dispose();
    };
    return watch;
  }

  private known(keyOrId: string): RunView | undefined {
    for (const w of this.watches) {
      const r = w.record(keyOrId);
      if (r) return r;
    }
    for (const index of [...this.recent.values()].reverse()) {
      const r = index.find(keyOrId);
      if (r) return r;
    }
    return undefined;
  }

  async get(run: string, roots?: string[]): Promise<RunView> {
    // a key from a recent scan or a live watch is answered without reading the disk again
    const cached = !roots?.length ? this.known(run) : undefined;
    if (cached && cached.key === run) return cached;
    const hash = run.lastIndexOf('#');
    if (hash > 0 && path.isAbsolute(run)) {
      const index = new RunIndex([run.slice(0, hash)]);
      await index.scan();
      const found = index.find(run);
      if (found) return found;
    } else if (path.isAbsolute(run) && fs.existsSync(run)) {
      const found = await this.containingRecord(run);
      if (found) return found;
    } else if (roots?.length) {
      const index = new RunIndex(roots);
      await index.scan();
      this.remember(roots, index);
      const found = index.find(run);
      if (found) return found;
    } else {
      const found = this.known(run);
      if (found) return found;
    }
    throw new HubError(`No run "${run}" was found${roots?.length ? ` under ${roots.join(', ')}` : ''}.`, 'not-found');
  }

  async containing(target: string): Promise<RunSummary | undefined> {
    const run = await this.containingRecord(target);
    return run && summaryOf(run);
  }

  /** The run a path belongs to: from a live watch when one covers it, else by finding its store above it. */
  async containingRecord(target: string): Promise<RunView | undefined> {
    const abs = path.resolve(target);
    let dir = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
    for (let level = 0; level < MAX_LEVELS; level++) {
      const roots = fs.existsSync(path.join(dir, POLYAXON_RUN_FILE))
        ? [dir]
        : fs.existsSync(path.join(dir, MLFLOW_DB))
          ? [path.join(dir, MLFLOW_DB)]
          : isMlflowFileStore(dir)
            ? [dir]
            : undefined;
      if (roots) {
        const index = new RunIndex(roots);
        await index.scan();
        const run = index.containing(abs);
        if (run) return run;
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return undefined;
  }

  byRef = async (ref: string): Promise<RunView | undefined> => {
    try {
      return await this.get(ref);
    } catch {
      return undefined;
    }
  };
}
