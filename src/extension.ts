import type * as vscode from 'vscode';
import { registerHub } from './features/hub/register';
import { registerOrgs } from './features/orgs/register';
import { registerRegistry } from './features/registry/register';
import { BackendStatus } from './host/backendStatus';
import { registerServerCommands } from './host/serverSignIn';
import { HubSession } from './host/session';

/** Builds the session, then registers each feature. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext) {
  const session = new HubSession(context.globalStorageUri.fsPath, context.secrets);
  context.subscriptions.push(session, new BackendStatus(session));
  registerServerCommands(context, session);
  const orgs = registerOrgs(context, session);
  registerHub(context, session);
  const registry = registerRegistry(context, session);
  // what in-host tests reach: the session, and each feature's views and pages
  return { session, orgs, registry };
}

export function deactivate(): void {}
