// Projects: description, tags, readme, visibility, connections, restriction to teams and per-user roles.
import { allowedActions, check, checkGrantProjectRole, findOrg, findProject, isProjectRole, type Action } from './access';
import type { Actor } from './currentUser';
import { assertConnectionKind } from './connectionKinds';
import { HubError } from './errors';
import { assertTextLimits } from './limits';
import { PROJECT_ROLES, type Connection, type Database, type Project, type ProjectMember } from './model';
import { assertNameFree, assertSlug, normalizeUsername } from './names';
import type { Store } from './store/store';
import { changed, mutation, unchanged, type Outcome } from './mutation';
import { deleteOwned, holdingsOf, renameOwned } from './owned';
import { visibleProjects } from './visibility';

// decided in visibility.ts; re-exported for the faces that still import it from here
export { visibleProjects } from './visibility';
import { ensureInvitedUser } from './users';

/**
 * Records in other collections that belong to the project (`{org, project}` fields): none in this
 * issue's collections, but e.g. models of a project once the registry adds them (see owned.ts).
 */
export function projectHoldings(db: Database, org: string, project: string): Record<string, number> {
  return holdingsOf(db, { org, project });
}

/** With `actor`, only the projects they may view; without, all of the org's projects. */
export async function listProjects(store: Store, org: string, actor?: Actor): Promise<Project[]> {
  const db = await store.read();
  findOrg(db, org);
  return actor ? visibleProjects(db, actor.username, org) : db.projects.filter(p => p.org === org);
}

export interface ProjectFields {
  description?: string;
  tags?: string[];
  readme?: string;
  isPublic?: boolean;
}

function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map(t => t.trim()).filter(Boolean))];
}

export async function createProject(store: Store, actor: Actor, org: string, name: string, fields: ProjectFields = {}): Promise<Project> {
  assertSlug(name, 'project name');
  assertTextLimits(fields);
  return mutation(store, actor, ({ db, me, now, check }) => {
    findOrg(db, org);
    check('project.create', { org });
    assertNameFree(
      db.projects.filter(p => p.org === org),
      name,
      n => `Organization "${org}" already has a project named "${n}".`,
    );
    const project: Project = {
      org,
      name,
      description: fields.description ?? '',
      tags: cleanTags(fields.tags ?? []),
      readme: fields.readme ?? '',
      isPublic: fields.isPublic ?? false,
      teams: [],
      members: [],
      connections: [],
      createdBy: me,
      createdAt: now,
      updatedAt: now,
    };
    db.projects.push(project);
    return changed(project, 'project.create', `${org}/${name}`, { ...fields });
  });
}

/** Changes description, tags, readme and/or visibility (configure: admin or higher on the project). */
export async function updateProject(store: Store, actor: Actor, org: string, name: string, changes: ProjectFields): Promise<Project> {
  assertTextLimits(changes);
  return mutation(store, actor, ({ db, now, check }) => {
    const project = findProject(db, org, name);
    check('project.configure', { org, project: name });
    if (changes.description !== undefined) project.description = changes.description;
    if (changes.tags !== undefined) project.tags = cleanTags(changes.tags);
    if (changes.readme !== undefined) project.readme = changes.readme;
    if (changes.isPublic !== undefined) project.isPublic = changes.isPublic;
    project.updatedAt = now;
    return changed(project, 'project.update', `${org}/${name}`, { ...changes });
  });
}

/**
 * Renames a project. Effect on children: teams' access entries for it are renamed; records of other
 * collections that belong to it (`{org, project}`) follow; its per-user roles, connections and team
 * restriction are fields of the project and move with it.
 */
export async function renameProject(store: Store, actor: Actor, org: string, name: string, newName: string): Promise<Project> {
  assertSlug(newName, 'project name');
  return mutation(store, actor, ({ db, now, check }) => {
    const project = findProject(db, org, name);
    check('project.configure', { org, project: name });
    if (newName === name) return unchanged(project);
    assertNameFree(
      db.projects.filter(p => p.org === org),
      newName,
      n => `Organization "${org}" already has a project named "${n}".`,
      project,
    );
    let teams = 0;
    for (const team of db.teams.filter(t => t.org === org)) {
      for (const access of team.projects) {
        if (access.project === name) {
          access.project = newName;
          teams++;
        }
      }
    }
    const moved = renameOwned(db, { org, project: name }, newName);
    project.name = newName;
    project.updatedAt = now;
    return changed(project, 'project.rename', `${org}/${name}`, { newName, teamAccess: teams, moved });
  });
}

/**
 * Deletes a project (admin or higher on it). Effect on children: teams lose their access entry for it.
 * When records of other collections belong to it (models…), the delete is refused unless `cascade`,
 * which deletes them too.
 */
export async function deleteProject(
  store: Store,
  actor: Actor,
  org: string,
  name: string,
  options: { cascade?: boolean } = {},
): Promise<{ deleted: Record<string, number> }> {
  return mutation(store, actor, ({ db, check }) => {
    findProject(db, org, name);
    check('project.delete', { org, project: name });
    const holdings = projectHoldings(db, org, name);
    if (Object.keys(holdings).length && !options.cascade) {
      const what = Object.entries(holdings)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      throw new HubError(`Project ${org}/${name} still holds ${what}; delete them first or delete with cascade (--cascade).`, 'not-empty');
    }
    deleteOwned(db, { org, project: name });
    let teams = 0;
    for (const team of db.teams.filter(t => t.org === org)) {
      const before = team.projects.length;
      team.projects = team.projects.filter(a => a.project !== name);
      if (team.projects.length !== before) teams++;
    }
    db.projects = db.projects.filter(p => !(p.org === org && p.name === name));
    return changed({ deleted: holdings }, 'project.delete', `${org}/${name}`, { cascade: !!options.cascade, deleted: holdings, teamAccess: teams });
  });
}

/**
 * Restricts the project to `teams` (an empty list lifts the restriction). While restricted, only org
 * owners and managers, members of those teams and users given an explicit role see it.
 */
export async function restrictProject(store: Store, actor: Actor, org: string, name: string, teams: string[]): Promise<Project> {
  return mutation(store, actor, ({ db, now, check }) => {
    const project = findProject(db, org, name);
    check('project.configure', { org, project: name });
    const unique = [...new Set(teams)];
    const missing = unique.filter(t => !db.teams.some(x => x.org === org && x.name === t));
    if (missing.length) throw new HubError(`Organization "${org}" has no team named ${missing.map(t => `"${t}"`).join(', ')}.`, 'not-found');
    const from = project.teams;
    project.teams = unique;
    project.updatedAt = now;
    return changed(project, 'project.restrict', `${org}/${name}`, { from, to: unique });
  });
}

/**
 * Gives `user` a role on this project (raising what their org role gives), or removes it with
 * `role` = undefined. Needs configure rights on the project, and nobody grants more than they hold.
 * Someone not yet in the org joins it as `outsider`; an unknown username gets an invited record.
 */
export async function setProjectMemberRole(
  store: Store,
  actor: Actor,
  org: string,
  name: string,
  username: string,
  role: string | undefined,
): Promise<ProjectMember | undefined> {
  if (role !== undefined && !isProjectRole(role)) {
    throw new HubError(`"${role}" is not a project role; they are ${PROJECT_ROLES.join(', ')}.`, 'invalid-role');
  }
  const user = normalizeUsername(username);
  return mutation(store, actor, ({ db, me, now, check, checkWith }): Outcome<ProjectMember | undefined> => {
    const project = findProject(db, org, name);
    const target = { org, project: name };
    if (role === undefined) {
      check('project.configure', target);
      if (!project.members.some(m => m.user === user)) throw new HubError(`${user} has no role on project ${org}/${name}.`, 'not-found');
      project.members = project.members.filter(m => m.user !== user);
      project.updatedAt = now;
      return changed(undefined, 'project.member.remove', `${org}/${name}/${user}`);
    }
    checkWith((d, who) => checkGrantProjectRole(d, who, target, role, 'project.configure'));
    ensureInvitedUser(db, user, me, now);
    const o = findOrg(db, org);
    if (!o.members.some(m => m.user === user)) o.members.push({ user, role: 'outsider' });
    let member = project.members.find(m => m.user === user);
    const from = member?.role;
    if (member) member.role = role;
    else project.members.push((member = { user, role }));
    project.updatedAt = now;
    return changed(member, 'project.member.role', `${org}/${name}/${user}`, { role, from });
  });
}

/** Adds a connection `{name, kind, description}` or replaces the one with that name. */
export async function setConnection(store: Store, actor: Actor, org: string, name: string, connection: Connection): Promise<Connection> {
  assertSlug(connection.name, 'connection name', { reserved: false });
  assertConnectionKind(connection.kind);
  assertTextLimits({ description: connection.description });
  return mutation(store, actor, ({ db, now, check }) => {
    const project = findProject(db, org, name);
    check('project.configure', { org, project: name });
    const c: Connection = { name: connection.name, kind: connection.kind, description: connection.description ?? '' };
    const existed = project.connections.some(x => x.name === c.name);
    project.connections = [...project.connections.filter(x => x.name !== c.name), c];
    project.updatedAt = now;
    return changed(c, existed ? 'project.connection.update' : 'project.connection.add', `${org}/${name}`, { ...c });
  });
}

export async function removeConnection(store: Store, actor: Actor, org: string, name: string, connection: string): Promise<void> {
  await mutation(store, actor, ({ db, now, check }) => {
    const project = findProject(db, org, name);
    check('project.configure', { org, project: name });
    if (!project.connections.some(x => x.name === connection)) {
      throw new HubError(`Project ${org}/${name} has no connection named "${connection}".`, 'not-found');
    }
    project.connections = project.connections.filter(x => x.name !== connection);
    project.updatedAt = now;
    return changed(undefined, 'project.connection.remove', `${org}/${name}`, { connection });
  });
}

/** A project as `actor` sees it, with what they may do there; refused ('denied') when they may not view it. */
export async function showProject(store: Store, actor: Actor, org: string, name: string): Promise<{ project: Project; yourActions: Action[] }> {
  const db = await store.read();
  const project = findProject(db, org, name);
  check(db, actor.username, 'view', { org, project: name });
  return { project, yourActions: allowedActions(db, actor.username, { org, project: name }) };
}
