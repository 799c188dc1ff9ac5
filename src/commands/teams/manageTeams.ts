import * as vscode from 'vscode';
import { PROJECT_ROLES } from '../../core/model';
import { usernameProblem } from '../../core/names';
import { createTeam, deleteTeam, grantTeamProject, removeTeamMember, renameTeam, revokeTeamProject, setTeamMember, setTeamQuota, updateTeam } from '../../core/teams';
import type { HubSession } from '../../host/session';
import { applyChange, askName, askText, confirm, pickOrg, pickRecord, pickRole, type Subject } from '../../host/prompts';

async function teamsOf(session: HubSession, org: string) {
  return (await session.store.read()).teams.filter(t => t.org === org);
}

async function pickTeam(session: HubSession, org: string, subject?: Subject): Promise<string | undefined> {
  return pickRecord(subject?.team, () => teamsOf(session, org), 'team', org);
}

export async function createOrganizationTeam(session: HubSession, subject?: Subject & { name?: string; description?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Create Team');
  if (!org) return;
  const name = subject?.name ?? await askName(`New team in ${org}`, 'team name', { taken: (await teamsOf(session, org)).map(t => t.name) });
  if (!name) return;
  return applyChange(() => createTeam(session.store, session.user, org, name, subject?.description ?? ''), t => `Team "${t.name}" created in "${org}".`);
}

export async function renameOrganizationTeam(session: HubSession, subject?: Subject & { newName?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Rename Team');
  const team = org && await pickTeam(session, org, subject);
  if (!org || !team) return;
  const newName = subject?.newName ?? await askName(`Rename team ${team}`, 'team name', { value: team, taken: (await teamsOf(session, org)).map(t => t.name).filter(n => n !== team) });
  if (!newName || newName === team) return;
  return applyChange(() => renameTeam(session.store, session.user, org, team, newName), t => `Team "${team}" is now "${t.name}"; projects restricted to it follow.`);
}

export async function deleteOrganizationTeam(session: HubSession, subject?: Subject & { confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Delete Team');
  const team = org && await pickTeam(session, org, subject);
  if (!org || !team) return;
  if (!subject?.confirmed && !await confirm(`Delete the team "${team}"?`, 'Its members keep their org roles; projects restricted to it stop being restricted to it.', 'Delete')) return;
  return applyChange(() => deleteTeam(session.store, session.user, org, team), () => `Team "${team}" deleted.`);
}

export async function addTeamMember(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Add Team Member');
  const team = org && await pickTeam(session, org, subject);
  if (!org || !team) return;
  const user = subject?.user ?? (await vscode.window.showInputBox({ title: `Add a member to team ${team}`, prompt: 'Username (someone outside the org joins it as outsider)', validateInput: v => usernameProblem(v.trim()) }))?.trim();
  if (!user) return;
  const role = subject?.role ?? await pickRole(`Role of ${user} in team ${team}`, PROJECT_ROLES, 'member');
  if (!role) return;
  return applyChange(() => setTeamMember(session.store, session.user, org, team, user, role), m => `${m.user} is ${m.role} in team "${team}".`);
}

export async function removeTeamMemberCommand(session: HubSession, subject?: Subject) {
  const org = await pickOrg(session, subject, 'team.manage', 'Remove Team Member');
  const team = org && await pickTeam(session, org, subject);
  if (!org || !team || !subject?.user) return;
  const user = subject.user;
  return applyChange(() => removeTeamMember(session.store, session.user, org, team, user), () => `${user} left team "${team}".`);
}

export async function grantTeamProjectAccess(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Grant Team Access to a Project');
  const team = org && await pickTeam(session, org, subject);
  if (!org || !team) return;
  const projects = (await session.store.read()).projects.filter(p => p.org === org);
  const project = subject?.project ?? (await vscode.window.showQuickPick(projects.map(p => p.name), { title: `Project team ${team} gets access to` }));
  if (!project) return;
  const role = subject?.role ?? await pickRole(`Role of team ${team} on ${project}`, PROJECT_ROLES, 'member');
  if (!role) return;
  return applyChange(() => grantTeamProject(session.store, session.user, org, team, project, role), a => `Team "${team}" has ${a.role} access to "${project}".`);
}

export async function revokeTeamProjectAccess(session: HubSession, subject?: Subject) {
  const org = await pickOrg(session, subject, 'team.manage', 'Revoke Team Access');
  if (!org || !subject?.team || !subject.project) return;
  const { team, project } = subject;
  return applyChange(() => revokeTeamProject(session.store, session.user, org, team, project), () => `Team "${team}" no longer has access to "${project}".`);
}

function quotaProblem(value: string): string | undefined {
  return value.trim() === '' || /^\d+$/.test(value.trim()) ? undefined : 'A whole number, or empty for no limit.';
}

/** Registry quotas of a team: storage in bytes and number of model versions; empty = unlimited. */
export async function setTeamQuotaCommand(session: HubSession, subject?: Subject & { storageBytes?: number | null; modelVersions?: number | null }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Set Team Quota');
  const team = org && await pickTeam(session, org, subject);
  if (!org || !team) return;
  let { storageBytes, modelVersions } = subject ?? {};
  if (storageBytes === undefined && modelVersions === undefined) {
    const current = (await teamsOf(session, org)).find(t => t.name === team)?.quota ?? {};
    const storage = await vscode.window.showInputBox({ title: `Quota of ${team}: registry storage`, prompt: 'Bytes (empty = no limit)', value: current.storageBytes?.toString() ?? '', validateInput: quotaProblem });
    if (storage === undefined) return;
    const versions = await vscode.window.showInputBox({ title: `Quota of ${team}: model versions`, prompt: 'Number of model versions (empty = no limit)', value: current.modelVersions?.toString() ?? '', validateInput: quotaProblem });
    if (versions === undefined) return;
    storageBytes = storage.trim() ? Number(storage) : null;
    modelVersions = versions.trim() ? Number(versions) : null;
  }
  const quota = { storageBytes, modelVersions };
  return applyChange(() => setTeamQuota(session.store, session.user, org, team, quota), () => `Quota of team "${team}" saved.`);
}

export async function editTeamDescription(session: HubSession, subject?: Subject) {
  const org = await pickOrg(session, subject, 'team.manage', 'Edit Team');
  const team = org && await pickTeam(session, org, subject);
  if (!org || !team) return;
  const description = await askText(`Description of team ${team}`, 'What this team works on', (await teamsOf(session, org)).find(t => t.name === team)?.description);
  if (description === undefined) return;
  return applyChange(() => updateTeam(session.store, session.user, org, team, { description }), () => `Team "${team}" saved.`);
}
