// Teams: members with roles, access to projects with a role, and resource quotas.
// Managing teams is the matrix row "org settings, teams, members" (manager or owner).
import { checkGrantProjectRole, findOrg, findProject, isProjectRole } from './access';
import type { Actor } from './currentUser';
import { HubError } from './errors';
import { assertTextLimits } from './limits';
import { PROJECT_ROLES, type Database, type ProjectAccess, type ProjectMember, type ProjectRole, type Team, type TeamQuota } from './model';
import { assertNameFree, assertSlug, normalizeUsername, notFoundInOrg } from './names';
import type { Store } from './store/store';
import { changed, mutation, unchanged } from './mutation';
import { checkSeesOrgContent } from './visibility';
import { ensureInvitedUser } from './users';

export function findTeam(db: Database, org: string, name: string): Team {
  findOrg(db, org);
  const team = db.teams.find(t => t.org === org && t.name === name);
  if (!team) throw notFoundInOrg(db.teams, org, name, `Organization "${org}" has no team named "${name}".`);
  return team;
}

function assertProjectRole(role: string): asserts role is ProjectRole {
  if (!isProjectRole(role)) throw new HubError(`"${role}" is not a team or project role; they are ${PROJECT_ROLES.join(', ')}.`, 'invalid-role');
}

export async function listTeams(store: Store, org: string): Promise<Team[]> {
  const db = await store.read();
  findOrg(db, org);
  return db.teams.filter(t => t.org === org);
}

export async function createTeam(store: Store, actor: Actor, org: string, name: string, description = ''): Promise<Team> {
  assertSlug(name, 'team name');
  assertTextLimits({ description });
  return mutation(store, actor, ({ db, me, now, check }) => {
    findOrg(db, org);
    check('team.manage', { org });
    assertNameFree(
      db.teams.filter(t => t.org === org),
      name,
      n => `Organization "${org}" already has a team named "${n}".`,
    );
    const team: Team = { org, name, description, members: [], projects: [], quota: {}, createdBy: me, createdAt: now, updatedAt: now };
    db.teams.push(team);
    return changed(team, 'team.create', `${org}/${name}`, { description });
  });
}

export async function updateTeam(store: Store, actor: Actor, org: string, name: string, changes: { description?: string }): Promise<Team> {
  assertTextLimits({ description: changes.description });
  return mutation(store, actor, ({ db, now, check }) => {
    const team = findTeam(db, org, name);
    check('team.manage', { org });
    if (changes.description !== undefined) team.description = changes.description;
    team.updatedAt = now;
    return changed(team, 'team.update', `${org}/${name}`, { ...changes });
  });
}

/**
 * Renames a team. Effect on children: projects restricted to it now name the new team; its members
 * and project access move with it (they are fields of the team).
 */
export async function renameTeam(store: Store, actor: Actor, org: string, name: string, newName: string): Promise<Team> {
  assertSlug(newName, 'team name');
  return mutation(store, actor, ({ db, now, check }) => {
    const team = findTeam(db, org, name);
    check('team.manage', { org });
    if (newName === name) return unchanged(team);
    assertNameFree(
      db.teams.filter(t => t.org === org),
      newName,
      n => `Organization "${org}" already has a team named "${n}".`,
      team,
    );
    let restricted = 0;
    for (const p of db.projects.filter(x => x.org === org)) {
      if (p.teams.includes(name)) {
        p.teams = p.teams.map(t => (t === name ? newName : t));
        restricted++;
      }
    }
    team.name = newName;
    team.updatedAt = now;
    return changed(team, 'team.rename', `${org}/${name}`, { newName, restrictedProjects: restricted });
  });
}

/**
 * Deletes a team. Effect on children: its memberships and project access disappear with it (members
 * keep their org role); it is removed from the restriction list of the projects restricted to it.
 * Refused when it is the only team a project is restricted to, since deleting it would open that
 * project to the whole org: lift or change the restriction first.
 */
export async function deleteTeam(store: Store, actor: Actor, org: string, name: string): Promise<void> {
  await mutation(store, actor, ({ db, check }) => {
    findTeam(db, org, name);
    check('team.manage', { org });
    const only = db.projects.filter(p => p.org === org && p.teams.length === 1 && p.teams[0] === name);
    if (only.length) {
      throw new HubError(
        `Team "${name}" is the only team project${only.length > 1 ? 's' : ''} ${only.map(p => `${org}/${p.name}`).join(', ')} ${only.length > 1 ? 'are' : 'is'} restricted to; deleting it would open ${only.length > 1 ? 'them' : 'it'} to the whole organization. Restrict ${only.length > 1 ? 'them' : 'it'} to another team or lift the restriction first.`,
        'in-use',
      );
    }
    let restricted = 0;
    for (const p of db.projects.filter(x => x.org === org && x.teams.includes(name))) {
      p.teams = p.teams.filter(t => t !== name);
      restricted++;
    }
    db.teams = db.teams.filter(t => !(t.org === org && t.name === name));
    return changed(undefined, 'team.delete', `${org}/${name}`, { restrictedProjects: restricted });
  });
}

/**
 * Adds `user` to the team with `role` (admin, member or viewer), or changes their role when they are
 * already in it. Someone not yet in the org joins it as `outsider`, so they see only what the team
 * gives; an unknown username gets an invited user record.
 */
export async function setTeamMember(store: Store, actor: Actor, org: string, teamName: string, username: string, role: string): Promise<ProjectMember> {
  assertProjectRole(role);
  const user = normalizeUsername(username);
  return mutation(store, actor, ({ db, me, now, checkWith }) => {
    const team = findTeam(db, org, teamName);
    checkWith((d, who) => checkGrantProjectRole(d, who, { org }, role, 'team.manage'));
    const o = findOrg(db, org);
    ensureInvitedUser(db, user, me, now);
    let joinedOrg = false;
    if (!o.members.some(m => m.user === user)) {
      o.members.push({ user, role: 'outsider' });
      joinedOrg = true;
    }
    let member = team.members.find(m => m.user === user);
    const from = member?.role;
    if (member) member.role = role;
    else team.members.push((member = { user, role }));
    team.updatedAt = now;
    return changed(member, from ? 'team.member.role' : 'team.member.add', `${org}/${teamName}/${user}`, {
      role,
      from,
      joinedOrgAsOutsider: joinedOrg || undefined,
    });
  });
}

/** Removes `user` from the team (their org membership stays). */
export async function removeTeamMember(store: Store, actor: Actor, org: string, teamName: string, username: string): Promise<void> {
  const user = normalizeUsername(username);
  await mutation(store, actor, ({ db, me, now, check, allow }) => {
    const team = findTeam(db, org, teamName);
    if (user !== me) check('team.manage', { org });
    else allow('anyone may leave a team');
    if (!team.members.some(m => m.user === user)) throw new HubError(`${user} is not in team ${org}/${teamName}.`, 'not-found');
    team.members = team.members.filter(m => m.user !== user);
    team.updatedAt = now;
    return changed(undefined, 'team.member.remove', `${org}/${teamName}/${user}`);
  });
}

/** Gives the team access to a project with `role` (the most its members get there), or changes that role. */
export async function grantTeamProject(store: Store, actor: Actor, org: string, teamName: string, project: string, role: string): Promise<ProjectAccess> {
  assertProjectRole(role);
  return mutation(store, actor, ({ db, now, checkWith }) => {
    const team = findTeam(db, org, teamName);
    findProject(db, org, project);
    checkWith((d, who) => checkGrantProjectRole(d, who, { org }, role, 'team.manage'));
    let access = team.projects.find(a => a.project === project);
    const from = access?.role;
    if (access) access.role = role;
    else team.projects.push((access = { project, role }));
    team.updatedAt = now;
    return changed(access, 'team.grant', `${org}/${teamName}`, { project, role, from });
  });
}

export async function revokeTeamProject(store: Store, actor: Actor, org: string, teamName: string, project: string): Promise<void> {
  await mutation(store, actor, ({ db, now, check }) => {
    const team = findTeam(db, org, teamName);
    check('team.manage', { org });
    if (!team.projects.some(a => a.project === project)) throw new HubError(`Team ${org}/${teamName} has no access to project ${project}.`, 'not-found');
    team.projects = team.projects.filter(a => a.project !== project);
    team.updatedAt = now;
    return changed(undefined, 'team.revoke', `${org}/${teamName}`, { project });
  });
}

/**
 * Sets the team's quotas. A number sets a limit, `null` removes it (unlimited), `undefined` leaves it.
 * Only recorded here; the model registry enforces them.
 */
export async function setTeamQuota(
  store: Store,
  actor: Actor,
  org: string,
  teamName: string,
  quota: { storageBytes?: number | null; modelVersions?: number | null },
): Promise<TeamQuota> {
  for (const [key, value] of Object.entries(quota)) {
    if (value !== null && value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new HubError(`The quota ${key} must be a whole number ≥ 0 (got ${value}).`, 'invalid-quota');
    }
  }
  return mutation(store, actor, ({ db, now, check }) => {
    const team = findTeam(db, org, teamName);
    check('team.manage', { org });
    const from = { ...team.quota };
    for (const key of ['storageBytes', 'modelVersions'] as const) {
      const value = quota[key];
      if (value === null) delete team.quota[key];
      else if (value !== undefined) team.quota[key] = value;
    }
    team.updatedAt = now;
    return changed(team.quota, 'team.quota', `${org}/${teamName}`, { from, to: { ...team.quota } });
  });
}

/**
 * A team as `actor` may see it: org members from viewer up (and anyone in a public org) see the
 * teams; outsiders and billing members do not.
 */
export async function showTeam(store: Store, actor: Actor, org: string, name: string): Promise<Team> {
  const db = await store.read();
  const team = findTeam(db, org, name);
  checkSeesOrgContent(db, actor.username, org);
  return team;
}
