// MLflow's SQLite tracking store (`mlflow.db`, the default since MLflow 3.7), read-only: experiments,
// runs (deleted ones hidden), params, tags, every metric point, and MLflow 3 logged models, whose files
// live under `<artifact root>/<exp>/models/<model_id>/artifacts`. A database caught mid-write (a hot
// journal beside it, a size that disagrees with its header, a parse error) is read again after a pause;
// only when it stays unreadable does it become one run that shows the error — never an empty store.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mlflowStatus } from './status';
import { addError, collectFiles, emptyRecord, errorText, finishMetrics, loggedModel, msToIso, pushPoint, resolveArtifactDir, type RunRecord } from './record';
import { openSqlite, sqliteShapeProblem, type SqliteFile } from './sqlite';
import type { RunModel } from '../../client/types';

export interface RetryOptions {
  attempts?: number;
  delayMs?: number;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Reads the file when it is whole and quiet: no hot journal, unchanged while read, header consistent. */
async function readWhole(file: string, { attempts = 8, delayMs = 150 }: RetryOptions): Promise<Uint8Array> {
  let problem = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(delayMs * attempt);
    try {
      const journal = `${file}-journal`;
      if (fs.existsSync(journal) && fs.statSync(journal).size > 0) {
        problem = 'another process is writing it (hot journal)';
        continue;
      }
      const before = await fs.promises.stat(file);
      const bytes = new Uint8Array(await fs.promises.readFile(file));
      const after = await fs.promises.stat(file);
      if (before.mtimeMs !== after.mtimeMs || before.size !== after.size || bytes.length !== after.size) {
        problem = 'it changed while being read';
        continue;
      }
      const shape = sqliteShapeProblem(bytes);
      if (shape) {
        problem = shape;
        if (shape === 'not a SQLite database') break;
        continue;
      }
      return bytes;
    } catch (e) {
      problem = errorText(e);
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
    }
  }
  throw new Error(`${path.basename(file)} could not be read: ${problem}`);
}

async function openWithRetry(file: string, retry: RetryOptions): Promise<SqliteFile> {
  const attempts = retry.attempts ?? 8;
  let last: unknown;
  for (let attempt = 0; attempt < Math.max(1, Math.ceil(attempts / 4)); attempt++) {
    const bytes = await readWhole(file, retry);
    try {
      const db = await openSqlite(bytes);
      if (!db.tables.has('runs') || !db.tables.has('experiments')) {
        db.close();
        throw new Error('it is a SQLite file but not an MLflow tracking store (no runs/experiments tables)');
      }
      return db;
    } catch (e) {
      last = e;
      if (/not an MLflow/.test(errorText(e))) break;
      await sleep(retry.delayMs ?? 150);
    }
  }
  throw new Error(`${path.basename(file)} could not be read: ${errorText(last)}`);
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export async function readMlflowDb(dbFile: string, retry: RetryOptions = {}): Promise<RunRecord[]> {
  let db: SqliteFile;
  try {
    db = await openWithRetry(dbFile, retry);
  } catch (e) {
    const broken = emptyRecord('mlflow', `${dbFile}#`, path.basename(dbFile), dbFile, dbFile);
    broken.name = path.basename(dbFile);
    addError(broken, errorText(e));
    return [broken];
  }
  try {
    return await readRuns(db, dbFile);
  } finally {
    db.close();
  }
}

async function readRuns(db: SqliteFile, dbFile: string): Promise<RunRecord[]> {
  const base = path.dirname(dbFile);
  const bases = [base, path.join(base, 'mlruns'), path.join(base, 'mlartifacts')];
  const experiments = new Map(db.all(`SELECT experiment_id, name, lifecycle_stage FROM experiments`).map(r => [str(r.experiment_id), r]));
  const runs = new Map<string, RunRecord>();
  const where = new Map<string, { artifactUri: string; experimentId: string }>();
  for (const r of db.all(`SELECT run_uuid, name, status, start_time, end_time, lifecycle_stage, artifact_uri, experiment_id FROM runs`)) {
    const exp = experiments.get(str(r.experiment_id));
    if (r.lifecycle_stage === 'deleted' || exp?.lifecycle_stage === 'deleted') continue;
    const id = str(r.run_uuid);
    const run = emptyRecord('mlflow', `${dbFile}#${id}`, id, dbFile, dbFile);
    run.name = str(r.name) || id;
    run.status = mlflowStatus(r.status);
    run.experiment = exp ? str(exp.name) : undefined;
    run.startedAt = msToIso(r.start_time);
    run.createdAt = run.startedAt;
    run.finishedAt = msToIso(r.end_time);
    where.set(id, { artifactUri: str(r.artifact_uri), experimentId: str(r.experiment_id) });
    runs.set(id, run);
  }
  for (const p of db.all(`SELECT key, value, run_uuid FROM params`)) {
    const run = runs.get(str(p.run_uuid));
    if (run) run.params[str(p.key)] = str(p.value);
  }
  for (const t of db.all(`SELECT key, value, run_uuid FROM tags`)) {
    const run = runs.get(str(t.run_uuid));
    if (run) run.tags[str(t.key)] = str(t.value);
  }
  for (const m of db.all(`SELECT key, value, timestamp, step, is_nan, run_uuid FROM metrics ORDER BY run_uuid, key, step, timestamp`)) {
    const run = runs.get(str(m.run_uuid));
    if (run) {
      pushPoint(run.metricHistory, str(m.key), { step: Number(m.step ?? 0), value: Number(m.is_nan) ? NaN : Number(m.value), timestamp: Number(m.timestamp) });
    }
  }
  const latest = new Map<string, Record<string, number>>();
  if (db.tables.has('latest_metrics')) {
    for (const m of db.all(`SELECT key, value, is_nan, run_uuid FROM latest_metrics`)) {
      if (Number(m.is_nan)) continue;
      const rec = latest.get(str(m.run_uuid)) ?? {};
      rec[str(m.key)] = Number(m.value);
      latest.set(str(m.run_uuid), rec);
    }
  }
  const logged = new Map<string, RunModel[]>();
  if (db.tables.has('logged_models')) {
    for (const lm of db.all(`SELECT model_id, experiment_id, name, artifact_location, lifecycle_stage, source_run_id FROM logged_models`)) {
      if (lm.lifecycle_stage === 'deleted' || !lm.source_run_id) continue;
      const modelId = str(lm.model_id);
      const dir = resolveArtifactDir(str(lm.artifact_location), [str(lm.experiment_id), 'models', modelId], bases);
      const model = await loggedModel(str(lm.name) || modelId, modelId, dir);
      if (model) logged.set(str(lm.source_run_id), [...(logged.get(str(lm.source_run_id)) ?? []), model]);
    }
  }
  for (const run of runs.values()) {
    const { artifactUri, experimentId } = where.get(run.id)!;
    const artifactDir = resolveArtifactDir(artifactUri, [experimentId, run.id], bases);
    if (artifactDir) run.path = artifactDir;
    await collectFiles(run, artifactDir, logged.get(run.id) ?? []);
    finishMetrics(run, latest.get(run.id));
    gitFromTags(run);
  }
  return [...runs.values()];
}

/** MLflow records the git state of a run in tags. */
export function gitFromTags(run: RunRecord): void {
  const commit = run.tags['mlflow.source.git.commit'];
  if (!commit) return;
  run.git = { commit, branch: run.tags['mlflow.source.git.branch'] || undefined, remote: run.tags['mlflow.source.git.repoURL'] || undefined };
}
