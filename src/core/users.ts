// Users: who is acting (the current user) and their records in the store.
import { check } from './access';
import { HubError } from './errors';
import type { AuditEvent, Database, User } from './model';
import { normalizeUsername, usernameProblem } from './names';
import type { Store } from './store/store';

export type { Actor } from './currentUser';
import type { Actor } from './currentUser';

export function nowIso(): string {
  return new Date().toISOString();
}

/** Records the actor on first use, and fills in a name/e-mail learnt later (an invited user's first use). */
export function ensureUser(db: Database, actor: Actor, now = nowIso()): User {
  let user = db.users.find(u => u.username === actor.username);
  if (!user) {
    user = { username: actor.username, createdAt: now };
    if (actor.displayName) user.displayName = actor.displayName;
    if (actor.email) user.email = actor.email;
    db.users.push(user);
    return user;
  }
  if (user.invited) delete user.invited;
  if (actor.displayName && !user.displayName) user.displayName = actor.displayName;
  if (actor.email && !user.email) user.email = actor.email;
  return user;
}

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

/** Appends an audit event; every mutation calls it once. */
export function audit(db: Database, who: string, action: string, target: string, details?: Record<string, unknown>, when = nowIso()): AuditEvent {
  const event: AuditEvent = { who, action, target, when };
  if (details && Object.keys(details).length) event.details = details;
  db.audit.push(event);
  return event;
}

export async function listUsers(store: Store): Promise<User[]> {
  return (await store.read()).users;
}

/** Records the current user (first use); a no-op write-wise when they are already known. */
export async function registerCurrentUser(store: Store, actor: Actor): Promise<User> {
  const known = (await store.read()).users.find(u => u.username === actor.username && !u.invited);
  if (known) return known;
  return store.mutate(db => {
    const existed = db.users.some(u => u.username === actor.username);
    const user = ensureUser(db, actor);
    audit(db, actor.username, existed ? 'user.join' : 'user.create', actor.username);
    return user;
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
  return db.audit.slice(start).filter(e => e.target === org || e.target.startsWith(`${org}/`)).slice(-limit).reverse();
}
