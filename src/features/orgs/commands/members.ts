import * as vscode from 'vscode';
import { ORG_ROLES } from '../../../core/client';
import { usernameProblem } from '../../../core/names';
import type { HubSession } from '../../../host/session';
import { applyChange, confirm, pickOrg, pickRecord, pickRole, type Subject } from '../../../host/prompts';

async function pickMember(session: HubSession, org: string, subject: Subject | undefined, title: string): Promise<string | undefined> {
  return pickRecord(subject?.user, async () => (await session.hub.members.list(org)).map(m => ({ name: m.user, description: m.role })), 'members', org, {
    title,
  });
}

/** Adds a user (an unknown username becomes an invitation record) with a role no higher than the adder's. */
export async function addOrganizationMember(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'member.manage', 'Add Member');
  if (!org) return;
  const hub = session.hub;
  const members = new Set((await hub.members.list(org)).map(m => m.user));
  const user =
    subject?.user ??
    (
      await vscode.window.showInputBox({
        title: `Add a member to ${org}`,
        prompt: 'Username (a new username is invited)',
        ignoreFocusOut: true,
        validateInput: v => usernameProblem(v.trim()) ?? (members.has(v.trim().toLowerCase()) ? `${v.trim()} is already a member.` : undefined),
      })
    )?.trim();
  if (!user) return;
  const role = subject?.role ?? (await pickRole(`Role of ${user} in ${org}`, ORG_ROLES, { suggested: 'member' }));
  if (!role) return;
  return applyChange(
    () => hub.members.add(org, user, role),
    m => `${m.user} joined "${org}" as ${m.role}.`,
  );
}

export async function changeMemberRole(session: HubSession, subject?: Subject & { role?: string }) {
  const org = await pickOrg(session, subject, 'member.manage', 'Change Member Role');
  if (!org) return;
  const hub = session.hub;
  const user = await pickMember(session, org, subject, `Member of ${org}`);
  if (!user) return;
  const current = (await hub.members.list(org)).find(m => m.user === user)?.role;
  const role = subject?.role ?? (await pickRole(`New role of ${user} in ${org}`, ORG_ROLES, { current }));
  if (!role) return;
  return applyChange(
    () => hub.members.setRole(org, user, role),
    m => `${m.user} is now ${m.role} of "${org}".`,
  );
}

/** Removes a member, or leaves the org when the member is the current user. */
export async function removeOrganizationMember(session: HubSession, subject?: Subject & { confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'member', 'Remove Member or Leave');
  if (!org) return;
  const user = await pickMember(session, org, subject, `Remove a member of ${org}`);
  if (!user) return;
  const me = user === session.hub.user.username;
  if (
    !subject?.confirmed &&
    !(await confirm(
      me ? `Leave "${org}"?` : `Remove ${user} from "${org}"?`,
      'They also leave its teams and lose their roles on its projects.',
      me ? 'Leave' : 'Remove',
    ))
  ) {
    return;
  }
  return applyChange(
    () => session.hub.members.remove(org, user),
    () => (me ? `You left "${org}".` : `${user} removed from "${org}".`),
  );
}
