// Reading the store file: parse, recognise the schema version, migrate forward, fill defaults.
// Never throws anything but StoreError, and never writes: callers decide.
//
// Schema history
//  v1 (Polyaxon Hub 0.0.x): `{version: 1, users, organizations, projects, audit}`; an organization's
//     members were `{username, role}` and it had no visibility (all private); no teams; projects had
//     no readme/visibility/teams/members/connections; audit events were `{user, action, target, at}`;
//     no component hub.
//  v2: `schemaVersion`; component versions had a `stage` but no history of it.
//  v3: component versions have `stageHistory` (Polyaxon's stage conditions plus
//     `who`, see versions.ts). Migrated versions get their creation entry from publishedBy/publishedAt,
//     then the stage changes the audit log recorded for them, and, when those do not end at the
//     version's stage, one entry moving it there (reason `StageRecoveredOnMigration`).
//  v4 (current, see model.ts): the Model Registry's `models` and `modelVersions` (their files live in the
//     content-addressed `artifacts/` folder beside the store). The bump makes an older build refuse the
//     file ('store-future') instead of reading it and dropping the registry on its next write.
// To change the shape: bump SCHEMA_VERSION in model.ts, add MIGRATIONS[old] here, add a fixture
// under test/fixtures/store/ and a test. Adding a new collection needs no migration: missing
// collections are filled from emptyDatabase().
import { emptyDatabase, SCHEMA_VERSION, type Database } from '../model';
import { initialStageHistory, isStage, stageCondition, type StageCondition } from '../versions';
import { StoreError } from './storeError';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** MIGRATIONS[n] turns a version-n document into a version-(n+1) document. */
export const MIGRATIONS: Record<number, (doc: Json) => Json> = {
  1: v1 => {
    const orgs = arr(v1.organizations).map(o => ({
      name: o.name,
      description: o.description ?? '',
      isPublic: false,
      members: arr(o.members).map(m => ({ user: m.username, role: m.role })),
      createdBy: o.createdBy ?? arr(o.members).find(m => m.role === 'owner')?.username ?? 'unknown',
      createdAt: o.createdAt ?? new Date(0).toISOString(),
      updatedAt: o.updatedAt ?? o.createdAt ?? new Date(0).toISOString(),
    }));
    const projects = arr(v1.projects).map(p => ({
      org: p.org,
      name: p.name,
      description: p.description ?? '',
      tags: Array.isArray(p.tags) ? p.tags : [],
      readme: '',
      isPublic: false,
      teams: [],
      members: [],
      connections: [],
      createdBy: p.createdBy ?? 'unknown',
      createdAt: p.createdAt ?? new Date(0).toISOString(),
      updatedAt: p.updatedAt ?? p.createdAt ?? new Date(0).toISOString(),
    }));
    const audit = arr(v1.audit).map(e => {
      const event: Json = { who: e.user, action: e.action, target: e.target, when: e.at };
      if (isObject(e.details)) event.details = e.details;
      return event;
    });
    return { schemaVersion: 2, users: arr(v1.users), orgs, teams: [], projects, components: [], componentVersions: [], audit };
  },
  2: v2 => {
    const stageEvents = arr(v2.audit).filter(e => e.action === 'componentVersion.stage' && isObject(e.details));
    const componentVersions = arr(v2.componentVersions).map(v => ({ ...v, stageHistory: recoveredStageHistory(v, stageEvents) }));
    return { ...v2, schemaVersion: 3, componentVersions };
  },
  3: v3 => ({ ...v3, schemaVersion: 4, models: arr(v3.models), modelVersions: arr(v3.modelVersions) }),
};

/**
 * A v2 version's stage history: created at `testing` by its publisher, then each stage change the
 * audit log holds for its reference since it was (last) published, then its current stage if the log
 * does not end there (the log keeps the names targets had, so a renamed org's changes are not found).
 */
function recoveredStageHistory(v: Json, stageEvents: Json[]): StageCondition[] {
  const when = typeof v.publishedAt === 'string' ? v.publishedAt : new Date(0).toISOString();
  const who = typeof v.publishedBy === 'string' ? v.publishedBy : 'unknown';
  const history = initialStageHistory('component', who, when);
  const ref = `${String(v.org)}/${String(v.component)}:${String(v.name)}`;
  for (const e of stageEvents) {
    const details = e.details as Json;
    if (e.target !== ref || typeof e.when !== 'string' || e.when < when || typeof details.to !== 'string' || !isStage(details.to)) continue;
    const from = typeof details.from === 'string' && isStage(details.from) ? details.from : history[history.length - 1].type;
    const reason = typeof details.reason === 'string' ? details.reason : undefined;
    history.push(stageCondition(from, details.to, typeof e.who === 'string' ? e.who : 'unknown', e.when, reason));
  }
  const stage = typeof v.stage === 'string' && isStage(v.stage) ? v.stage : undefined;
  if (stage && history[history.length - 1].type !== stage) {
    const last = history[history.length - 1];
    history.push(stageCondition(last.type, stage, 'unknown', last.lastTransitionTime, 'StageRecoveredOnMigration'));
  }
  return history;
}

/** The schema version a parsed document declares, or undefined when it declares none. */
function declaredVersion(doc: Json): unknown {
  return 'schemaVersion' in doc ? doc.schemaVersion : doc.version;
}

/**
 * Parses the text of a store file into a current-version Database. Throws StoreError:
 * 'store-corrupt' (empty, truncated, not JSON, not a store), 'store-future' (written by a newer version).
 */
export function parseDatabase(text: string, location: string): Database {
  if (text.trim() === '') throw StoreError.corrupt(location, 'the file is empty (a truncated write, or a tool emptied it)');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw StoreError.corrupt(location, `it is not valid JSON (${(e as Error).message}); it may be truncated or edited by hand`);
  }
  if (!isObject(doc)) throw StoreError.corrupt(location, 'it does not hold a JSON object');
  const version = declaredVersion(doc);
  if (version === undefined) throw StoreError.corrupt(location, 'it has no schemaVersion: it is not a Polyaxon Hub store, or was damaged');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw StoreError.corrupt(location, `its schemaVersion ${JSON.stringify(version)} is not a version number`);
  }
  if (version > SCHEMA_VERSION) throw StoreError.future(location, version);
  let current: Json = doc;
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw StoreError.corrupt(location, `no migration from schema version ${v}`);
    current = step(current);
  }
  const db = current as unknown as Database & Json;
  const defaults = emptyDatabase() as unknown as Json;
  for (const [key, value] of Object.entries(defaults)) {
    if (db[key] === undefined) db[key] = value;
    else if (Array.isArray(value) && !Array.isArray(db[key])) throw StoreError.corrupt(location, `its "${key}" is not a list`);
  }
  normalizeRecords(db, location);
  db.schemaVersion = SCHEMA_VERSION;
  return db;
}

/**
 * Fills fields a hand-edited file may lack (a member list, tags…) so the rules never trip over a
 * missing array; a record that is not an object, or has no name, makes the file corrupt.
 */
function normalizeRecords(db: Database, location: string): void {
  const named = (key: string, rows: unknown[]) => {
    rows.forEach((r, i) => {
      if (!isObject(r) || typeof r.name !== 'string') throw StoreError.corrupt(location, `${key}[${i}] is not a record with a name`);
    });
  };
  named('orgs', db.orgs);
  named('teams', db.teams);
  named('projects', db.projects);
  named('componentVersions', db.componentVersions);
  named('models', db.models);
  named('modelVersions', db.modelVersions);
  for (const o of db.orgs) {
    o.members ??= [];
    o.isPublic ??= false;
    o.description ??= '';
  }
  for (const t of db.teams) {
    t.members ??= [];
    t.projects ??= [];
    t.quota ??= {};
    t.description ??= '';
  }
  for (const p of db.projects) {
    p.tags ??= [];
    p.teams ??= [];
    p.members ??= [];
    p.connections ??= [];
    p.readme ??= '';
    p.description ??= '';
    p.isPublic ??= false;
  }
  for (const v of db.componentVersions) {
    v.history ??= [];
    v.stage ??= 'testing';
    v.stageHistory ??= recoveredStageHistory(v as unknown as Json, []);
  }
  for (const m of db.models) {
    m.tags ??= [];
    m.description ??= '';
  }
  for (const v of db.modelVersions) {
    v.tags ??= [];
    v.description ??= '';
    v.readme ??= '';
    v.deploymentNotes ??= '';
    v.framework ??= 'custom';
    v.stage ??= 'testing';
    v.stageHistory ??= [];
    v.lineage ??= { source: 'folder', sourcePath: '', params: {}, metrics: {}, metricHistory: {}, files: [] };
    v.lineage.params ??= {};
    v.lineage.metrics ??= {};
    v.lineage.metricHistory ??= {};
    v.lineage.files ??= [];
  }
}

/** The version and problem of a file's text, without throwing: for listing backups. */
export function inspectText(
  text: string,
  location: string,
): { ok: boolean; schemaVersion?: number; problem?: string; kind?: 'store-corrupt' | 'store-future' } {
  try {
    parseDatabase(text, location);
    const raw = JSON.parse(text) as unknown;
    const version = isObject(raw) ? declaredVersion(raw) : undefined;
    return { ok: true, schemaVersion: typeof version === 'number' ? version : undefined };
  } catch (e) {
    if (e instanceof StoreError) return { ok: false, problem: e.reason, kind: e.code as 'store-corrupt' | 'store-future' };
    return { ok: false, problem: (e as Error).message, kind: 'store-corrupt' };
  }
}
