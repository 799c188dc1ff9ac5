// How the validator learns whether a reference in a YAML file resolves: hubRef against the store,
// pathRef against the file system. What cannot be checked offline is 'unknown' (never an error).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { can } from '../access';
import type { Database } from '../model';
import { PUBLIC_HUB_OWNER, parseHubRef } from '../names';
import { seesComponent } from '../visibility';
import type { RefKind, RefStatus } from './validator/problems';

const TEMPLATE = /\{\{|\{%/;

/**
 * Whether `org/name:version` is in the store, as `viewer` may know it: 'unknown' for Polyaxon's public hub,
 * an org the store does not hold, or one the viewer may not see (so a warning never tells what a private org holds).
 */
export function hubRefStatus(db: Database, value: string, viewer: string): RefStatus {
  let ref;
  try {
    ref = parseHubRef(value);
  } catch {
    return 'missing';
  }
  if (ref.owner === PUBLIC_HUB_OWNER && !ref.explicitOwner) return 'unknown';
  if (!db.orgs.some(o => o.name === ref.owner) || !can(db, viewer, 'view', { org: ref.owner })) return 'unknown';
  const component = db.components.find(c => c.org === ref.owner && c.name === ref.name);
  // a private component of a public org is, to a stranger, exactly like a missing one (as findVisibleComponent says)
  if (component && !seesComponent(db, viewer, component)) return 'missing';
  return db.componentVersions.some(v => v.org === ref.owner && v.component === ref.name && v.name === ref.version) ? 'found' : 'missing';
}

export function refResolver(db: Database | undefined, viewer: string, fileName?: string): (ref: { kind: RefKind; value: string }) => RefStatus {
  return ({ kind, value }) => {
    if (typeof value !== 'string' || TEMPLATE.test(value)) return 'unknown';
    if (kind === 'hubRef') return db ? hubRefStatus(db, value, viewer) : 'unknown';
    if (kind === 'pathRef') {
      if (!fileName && !path.isAbsolute(value)) return 'unknown';
      const target = path.resolve(fileName ? path.dirname(fileName) : '.', value);
      try {
        return fs.statSync(target).isFile() ? 'found' : 'missing';
      } catch {
        return 'missing';
      }
    }
    return 'unknown';
  };
}
