// The records an org or a project owns, in every collection: rename and delete carry them all, so a
// collection added later (models, model versions, blobs…) follows without touching orgs.ts or
// projects.ts. A record is owned by an org when it has that `org`, and by a project when it also has
// that `project`. Users, orgs and the audit log are never owned (events keep the names they had).
import type { Database } from './model';

export interface Owner {
  org: string;
  project?: string;
}

type Row = Record<string, unknown>;

const NEVER_OWNED = new Set(['users', 'orgs', 'audit']);

function ownedCollections(db: Database): [string, Row[]][] {
  return Object.entries(db).filter((e): e is [string, Row[]] => !NEVER_OWNED.has(e[0]) && Array.isArray(e[1]));
}

function isOwned(r: Row, owner: Owner): boolean {
  return !!r && typeof r === 'object' && r.org === owner.org && (owner.project === undefined || r.project === owner.project);
}

/** How many records `owner` holds, per collection (collections it holds none of are left out). */
export function holdingsOf(db: Database, owner: Owner): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, rows] of ownedCollections(db)) {
    const n = rows.filter(r => isOwned(r, owner)).length;
    if (n) counts[key] = n;
  }
  return counts;
}

/** Everything `owner` holds, per collection (collections it holds none of are left out). */
export function ownedRecords(db: Database, owner: Owner): Record<string, unknown[]> {
  const records: Record<string, unknown[]> = {};
  for (const [key, rows] of ownedCollections(db)) {
    const owned = rows.filter(r => isOwned(r, owner));
    if (owned.length) records[key] = owned;
  }
  return records;
}

/** Moves everything `owner` holds to its new name (`newName` is the org's, or the project's when `owner.project` is set). */
export function renameOwned(db: Database, owner: Owner, newName: string): Record<string, number> {
  const moved = holdingsOf(db, owner);
  for (const [, rows] of ownedCollections(db)) {
    for (const r of rows) {
      if (!isOwned(r, owner)) continue;
      if (owner.project === undefined) r.org = newName;
      else r.project = newName;
    }
  }
  return moved;
}

/** Deletes everything `owner` holds; returns what was deleted, per collection. */
export function deleteOwned(db: Database, owner: Owner): Record<string, number> {
  const deleted = holdingsOf(db, owner);
  const collections = db as unknown as Record<string, Row[]>;
  for (const [key, rows] of ownedCollections(db)) collections[key] = rows.filter(r => !isOwned(r, owner));
  return deleted;
}
