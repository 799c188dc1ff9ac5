import * as vscode from 'vscode';
import type { HubSession } from '../hubSession';
import { OrgPage } from '../panels/orgPage';
import { createOrganization } from './org/createOrganization';
import { openStoreFile } from './store/openStoreFile';

/** Every command of the extension, wired in one place; each lives in its own module. */
export function registerCommands(context: vscode.ExtensionContext, session: HubSession): void {
  const register = (id: string, run: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('polyaxonHub.org.create', (args?: { name?: string; description?: string }) => createOrganization(session, args));
  register('polyaxonHub.org.open', (target?: string | { org: { name: string } }) => {
    const name = typeof target === 'string' ? target : target?.org.name;
    if (name) OrgPage.show(session, context.extensionUri, name);
  });
  register('polyaxonHub.refresh', () => session.refresh());
  register('polyaxonHub.store.open', () => openStoreFile(session));
}
