import * as vscode from 'vscode';
import type { HubSession } from '../../host/session';
import { pickOrg, pickRecord } from '../../host/prompts';
import { showError } from '../../host/showError';
import { subjectOf, type Subject } from '../../host/subject';
import { addOrganizationMember, changeMemberRole, removeOrganizationMember } from './commands/members';
import { createOrganization, deleteOrganization, editOrganizationDescription, renameOrganization, setOrganizationVisibility } from './commands/organization';
import {
  createOrganizationProject,
  deleteOrganizationProject,
  editOrganizationProject,
  renameOrganizationProject,
  restrictOrganizationProject,
} from './commands/projects';
import { openStoreFile, restoreStore } from './commands/store';
import {
  addTeamMember,
  createOrganizationTeam,
  deleteOrganizationTeam,
  editTeamDescription,
  grantTeamProjectAccess,
  removeTeamMemberCommand,
  renameOrganizationTeam,
  revokeTeamProjectAccess,
  setTeamQuotaCommand,
} from './commands/teams';
import { ActiveOrgStatus } from './activeOrgStatus';
import { switchActiveOrganization } from './commands/switchActive';
import { OrgPage } from './orgPage';
import { OrganizationsTree, SHOW_MORE_COMMAND, type MoreItem } from './organizationsTree';
import { ProjectPage } from './projectPage';
import { TeamPage } from './teamPage';

// commands take an optional subject: a tree node, a page request or a script's arguments
type Handler = (session: HubSession, subject?: never) => unknown;

const COMMANDS: Record<string, Handler> = {
  'polyaxonHub.org.create': createOrganization,
  'polyaxonHub.org.switchActive': switchActiveOrganization,
  'polyaxonHub.org.rename': renameOrganization,
  'polyaxonHub.org.editDescription': editOrganizationDescription,
  'polyaxonHub.org.setVisibility': setOrganizationVisibility,
  'polyaxonHub.org.delete': deleteOrganization,
  'polyaxonHub.member.add': addOrganizationMember,
  'polyaxonHub.member.changeRole': changeMemberRole,
  'polyaxonHub.member.remove': removeOrganizationMember,
  'polyaxonHub.team.create': createOrganizationTeam,
  'polyaxonHub.team.rename': renameOrganizationTeam,
  'polyaxonHub.team.edit': editTeamDescription,
  'polyaxonHub.team.delete': deleteOrganizationTeam,
  'polyaxonHub.team.addMember': addTeamMember,
  'polyaxonHub.team.removeMember': removeTeamMemberCommand,
  'polyaxonHub.team.grantProject': grantTeamProjectAccess,
  'polyaxonHub.team.revokeProject': revokeTeamProjectAccess,
  'polyaxonHub.team.setQuota': setTeamQuotaCommand,
  'polyaxonHub.project.create': createOrganizationProject,
  'polyaxonHub.project.rename': renameOrganizationProject,
  'polyaxonHub.project.edit': editOrganizationProject,
  'polyaxonHub.project.restrict': restrictOrganizationProject,
  'polyaxonHub.project.delete': deleteOrganizationProject,
  'polyaxonHub.store.open': openStoreFile,
  'polyaxonHub.store.restore': restoreStore,
};

/** Organizations, their members, teams and projects, and the store they live in: the tree, the pages, the commands. */
export function registerOrgs(context: vscode.ExtensionContext, session: HubSession) {
  const organizations = new OrganizationsTree(session);
  const orgPages = OrgPage.register(session, context.extensionUri);
  const teamPages = TeamPage.register(session, context.extensionUri);
  const projectPages = ProjectPage.register(session, context.extensionUri);
  const activeOrgStatus = new ActiveOrgStatus(session);
  context.subscriptions.push(
    organizations,
    vscode.window.createTreeView('polyaxonHub.organizations', { treeDataProvider: organizations, showCollapseAll: true }),
    activeOrgStatus,
    orgPages,
    teamPages,
    projectPages,
  );
  const register = (id: string, run: (...args: never[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        // a store that cannot be read, or a record gone since the prompt opened: said once, never an unhandled rejection
        try {
          return await run(...args);
        } catch (error) {
          return showError(error);
        }
      }),
    );
  for (const [id, handler] of Object.entries(COMMANDS)) register(id, (subject?: never) => handler(session, subjectOf(subject) as never));
  register('polyaxonHub.org.open', async (subject?: string | { org: string }) => {
    // from the palette (no subject): pick one of the orgs the user can see
    const name = typeof subject === 'string' ? subject : await pickOrg(session, subjectOf(subject) as Subject | undefined, 'visible', 'Open Organization Page');
    if (name) orgPages.show({ org: name });
  });
  // a tree click or a page link passes the team or project; the palette asks for the org, then the record
  register('polyaxonHub.team.open', async (subject?: Subject) => {
    const given = subjectOf(subject) as Subject | undefined;
    const org = await pickOrg(session, given, 'visible', 'Open Team Page');
    const team = org && (await pickRecord(given?.team, () => session.hub.teams.list(org), 'teams', org, { title: `Team of ${org}` }));
    if (org && team) teamPages.show({ org, team });
  });
  register('polyaxonHub.project.open', async (subject?: Subject) => {
    const given = subjectOf(subject) as Subject | undefined;
    const org = await pickOrg(session, given, 'visible', 'Open Project Page');
    const project = org && (await pickRecord(given?.project, () => session.hub.projects.list(org), 'projects', org, { title: `Project of ${org}` }));
    if (org && project) projectPages.show({ org, project });
  });
  register(SHOW_MORE_COMMAND, (row: MoreItem) => organizations.showMore(row));
  register('polyaxonHub.refresh', () => session.refresh());
  return { organizations, orgPages, teamPages, projectPages, activeOrgStatus };
}
