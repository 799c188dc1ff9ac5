import * as vscode from 'vscode';
import type { HubSession } from '../host/session';
import { OrgPage } from '../panels/orgPage';
import { addOrganizationMember, changeMemberRole, removeOrganizationMember } from './members/manageMembers';
import { createOrganization } from './org/createOrganization';
import { deleteOrganization, editOrganizationDescription, renameOrganization, setOrganizationVisibility } from './org/manageOrganization';
import { createOrganizationProject, deleteOrganizationProject, editOrganizationProject, renameOrganizationProject, restrictOrganizationProject } from './projects/manageProjects';
import { pickOrg, type Subject } from '../host/prompts';
import { openStoreFile } from './store/openStoreFile';
import { restoreStore } from './store/restoreStore';
import {
  addTeamMember, createOrganizationTeam, deleteOrganizationTeam, editTeamDescription, grantTeamProjectAccess,
  removeTeamMemberCommand, renameOrganizationTeam, revokeTeamProjectAccess, setTeamQuotaCommand,
} from './teams/manageTeams';

/**
 * A tree item passed by a context menu stands for its org, team, project or user only: its display fields
 * (`description` is the role or count shown beside it, a member's `role` is their current role) are not
 * command arguments. Page requests and scripts pass plain objects, kept as they are.
 */
export function subjectOf(arg: unknown): unknown {
  if (!(arg instanceof vscode.TreeItem)) return arg;
  const node = arg as Subject;
  const subject: Subject = {};
  for (const key of ['org', 'team', 'project', 'user'] as const) if (typeof node[key] === 'string') subject[key] = node[key];
  return subject;
}

/** Every organization/team/project/store command, wired in one place; each lives in a small module. */
export function registerCommands(context: vscode.ExtensionContext, session: HubSession): void {
  // commands take an optional subject: a tree node, a page request or a script's arguments
  type Handler = (session: HubSession, subject?: never) => unknown;
  const commands: Record<string, Handler> = {
    'polyaxonHub.org.create': createOrganization,
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
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (subject?: never) => handler(session, subjectOf(subject) as never)));
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('polyaxonHub.org.open', async (subject?: string | { org: string }) => {
      // from the palette (no subject): pick one of the orgs the user can see
      const name = typeof subject === 'string' ? subject : await pickOrg(session, subjectOf(subject) as Subject | undefined, 'visible', 'Open Organization Page');
      if (name) OrgPage.show(session, context.extensionUri, name);
    }),
    vscode.commands.registerCommand('polyaxonHub.refresh', () => session.refresh()),
  );
}
