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
 * when the org was created and follows its renames back: events written under an earlier name of the
 * same org stay visible under the new one. An earlier, deleted org of the same name is someone else's:
 * its events are not shown to the new org's members.
 */
export function orgAudit(db: Database, org: string, limit = 100): AuditEvent[] {
  const spans = orgNameSpans(db, org);
  const under = (target: string, name: string) => target === name || target.startsWith(`${name}/`);
  const events: AuditEvent[] = [];
  for (let i = db.audit.length - 1; i >= 0 && events.length < limit; i--) {
    const e = db.audit[i];
    if (spans.some(s => i >= s.from && i < s.to && under(e.target, s.name))) events.push(e);
  }
  return events;
}

/** The names the org had, each with the audit index range it held it in (newest name first). */
function orgNameSpans(db: Database, org: string): { name: string; from: number; to: number }[] {
  const spans: { name: string; from: number; to: number }[] = [];
  let name = org;
  let to = db.audit.length;
  for (;;) {
    let from = 0;
    for (let i = to - 1; i >= 0; i--) {
      const e = db.audit[i];
      if ((e.action === 'org.create' && e.target === name) || (e.action === 'org.rename' && e.details?.newName === name)) {
        from = i;
        break;
      }
    }
    spans.push({ name, from, to });
    const began = db.audit[from];
    // a rename onto itself (only in a hand-edited log) would find the same event again: stop there
    if (began?.action !== 'org.rename' || began.details?.newName !== name || began.target === name) return spans;
    // the rename event itself is written under the old name; it belongs to the old span
    name = began.target;
    to = from + 1;
  }
}
