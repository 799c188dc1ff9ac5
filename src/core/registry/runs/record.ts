// What every reader produces: a full RunView, and the helpers they share.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MetricPoint, RunModel, RunSource, RunSummary, RunView } from '../../client/types';
import { frameworkFromFlavors, readMlmodelFlavors } from './frameworks';
import { listFiles, localPathOfUri } from './files';
import { summarizeAll } from './metrics';

export type RunRecord = RunView;

export function emptyRecord(source: RunSource, key: string, id: string, runPath: string, storePath: string): RunRecord {
  return {
    key,
    id,
    name: id,
    source,
    status: 'unknown',
    path: runPath,
    storePath,
    params: {},
    metrics: {},
    tags: {},
    metricSummaries: {},
    metricHistory: {},
    files: [],
    models: [],
  };
}

/** Fills metrics (latest) and metricSummaries from the history (and the tool's own latest values). */
export function finishMetrics(run: RunRecord, latest: Record<string, number> = {}): void {
  run.metricSummaries = summarizeAll(run.metricHistory, latest);
  run.metrics = Object.fromEntries(Object.entries(run.metricSummaries).map(([k, s]) => [k, s.latest]));
}

export function summaryOf(run: RunRecord): RunSummary {
  return {
    key: run.key,
    id: run.id,
    name: run.name,
    source: run.source,
    status: run.status,
    path: run.path,
    storePath: run.storePath,
    experiment: run.experiment,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    params: run.params,
    metrics: run.metrics,
    tags: run.tags,
    git: run.git,
    error: run.error,
  };
}

export function addError(run: RunRecord, problem: string): void {
  run.error = run.error ? `${run.error}; ${problem}` : problem;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function msToIso(ms: unknown): string | undefined {
  const n = typeof ms === 'number' ? ms : Number(ms);
  return ms !== null && ms !== undefined && ms !== '' && Number.isFinite(n) && n > 0 ? new Date(n).toISOString() : undefined;
}

export function pushPoint(history: Record<string, MetricPoint[]>, key: string, point: MetricPoint): void {
  (history[key] ??= []).push(point);
}

/**
 * A local artifact location that may have gone stale (the store was moved, copied or committed from
 * another machine): the same tail (`<exp>/<run>/artifacts`…) under `bases`, where the store is now,
 * when it exists there; else the recorded path (an artifact root kept elsewhere on purpose).
 */
export function resolveArtifactDir(uri: string | undefined, anchor: string[], bases: string[], fallback?: string): string | undefined {
  const local = localPathOfUri(uri);
  const candidates: string[] = [];
  if (local) {
    const segments = local.split(/[\\/]+/).filter(Boolean);
    const at = segments.findIndex((_segment, i) => anchor.every((a, j) => segments[i + j] === a));
    for (const base of bases) {
      if (!path.isAbsolute(local)) candidates.push(path.resolve(base, local));
      if (at >= 0) {
        candidates.push(path.join(base, ...segments.slice(at)));
        if (at > 0) candidates.push(path.join(base, ...segments.slice(at - 1)));
      }
    }
  }
  if (fallback) candidates.push(fallback);
  if (local && path.isAbsolute(local)) candidates.push(local);
  return candidates.find(c => fs.existsSync(c));
}

/** Models saved in a run's artifacts the MLflow 2 way: any folder holding an `MLmodel` file. */
export function mlmodelFolders(run: RunRecord): RunModel[] {
  const models: RunModel[] = [];
  for (const f of run.files) {
    if (path.basename(f.path) !== 'MLmodel') continue;
    const dir = path.posix.dirname(f.path);
    const flavors = readMlmodelFlavors(f.absolutePath);
    models.push({
      name: dir === '.' ? 'model' : path.posix.basename(dir),
      path: dir === '.' ? '' : dir,
      absolutePath: path.dirname(f.absolutePath),
      flavors,
      framework: frameworkFromFlavors(flavors),
    });
  }
  return models;
}

/** An MLflow 3 logged model kept outside the run (`<exp>/models/<model_id>/artifacts`). */
export async function loggedModel(name: string, modelId: string, dir: string | undefined): Promise<RunModel | undefined> {
  if (!dir) return undefined;
  const mlmodel = path.join(dir, 'MLmodel');
  const flavors = fs.existsSync(mlmodel) ? readMlmodelFlavors(mlmodel) : [];
  return { name, path: `models/${modelId}`, absolutePath: dir, flavors, framework: frameworkFromFlavors(flavors), modelId };
}

/** A run's own files, plus each logged model's under `models/<model_id>/`. */
export async function collectFiles(run: RunRecord, artifactDir: string | undefined, logged: RunModel[]): Promise<void> {
  run.artifactRoot = artifactDir;
  run.files = artifactDir ? await listFiles(artifactDir) : [];
  run.models = mlmodelFolders(run);
  for (const m of logged) {
    run.files.push(...(await listFiles(m.absolutePath, `${m.path}/`)));
    run.models.push(m);
  }
}

export function paramText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
