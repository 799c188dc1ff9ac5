import type { Database, Organization } from './model';
import { HubError } from './errors';
import { assertSlug } from './names';
import type { Store } from './store/store';

export interface Actor { username: string; displayName?: string; email?: string }

function ensureUser(db: Database, actor: Actor, now: string): void {
  if (!db.users.some(u => u.username === actor.username)) {
    db.users.push({ username: actor.username, displayName: actor.displayName, email: actor.email, createdAt: now });
  }
}

export async function listOrgs(store: Store): Promise<Organization[]> {
  return (await store.read()).orgs;
}

export async function createOrg(store: Store, actor: Actor, name: string, description = '', isPublic = false): Promise<Organization> {
  assertSlug(name, 'organization name');
  return store.mutate(db => {
    if (db.orgs.some(o => o.name.toLowerCase() === name.toLowerCase())) {
      throw new HubError(`An organization named "${name}" already exists.`, 'exists');
    }
    const now = new Date().toISOString();
    ensureUser(db, actor, now);
    const org: Organization = {
      name, description, isPublic, members: [{ user: actor.username, role: 'owner' }],
      createdBy: actor.username, createdAt: now, updatedAt: now,
    };
    db.orgs.push(org);
    db.audit.push({ who: actor.username, action: 'org.create', target: name, when: now });
    return org;
  });
}
