// Users: their records in the store (first use, invitations) and the audit log they read.
import { check } from './access';
import { HubError } from './errors';
import type { AuditEvent, Database, User } from './model';
import { normalizeUsername, usernameProblem } from './names';
import { changed, mutation, nowIso } from './mutation';
import type { Store } from './store/store';

export type { Actor } from './currentUser';
import type { Actor } from './currentUser';

/** Returns the user named `username`, creating an invited record when they never used the tool. */
export function ensureInvitedUser(db: Database, username: string, invitedBy: string, now = nowIso()): User {
  const name = normalizeUsername(username);
  const problem = usernameProblem(name);
  if (problem) throw new HubError(problem, 'invalid-name');
  let user = db.users.find(u => u.username === name);
  if (!user) {
    user = { username: name, invited: true, invitedBy, createdAt: now };
    db.users.push(user);
  }
  return user;
}

/** Records the current user (first use); a no-op write-wise when they are already known. */
export async function registerCurrentUser(store: Store, actor: Actor): Promise<User> {
  const known = (await store.read()).users.find(u => u.username === actor.username && !u.invited);
  if (known) return known;
  return mutation(store, actor, ({ user, firstUse, allow }) => {
    allow('a user records themselves');
    return changed(user, firstUse ? 'user.create' : 'user.join', actor.username);
  });
}

/**
 * The audit events about `org` (targets `org` and `org/…`), newest first; reading them is the matrix
 * row "org analytics/activity" (admin or higher). Events keep the names targets had when written.
 */
export async function listAudit(store: Store, actor: Actor, org: string, limit = 100): Promise<AuditEvent[]> {
  const db = await store.read();
  check(db, actor.username, 'org.activity', { org });
  return orgAudit(db, org, limit);
}

/**
 * The newest `limit` audit events of an org and everything under it, newest first. The history starts
 * when the org took its name (created, or renamed into it): an earlier, deleted org of the same name is
 * someone else's, and its events are not shown to the new org's members.
 */
export function orgAudit(db: Database, org: string, limit = 100): AuditEvent[] {
  let start = 0;
  db.audit.forEach((e, i) => {
    if ((e.action === 'org.create' && e.target === org) || (e.action === 'org.rename' && e.details?.newName === org)) start = i;
  });
  return db.audit
    .slice(start)
    .filter(e => e.target === org || e.target.startsWith(`${org}/`))
    .slice(-limit)
    .reverse();
}
