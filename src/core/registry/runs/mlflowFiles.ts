// MLflow's file store (`mlruns/`): `<exp>/meta.yaml`, `<exp>/<run>/meta.yaml` (numeric status codes,
// `lifecycle_stage: deleted` hidden), `params/`, `metrics/<key>` lines `<ms> <value> [<step>]` (old
// files have two fields: step 0; a `/` in a key is a sub-folder), `tags/`, `artifacts/`, and MLflow 3
// logged models under `<exp>/models/<model_id>/`. An absolute `artifact_uri` recorded on another
// machine is resolved relative to the run folder. Each run is read on its own, so one broken file
// marks that run with an error and the rest of the store still shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { RunModel } from '../../client/types';
import { gitFromTags } from './mlflowSqlite';
import { addError, collectFiles, emptyRecord, errorText, finishMetrics, loggedModel, msToIso, pushPoint, resolveArtifactDir, type RunRecord } from './record';
import { mlflowStatus } from './status';

type Meta = Record<string, unknown>;

const NOT_EXPERIMENTS = new Set(['.trash', 'models', '.git']);

function readMeta(file: string): Meta {
  const doc = parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${path.basename(file)} is not a YAML mapping`);
  return doc as Meta;
}

/** Whether a folder is an MLflow file store: an experiment folder with a meta.yaml naming its id. */
export function isMlflowFileStore(dir: string): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some(
    e =>
      e.isDirectory() &&
      !NOT_EXPERIMENTS.has(e.name) &&
      fs.existsSync(path.join(dir, e.name, 'meta.yaml')) &&
      /experiment_id:/.test(safeRead(path.join(dir, e.name, 'meta.yaml'))),
  );
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The files of a key folder (params/, tags/, metrics/) with `/`-joined keys for sub-folders. */
function keyFiles(dir: string, rel = ''): { key: string; file: string }[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap(e => {
    const key = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return keyFiles(path.join(dir, e.name), key);
    return e.isFile() ? [{ key, file: path.join(dir, e.name) }] : [];
  });
}

/** Runs of a file store, by experiment folder: the experiment ids to read (all when undefined). */
export async function readMlflowFileStore(mlruns: string): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(mlruns, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!e.isDirectory() || NOT_EXPERIMENTS.has(e.name)) continue;
    out.push(...(await readExperiment(mlruns, e.name)));
  }
  return out;
}

interface Experiment {
  id: string;
  name?: string;
  deleted: boolean;
  error?: string;
  logged: Map<string, RunModel[]>;
}

async function experimentInfo(mlruns: string, expId: string): Promise<Experiment | undefined> {
  const dir = path.join(mlruns, expId);
  const metaFile = path.join(dir, 'meta.yaml');
  if (!fs.existsSync(metaFile)) return undefined;
  const exp: Experiment = { id: expId, deleted: false, logged: new Map() };
  try {
    const meta = readMeta(metaFile);
    exp.name = meta.name === undefined ? undefined : String(meta.name);
    exp.deleted = meta.lifecycle_stage === 'deleted';
  } catch (e) {
    exp.error = `experiment ${expId}: ${errorText(e)}`;
  }
  const modelsDir = path.join(dir, 'models');
  for (const m of fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir) : []) {
    try {
      const meta = readMeta(path.join(modelsDir, m, 'meta.yaml'));
      if (meta.lifecycle_stage === 'deleted' || !meta.source_run_id) continue;
      const modelId = String(meta.model_id ?? m);
      const artifacts = resolveArtifactDir(String(meta.artifact_location ?? ''), [expId, 'models', modelId], [mlruns], path.join(modelsDir, m, 'artifacts'));
      const model = await loggedModel(String(meta.name ?? modelId), modelId, artifacts);
      if (model) exp.logged.set(String(meta.source_run_id), [...(exp.logged.get(String(meta.source_run_id)) ?? []), model]);
    } catch {
      /* a half-written logged model: the run still shows */
    }
  }
  return exp;
}

export async function readExperiment(mlruns: string, expId: string): Promise<RunRecord[]> {
  const exp = await experimentInfo(mlruns, expId);
  if (!exp || exp.deleted) return [];
  const out: RunRecord[] = [];
  for (const e of await fs.promises.readdir(path.join(mlruns, expId), { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === 'models') continue;
    const run = await readRun(mlruns, exp, e.name);
    if (run) out.push(run);
  }
  return out;
}

/** One run of one experiment (incremental updates read just this). */
export async function readMlflowFileRun(mlruns: string, expId: string, runId: string): Promise<RunRecord | undefined> {
  const exp = await experimentInfo(mlruns, expId);
  return exp && !exp.deleted ? readRun(mlruns, exp, runId) : undefined;
}

async function readRun(mlruns: string, exp: Experiment, runId: string): Promise<RunRecord | undefined> {
  const runDir = path.join(mlruns, exp.id, runId);
  const metaFile = path.join(runDir, 'meta.yaml');
  if (!fs.existsSync(metaFile)) return undefined;
  const run = emptyRecord('mlflow', runDir, runId, runDir, mlruns);
  run.experiment = exp.name;
  if (exp.error) addError(run, exp.error);
  let artifactUri: string | undefined;
  try {
    const meta = readMeta(metaFile);
    if (meta.lifecycle_stage === 'deleted') return undefined;
    run.id = String(meta.run_id ?? meta.run_uuid ?? runId);
    run.name = String(meta.run_name || meta.name || '') || run.id;
    run.status = mlflowStatus(meta.status);
    run.startedAt = msToIso(meta.start_time);
    run.createdAt = run.startedAt;
    run.finishedAt = msToIso(meta.end_time);
    artifactUri = meta.artifact_uri === undefined ? undefined : String(meta.artifact_uri);
  } catch (e) {
    addError(run, `meta.yaml: ${errorText(e)}`);
  }
  for (const { key, file } of keyFiles(path.join(runDir, 'params'))) run.params[key] = safeRead(file);
  for (const { key, file } of keyFiles(path.join(runDir, 'tags'))) run.tags[key] = safeRead(file);
  for (const { key, file } of keyFiles(path.join(runDir, 'metrics'))) {
    const lines = safeRead(file).split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const fields = line.trim().split(/\s+/);
      const [ms, value, step] = fields.map(Number);
      if (fields.length < 2 || fields.length > 3 || !Number.isFinite(ms) || (fields[1] !== 'nan' && Number.isNaN(value))) {
        addError(run, `metrics/${key} line ${i + 1} is not "<timestamp> <value> [<step>]"`);
        return;
      }
      pushPoint(run.metricHistory, key, { step: fields.length === 3 && Number.isFinite(step) ? step : 0, value, timestamp: ms });
    });
  }
  if (!run.tags['mlflow.runName'] && run.name === run.id) run.name = run.id;
  else if (run.tags['mlflow.runName'] && run.name === run.id) run.name = run.tags['mlflow.runName'];
  const artifactDir = resolveArtifactDir(artifactUri, [exp.id, runId, 'artifacts'], [mlruns], path.join(runDir, 'artifacts'));
  await collectFiles(run, artifactDir, exp.logged.get(run.id) ?? []);
  finishMetrics(run);
  gitFromTags(run);
  return run;
}
