// Finding runs in folders (every root of a workspace) and keeping them up to date from changed paths.
// A scan walks each root once, skipping dependency, VCS and virtual-environment folders, and finds
// "units": an `mlflow.db`, an `mlruns/` file store, a Polyaxon run folder. A change re-reads only the
// units it touches (for a file store, only the run folder it touches).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Disposable, RunSummary, RunView, RunWatch, RunsChange } from '../../client/types';
import { isInside, isVirtualEnv, SKIPPED_DIRS } from './files';
import { isMlflowFileStore, readExperiment, readMlflowFileRun, readMlflowFileStore } from './mlflowFiles';
import { readMlflowDb, type RetryOptions } from './mlflowSqlite';
import { POLYAXON_RUN_FILE, readPolyaxonRun } from './polyaxonOffline';
import { summaryOf, type RunRecord } from './record';

export const MLFLOW_DB = 'mlflow.db';

export type UnitKind = 'mlflow-db' | 'mlflow-files' | 'polyaxon';
export interface Unit {
  kind: UnitKind;
  path: string;
}

export interface DiscoveryOptions {
  signal?: AbortSignal;
  retry?: RetryOptions;
}

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw Object.assign(new Error('The scan was cancelled.'), { name: 'AbortError' });
}

/** The units under `root` (a folder, or a unit's own path). */
export async function findUnits(root: string, signal?: AbortSignal): Promise<Unit[]> {
  const units: Unit[] = [];
  const visit = async (dir: string): Promise<void> => {
    aborted(signal);
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const names = new Set(entries.map(e => e.name));
    if (names.has(POLYAXON_RUN_FILE)) {
      units.push({ kind: 'polyaxon', path: dir });
      return;
    }
    if (isVirtualEnv(dir, names)) return;
    if (names.has(MLFLOW_DB)) units.push({ kind: 'mlflow-db', path: path.join(dir, MLFLOW_DB) });
    for (const e of entries) {
      if (!e.isDirectory() || SKIPPED_DIRS.has(e.name)) continue;
      const sub = path.join(dir, e.name);
      if (isMlflowFileStore(sub)) {
        units.push({ kind: 'mlflow-files', path: sub });
        continue;
      }
      // an SQLite store's artifact folder holds no runs of its own
      if (names.has(MLFLOW_DB) && (e.name === 'mlruns' || e.name === 'mlartifacts')) continue;
      await visit(sub);
    }
  };
  let st: fs.Stats | undefined;
  try {
    st = await fs.promises.stat(root);
  } catch {
    return [];
  }
  if (st.isFile()) {
    if (path.basename(root) === MLFLOW_DB) return [{ kind: 'mlflow-db', path: root }];
    return [];
  }
  if (fs.existsSync(path.join(root, POLYAXON_RUN_FILE))) return [{ kind: 'polyaxon', path: root }];
  if (isMlflowFileStore(root)) return [{ kind: 'mlflow-files', path: root }];
  await visit(root);
  return units;
}

export async function readUnit(unit: Unit, options: DiscoveryOptions = {}): Promise<RunRecord[]> {
  switch (unit.kind) {
    case 'mlflow-db':
      return readMlflowDb(unit.path, options.retry);
    case 'mlflow-files':
      return readMlflowFileStore(unit.path);
    case 'polyaxon':
      return [await readPolyaxonRun(unit.path)];
  }
}

export function newestFirst(a: RunSummary, b: RunSummary): number {
  return (b.startedAt ?? b.createdAt ?? '').localeCompare(a.startedAt ?? a.createdAt ?? '') || a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
}

/** Runs found under `roots`, keyed by unit; the state behind a RunWatch and one-shot scans. */
export class RunIndex {
  private readonly units = new Map<string, { unit: Unit; runs: Map<string, RunRecord> }>();

  constructor(
    readonly roots: string[],
    private readonly options: DiscoveryOptions = {},
  ) {}

  async scan(signal = this.options.signal): Promise<RunRecord[]> {
    this.units.clear();
    for (const root of this.roots) {
      for (const unit of await findUnits(path.resolve(root), signal)) {
        aborted(signal);
        this.units.set(unit.path, { unit, runs: byKey(await readUnit(unit, this.options)) });
      }
    }
    return this.all();
  }

  all(): RunRecord[] {
    return [...this.units.values()].flatMap(u => [...u.runs.values()]).sort(newestFirst);
  }

  find(keyOrId: string): RunRecord | undefined {
    const runs = this.all();
    return (
      runs.find(r => r.key === keyOrId) ??
      runs.find(r => r.id === keyOrId) ??
      (keyOrId.length >= 6 ? runs.filter(r => r.id.startsWith(keyOrId)).at(0) : undefined)
    );
  }

  /** The run a file or folder belongs to: its run folder or artifact root contains it. */
  containing(target: string): RunRecord | undefined {
    const abs = path.resolve(target);
    let best: RunRecord | undefined;
    let bestLength = -1;
    for (const run of this.all()) {
      const roots = [run.path, run.artifactRoot, ...run.models.map(m => m.absolutePath)].filter((r): r is string => !!r && r !== run.storePath);
      for (const r of roots) {
        if (isInside(abs, r) && r.length > bestLength) {
          best = run;
          bestLength = r.length;
        }
      }
    }
    return best;
  }

  /** Re-reads what `paths` touch; returns what changed. */
  async changed(paths: string[]): Promise<RunsChange> {
    const before = new Map(this.all().map(r => [r.key, r]));
    const reread = new Set<string>();
    const fileStoreRuns = new Map<string, Set<string>>();
    const fresh: string[] = [];
    for (const raw of paths) {
      const p = path.resolve(raw);
      if (!this.roots.some(root => isInside(p, path.resolve(root)))) continue;
      // a removed folder that held units: drop them
      if (!fs.existsSync(p)) {
        for (const key of [...this.units.keys()]) if (isInside(key, p) && key !== p.replace(/-(journal|wal|shm)$/, '')) this.units.delete(key);
      }
      const owner = [...this.units.values()].find(u =>
        u.unit.kind === 'mlflow-db'
          ? p === u.unit.path ||
            p.startsWith(`${u.unit.path}-`) ||
            isInside(p, path.join(path.dirname(u.unit.path), 'mlruns')) ||
            isInside(p, path.join(path.dirname(u.unit.path), 'mlartifacts'))
          : isInside(p, u.unit.path),
      );
      if (owner?.unit.kind === 'mlflow-files' && p !== owner.unit.path) {
        // `<exp>/<run>/…` re-reads that run; `<exp>`, `<exp>/meta.yaml`, `<exp>/models/…` the experiment
        const [expId, second] = path.relative(owner.unit.path, p).split(path.sep);
        const target = second && second !== 'meta.yaml' && second !== 'models' ? `${expId}/${second}` : expId;
        (fileStoreRuns.get(owner.unit.path) ?? fileStoreRuns.set(owner.unit.path, new Set()).get(owner.unit.path)!).add(target);
      } else if (owner) reread.add(owner.unit.path);
      else if (fs.existsSync(p)) fresh.push(fs.statSync(p).isDirectory() ? p : path.dirname(p));
    }
    for (const dir of fresh) {
      for (const unit of await findUnits(dir)) {
        if (!this.units.has(unit.path)) {
          this.units.set(unit.path, { unit, runs: new Map() });
          reread.add(unit.path);
        }
      }
    }
    for (const key of reread) {
      const entry = this.units.get(key);
      if (!entry) continue;
      if (!fs.existsSync(entry.unit.path)) {
        this.units.delete(key);
        continue;
      }
      const runs = await readUnit(entry.unit, this.options);
      // an unreadable database keeps what was last read instead of showing an empty (or broken) store
      if (entry.unit.kind === 'mlflow-db' && runs.length === 1 && runs[0].error && runs[0].key.endsWith('#') && entry.runs.size > 0) continue;
      entry.runs = byKey(runs);
    }
    for (const [store, runIds] of fileStoreRuns) {
      const entry = this.units.get(store);
      if (!entry || reread.has(store)) continue;
      for (const target of runIds) {
        const [expId, runId] = target.split('/');
        const expDir = path.join(store, expId);
        if (runId === undefined) {
          for (const k of [...entry.runs.keys()]) if (isInside(k, expDir)) entry.runs.delete(k);
          if (fs.existsSync(expDir)) for (const r of await readExperiment(store, expId)) entry.runs.set(r.key, r);
          continue;
        }
        const run = await readMlflowFileRun(store, expId, runId);
        if (run) entry.runs.set(run.key, run);
        else entry.runs.delete(path.join(expDir, runId));
      }
    }
    const after = new Map(this.all().map(r => [r.key, r]));
    const change: RunsChange = { added: [], updated: [], removed: [] };
    for (const [key, run] of after) {
      const old = before.get(key);
      if (!old) change.added.push(summaryOf(run));
      else if (old !== run && JSON.stringify(old) !== JSON.stringify(run)) change.updated.push(summaryOf(run));
    }
    for (const key of before.keys()) if (!after.has(key)) change.removed.push(key);
    return change;
  }
}

function byKey(runs: RunRecord[]): Map<string, RunRecord> {
  return new Map(runs.map(r => [r.key, r]));
}

/** A RunWatch over an index: the face feeds it the paths its file watcher reports. */
export class IndexWatch implements RunWatch {
  readonly ready: Promise<RunSummary[]>;
  private readonly index: RunIndex;
  private readonly listeners = new Set<(change: RunsChange) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    readonly roots: string[],
    options: DiscoveryOptions = {},
  ) {
    this.index = new RunIndex(roots, options);
    this.ready = this.serial(() => this.index.scan()).then(runs => runs.map(summaryOf));
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  runs(): RunSummary[] {
    return this.index.all().map(summaryOf);
  }

  record(keyOrId: string): RunView | undefined {
    return this.index.find(keyOrId);
  }

  changed(paths: string[]): Promise<RunsChange> {
    return this.serial(async () => {
      await this.ready;
      const change = await this.index.changed(paths);
      if (!this.disposed && (change.added.length || change.updated.length || change.removed.length)) for (const l of [...this.listeners]) l(change);
      return change;
    });
  }

  onDidChange(listener: (change: RunsChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
