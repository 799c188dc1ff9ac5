// Promote: outputs of a run (or any files) → a new model version, with lineage.
//   plan (read-only): files, sizes, the run, default version, detected framework, refusals
//   → permission and team quotas checked before anything is copied
//   → each file streamed once into staging, hashed while copied (artifactStore.ts)
//   → one store mutation: checks again on the fresh read, moves the blobs in, records the version
// Cancel (AbortSignal), a failure or a kill leaves no version and no blob (see artifactStore.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check, findOrg } from '../access';
import type { Actor } from '../currentUser';
import { HubError } from '../errors';
import { assertTextLimits } from '../limits';
import type { Database, LineageRecord, ModelVersion, Team } from '../model';
import type { Store } from '../store/store';
import { changed, mutation } from '../mutation';
import type { PromotePlan, PromoteProgress, PromoteRequest, RunView } from '../client/types';
import { ArtifactStore, cancelled, type StagedFile } from './artifactStore';
import { addModel, assertNewVersionName, nextVersionName, referencedBlobs, target, versionRef } from './models';
import { frameworkFromFlavors, normalizeFramework, readMlmodelFlavors } from './runs/frameworks';
import { isInside } from './runs/files';
import { gitInfo } from './runs/git';
import { thin } from './runs/metrics';
import { initialStageHistory } from './stageHistory';
import { teamBlobs, teamVersions } from './teamUsage';
import { formatQuotaBytes } from '../units';

export interface InputFile {
  path: string;
  absolutePath: string;
  size: number;
}

/** How promote finds the run of its files: by key/id, or the discovered run containing a path. */
export interface RunLookup {
  byRef(ref: string): Promise<RunView | undefined>;
  containing(file: string): Promise<RunView | undefined>;
}

/** The folders a run owns: its symlinks may point anywhere inside them. */
function runRoots(run: RunView | undefined, picks: string[]): string[] {
  if (run) {
    return [run.path, run.artifactRoot, ...run.models.map(m => m.absolutePath)].filter((r): r is string => !!r && r !== run.storePath).map(r => realOrSelf(r));
  }
  return picks.map(p => realOrSelf(fs.statSync(p).isDirectory() ? p : path.dirname(p)));
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** What a symbolic link inside a pick points to; a dangling link or a loop of links is refused by name. */
function followLink(link: string): fs.Stats {
  try {
    return fs.statSync(link);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const to = (() => {
      try {
        return fs.readlinkSync(link);
      } catch {
        return '?';
      }
    })();
    if (code === 'ENOENT') {
      throw new HubError(`${link} is a symbolic link to ${to}, which does not exist; remove the link or promote the files themselves.`, 'broken-link');
    }
    if (code === 'ELOOP') throw new HubError(`${link} is a symbolic link in a loop of links (${to} → … → back); remove the loop to promote.`, 'broken-link');
    throw e;
  }
}

/**
 * The files under the picked paths, relative to one base (the folder itself when one folder is picked,
 * else the picks' common parent). A symlink whose target leaves the run is refused, naming it.
 */
export function collectInputs(picks: string[], allowed: string[]): { base: string; files: InputFile[] } {
  if (picks.length === 0) throw new HubError('Pick at least one file or folder to promote.', 'invalid-request');
  const abs = picks.map(p => path.resolve(p));
  for (const p of abs) if (!fs.existsSync(p)) throw new HubError(`${p} does not exist.`, 'not-found');
  const single = abs.length === 1 && fs.statSync(abs[0]).isDirectory();
  let base = single ? abs[0] : path.dirname(abs[0]);
  if (!single) for (const p of abs) while (!isInside(p, base)) base = path.dirname(base);
  const files = new Map<string, InputFile>();
  const seenDirs = new Set<string>();
  const refuseEscape = (link: string) => {
    const real = realOrSelf(link);
    if (!allowed.some(root => isInside(real, root))) {
      throw new HubError(
        `${link} is a symbolic link to ${real}, outside the run; it was not promoted (copy the file into the run, or promote it directly).`,
        'symlink-escape',
      );
    }
    return real;
  };
  const visit = (p: string): void => {
    const st = fs.lstatSync(p);
    let stat = st;
    if (st.isSymbolicLink()) {
      refuseEscape(p);
      stat = followLink(p);
    }
    if (stat.isDirectory()) {
      const real = realOrSelf(p);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
      return;
    }
    if (!stat.isFile()) return; // sockets, fifos: not artifacts
    const rel = path.relative(base, p).split(path.sep).join('/') || path.basename(p);
    files.set(rel, { path: rel, absolutePath: p, size: stat.size });
  };
  for (const p of abs) visit(p);
  if (files.size === 0) throw new HubError('There are no files to promote under the picked paths.', 'invalid-request');
  return { base, files: [...files.values()].sort((a, b) => a.path.localeCompare(b.path)) };
}

/** The framework of an MLmodel among the files (its flavors), else the run's model's. */
export function detectFramework(files: InputFile[], run?: RunView): { framework?: string; flavors: string[] } {
  const mlmodel = files.find(f => path.basename(f.path) === 'MLmodel');
  if (mlmodel) {
    const flavors = readMlmodelFlavors(mlmodel.absolutePath);
    return { framework: frameworkFromFlavors(flavors), flavors };
  }
  const model = run?.models.find(m => files.some(f => isInside(f.absolutePath, m.absolutePath)));
  return { framework: model?.framework, flavors: model?.flavors ?? [] };
}

/** Teams whose quotas cover a project: those with access to it. */
function quotaTeams(db: Database, org: string, project: string | undefined): Team[] {
  if (!project) return [];
  return db.teams.filter(
    t => t.org === org && t.projects.some(a => a.project === project) && (t.quota.storageBytes !== undefined || t.quota.modelVersions !== undefined),
  );
}

/**
 * Refuses a promote that would exceed a team's quota. `incoming` maps sha256 → size when known
 * (exact: content already stored for the team costs nothing), else `upperBound` bytes are assumed.
 */
export function checkQuotas(
  db: Database,
  org: string,
  project: string | undefined,
  incoming: { upperBound?: number; files?: { sha256: string; size: number }[] },
): void {
  for (const team of quotaTeams(db, org, project)) {
    const versions = teamVersions(db, team);
    if (team.quota.modelVersions !== undefined && versions.length + 1 > team.quota.modelVersions) {
      throw new HubError(
        `Team "${team.name}" of ${org} may keep ${team.quota.modelVersions} model version${team.quota.modelVersions === 1 ? '' : 's'} in its projects and already has ${versions.length}; delete a version or raise the team's quota.`,
        'quota-exceeded',
      );
    }
    if (team.quota.storageBytes !== undefined) {
      const stored = teamBlobs(versions);
      const used = [...stored.values()].reduce((a, b) => a + b, 0);
      const adding = incoming.files
        ? [...new Map(incoming.files.filter(f => !stored.has(f.sha256)).map(f => [f.sha256, f.size])).values()].reduce((a, b) => a + b, 0)
        : (incoming.upperBound ?? 0);
      if (used + adding > team.quota.storageBytes) {
        throw new HubError(
          `Team "${team.name}" of ${org} has a registry storage quota of ${formatQuotaBytes(team.quota.storageBytes, team.quota.storageBytes, { exact: false })}; it uses ${formatQuotaBytes(used, team.quota.storageBytes, { exact: false })} and this promote needs ${formatQuotaBytes(adding, team.quota.storageBytes, { exact: false })} more. Nothing was copied.`,
          'quota-exceeded',
        );
      }
    }
  }
}

interface Resolved {
  request: PromoteRequest;
  run?: RunView;
  base: string;
  files: InputFile[];
  totalBytes: number;
  project?: string;
  modelExists: boolean;
  version: string;
  framework?: string;
  flavors: string[];
}

async function resolve(db: Database, me: string, request: PromoteRequest, runs: RunLookup): Promise<Resolved> {
  findOrg(db, request.org);
  assertTextLimits({ description: request.description, deploymentNotes: request.deploymentNotes, tags: request.tags });
  const existing = db.models.find(m => m.org === request.org && m.name === request.model);
  const createFields = typeof request.createModel === 'object' ? request.createModel : {};
  const project = existing ? existing.project : (createFields.project ?? request.project);
  if (existing && request.project && request.project !== existing.project) {
    throw new HubError(
      `Model ${request.org}/${request.model} belongs to ${existing.project ? `project ${existing.project}` : 'no project'}, not ${request.project}.`,
      'invalid-request',
    );
  }
  if (!existing && !request.createModel) {
    throw new HubError(`Organization "${request.org}" has no model named "${request.model}" (ask to create it).`, 'not-found');
  }
  check(db, me, 'modelVersion.write', target({ org: request.org, project }));
  const version = request.version?.trim() || nextVersionName(db, request.org, request.model);
  assertNewVersionName(db, request.org, request.model, version);
  let run: RunView | undefined;
  if (request.run) {
    run = await runs.byRef(request.run);
    if (!run) throw new HubError(`No discovered run "${request.run}".`, 'not-found');
  } else {
    run = await runs.containing(request.paths[0] ?? '');
  }
  const { base, files } = collectInputs(
    request.paths,
    runRoots(
      run,
      request.paths.map(p => path.resolve(p)),
    ),
  );
  const detected = detectFramework(files, run);
  const framework = request.framework?.trim() ? normalizeFramework(request.framework) : detected.framework;
  return {
    request,
    run,
    base,
    files,
    totalBytes: files.reduce((n, f) => n + f.size, 0),
    project,
    modelExists: !!existing,
    version,
    framework,
    flavors: detected.flavors,
  };
}

function problemOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function planPromote(store: Store, actor: Actor, request: PromoteRequest, runs: RunLookup): Promise<PromotePlan> {
  const db = await store.read();
  const r = await resolve(db, actor.username, request, runs);
  let problem: string | undefined;
  try {
    checkQuotas(db, request.org, r.project, { upperBound: r.totalBytes });
  } catch (e) {
    problem = problemOf(e);
  }
  return {
    org: request.org,
    model: request.model,
    modelExists: r.modelExists,
    project: r.project,
    nextVersion: r.version,
    detectedFramework: r.framework,
    flavors: r.flavors,
    files: r.files.map(f => ({ path: f.path, size: f.size })),
    totalBytes: r.totalBytes,
    run: r.run && { ...r.run },
    problem,
  };
}

async function lineageOf(r: Resolved, staged: StagedFile[]): Promise<LineageRecord> {
  const run = r.run;
  const folderGit = await gitInfo(run?.path && run.path !== run.storePath ? run.path : r.base);
  const git = run?.git ? { ...folderGit, ...Object.fromEntries(Object.entries(run.git).filter(([, v]) => v !== undefined)) } : folderGit;
  return {
    ...(run ? { runId: run.id, runName: run.name, runKey: run.key, experiment: run.experiment } : {}),
    source: run?.source ?? 'folder',
    sourcePath: run?.path ?? r.base,
    params: { ...(run?.params ?? {}) },
    metrics: structuredClone(run?.metricSummaries ?? {}),
    metricHistory: Object.fromEntries(Object.entries(run?.metricHistory ?? {}).map(([k, pts]) => [k, thin(pts)])),
    ...(git ? { git } : {}),
    files: staged.map(f => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  };
}

export async function promote(
  store: Store,
  actor: Actor,
  artifacts: ArtifactStore,
  request: PromoteRequest,
  runs: RunLookup,
): Promise<{ version: ModelVersion; storedBytes: number }> {
  const { signal, onProgress } = request;
  const progress: PromoteProgress = { phase: 'checking', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 };
  const report = () => onProgress?.({ ...progress });
  report();
  const r = await resolve(await store.read(), actor.username, request, runs);
  checkQuotas(await store.read(), request.org, r.project, { upperBound: r.totalBytes });
  if (signal?.aborted) throw cancelled();
  Object.assign(progress, { phase: 'copying', filesTotal: r.files.length, bytesTotal: r.totalBytes });
  report();
  const staging = artifacts.createStaging();
  const journal = artifacts.journalFor(staging);
  let recorded = false;
  try {
    const staged: StagedFile[] = [];
    for (const f of r.files) {
      progress.file = f.path;
      report();
      const s = await artifacts.stage(f.absolutePath, staging, f.path, {
        signal,
        onBytes: n => {
          progress.bytesDone += n;
          report();
        },
      });
      staged.push(s);
      progress.filesDone++;
    }
    if (signal?.aborted) throw cancelled();
    const lineage = await lineageOf(r, staged);
    Object.assign(progress, { phase: 'recording', file: undefined });
    report();
    let storedBytes = 0;
    const version = await mutation(store, actor, ({ db, me, now, check: checkWrite }) => {
      let model = db.models.find(m => m.org === request.org && m.name === request.model);
      const created = !model;
      if (!model) {
        if (!request.createModel) throw new HubError(`Model ${request.org}/${request.model} was deleted meanwhile; nothing was recorded.`, 'not-found');
        checkWrite('modelVersion.write', target({ org: request.org, project: r.project }));
        model = addModel(
          db,
          actor,
          request.org,
          request.model,
          { ...(typeof request.createModel === 'object' ? request.createModel : {}), project: r.project },
          now,
        );
      }
      checkWrite('modelVersion.write', target(model));
      assertNewVersionName(db, request.org, request.model, r.version);
      checkQuotas(db, request.org, model.project, { files: staged });
      // this promote's own blobs stay: a mutation run again (its lock was lost) has committed them already
      artifacts.sweep(new Set([...referencedBlobs(db), ...staged.map(f => f.sha256)]));
      storedBytes = artifacts.commitStaged(staged, journal);
      const v: ModelVersion = {
        org: request.org,
        model: request.model,
        name: r.version,
        ...(model.project ? { project: model.project } : {}),
        description: request.description ?? '',
        tags: [...new Set(request.tags ?? [])],
        readme: '',
        framework: r.framework ?? 'custom',
        deploymentNotes: request.deploymentNotes ?? '',
        stage: 'testing',
        stageHistory: initialStageHistory('model', me, now),
        lineage: structuredClone(lineage),
        createdBy: me,
        createdAt: now,
        updatedAt: now,
      };
      db.modelVersions.push(v);
      return changed(v, 'modelVersion.create', versionRef(v), {
        run: lineage.runId,
        source: lineage.source,
        files: lineage.files.length,
        bytes: r.totalBytes,
        framework: v.framework,
        ...(created ? { modelCreated: true } : {}),
      });
    });
    recorded = true;
    return { version, storedBytes };
  } finally {
    artifacts.endCommit(journal, recorded);
    artifacts.removeStaging(staging);
  }
}
