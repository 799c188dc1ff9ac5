// Organizations and their members.
import { allowedActions, checkRemoveMember, checkSetOrgRole, findOrg, isOrgRole } from './access';
import type { Actor } from './currentUser';
import { HubError } from './errors';
import { assertTextLimits } from './limits';
import { ORG_ROLES, type Database, type Member, type Organization, type OrgRole } from './model';
import { assertNameFree, assertSlug, normalizeUsername } from './names';
import type { Store } from './store/store';
import { changed, mutation, unchanged } from './mutation';
import { deleteOwned, holdingsOf, renameOwned } from './owned';
import { findVisibleOrg, visibleOrgs, visibleProjects, visibleTeams } from './visibility';

// decided in visibility.ts; re-exported for the faces that still import them from here
export { canSeeOrg, visibleOrgs } from './visibility';
import { ensureInvitedUser } from './users';

export type { Actor } from './currentUser';

/**
 * Every record an org owns, per collection: teams, projects, components, component versions, and any
 * collection added later (models, model versions…) whose records carry `org` (see owned.ts).
 */
export function orgHoldings(db: Database, org: string): Record<string, number> {
  return holdingsOf(db, { org });
}

function describeHoldings(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, n]) => `${n} ${n === 1 ? k.replace(/s$/, '') : k}`)
    .join(', ');
}

function assertRole(role: string): asserts role is OrgRole {
  if (!isOrgRole(role)) throw new HubError(`"${role}" is not a role; roles are ${ORG_ROLES.join(', ')}.`, 'invalid-role');
}

function touch(org: Organization, now: string): void {
  org.updatedAt = now;
}

/**
 * All orgs; with `actor`, only those they can see: orgs they belong to (any role, outsider included)
 * and public orgs.
 */
export async function listOrgs(store: Store, actor?: Actor): Promise<Organization[]> {
  const db = await store.read();
  return actor ? visibleOrgs(db, actor.username) : db.orgs;
}

/**
 * The name the org once called `name` has now: itself, or where its renames (org.rename audit events)
 * led; undefined when it is gone. Lets open pages follow a rename made anywhere (tree, page, CLI).
 */
export function currentOrgName(db: Database, name: string): string | undefined {
  const seen = new Set<string>();
  for (let current = name; ;) {
    if (db.orgs.some(o => o.name === current)) return current;
    seen.add(current);
    const rename = [...db.audit].reverse().find(e => e.action === 'org.rename' && e.target === current);
    const next = rename?.details?.newName;
    if (typeof next !== 'string' || seen.has(next)) return undefined;
    current = next;
  }
}

export async function getOrg(store: Store, name: string): Promise<Organization> {
  return findOrg(await store.read(), name);
}

export async function createOrg(store: Store, actor: Actor, name: string, description = '', isPublic = false): Promise<Organization> {
  assertSlug(name, 'organization name');
  assertTextLimits({ description });
  return mutation(store, actor, ({ db, me, now, allow }) => {
    allow('anyone may create an organization (they become its owner)');
    assertNameFree(db.orgs, name, n => `An organization named "${n}" already exists.`);
    const org: Organization = {
      name,
      description,
      isPublic,
      members: [{ user: me, role: 'owner' }],
      createdBy: me,
      createdAt: now,
      updatedAt: now,
    };
    db.orgs.push(org);
    return changed(org, 'org.create', name, { description, isPublic });
  });
}

/**
 * Changes the description (org settings: manager or owner) and/or the visibility (owner), all or nothing:
 * a refused part leaves the other unchanged too.
 */
export async function updateOrg(store: Store, actor: Actor, name: string, changes: { description?: string; isPublic?: boolean }): Promise<Organization> {
  assertTextLimits({ description: changes.description });
  return mutation(store, actor, ({ db, now, check }) => {
    const org = findOrg(db, name);
    if (changes.description !== undefined || changes.isPublic === undefined) check('org.settings', { org: name });
    if (changes.isPublic !== undefined) check('org.visibility', { org: name });
    if (changes.description !== undefined) org.description = changes.description;
    if (changes.isPublic !== undefined) org.isPublic = changes.isPublic;
    touch(org, now);
    return changed(org, 'org.update', name, { ...changes });
  });
}

/** Makes the org public or private (owner only). */
export async function setOrgVisibility(store: Store, actor: Actor, name: string, isPublic: boolean): Promise<Organization> {
  return mutation(store, actor, ({ db, now, check }) => {
    const org = findOrg(db, name);
    check('org.visibility', { org: name });
    org.isPublic = isPublic;
    touch(org, now);
    return changed(org, 'org.visibility', name, { isPublic });
  });
}

/**
 * Renames an org (owner only: it changes every hub reference `org/component` people have written).
 * Effect on children: every record the org owns (teams, projects, components, component versions and
 * any later org-owned collection) moves to the new name; members, roles and team/project references
 * inside the org are unchanged (they are relative to the org). Audit events keep the name they had
 * when written. References in files outside the store (YAML `hubRef: old/x`) are not rewritten.
 */
export async function renameOrg(store: Store, actor: Actor, name: string, newName: string): Promise<Organization> {
  assertSlug(newName, 'organization name');
  return mutation(store, actor, ({ db, now, check }) => {
    const org = findOrg(db, name);
    check('org.rename', { org: name });
    if (newName === name) return unchanged(org);
    assertNameFree(db.orgs, newName, n => `An organization named "${n}" already exists.`, org);
    const moved = renameOwned(db, { org: name }, newName);
    org.name = newName;
    touch(org, now);
    return changed(org, 'org.rename', name, { newName, moved });
  });
}

/**
 * Deletes an org (owner only). An org that still holds anything (projects, teams, components…) is
 * refused with a message naming what it holds, unless `cascade` is set; then every record it owns in
 * every collection is deleted with it. Users stay (they may belong to other orgs). Audit events stay.
 */
export async function deleteOrg(store: Store, actor: Actor, name: string, options: { cascade?: boolean } = {}): Promise<{ deleted: Record<string, number> }> {
  return mutation(store, actor, ({ db, check }) => {
    findOrg(db, name);
    check('org.delete', { org: name });
    const holdings = orgHoldings(db, name);
    if (Object.keys(holdings).length && !options.cascade) {
      throw new HubError(
        `Organization "${name}" still holds ${describeHoldings(holdings)}; delete them first or delete with cascade (--cascade) to delete them all with it.`,
        'not-empty',
      );
    }
    deleteOwned(db, { org: name });
    db.orgs = db.orgs.filter(o => o.name !== name);
    return changed({ deleted: holdings }, 'org.delete', name, { cascade: !!options.cascade, deleted: holdings });
  });
}

// ---- members ------------------------------------------------------------------------------------

/** The org's members; visible to anyone who can see the org. */
export async function listMembers(store: Store, org: string): Promise<Member[]> {
  return findOrg(await store.read(), org).members;
}

/**
 * Adds `user` with `role` (manager or owner; only owners add owners; nobody grants a role above
 * their own). An unknown username gets an invited user record.
 */
export async function addMember(store: Store, actor: Actor, orgName: string, username: string, role: string): Promise<Member> {
  assertRole(role);
  const user = normalizeUsername(username);
  return mutation(store, actor, ({ db, me, now, checkWith }) => {
    const org = findOrg(db, orgName);
    if (org.members.some(m => m.user === user)) {
      throw new HubError(
        `${user} is already a member of ${orgName} (role ${org.members.find(m => m.user === user)?.role}); change their role instead.`,
        'exists',
      );
    }
    checkWith((d, who) => checkSetOrgRole(d, who, orgName, user, role));
    const record = ensureInvitedUser(db, user, me, now);
    const member: Member = { user: record.username, role };
    org.members.push(member);
    touch(org, now);
    return changed(member, 'member.add', `${orgName}/${user}`, { role, invited: !!record.invited });
  });
}

/** Changes a member's role (owners change anyone; managers anyone but owners; the last owner stays owner). */
export async function setMemberRole(store: Store, actor: Actor, orgName: string, username: string, role: string): Promise<Member> {
  assertRole(role);
  const user = normalizeUsername(username);
  return mutation(store, actor, ({ db, now, checkWith }) => {
    const org = findOrg(db, orgName);
    const member = org.members.find(m => m.user === user);
    if (!member) throw new HubError(`${user} is not a member of ${orgName}.`, 'not-found');
    checkWith((d, who) => checkSetOrgRole(d, who, orgName, user, role));
    const from = member.role;
    member.role = role;
    touch(org, now);
    return changed(member, 'member.role', `${orgName}/${user}`, { from, to: role });
  });
}

/**
 * Removes a member, or lets a member leave (`username` = the actor). Effect on children: they are
 * also removed from every team of the org and lose their per-user roles on its projects. Their user
 * record stays. The last owner can neither leave nor be removed.
 */
export async function removeMember(store: Store, actor: Actor, orgName: string, username: string): Promise<void> {
  const user = normalizeUsername(username);
  await mutation(store, actor, ({ db, me, now, checkWith }) => {
    const org = findOrg(db, orgName);
    checkWith((d, who) => checkRemoveMember(d, who, orgName, user));
    const role = org.members.find(m => m.user === user)?.role;
    org.members = org.members.filter(m => m.user !== user);
    let teams = 0;
    for (const team of db.teams.filter(t => t.org === orgName)) {
      const before = team.members.length;
      team.members = team.members.filter(m => m.user !== user);
      if (team.members.length !== before) teams++;
    }
    let projects = 0;
    for (const project of db.projects.filter(p => p.org === orgName)) {
      const before = project.members.length;
      project.members = project.members.filter(m => m.user !== user);
      if (project.members.length !== before) projects++;
    }
    touch(org, now);
    return changed(undefined, user === me ? 'member.leave' : 'member.remove', `${orgName}/${user}`, { role, teams, projects });
  });
}

/** What a user sees of an org: refused ('denied') unless they belong to it or it is public. */
export interface OrgView {
  org: Organization;
  yourRole: OrgRole | null;
  /** what the user may do at org level (tree contextValues, buttons) */
  yourActions: string[];
  teams: string[];
  /** the projects the user may view */
  projects: string[];
}

export function orgView(db: Database, username: string, name: string): OrgView {
  const org = findVisibleOrg(db, username, name);
  return {
    org,
    yourRole: org.members.find(m => m.user === username)?.role ?? null,
    yourActions: allowedActions(db, username, { org: name }),
    teams: visibleTeams(db, username, name).map(t => t.name),
    projects: visibleProjects(db, username, name).map(p => p.name),
  };
}

export async function showOrg(store: Store, actor: Actor, name: string): Promise<OrgView> {
  return orgView(await store.read(), actor.username, name);
}
