import * as vscode from 'vscode';
import { findOrg } from '../../core/access';
import { deleteOrg, orgHoldings, renameOrg, setOrgVisibility, updateOrg } from '../../core/orgs';
import type { HubSession } from '../../host/session';
import { applyChange, askName, askText, confirm, pickOrg, type Subject } from '../../host/prompts';

export async function renameOrganization(session: HubSession, subject?: Subject & { newName?: string }) {
  const org = await pickOrg(session, subject, 'org.rename', 'Rename Organization');
  if (!org) return;
  const taken = (await session.store.read()).orgs.map(o => o.name).filter(n => n !== org);
  const newName = subject?.newName ?? await askName(`Rename ${org}`, 'organization name', { value: org, taken });
  if (!newName || newName === org) return;
  return applyChange(() => renameOrg(session.store, session.user, org, newName),
    o => `Organization "${org}" is now "${o.name}"; its teams, projects and components moved with it.`);
}

export async function editOrganizationDescription(session: HubSession, subject?: Subject & { description?: string }) {
  const org = await pickOrg(session, subject, 'org.settings', 'Edit Organization Description');
  if (!org) return;
  const current = findOrg(await session.store.read(), org).description;
  const description = subject?.description ?? await askText(`Description of ${org}`, 'What this organization is for', current);
  if (description === undefined) return;
  return applyChange(() => updateOrg(session.store, session.user, org, { description }), () => `Description of "${org}" saved.`);
}

export async function setOrganizationVisibility(session: HubSession, subject?: Subject & { isPublic?: boolean }) {
  const org = await pickOrg(session, subject, 'org.visibility', 'Change Organization Visibility');
  if (!org) return;
  let isPublic = subject?.isPublic;
  if (isPublic === undefined) {
    const picked = await vscode.window.showQuickPick([
      { label: 'Private', detail: 'Only members see it', value: false },
      { label: 'Public', detail: 'Everyone using this store sees it and its public projects', value: true },
    ], { title: `Visibility of ${org}` });
    if (!picked) return;
    isPublic = picked.value;
  }
  const value = isPublic;
  return applyChange(() => setOrgVisibility(session.store, session.user, org, value), o => `"${o.name}" is now ${o.isPublic ? 'public' : 'private'}.`);
}

/** Deleting an org that still holds teams, projects or components asks a second, explicit question. */
export async function deleteOrganization(session: HubSession, subject?: Subject & { cascade?: boolean; confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'org.delete', 'Delete Organization');
  if (!org) return;
  const holdings = orgHoldings(await session.store.read(), org);
  const held = Object.entries(holdings).map(([k, n]) => `${n} ${k}`).join(', ');
  let cascade = subject?.cascade ?? false;
  if (!subject?.confirmed) {
    const detail = held
      ? `It holds ${held}. They are deleted with it. This cannot be undone (the store keeps backups of earlier states).`
      : 'This cannot be undone (the store keeps backups of earlier states).';
    if (!await confirm(`Delete the organization "${org}"?`, detail, held ? 'Delete Everything' : 'Delete')) return;
    cascade = held !== '';
  }
  return applyChange(() => deleteOrg(session.store, session.user, org, { cascade }), () => `Organization "${org}" deleted.`);
}
