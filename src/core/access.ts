// The one place that answers "may user U do action A on target T".
//
// Sources of rights, from Polyaxon's rbac.mdx / members.mdx / teams.mdx (reference/polyaxon.md §1):
//  - the org role gives the rights of its column in the permission matrix (ACTION_ROLES below);
//  - on a project, a team role and a per-user project role can RAISE those rights (never lower them):
//    a team member gets, on each project the team has access to, the lower of their team role and the
//    team's access role; a per-user project role applies as is;
//  - `outsider` (and `billing`) get no project rights from the org role: only what a team or project
//    role gives;
//  - a project restricted to teams drops the org-role baseline for everyone except org owners and
//    managers and members of those teams; explicit grants (a team's access, a project role) still apply;
//  - a public project in any org, and the org-level content of a public org, can be viewed by anyone.
// Managing people: owners manage everyone, managers everyone but owners; nobody grants a role that
// carries rights they lack (so only owners grant `owner` or `billing`); the last owner can neither
// leave nor be demoted.
// Access control in a local file guards against mistakes, not against someone editing the file.
import { HubError } from './errors';
import { ORG_ROLES, PROJECT_ROLES, type Database, type OrgRole, type Organization, type Project, type ProjectRole } from './model';

/** One action per capability of the permission matrix (DESIGN.md). */
export const ACTIONS = [
  'view',
  'run.write',
  'modelVersion.write',
  'componentVersion.write',
  'project.create',
  'project.delete',
  'project.configure',
  'registry.configure',
  'hub.configure',
  'version.delete',
  'org.activity',
  'org.settings',
  'team.manage',
  'member.manage',
  'org.delete',
  'org.rename',
  'org.visibility',
  'billing',
] as const;
export type Action = (typeof ACTIONS)[number];

const VIEW: readonly OrgRole[] = ['viewer', 'member', 'admin', 'manager', 'owner'];
const WRITE: readonly OrgRole[] = ['member', 'admin', 'manager', 'owner'];
const ADMIN: readonly OrgRole[] = ['admin', 'manager', 'owner'];
const MANAGE: readonly OrgRole[] = ['manager', 'owner'];
const OWNER: readonly OrgRole[] = ['owner'];
const BILLING: readonly OrgRole[] = ['owner', 'billing'];

/** The permission matrix: the org roles allowed each action. */
export const ACTION_ROLES: Readonly<Record<Action, readonly OrgRole[]>> = {
  view: VIEW,
  'run.write': WRITE,
  'modelVersion.write': WRITE,
  'componentVersion.write': WRITE,
  'project.create': ADMIN,
  'project.delete': ADMIN,
  'project.configure': ADMIN,
  'registry.configure': ADMIN,
  'hub.configure': ADMIN,
  'version.delete': ADMIN,
  'org.activity': ADMIN,
  'org.settings': MANAGE,
  'team.manage': MANAGE,
  'member.manage': MANAGE,
  // renaming breaks every `org/component` reference people have written: owner only, like deleting
  'org.delete': OWNER,
  'org.rename': OWNER,
  'org.visibility': OWNER,
  billing: BILLING,
};

/** Actions that act on one project when the target names one (and team/project roles then count). */
const PROJECT_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'view',
  'run.write',
  'modelVersion.write',
  'componentVersion.write',
  'project.delete',
  'project.configure',
  'version.delete',
]);

const PHRASES: Readonly<Record<Action, (t: string) => string>> = {
  view: t => `Viewing ${t}`,
  'run.write': t => `Creating or updating runs in ${t}`,
  'modelVersion.write': t => `Registering model versions in ${t}`,
  'componentVersion.write': t => `Publishing to ${t}`,
  'project.create': t => `Creating projects in ${t}`,
  'project.delete': t => `Deleting project ${t}`,
  'project.configure': t => `Configuring project ${t}`,
  'registry.configure': t => `Configuring the model registry of ${t}`,
  'hub.configure': t => `Configuring the component hub of ${t}`,
  'version.delete': t => `Deleting versions in ${t}`,
  'org.activity': t => `Viewing the activity (audit log) of ${t}`,
  'org.settings': t => `Changing the settings of ${t}`,
  'team.manage': t => `Managing the teams of ${t}`,
  'member.manage': t => `Managing the members of ${t}`,
  'org.delete': t => `Deleting ${t}`,
  'org.rename': t => `Renaming ${t}`,
  'org.visibility': t => `Changing the visibility of ${t}`,
  billing: t => `Managing the billing of ${t}`,
};

/** An org, or a project of an org. */
export interface Target {
  org: string;
  project?: string;
}

/** Ranks for "higher" on the owner → viewer line; billing and outsider are off that line. */
const RANK: Readonly<Record<OrgRole, number>> = { owner: 5, manager: 4, admin: 3, member: 2, viewer: 1, billing: 0, outsider: 0 };

export function isOrgRole(role: string): role is OrgRole {
  return (ORG_ROLES as readonly string[]).includes(role);
}
export function isProjectRole(role: string): role is ProjectRole {
  return (PROJECT_ROLES as readonly string[]).includes(role);
}

/** The actions a role carries by itself, per the matrix. */
function rightsOf(role: OrgRole): Set<Action> {
  return new Set(ACTIONS.filter(a => ACTION_ROLES[a].includes(role)));
}

function lower(a: ProjectRole, b: ProjectRole): ProjectRole {
  return RANK[a] <= RANK[b] ? a : b;
}

export function findOrg(db: Database, name: string): Organization {
  const org = db.orgs.find(o => o.name === name);
  if (!org) throw new HubError(`There is no organization named "${name}".`, 'not-found');
  return org;
}

/**
 * Project lookups by `org/name`, built once per `db.projects` array: access checks look a project up for every
 * action on every project, which made a 10k-project org quadratic. A stale entry (a rename inside a mutation, a
 * push after the index was built) is detected and falls back to the scan, so the index can never give a wrong answer.
 */
const projectIndexes = new WeakMap<Project[], Map<string, Project>>();

function lookUpProject(db: Database, org: string, name: string): Project | undefined {
  let index = projectIndexes.get(db.projects);
  if (!index) {
    index = new Map(db.projects.map(p => [`${p.org}/${p.name}`, p]));
    projectIndexes.set(db.projects, index);
  }
  const hit = index.get(`${org}/${name}`);
  if (hit && hit.org === org && hit.name === name) return hit;
  return db.projects.find(p => p.org === org && p.name === name);
}

export function findProject(db: Database, org: string, name: string): Project {
  findOrg(db, org);
  const project = lookUpProject(db, org, name);
  if (!project) throw new HubError(`Organization "${org}" has no project named "${name}".`, 'not-found');
  return project;
}

export function orgRoleOf(db: Database, user: string, org: string): OrgRole | undefined {
  return db.orgs.find(o => o.name === org)?.members.find(m => m.user === user)?.role;
}

/** Where a user's rights on a target come from; the basis of every decision and of refusal messages. */
export interface Grants {
  orgRole?: OrgRole;
  /** true when the org role counts on this target (false on a project restricted to teams the user is not in) */
  orgRoleCounts: boolean;
  /** roles raised on the project: `{role, via}` with via = `team X` or `project role` */
  projectRoles: { role: ProjectRole; via: string }[];
  /** the target can be viewed by anyone (public project, or public org for org-level content) */
  isPublic: boolean;
  /** teams the project is restricted to, when it is */
  restrictedTo: string[];
}

function grantsOn(db: Database, user: string, target: Target): Grants {
  const org = findOrg(db, target.org);
  const orgRole = org.members.find(m => m.user === user)?.role;
  if (target.project === undefined) {
    return { orgRole, orgRoleCounts: orgRole !== undefined, projectRoles: [], isPublic: org.isPublic, restrictedTo: [] };
  }
  const project = findProject(db, target.org, target.project);
  const teams = db.teams.filter(t => t.org === target.org);
  const inTeam = (team: string) => teams.some(t => t.name === team && t.members.some(m => m.user === user));
  const restricted = project.teams.length > 0;
  const orgRoleCounts = orgRole !== undefined && (!restricted || orgRole === 'owner' || orgRole === 'manager' || project.teams.some(inTeam));
  const projectRoles: Grants['projectRoles'] = [];
  for (const team of teams) {
    const access = team.projects.find(a => a.project === project.name);
    const membership = team.members.find(m => m.user === user);
    if (access && membership) projectRoles.push({ role: lower(access.role, membership.role), via: `team ${team.name}` });
  }
  const own = project.members.find(m => m.user === user);
  if (own) projectRoles.push({ role: own.role, via: 'project role' });
  return { orgRole, orgRoleCounts, projectRoles, isPublic: project.isPublic && !restricted, restrictedTo: project.teams };
}

function allowedBy(grants: Grants, action: Action, onProject: boolean): boolean {
  const roles = ACTION_ROLES[action];
  if (grants.orgRoleCounts && grants.orgRole && roles.includes(grants.orgRole)) return true;
  if (onProject && PROJECT_ACTIONS.has(action) && grants.projectRoles.some(g => roles.includes(g.role))) return true;
  return action === 'view' && grants.isPublic;
}

/** May `user` do `action` on `target`? Throws HubError 'not-found' when the org or project does not exist. */
export function can(db: Database, user: string, action: Action, target: Target): boolean {
  const onProject = target.project !== undefined && PROJECT_ACTIONS.has(action);
  const grants = grantsOn(db, user, onProject ? target : { org: target.org });
  return allowedBy(grants, action, onProject);
}

/** The actions `user` may do on `target` — for the UI (tree contextValues, enabled buttons). */
export function allowedActions(db: Database, user: string, target: Target): Action[] {
  // the grants are worked out once per scope, not once per action (same answers as `can`)
  const orgGrants = grantsOn(db, user, { org: target.org });
  const projectGrants = target.project !== undefined ? grantsOn(db, user, target) : undefined;
  return ACTIONS.filter(a => {
    const onProject = projectGrants !== undefined && PROJECT_ACTIONS.has(a);
    return allowedBy(onProject ? projectGrants : orgGrants, a, onProject);
  });
}

/**
 * A TreeItem contextValue carrying what the user may do: `org can:view can:team.manage …`. In
 * package.json menus match one action with `viewItem =~ /\\bcan:team\\.manage\\b/`.
 */
export function actionsContextValue(kind: string, actions: readonly Action[]): string {
  return [kind, ...actions.map(a => `can:${a}`)].join(' ');
}

/** `role member or higher`, `role owner or billing`, `role owner` */
function describeNeeded(action: Action): string {
  const roles = ACTION_ROLES[action];
  if (action === 'billing') return 'role owner or billing';
  const lowest = [...roles].sort((a, b) => RANK[a] - RANK[b])[0];
  return lowest === 'owner' ? 'role owner' : `role ${lowest} or higher`;
}

function describeHeld(grants: Grants, target: Target, onProject: boolean): string {
  const raised = onProject ? [...grants.projectRoles].sort((a, b) => RANK[b.role] - RANK[a.role])[0] : undefined;
  if (!grants.orgRole) {
    return raised ? `you are ${raised.role} there (${raised.via}) and not a member of ${target.org}` : `you are not a member of ${target.org}`;
  }
  let held = `you are ${grants.orgRole}`;
  if (raised && RANK[raised.role] > RANK[grants.orgRole]) held += ` in ${target.org} and ${raised.role} on this project (${raised.via})`;
  else if (raised) held += ` (${raised.role} on this project via ${raised.via})`;
  if (onProject && !grants.orgRoleCounts) {
    held += `, and project ${target.org}/${target.project} is restricted to team${grants.restrictedTo.length > 1 ? 's' : ''} ${grants.restrictedTo.join(', ')}`;
  }
  return held;
}

/** `acme` or `acme/project` — how targets are named in messages and audit events. */
function targetName(target: Target): string {
  return target.project === undefined ? target.org : `${target.org}/${target.project}`;
}

/**
 * Throws a HubError ('denied') unless `user` may do `action` on `target`; the message names the
 * action, the role needed and the role held: "Publishing to acme needs role member or higher; you are viewer".
 * `doing` names the request when it is narrower than the action ("Changing the stage of versions in acme").
 */
export function check(db: Database, user: string, action: Action, target: Target, doing?: (target: string) => string): void {
  const onProject = target.project !== undefined && PROJECT_ACTIONS.has(action);
  const t = onProject ? target : { org: target.org };
  const grants = grantsOn(db, user, t);
  if (allowedBy(grants, action, onProject)) return;
  throw new HubError(`${(doing ?? PHRASES[action])(targetName(t))} needs ${describeNeeded(action)}; ${describeHeld(grants, t, onProject)}.`, 'denied');
}

// ---- managing people ------------------------------------------------------------------------------

/** Whether someone holding `granter` may give `role`: only if `role` carries no right `granter` lacks. */
export function canGrantOrgRole(granter: OrgRole | undefined, role: OrgRole): boolean {
  if (!granter) return false;
  const mine = rightsOf(granter);
  return [...rightsOf(role)].every(a => mine.has(a));
}

function ownerCount(org: Organization): number {
  return org.members.filter(m => m.role === 'owner').length;
}

/**
 * Checks that `actor` may give `user` the org role `role` in `org` (adding them or changing their role).
 * Throws a HubError naming the rule that refuses it.
 */
export function checkSetOrgRole(db: Database, actor: string, orgName: string, user: string, role: OrgRole): void {
  const org = findOrg(db, orgName);
  check(db, actor, 'member.manage', { org: orgName });
  const mine = orgRoleOf(db, actor, orgName);
  const current = org.members.find(m => m.user === user)?.role;
  if (current === 'owner' && mine !== 'owner') {
    throw new HubError(`Changing the role of ${user}, an owner of ${orgName}, needs role owner; you are ${mine}.`, 'denied');
  }
  if (!canGrantOrgRole(mine, role)) {
    throw new HubError(
      `Granting role ${role} in ${orgName} needs role ${role === 'billing' ? 'owner' : role} or higher; you are ${mine}. Nobody grants a role above their own.`,
      'denied',
    );
  }
  if (current === 'owner' && role !== 'owner' && ownerCount(org) === 1) {
    throw new HubError(`${user} is the last owner of ${orgName} and cannot be demoted; make another member owner first.`, 'last-owner');
  }
}

/** Checks that `actor` may remove `user` from `org` (anyone may leave, except the last owner). */
export function checkRemoveMember(db: Database, actor: string, orgName: string, user: string): void {
  const org = findOrg(db, orgName);
  const current = org.members.find(m => m.user === user)?.role;
  if (!current) throw new HubError(`${user} is not a member of ${orgName}.`, 'not-found');
  if (actor !== user) {
    check(db, actor, 'member.manage', { org: orgName });
    const mine = orgRoleOf(db, actor, orgName);
    if (current === 'owner' && mine !== 'owner') {
      throw new HubError(`Removing ${user}, an owner of ${orgName}, needs role owner; you are ${mine}.`, 'denied');
    }
  }
  if (current === 'owner' && ownerCount(org) === 1) {
    throw new HubError(
      `${user} is the last owner of ${orgName} and cannot ${actor === user ? 'leave' : 'be removed'}; make another member owner first (or delete the organization).`,
      'last-owner',
    );
  }
}

/**
 * Checks that `actor` may give a team or project role: they need the action that manages it
 * (`team.manage` for team memberships and team access, `project.configure` for per-user project roles)
 * and must themselves hold rights at least as high as the role on that scope.
 */
export function checkGrantProjectRole(db: Database, actor: string, target: Target, role: ProjectRole, manage: 'team.manage' | 'project.configure'): void {
  check(db, actor, manage, target);
  const mine =
    target.project !== undefined
      ? ACTIONS.filter(a => PROJECT_ACTIONS.has(a) && can(db, actor, a, target))
      : [...rightsOf(orgRoleOf(db, actor, target.org) ?? 'outsider')];
  const needed = [...rightsOf(role)].filter(a => PROJECT_ACTIONS.has(a));
  if (!needed.every(a => mine.includes(a))) {
    throw new HubError(`Granting role ${role} on ${targetName(target)} needs role ${role} or higher there; nobody grants a role above their own.`, 'denied');
  }
}
