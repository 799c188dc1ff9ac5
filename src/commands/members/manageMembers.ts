import { findOrg } from '../../core/access';
import { ORG_ROLES } from '../../core/model';
import { usernameProblem } from '../../core/names';
import { addMember, removeMember, setMemberRole } from '../../core/orgs';
import type { HubSession } from '../../host/session';
import * as vscode from 'vscode';
import { applyChange, confirm, pickOrg, pickRole, type Subject } from '../../host/prompts';

/** Adds a user (an unknown username becomes an invitation record) with a role no higher than the adder's. */
export async function addOrganizationMember(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'member.manage', 'Add Member');
  if (!org) return;
  const members = new Set(findOrg(await session.store.read(), org).members.map(m => m.user));
  const user = subject?.user ?? (await vscode.window.showInputBox({
    title: `Add a member to ${org}`, prompt: 'Username (a new username is invited)', ignoreFocusOut: true,
    validateInput: v => usernameProblem(v.trim()) ?? (members.has(v.trim().toLowerCase()) ? `${v.trim()} is already a member.` : undefined),
  }))?.trim();
  if (!user) return;
  const role = subject?.role ?? await pickRole(`Role of ${user} in ${org}`, ORG_ROLES, 'member');
  if (!role) return;
  return applyChange(() => addMember(session.store, session.user, org, user, role), m => `${m.user} joined "${org}" as ${m.role}.`);
}

export async function changeMemberRole(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'member.manage', 'Change Member Role');
  if (!org) return;
  const record = findOrg(await session.store.read(), org);
  const user = subject?.user ?? (await vscode.window.showQuickPick(record.members.map(m => ({ label: m.user, description: m.role })), { title: `Member of ${org}` }))?.label;
  if (!user) return;
  const role = subject?.role ?? await pickRole(`New role of ${user} in ${org}`, ORG_ROLES, record.members.find(m => m.user === user)?.role);
  if (!role) return;
  return applyChange(() => setMemberRole(session.store, session.user, org, user, role), m => `${m.user} is now ${m.role} of "${org}".`);
}

/** Removes a member, or leaves the org when the member is the current user. */
export async function removeOrganizationMember(session: HubSession, subject?: Subject & { confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'member', 'Remove Member or Leave');
  if (!org) return;
  const record = findOrg(await session.store.read(), org);
  const user = subject?.user ?? (await vscode.window.showQuickPick(record.members.map(m => ({ label: m.user, description: m.role })), { title: `Remove a member of ${org}` }))?.label;
  if (!user) return;
  const me = user === session.user.username;
  if (!subject?.confirmed && !await confirm(me ? `Leave "${org}"?` : `Remove ${user} from "${org}"?`,
    'They also leave its teams and lose their roles on its projects.', me ? 'Leave' : 'Remove')) return;
  return applyChange(() => removeMember(session.store, session.user, org, user), () => me ? `You left "${org}".` : `${user} removed from "${org}".`);
}
