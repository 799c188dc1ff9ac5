// Who sees what, decided once: orgs, the content of an org (teams, its Component Hub), projects and
// components. The rights themselves are access.ts's `view` action; this module is what lists and
// pages ask, so every face shows the same things to the same person.
//  - an org: its members with any role (outsiders and billing members included) and, when it is
//    public, everyone;
//  - its teams and its hub (org-level content): whoever may `view` the org — members from viewer up,
//    and anyone when the org is public; not outsiders nor billing members;
//  - a project: whoever may `view` it (restrictions to teams, per-user and team roles, public projects);
//  - a component: a public one, whoever sees its org's hub; a private one (the default), only the org's
//    members from viewer up — a public org shows strangers its public components, nothing else.
import { ACTION_ROLES, can, check, findOrg, orgRoleOf, viewableProjects } from './access';
import { HubError } from './errors';
import type { Component, Database, Organization, Project, Team } from './model';

/** Whether `user` sees the org at all. */
function seesOrg(org: Organization, user: string): boolean {
  return org.isPublic || org.members.some(m => m.user === user);
}

/** The orgs `user` sees, in store order. */
export function visibleOrgs(db: Database, user: string): Organization[] {
  return db.orgs.filter(o => seesOrg(o, user));
}

/** Whether the org named `name` exists and `user` sees it (false for a missing org). */
export function canSeeOrg(db: Database, user: string, name: string): boolean {
  const org = db.orgs.find(o => o.name === name);
  return !!org && seesOrg(org, user);
}

/** The org `name`; refused ('not-found', 'denied') when it does not exist or `user` does not see it. */
export function findVisibleOrg(db: Database, user: string, name: string): Organization {
  const org = findOrg(db, name);
  if (!seesOrg(org, user)) throw new HubError(`Viewing ${name} needs membership; you are not a member of ${name}.`, 'denied');
  return org;
}

/** Whether `user` sees the org's content (teams, its hub): outsiders and billing members do not. */
function seesOrgContent(db: Database, user: string, org: string): boolean {
  return can(db, user, 'view', { org });
}

/** Refuses ('denied', naming the role needed) unless `user` sees the org's content. */
export function checkSeesOrgContent(db: Database, user: string, org: string): void {
  check(db, user, 'view', { org });
}

/** The org's teams `user` sees: all of them, or none. */
export function visibleTeams(db: Database, user: string, org: string): Team[] {
  return seesOrgContent(db, user, org) ? db.teams.filter(t => t.org === org) : [];
}

/** The org's projects `user` may view (restrictions and outsiders applied). */
export function visibleProjects(db: Database, user: string, org: string): Project[] {
  return viewableProjects(db, user, org);
}

/** Whether `user` is a member of `org` who sees its content by their own role (viewer and up), not as a visitor of a public org. */
function seesContentAsMember(db: Database, user: string, org: string): boolean {
  const role = orgRoleOf(db, user, org);
  return role !== undefined && ACTION_ROLES.view.includes(role);
}

/** Whether `user` sees the component: see the file comment. */
export function seesComponent(db: Database, user: string, component: Component): boolean {
  return seesOrgContent(db, user, component.org) && (component.isPublic || seesContentAsMember(db, user, component.org));
}

/** The org's components `user` sees, sorted by name. */
export function visibleComponents(db: Database, user: string, org: string): Component[] {
  if (!seesOrgContent(db, user, org)) return [];
  return db.components.filter(c => c.org === org && seesComponent(db, user, c)).sort((a, b) => a.name.localeCompare(b.name));
}

/** The names of the orgs whose hub `user` sees, sorted. */
export function orgsWithVisibleHub(db: Database, user: string): string[] {
  return db.orgs
    .filter(o => seesOrgContent(db, user, o.name))
    .map(o => o.name)
    .sort((a, b) => a.localeCompare(b));
}
