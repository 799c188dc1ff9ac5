// What a version's files are good for after the promote: verify them against the recorded hashes,
// compare versions, and write them out (download into a folder, export in Polyaxon's layout) without
// ever overwriting a file silently.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError } from '../errors';
import type { ModelVersion } from '../model';
import type { CompareResult, CompareRow, VerifyReport, WriteOptions, WriteResult } from '../client/types';
import type { ArtifactStore } from './artifactStore';
import { versionRef, versionSummary } from './models';

export async function verifyVersion(artifacts: ArtifactStore, v: ModelVersion): Promise<VerifyReport> {
  const report: VerifyReport = { ref: versionRef(v), ok: true, checked: 0, changed: [], missing: [] };
  const hashes = new Map<string, string | undefined>();
  for (const f of v.lineage.files) {
    if (!hashes.has(f.sha256)) hashes.set(f.sha256, await artifacts.hashBlob(f.sha256));
    const actual = hashes.get(f.sha256);
    report.checked++;
    if (actual === undefined) report.missing.push(f.path);
    else if (actual !== f.sha256) report.changed.push({ path: f.path, expected: f.sha256, actual });
  }
  report.ok = report.missing.length === 0 && report.changed.length === 0;
  return report;
}

function row(key: string, values: (string | number | undefined)[]): CompareRow {
  const defined = values.map(v => (v === undefined ? '\u0000' : String(v)));
  return { key, values, differs: new Set(defined).size > 1 };
}

export function compareVersions(versions: ModelVersion[]): CompareResult {
  if (versions.length < 2) throw new HubError('Compare needs two or more versions.', 'invalid-request');
  const keys = (pick: (v: ModelVersion) => Record<string, unknown>) => [...new Set(versions.flatMap(v => Object.keys(pick(v))))].sort();
  const curves: CompareResult['curves'] = {};
  for (const k of keys(v => v.lineage.metricHistory)) curves[k] = versions.map(v => (v.lineage.metricHistory[k] ?? []).map(p => ({ ...p })));
  return {
    versions: versions.map(versionSummary),
    params: keys(v => v.lineage.params).map(k =>
      row(
        k,
        versions.map(v => v.lineage.params[k]),
      ),
    ),
    metrics: keys(v => v.lineage.metrics).map(k =>
      row(
        k,
        versions.map(v => v.lineage.metrics[k]?.latest),
      ),
    ),
    bestMetrics: keys(v => v.lineage.metrics).map(k =>
      row(
        k,
        versions.map(v => v.lineage.metrics[k]?.best),
      ),
    ),
    artifacts: [...new Set(versions.flatMap(v => v.lineage.files.map(f => f.path)))].sort().map(p =>
      row(
        p,
        versions.map(v => v.lineage.files.find(f => f.path === p)?.sha256),
      ),
    ),
    curves,
  };
}

/** A version path that stays inside `dir` when joined (recorded paths are relative, `/`-separated). */
function safeJoin(dir: string, rel: string): string {
  const out = path.resolve(dir, ...rel.split('/'));
  const back = path.relative(path.resolve(dir), out);
  if (back.startsWith('..') || path.isAbsolute(back)) throw new HubError(`The recorded path "${rel}" leaves the target folder; refused.`, 'invalid-path');
  return out;
}

async function copyOut(src: string, dest: string, signal?: AbortSignal, onBytes?: (n: number) => void): Promise<void> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const temp = `${dest}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const input = fs.createReadStream(src, { highWaterMark: 4 << 20 });
    const output = fs.createWriteStream(temp, { flags: 'wx' });
    for await (const chunk of input) {
      if (signal?.aborted) {
        input.destroy();
        throw new HubError('The download was cancelled; files already written were kept, the one being written was removed.', 'cancelled');
      }
      if (!output.write(chunk)) await new Promise<void>(r => output.once('drain', () => r()));
      onBytes?.((chunk as Buffer).length);
    }
    await new Promise<void>((resolve, reject) => output.end((e?: Error | null) => (e ? reject(e) : resolve())));
    fs.renameSync(temp, dest);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** Writes the version's files (optionally some of them) under `dir`, asking before overwriting. */
export async function writeFiles(
  artifacts: ArtifactStore,
  v: ModelVersion,
  dir: string,
  options: WriteOptions = {},
  extra: { path: string; text: string }[] = [],
): Promise<WriteResult> {
  const wanted = options.paths ? new Set(options.paths) : undefined;
  const files = v.lineage.files.filter(f => !wanted || wanted.has(f.path));
  if (wanted) for (const p of wanted) if (!v.lineage.files.some(f => f.path === p)) throw new HubError(`${versionRef(v)} has no file "${p}".`, 'not-found');
  const targets = [...files.map(f => ({ rel: f.path, dest: safeJoin(dir, f.path) })), ...extra.map(e => ({ rel: e.path, dest: safeJoin(dir, e.path) }))];
  const existing = targets.filter(t => fs.existsSync(t.dest)).map(t => t.rel);
  const conflict = options.conflict ?? 'ask';
  if (existing.length > 0 && conflict === 'ask') return { status: 'conflict', dir, conflicts: existing };
  for (const f of files) {
    if (!artifacts.hasBlob(f.sha256)) {
      throw new HubError(`The stored content of ${f.path} (${f.sha256.slice(0, 12)}…) is missing; run verify. Nothing was written.`, 'missing-blob');
    }
  }
  const skip = conflict === 'skip' ? new Set(existing) : new Set<string>();
  const written: string[] = [];
  const bytesTotal = files.filter(f => !skip.has(f.path)).reduce((n, f) => n + f.size, 0);
  const progress = { filesDone: 0, filesTotal: targets.length - skip.size, bytesDone: 0, bytesTotal };
  for (const f of files) {
    if (skip.has(f.path)) continue;
    options.onProgress?.({ ...progress, file: f.path });
    await copyOut(artifacts.blobPath(f.sha256), safeJoin(dir, f.path), options.signal, n => {
      progress.bytesDone += n;
    });
    progress.filesDone++;
    written.push(f.path);
  }
  for (const e of extra) {
    if (skip.has(e.path)) continue;
    const dest = safeJoin(dir, e.path);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, e.text);
    written.push(e.path);
  }
  options.onProgress?.({ ...progress });
  return { status: 'written', dir, written, skipped: [...skip] };
}

/**
 * Polyaxon's `polyaxon models pull` layout: `<dir>/<version>/version.plx.json` (a V1ProjectVersion of
 * kind model) beside the version's files.
 */
export function polyaxonVersionJson(v: ModelVersion): string {
  const doc = {
    name: v.name,
    kind: 'model',
    description: v.description || null,
    tags: v.tags,
    owner: v.org,
    project: v.project ?? v.model,
    run: v.lineage.runId ?? null,
    artifacts: v.lineage.files.map(f => f.path),
    stage: v.stage,
    stage_conditions: v.stageHistory.map(c => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      last_update_time: c.lastUpdateTime,
      last_transition_time: c.lastTransitionTime,
      who: c.who,
    })),
    readme: v.readme || null,
    content: JSON.stringify({ framework: v.framework, deployment_notes: v.deploymentNotes || undefined }),
    connection: null,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    meta_info: {
      model: v.model,
      run: v.lineage.runId ? { uuid: v.lineage.runId, name: v.lineage.runName ?? null, source: v.lineage.source } : null,
      lineage: v.lineage.files.map(f => ({ name: f.path, kind: 'model', path: f.path, summary: { size: f.size, hash: f.sha256 } })),
      params: v.lineage.params,
      metrics: Object.fromEntries(Object.entries(v.lineage.metrics).map(([k, m]) => [k, { last: m.latest, best: m.best, goal: m.goal }])),
      git: v.lineage.git ?? null,
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function exportVersion(artifacts: ArtifactStore, v: ModelVersion, dir: string, options: WriteOptions = {}): Promise<WriteResult> {
  const out = path.join(dir, v.name);
  return writeFiles(artifacts, v, out, options, [{ path: 'version.plx.json', text: polyaxonVersionJson(v) }]);
}

/** One file's bytes (a page shows a small text file). */
export function readVersionFile(artifacts: ArtifactStore, v: ModelVersion, rel: string, maxBytes = 1 << 20): Uint8Array {
  const f = v.lineage.files.find(x => x.path === rel);
  if (!f) throw new HubError(`${versionRef(v)} has no file "${rel}".`, 'not-found');
  if (f.size > maxBytes) throw new HubError(`${rel} is ${f.size} bytes, more than the ${maxBytes} allowed here; download it instead.`, 'too-large');
  const blob = artifacts.blobPath(f.sha256);
  if (!fs.existsSync(blob)) throw new HubError(`The stored content of ${rel} is missing; run verify.`, 'missing-blob');
  const bytes = fs.readFileSync(blob);
  if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) {
    throw new HubError(`The stored content of ${rel} no longer matches its hash; run verify.`, 'changed-blob');
  }
  return new Uint8Array(bytes);
}
