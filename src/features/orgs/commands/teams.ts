import * as vscode from 'vscode';
import { PROJECT_ROLES } from '../../../core/client';
import { usernameProblem } from '../../../core/names';
import { formatBytes, formatQuotaBytes, parseByteSize } from '../../../core/units';
import { plural } from '../../../core/plural';
import type { HubSession } from '../../../host/session';
import { applyChange, askName, askText, confirm, pickOrg, pickRecord, pickRole, type Subject } from '../../../host/prompts';

async function teamNames(session: HubSession, org: string): Promise<string[]> {
  return (await session.hub.teams.list(org)).map(t => t.name);
}

async function pickTeam(session: HubSession, org: string, subject?: Subject): Promise<string | undefined> {
  return pickRecord(subject?.team, () => session.hub.teams.list(org), 'teams', org, { title: `Team of ${org}` });
}

export async function createOrganizationTeam(session: HubSession, subject?: Subject & { name?: string; description?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Create Team');
  if (!org) return;
  const name = subject?.name ?? (await askName(`New team in ${org}`, 'team name', { taken: await teamNames(session, org) }));
  if (!name) return;
  return applyChange(
    () => session.hub.teams.create(org, name, subject?.description ?? ''),
    t => `Team "${t.name}" created in "${org}".`,
  );
}

export async function renameOrganizationTeam(session: HubSession, subject?: Subject & { newName?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Rename Team');
  const team = org && (await pickTeam(session, org, subject));
  if (!org || !team) return;
  const newName = subject?.newName ?? (await askName(`Rename team ${team}`, 'team name', { value: team, taken: await teamNames(session, org) }));
  if (!newName || newName === team) return;
  return applyChange(
    () => session.hub.teams.rename(org, team, newName),
    t => `Team "${team}" is now "${t.name}"; projects restricted to it follow.`,
  );
}

export async function deleteOrganizationTeam(session: HubSession, subject?: Subject & { confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Delete Team');
  const team = org && (await pickTeam(session, org, subject));
  if (!org || !team) return;
  if (
    !subject?.confirmed &&
    !(await confirm(`Delete the team "${team}"?`, 'Its members keep their org roles; projects restricted to it stop being restricted to it.', 'Delete'))
  ) {
    return;
  }
  return applyChange(
    () => session.hub.teams.delete(org, team),
    () => `Team "${team}" deleted.`,
  );
}

export async function addTeamMember(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Add Team Member');
  const team = org && (await pickTeam(session, org, subject));
  if (!org || !team) return;
  const user =
    subject?.user ??
    (
      await vscode.window.showInputBox({
        title: `Add a member to team ${team}`,
        prompt: 'Username (someone outside the org joins it as outsider)',
        validateInput: v => usernameProblem(v.trim()),
      })
    )?.trim();
  if (!user) return;
  const role = subject?.role ?? (await pickRole(`Role of ${user} in team ${team}`, PROJECT_ROLES, { suggested: 'member' }));
  if (!role) return;
  return applyChange(
    () => session.hub.teams.setMember(org, team, user, role),
    () => `${user} is ${role} in team "${team}".`,
  );
}

export async function removeTeamMemberCommand(session: HubSession, subject?: Subject) {
  const org = await pickOrg(session, subject, 'team.manage', 'Remove Team Member');
  const team = org && (await pickTeam(session, org, subject));
  if (!org || !team || !subject?.user) return;
  const user = subject.user;
  return applyChange(
    () => session.hub.teams.removeMember(org, team, user),
    () => `${user} left team "${team}".`,
  );
}

export async function grantTeamProjectAccess(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Grant Team Access to a Project');
  const team = org && (await pickTeam(session, org, subject));
  if (!org || !team) return;
  const project = await pickRecord(subject?.project, () => session.hub.projects.list(org), 'projects', org, { title: `Project team ${team} gets access to` });
  if (!project) return;
  const role = subject?.role ?? (await pickRole(`Role of team ${team} on ${project}`, PROJECT_ROLES, { suggested: 'member' }));
  if (!role) return;
  return applyChange(
    () => session.hub.teams.grant(org, team, project, role),
    () => `Team "${team}" has ${role} access to "${project}".`,
  );
}

export async function revokeTeamProjectAccess(session: HubSession, subject?: Subject) {
  const org = await pickOrg(session, subject, 'team.manage', 'Revoke Team Access');
  if (!org || !subject?.team || !subject.project) return;
  const { team, project } = subject;
  return applyChange(
    () => session.hub.teams.revoke(org, team, project),
    () => `Team "${team}" no longer has access to "${project}".`,
  );
}

function countProblem(value: string): string | undefined {
  return value.trim() === '' || /^\d+$/.test(value.trim()) ? undefined : 'A whole number, or empty for no limit.';
}

/** A storage quota as people write it (`5 GB`, `10GiB`, `500MB`, bytes): the one parser the CLI uses too. */
function storageProblem(value: string): string | undefined {
  return value.trim() === '' ? undefined : parseByteSize(value).problem;
}

/** Registry quotas of a team: storage (human units) and number of model versions; empty = unlimited. */
export async function setTeamQuotaCommand(session: HubSession, subject?: Subject & { storageBytes?: number | null; modelVersions?: number | null }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Set Team Quota');
  const team = org && (await pickTeam(session, org, subject));
  if (!org || !team) return;
  let { storageBytes, modelVersions } = subject ?? {};
  if (storageBytes === undefined && modelVersions === undefined) {
    const current = await session.hub.teams.get(org, team);
    const used = current.usage;
    const storage = await vscode.window.showInputBox({
      title: `Quota of ${team}: registry storage`,
      prompt: `A size such as 5 GB, 10GiB or 500MB; empty = no limit${used ? ` (it uses ${formatBytes(used.storageBytes, { exact: false })} now)` : ''}`,
      value: current.quota.storageBytes === undefined ? '' : formatQuotaBytes(current.quota.storageBytes, current.quota.storageBytes, { exact: false }),
      placeHolder: 'no limit',
      ignoreFocusOut: true,
      validateInput: storageProblem,
    });
    if (storage === undefined) return;
    const versions = await vscode.window.showInputBox({
      title: `Quota of ${team}: model versions`,
      prompt: `Number of model versions; empty = no limit${used ? ` (it has ${plural(used.modelVersions, 'model version')} now)` : ''}`,
      value: current.quota.modelVersions?.toString() ?? '',
      placeHolder: 'no limit',
      ignoreFocusOut: true,
      validateInput: countProblem,
    });
    if (versions === undefined) return;
    storageBytes = storage.trim() ? (parseByteSize(storage).bytes ?? null) : null;
    modelVersions = versions.trim() ? Number(versions) : null;
  }
  const quota = { storageBytes, modelVersions };
  return applyChange(
    () => session.hub.teams.setQuota(org, team, quota),
    q =>
      `Quota of team "${team}": ${q.storageBytes === undefined ? 'no storage limit' : `${formatQuotaBytes(q.storageBytes, q.storageBytes, { exact: false })} of registry storage`}, ${
        q.modelVersions === undefined ? 'no version limit' : plural(q.modelVersions, 'model version')
      }.`,
  );
}

export async function editTeamDescription(session: HubSession, subject?: Subject & { description?: string }) {
  const org = await pickOrg(session, subject, 'team.manage', 'Edit Team');
  const team = org && (await pickTeam(session, org, subject));
  if (!org || !team) return;
  const description =
    subject?.description ?? (await askText(`Description of team ${team}`, 'What this team works on', (await session.hub.teams.get(org, team)).description));
  if (description === undefined) return;
  return applyChange(
    () => session.hub.teams.update(org, team, { description }),
    () => `Team "${team}" saved.`,
  );
}
