// Models and their versions in the store: finding them as a user may see them, the views the client
// returns, and every mutation but promote (promote.ts). Each mutation is one store.mutate with the
// permission check on the fresh read and one audit event. Permissions: viewing needs `view` on the
// model's project (or org); writing versions `modelVersion.write`; creating, configuring and deleting
// models `registry.configure`… except that a member creates a model by promoting into it; deleting
// a version is `version.delete` (admins).
import { allowedActions, check, findOrg, findProject, type Action } from '../access';
import type { Actor } from '../currentUser';
import { HubError } from '../errors';
import { assertTextLimits } from '../limits';
import type { Database, Model, ModelVersion, Stage } from '../model';
import { assertNameFree, assertSlug, assertVersionName, notFoundInOrg } from '../names';
import type { Store } from '../store/store';
import { changed, mutation, unchanged } from '../mutation';
import type { ModelSummary, ModelVersionSummary, ModelVersionView, ModelView } from '../client/types';
import type { ArtifactStore } from './artifactStore';
import { parseStage, recordStage, stageChanges, versionsInStageAt } from './stageHistory';

export interface VersionKey {
  org: string;
  model: string;
  version: string;
}

export const versionRef = (v: { org: string; model: string; name: string }) => `${v.org}/${v.model}:${v.name}`;

export function target(m: { org: string; project?: string }) {
  return m.project ? { org: m.org, project: m.project } : { org: m.org };
}

export function findModel(db: Database, org: string, name: string): Model {
  findOrg(db, org);
  const model = db.models.find(m => m.org === org && m.name === name);
  if (!model) throw notFoundInOrg(db.models, org, name, `Organization "${org}" has no model named "${name}".`);
  return model;
}

export function visibleModel(db: Database, me: string, org: string, name: string): Model {
  const model = findModel(db, org, name);
  check(db, me, 'view', target(model));
  return model;
}

export function versionsOf(db: Database, org: string, model: string): ModelVersion[] {
  return db.modelVersions
    .filter(v => v.org === org && v.model === model)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name, undefined, { numeric: true }));
}

export function findVersion(db: Database, me: string, org: string, model: string, version?: string): ModelVersion {
  visibleModel(db, me, org, model);
  const versions = versionsOf(db, org, model);
  const found =
    version === undefined || version === 'latest' ? (versions.find(v => v.name === 'latest') ?? versions[0]) : versions.find(v => v.name === version);
  if (!found) throw new HubError(version ? `Model ${org}/${model} has no version "${version}".` : `Model ${org}/${model} has no versions yet.`, 'not-found');
  return found;
}

/** The next `v<n>`: one more than the highest `v<number>` taken. */
export function nextVersionName(db: Database, org: string, model: string): string {
  let n = 0;
  for (const v of versionsOf(db, org, model)) {
    const m = /^v(\d+)$/.exec(v.name);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `v${n + 1}`;
}

// ---- views ---------------------------------------------------------------------------------------

export function versionSummary(v: ModelVersion): ModelVersionSummary {
  return {
    org: v.org,
    model: v.model,
    name: v.name,
    ref: versionRef(v),
    stage: v.stage,
    framework: v.framework,
    runId: v.lineage.runId,
    fileCount: v.lineage.files.length,
    totalBytes: v.lineage.files.reduce((n, f) => n + f.size, 0),
    createdBy: v.createdBy,
    createdAt: v.createdAt,
  };
}

export function versionView(db: Database, me: string, v: ModelVersion): ModelVersionView {
  return {
    ...versionSummary(v),
    project: v.project,
    description: v.description,
    tags: [...v.tags],
    readme: v.readme,
    deploymentNotes: v.deploymentNotes,
    stageHistory: stageChanges(v.stageHistory),
    lineage: structuredClone(v.lineage),
    updatedAt: v.updatedAt,
    actions: allowedActions(db, me, target(v)) as Action[],
  };
}

export function modelSummary(db: Database, me: string, m: Model): ModelSummary {
  const versions = versionsOf(db, m.org, m.name);
  return {
    org: m.org,
    name: m.name,
    project: m.project,
    description: m.description,
    tags: [...m.tags],
    versionCount: versions.length,
    latest: versions[0]?.name,
    production: versions.filter(v => v.stage === 'production').map(v => v.name),
    createdBy: m.createdBy,
    createdAt: m.createdAt,
    actions: allowedActions(db, me, target(m)) as Action[],
  };
}

export function modelView(db: Database, me: string, m: Model): ModelView {
  return { ...modelSummary(db, me, m), versions: versionsOf(db, m.org, m.name).map(versionSummary) };
}

/** The org's models the user may view. */
export function listModels(db: Database, me: string, org: string): Model[] {
  findOrg(db, org);
  return db.models.filter(m => m.org === org && canView(db, me, m)).sort((a, b) => a.name.localeCompare(b.name));
}

function canView(db: Database, me: string, m: Model): boolean {
  try {
    check(db, me, 'view', target(m));
    return true;
  } catch {
    return false;
  }
}

// ---- model mutations -------------------------------------------------------------------------------

export interface ModelFieldsInput {
  description?: string;
  tags?: string[];
  project?: string;
}

function cleanTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  return [...new Set(tags.map(t => String(t).trim()).filter(Boolean))];
}

/** Adds a model record to `db` (inside a mutation); checks the name and the project. */
export function addModel(db: Database, actor: Actor, org: string, name: string, fields: ModelFieldsInput, now: string): Model {
  assertSlug(name, 'model name');
  assertTextLimits({ description: fields.description, tags: fields.tags });
  findOrg(db, org);
  if (fields.project) findProject(db, org, fields.project);
  const models = db.models.filter(m => m.org === org);
  assertNameFree(models, name, n => `Organization "${org}" already has a model named "${n}".`, undefined, 'duplicate');
  const model: Model = {
    org,
    name,
    ...(fields.project ? { project: fields.project } : {}),
    description: fields.description ?? '',
    tags: cleanTags(fields.tags),
    createdBy: actor.username,
    createdAt: now,
    updatedAt: now,
  };
  db.models.push(model);
  return model;
}

export async function createModel(store: Store, actor: Actor, org: string, name: string, fields: ModelFieldsInput = {}): Promise<Model> {
  return mutation(store, actor, ({ db, now, check }) => {
    check('modelVersion.write', target({ org, project: fields.project }));
    const model = addModel(db, actor, org, name, fields, now);
    return changed(model, 'model.create', `${org}/${name}`, { project: model.project, description: model.description });
  });
}

export async function updateModel(store: Store, actor: Actor, org: string, name: string, changes: ModelFieldsInput): Promise<Model> {
  assertTextLimits({ description: changes.description, tags: changes.tags });
  return mutation(store, actor, ({ db, now, check }) => {
    const model = findModel(db, org, name);
    check('modelVersion.write', target(model));
    if (changes.project !== undefined && changes.project !== model.project) {
      check('registry.configure', { org });
      if (changes.project) findProject(db, org, changes.project);
    }
    const from = { description: model.description, tags: [...model.tags], project: model.project };
    if (changes.description !== undefined) model.description = changes.description;
    if (changes.tags !== undefined) model.tags = cleanTags(changes.tags);
    if (changes.project !== undefined) {
      if (changes.project) model.project = changes.project;
      else delete model.project;
      for (const v of versionsOf(db, org, name)) {
        if (model.project) v.project = model.project;
        else delete v.project;
      }
    }
    const to = { description: model.description, tags: model.tags, project: model.project };
    if (JSON.stringify(from) === JSON.stringify(to)) return unchanged(model);
    model.updatedAt = now;
    return changed(model, 'model.update', `${org}/${name}`, { from, to });
  });
}

/** Deletes a model (admins): refused while it has versions unless `cascade`; frees blobs nothing else uses. */
export async function deleteModel(store: Store, actor: Actor, artifacts: ArtifactStore, org: string, name: string, options: { cascade?: boolean } = {}) {
  return mutation(store, actor, ({ db, check }) => {
    const model = findModel(db, org, name);
    check('version.delete', target(model));
    const versions = versionsOf(db, org, name);
    if (versions.length > 0 && !options.cascade) {
      throw new HubError(`Model ${org}/${name} still has ${versions.length} version(s); delete them first, or delete with cascade.`, 'not-empty');
    }
    db.modelVersions = db.modelVersions.filter(v => !(v.org === org && v.model === name));
    db.models = db.models.filter(m => m !== model);
    const freed = artifacts.sweep(referencedBlobs(db));
    return changed({ versionsDeleted: versions.length, freedBytes: freed.freedBytes }, 'model.delete', `${org}/${name}`, {
      versionsDeleted: versions.length,
      ...freed,
    });
  });
}

// ---- version mutations ----------------------------------------------------------------------------

export interface VersionFieldsInput {
  description?: string;
  tags?: string[];
  readme?: string;
  deploymentNotes?: string;
  framework?: string;
}

export async function updateVersion(store: Store, actor: Actor, key: VersionKey, changes: VersionFieldsInput): Promise<ModelVersion> {
  assertTextLimits({ description: changes.description, readme: changes.readme, deploymentNotes: changes.deploymentNotes, tags: changes.tags });
  return mutation(store, actor, ({ db, me, now, check }) => {
    const v = findVersion(db, me, key.org, key.model, key.version);
    check('modelVersion.write', target(v));
    const diff: Record<string, unknown> = {};
    for (const field of ['description', 'readme', 'deploymentNotes', 'framework'] as const) {
      const value = changes[field];
      if (value !== undefined && value !== v[field]) {
        diff[field] = { from: v[field], to: value };
        v[field] = value;
      }
    }
    if (changes.tags !== undefined && JSON.stringify(cleanTags(changes.tags)) !== JSON.stringify(v.tags)) {
      diff.tags = { from: v.tags, to: cleanTags(changes.tags) };
      v.tags = cleanTags(changes.tags);
    }
    if (Object.keys(diff).length === 0) return unchanged(v);
    v.updatedAt = now;
    return changed(v, 'modelVersion.update', versionRef(v), diff);
  });
}

export async function setVersionStage(store: Store, actor: Actor, key: VersionKey, stageText: string, reason?: string): Promise<ModelVersion> {
  const stage = parseStage(stageText);
  assertTextLimits({ reason });
  return mutation(store, actor, ({ db, me, now, check }) => {
    const v = findVersion(db, me, key.org, key.model, key.version);
    check('modelVersion.write', target(v));
    const from = recordStage(v, stage, me, now, reason?.trim() || undefined);
    if (from === undefined) return unchanged(v);
    v.updatedAt = now;
    return changed(v, 'modelVersion.stage', versionRef(v), { from, to: stage, ...(reason ? { reason } : {}) });
  });
}

/** Versions of a model that were in `stage` at `when`. */
export function versionsInStage(db: Database, me: string, org: string, model: string, when: string, stage: Stage = 'production'): ModelVersion[] {
  visibleModel(db, me, org, model);
  if (!Number.isFinite(Date.parse(when))) throw new HubError(`"${when}" is not a time (use ISO 8601, e.g. 2026-12-01T10:00:00Z).`, 'invalid-time');
  return versionsInStageAt(versionsOf(db, org, model), stage, when);
}

export function referencedBlobs(db: Database): Set<string> {
  return new Set(db.modelVersions.flatMap(v => v.lineage.files.map(f => f.sha256)));
}

export async function deleteVersion(store: Store, actor: Actor, artifacts: ArtifactStore, key: VersionKey) {
  return mutation(store, actor, ({ db, me, check }) => {
    const v = findVersion(db, me, key.org, key.model, key.version);
    check('version.delete', target(v));
    db.modelVersions = db.modelVersions.filter(x => x !== v);
    const freed = artifacts.sweep(referencedBlobs(db));
    return changed(freed, 'modelVersion.delete', versionRef(v), { stage: v.stage, files: v.lineage.files.length, ...freed });
  });
}

export function assertNewVersionName(db: Database, org: string, model: string, name: string): void {
  assertVersionName(name);
  if (db.modelVersions.some(v => v.org === org && v.model === model && v.name === name)) {
    throw new HubError(`Model ${org}/${model} already has a version "${name}"; a model version is never replaced — pick another name.`, 'duplicate');
  }
}
