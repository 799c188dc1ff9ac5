// Polyaxon offline runs (`tracking.init(is_offline=True)`): `<root>/runs/<uuid>/run.plx.json` (V1Run),
// `lineages.plx.json` (artifacts: the relative `path`, not `summary.path`, which is absolute to the
// machine that wrote it), `events/metric/<name>.plx` (pipe-separated with a header row, columns in any
// order), `outputs/`, `assets/`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitInfo, RunModel } from '../../client/types';
import { frameworkFromFlavors } from './frameworks';
import { listFiles } from './files';
import { addError, emptyRecord, errorText, finishMetrics, mlmodelFolders, paramText, pushPoint, type RunRecord } from './record';
import { polyaxonStatus } from './status';

export const POLYAXON_RUN_FILE = 'run.plx.json';

/** Folders of a run that hold what it produced (the rest are events, system metrics and logs). */
const OUTPUT_DIRS = ['outputs', 'assets', 'artifacts'];

interface Lineage {
  name?: string;
  kind?: string;
  path?: string;
  summary?: Record<string, unknown>;
  is_input?: boolean;
}

function polyaxonTime(text: string): number | undefined {
  const ms = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

/** One metric event file; throws on a file that has no step/metric header. */
export function parseMetricEvents(text: string): { step: number; value: number; timestamp?: number }[] {
  const lines = text.split(/\r?\n/).filter(l => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0].split('|').map(h => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [iStep, iValue, iTime] = [col('step'), col('metric'), col('timestamp')];
  if (iValue < 0) throw new Error(`no "metric" column in the header "${lines[0]}"`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split('|');
    const value = Number(cells[iValue]);
    if (cells[iValue] === undefined || cells[iValue].trim() === '' || (Number.isNaN(value) && cells[iValue].trim().toLowerCase() !== 'nan')) {
      throw new Error(`line ${i + 2} has no number in the "metric" column`);
    }
    return { step: iStep >= 0 ? Number(cells[iStep]) || 0 : i, value, timestamp: iTime >= 0 ? polyaxonTime(cells[iTime] ?? '') : undefined };
  });
}

export async function readPolyaxonRun(runDir: string): Promise<RunRecord> {
  const uuid = path.basename(runDir);
  const run = emptyRecord('polyaxon', runDir, uuid, runDir, path.dirname(runDir));
  run.artifactRoot = runDir;
  const latest: Record<string, number> = {};
  try {
    const doc = JSON.parse(await fs.promises.readFile(path.join(runDir, POLYAXON_RUN_FILE), 'utf8')) as Record<string, unknown>;
    if (!doc || typeof doc !== 'object') throw new Error('not a JSON object');
    run.id = String(doc.uuid ?? uuid);
    run.name = typeof doc.name === 'string' && doc.name ? doc.name : run.id;
    run.status = polyaxonStatus(doc.status);
    run.experiment = typeof doc.project === 'string' ? doc.project : undefined;
    run.createdAt = typeof doc.created_at === 'string' ? doc.created_at : undefined;
    run.startedAt = typeof doc.started_at === 'string' ? doc.started_at : undefined;
    run.finishedAt = typeof doc.finished_at === 'string' ? doc.finished_at : undefined;
    for (const [k, v] of Object.entries((doc.inputs as Record<string, unknown>) ?? {})) run.params[k] = paramText(v);
    for (const [k, v] of Object.entries((doc.outputs as Record<string, unknown>) ?? {})) {
      if (typeof v === 'number') latest[k] = v;
    }
    if (Array.isArray(doc.tags)) for (const t of doc.tags) run.tags[String(t)] = '';
    if (typeof doc.description === 'string' && doc.description) run.tags['polyaxon.description'] = doc.description;
  } catch (e) {
    addError(run, `${POLYAXON_RUN_FILE}: ${errorText(e)}`);
  }
  const models: RunModel[] = [];
  const lineageFile = path.join(runDir, 'lineages.plx.json');
  if (fs.existsSync(lineageFile)) {
    try {
      const lineages = JSON.parse(await fs.promises.readFile(lineageFile, 'utf8')) as Lineage[];
      if (!Array.isArray(lineages)) throw new Error('not a JSON array');
      for (const l of lineages) {
        if (l.kind === 'model' && l.path) {
          const framework = typeof l.summary?.framework === 'string' ? l.summary.framework : undefined;
          models.push({
            name: l.name ?? path.basename(l.path),
            path: l.path,
            absolutePath: path.join(runDir, l.path),
            flavors: framework ? [framework] : [],
            framework: framework ?? frameworkFromFlavors([]),
          });
        }
        if (l.kind === 'code_reference' && l.summary) run.git = codeReference(l.summary);
      }
    } catch (e) {
      addError(run, `lineages.plx.json: ${errorText(e)}`);
    }
  }
  const metricDir = path.join(runDir, 'events', 'metric');
  for (const f of fs.existsSync(metricDir) ? await fs.promises.readdir(metricDir) : []) {
    if (!f.endsWith('.plx')) continue;
    const name = f.slice(0, -4);
    try {
      for (const p of parseMetricEvents(await fs.promises.readFile(path.join(metricDir, f), 'utf8'))) pushPoint(run.metricHistory, name, p);
    } catch (e) {
      addError(run, `events/metric/${f}: ${errorText(e)}`);
    }
  }
  for (const dir of OUTPUT_DIRS) run.files.push(...(await listFiles(path.join(runDir, dir), `${dir}/`)));
  run.files.sort((a, b) => a.path.localeCompare(b.path));
  run.models = [...models, ...mlmodelFolders(run)];
  finishMetrics(run, latest);
  return run;
}

function codeReference(summary: Record<string, unknown>): GitInfo {
  const s = (k: string) => (typeof summary[k] === 'string' ? (summary[k] as string) : undefined);
  return { commit: s('commit'), branch: s('branch'), dirty: typeof summary.is_dirty === 'boolean' ? summary.is_dirty : undefined, remote: s('url') };
}
