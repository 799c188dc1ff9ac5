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
import { caseHint, notFoundInOrg } from './names';
import { ORG_ROLES, PROJECT_ROLES, type Database, type OrgRole, type Organization, type Project, type ProjectRole, type Team } from './model';

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
  if (!org) throw new HubError(`There is no organization named "${name}".${caseHint(db.orgs, name)}`, 'not-found');
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
  if (!project) throw notFoundInOrg(db.projects, org, name, `Organization "${org}" has no project named "${name}".`);
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

/**
 * What a user's rights on any project of one org are made of, worked out once: their org role, the org's teams, and
 * the teams they belong to. Built per call (never kept across calls), so a change made a moment ago is always seen;
 * a list of 10,000 projects then costs one pass over the teams, not one per project.
 */
interface OrgAccess {
  org: Organization;
  orgRole?: OrgRole;
  teams: Team[];
  /**
   * the user's role in each team of the org they belong to, and that team's grants by project name (a team with
   * access to 10,000 projects is then looked up per project, not searched)
   */
  myTeams: Map<Team, { role: ProjectRole; grants: Map<string, ProjectRole> }>;
  /** the names of those teams */
  myTeamNames: Set<string>;
}

function orgAccess(db: Database, user: string, orgName: string): OrgAccess {
  const org = findOrg(db, orgName);
  const teams = db.teams.filter(t => t.org === orgName);
  const myTeams: OrgAccess['myTeams'] = new Map();
  for (const t of teams) {
    const membership = t.members.find(m => m.user === user);
    if (!membership) continue;
    const grants = new Map<string, ProjectRole>();
    // the first grant of a project counts, as a search would find it (a hand-edited store may repeat one)
    for (const a of t.projects) if (!grants.has(a.project)) grants.set(a.project, a.role);
    myTeams.set(t, { role: membership.role, grants });
  }
  const myTeamNames = new Set([...myTeams.keys()].map(t => t.name));
  return { org, orgRole: org.members.find(m => m.user === user)?.role, teams, myTeams, myTeamNames };
}

function orgGrants(access: OrgAccess): Grants {
  const { orgRole } = access;
  return { orgRole, orgRoleCounts: orgRole !== undefined, projectRoles: [], isPublic: access.org.isPublic, restrictedTo: [] };
}

function projectGrants(access: OrgAccess, user: string, project: Project): Grants {
  const { orgRole, myTeams, myTeamNames } = access;
  const restricted = project.teams.length > 0;
  const orgRoleCounts = orgRole !== undefined && (!restricted || orgRole === 'owner' || orgRole === 'manager' || project.teams.some(t => myTeamNames.has(t)));
  const projectRoles: Grants['projectRoles'] = [];
  // in team order, as refusal messages name them
  for (const [team, mine] of myTeams) {
    const granted = mine.grants.get(project.name);
    if (granted) projectRoles.push({ role: lower(granted, mine.role), via: `team ${team.name}` });
  }
  const own = project.members.find(m => m.user === user);
  if (own) projectRoles.push({ role: own.role, via: 'project role' });
  return { orgRole, orgRoleCounts, projectRoles, isPublic: project.isPublic && !restricted, restrictedTo: project.teams };
}

function grantsOn(db: Database, user: string, target: Target): Grants {
  const access = orgAccess(db, user, target.org);
  if (target.project === undefined) return orgGrants(access);
  return projectGrants(access, user, findProject(db, target.org, target.project));
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
  if (target.project === undefined) return projectActions(db, user, target.org)(undefined);
  return projectActions(db, user, target.org)(findProject(db, target.org, target.project));
}

/**
 * `allowedActions` for many projects of one org (undefined = the org itself): the org's part is worked out once,
 * each project then costs a look at its own teams and members. Same answers as `can`, action by action.
 */
export function projectActions(db: Database, user: string, org: string): (project: Project | undefined) => Action[] {
  const access = orgAccess(db, user, org);
  const onOrg = orgGrants(access);
  const orgActions = ACTIONS.filter(a => allowedBy(onOrg, a, false));
  return project => {
    if (!project) return [...orgActions];
    const onProject = projectGrants(access, user, project);
    return ACTIONS.filter(a => (PROJECT_ACTIONS.has(a) ? allowedBy(onProject, a, true) : orgActions.includes(a)));
  };
}

/** The projects of `org` that `user` may view, in store order: one pass, the org's part worked out once. */
export function viewableProjects(db: Database, user: string, org: string): Project[] {
  const access = orgAccess(db, user, org);
  return db.projects.filter(p => p.org === org && allowedBy(projectGrants(access, user, p), 'view', true));
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

/**
 * Why none of the user's organizations allows `action` (a picker found none to offer): with one membership,
 * word for word the refusal `check` gives there ("Creating projects in acme needs role admin or higher; you are
 * viewer."), so the palette and the CLI say the same; with several, the role held in each; with none, that.
 */
export function refusalInOrgs(action: Action, memberships: readonly { org: string; role: OrgRole }[]): string {
  const needed = describeNeeded(action);
  if (memberships.length === 1) {
    const [{ org, role }] = memberships;
    const grants: Grants = { orgRole: role, orgRoleCounts: true, projectRoles: [], isPublic: false, restrictedTo: [] };
    return `${PHRASES[action](org)} needs ${needed}; ${describeHeld(grants, { org }, false)}.`;
  }
  if (!memberships.length) {
    return `${PHRASES[action]('an organization')} needs ${needed} there; you are not a member of any organization yet. Create one, or ask a manager of one for a role.`;
  }
  const names = memberships.map(m => m.org);
  const held = memberships.map(m => `${m.role} in ${m.org}`);
  return `${PHRASES[action](listed(names))} needs ${needed}; you are ${listed(held)}.`;
}

/** `a`, `a and b`, `a, b and c` */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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
