import type * as vscode from 'vscode';
import { registerHub } from './features/hub/register';
import { registerOrgs } from './features/orgs/register';
import { registerRegistry } from './features/registry/register';
import { BackendStatus } from './host/backendStatus';
import { CapabilityContext } from './host/capabilities';
import { registerGettingStarted } from './host/gettingStarted';
import { registerHubLog } from './host/hubLog';
import { OrganizationContext } from './host/orgContext';
import { registerServerCommands } from './host/serverSignIn';
import { HubSession } from './host/session';

/** Builds the session, then registers each feature. Nothing else happens here. */
export function activate(context: vscode.ExtensionContext) {
  const session = new HubSession(context.globalStorageUri.fsPath, context.secrets, context.workspaceState);
  registerHubLog(context, session);
  const backendStatus = new BackendStatus(session);
  const capabilities = new CapabilityContext(session);
  const orgContext = new OrganizationContext(session);
  context.subscriptions.push(session, backendStatus, capabilities, orgContext);
  registerServerCommands(context, session);
  registerGettingStarted(context);
  const orgs = registerOrgs(context, session);
  registerHub(context, session);
  const registry = registerRegistry(context, session);
  // what in-host tests reach: the session, the status bar and when-clause context, the log, and each feature's views and pages
  return { session, backendStatus, capabilities, orgContext, orgs, registry, logUri: context.logUri };
}

export function deactivate(): void {}
