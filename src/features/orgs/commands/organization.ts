import * as vscode from 'vscode';
import type { HubSession } from '../../../host/session';
import { applyChange, askName, askText, confirm, pickOrg, type Subject } from '../../../host/prompts';

export interface CreateOrganizationArgs {
  name?: string;
  description?: string;
}

/** Polyaxon: Create Organization — asks for a name (checked as you type); the creator becomes its owner. */
export async function createOrganization(session: HubSession, args: CreateOrganizationArgs = {}): Promise<string | undefined> {
  const hub = session.hub;
  const name = args.name ?? (await askName('Create Organization', 'organization name', { taken: n => hub.orgs.isNameTaken(n), placeHolder: 'acme-ml' }));
  if (name === undefined) return undefined;
  const org = await applyChange(
    () => hub.orgs.create(name.trim(), { description: args.description ?? '' }),
    o => `Organization "${o.name}" created; you are its owner.`,
  );
  // the first org someone makes (or any, while none is active) becomes the one the palette offers first
  if (org && !session.activeOrg.name) await session.activeOrg.set(org.name);
  return org?.name;
}

export async function renameOrganization(session: HubSession, subject?: Subject & { newName?: string }) {
  const org = await pickOrg(session, subject, 'org.rename', 'Rename Organization');
  if (!org) return;
  const hub = session.hub;
  const newName = subject?.newName ?? (await askName(`Rename ${org}`, 'organization name', { value: org, taken: n => hub.orgs.isNameTaken(n) }));
  if (!newName || newName === org) return;
  return applyChange(
    () => hub.orgs.rename(org, newName),
    o => `Organization "${org}" is now "${o.name}"; its teams, projects and components moved with it.`,
  );
}

export async function editOrganizationDescription(session: HubSession, subject?: Subject & { description?: string }) {
  const org = await pickOrg(session, subject, 'org.settings', 'Edit Organization Description');
  if (!org) return;
  const hub = session.hub;
  const description = subject?.description ?? (await askText(`Description of ${org}`, 'What this organization is for', (await hub.orgs.get(org)).description));
  if (description === undefined) return;
  return applyChange(
    () => hub.orgs.update(org, { description }),
    () => `Description of "${org}" saved.`,
  );
}

export async function setOrganizationVisibility(session: HubSession, subject?: Subject & { isPublic?: boolean }) {
  const org = await pickOrg(session, subject, 'org.visibility', 'Change Organization Visibility');
  if (!org) return;
  let isPublic = subject?.isPublic;
  if (isPublic === undefined) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Private', detail: 'Only members see it', value: false },
        { label: 'Public', detail: 'Everyone using this store sees it and its public projects', value: true },
      ],
      { title: `Visibility of ${org}` },
    );
    if (!picked) return;
    isPublic = picked.value;
  }
  const value = isPublic;
  return applyChange(
    () => session.hub.orgs.setVisibility(org, value),
    o => `"${o.name}" is now ${o.isPublic ? 'public' : 'private'}.`,
  );
}

/** "3 teams, 2 projects": what a delete takes with it. */
export function describeHoldings(holdings: Record<string, number>): string {
  return Object.entries(holdings)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}

/** Deleting an org that still holds teams, projects or components asks a second, explicit question. */
export async function deleteOrganization(session: HubSession, subject?: Subject & { cascade?: boolean; confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'org.delete', 'Delete Organization');
  if (!org) return;
  const hub = session.hub;
  const held = describeHoldings(await hub.orgs.holdings(org));
  let cascade = subject?.cascade ?? false;
  if (!subject?.confirmed) {
    const detail = held
      ? `It holds ${held}. They are deleted with it. This cannot be undone (the store keeps backups of earlier states).`
      : 'This cannot be undone (the store keeps backups of earlier states).';
    if (!(await confirm(`Delete the organization "${org}"?`, detail, held ? 'Delete Everything' : 'Delete'))) return;
    cascade = held !== '';
  }
  return applyChange(
    () => hub.orgs.delete(org, { cascade }),
    () => `Organization "${org}" deleted.`,
  );
}
