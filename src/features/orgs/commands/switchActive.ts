import * as vscode from 'vscode';
import type { HubSession } from '../../../host/session';
import type { Subject } from '../../../host/prompts';

const CREATE = '$(add) Create Organization…';

/**
 * Switch Active Organization (the status bar's click): a quick pick of the orgs the user can see, the active one
 * first; the choice is remembered for the workspace and the palette's org pickers offer it first. With no org yet,
 * it offers to create one. Returns the active org.
 */
export async function switchActiveOrganization(session: HubSession, subject?: Subject): Promise<string | undefined> {
  if (subject?.org) {
    await session.hub.orgs.get(subject.org);
    await session.activeOrg.set(subject.org);
    return subject.org;
  }
  const active = session.activeOrg.name;
  const orgs = await session.hub.orgs.list();
  const items: vscode.QuickPickItem[] = [
    ...[...orgs.filter(o => o.name === active), ...orgs.filter(o => o.name !== active)].map(o => ({
      label: o.name,
      description: [o.role ?? 'public', o.name === active ? 'active' : ''].filter(Boolean).join(' · '),
      detail: o.description || undefined,
    })),
    { label: CREATE, alwaysShow: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Switch Active Organization',
    placeHolder: orgs.length ? 'The organization the palette offers first' : 'No organization yet',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.label === CREATE) {
    const created = await vscode.commands.executeCommand<string | undefined>('polyaxonHub.org.create');
    if (created) await session.activeOrg.set(created);
    return created ?? active;
  }
  await session.activeOrg.set(picked.label);
  return picked.label;
}
