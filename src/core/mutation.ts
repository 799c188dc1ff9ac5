// The one envelope every write of the core goes through:
//   ensure the acting user → the permission check, on the fresh read inside the store's lock → apply
//   → exactly one audit event (none when nothing changed), keeping fingerprints of free text, not the text.
// A refusal is a thrown HubError: the store then writes nothing. A change that changes nothing
// (`unchanged`) records nothing either, not even a first-time user, so a republish from CI is harmless.
// A change that reaches its audit event without having passed a permission check (`check`,
// `checkWith` or an explicit `allow`) is a bug, and throws instead of writing.
import { check as checkAccess, type Action, type Target } from './access';
import type { Actor } from './currentUser';
import { redactAuditDetails } from './limits';
import type { AuditEvent, Database, User } from './model';
import type { Store } from './store/store';

export interface MutationContext {
  /** the fresh read, inside the lock; changes to it are the mutation */
  readonly db: Database;
  readonly actor: Actor;
  /** the actor's username */
  readonly me: string;
  /** the one instant of this change (records' times and the audit event) */
  readonly now: string;
  /** the actor's user record (created by this change when `firstUse`) */
  readonly user: User;
  readonly firstUse: boolean;
  /** refuses (throws) unless the actor may do `action` on `target` */
  check(action: Action, target: Target, doing?: (target: string) => string): void;
  /** a people rule of access.ts (`checkSetOrgRole`…) that refuses by throwing */
  checkWith(rule: (db: Database, me: string) => void): void;
  /** no permission is needed here; `why` says so where it is decided (anyone may create an org) */
  allow(why: string): void;
}

export interface AuditRecord {
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

/** What a mutation did: its result, and the audit event of the change (null: nothing changed). */
export interface Outcome<R> {
  result: R;
  event: AuditRecord | null;
}

export function changed<R>(result: R, action: string, target: string, details?: Record<string, unknown>): Outcome<R> {
  return { result, event: { action, target, details } };
}

export function unchanged<R>(result: R): Outcome<R> {
  return { result, event: null };
}

/** Runs `change` as `actor` in one store mutation, inside the envelope. */
export function mutation<R>(store: Store, actor: Actor, change: (m: MutationContext) => Outcome<R>): Promise<R> {
  return store.mutate(db => {
    const now = nowIso();
    const undoUser = rememberUser(db, actor.username);
    const firstUse = !db.users.some(u => u.username === actor.username);
    const user = ensureUser(db, actor, now);
    let checked = false;
    const context: MutationContext = {
      db,
      actor,
      me: actor.username,
      now,
      user,
      firstUse,
      check: (action, target, doing) => {
        checkAccess(db, actor.username, action, target, doing);
        checked = true;
      },
      checkWith: rule => {
        rule(db, actor.username);
        checked = true;
      },
      allow: () => {
        checked = true;
      },
    };
    const outcome = change(context);
    if (!outcome.event) {
      undoUser();
      return outcome.result;
    }
    if (!checked) throw new Error(`Internal error: the change "${outcome.event.action}" passed no permission check; nothing was written.`);
    audit(db, actor.username, outcome.event.action, outcome.event.target, outcome.event.details, now);
    return outcome.result;
  });
}

/** Undoes what ensureUser will do to `username`'s record (for a change that changed nothing). */
function rememberUser(db: Database, username: string): () => void {
  const index = db.users.findIndex(u => u.username === username);
  if (index < 0) {
    return () => {
      db.users = db.users.filter(u => u.username !== username);
    };
  }
  const before = { ...db.users[index] };
  return () => {
    db.users[index] = before;
  };
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** The envelope's first step: records the actor on first use, and fills in a name/e-mail learnt later (an invited user's first use). */
function ensureUser(db: Database, actor: Actor, now = nowIso()): User {
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

/** Appends an audit event: the envelope's last step, once per change. */
function audit(db: Database, who: string, action: string, target: string, details?: Record<string, unknown>, when = nowIso()): AuditEvent {
  const event: AuditEvent = { who, action, target, when };
  // free text (descriptions, readmes) is kept as a fingerprint: a secret pasted there must not outlive its deletion
  if (details && Object.keys(details).length) event.details = redactAuditDetails(details);
  db.audit.push(event);
  return event;
}
