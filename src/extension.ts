import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { registerHub } from './features/hub/register';
import { registerRegistry } from './features/registry/register';
import { HubSession } from './host/session';
import { ORG_PAGE_VIEW_TYPE, OrgPage } from './panels/orgPage';
import { createIdentityStatus } from './views/identityStatus';
import { OrganizationsTree } from './views/organizationsTree';

/** Builds the session, then registers views, commands and panels. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext): { session: HubSession; registry: ReturnType<typeof registerRegistry> } {
  const session = new HubSession(context.globalStorageUri.fsPath);
  const organizations = new OrganizationsTree(session);
  context.subscriptions.push(
    session,
    organizations,
    vscode.window.createTreeView('polyaxonHub.organizations', { treeDataProvider: organizations, showCollapseAll: true }),
    createIdentityStatus(session),
    vscode.window.registerWebviewPanelSerializer(ORG_PAGE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state?: { org?: string }) {
        if (state?.org) OrgPage.revive(panel, session, context.extensionUri, state.org);
        else panel.dispose();
      },
    }),
  );
  registerCommands(context, session);
  registerHub(context, session);
  const registry = registerRegistry(context, session);
  return { session, registry };
}

export function deactivate(): void {}
