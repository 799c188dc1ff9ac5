import * as vscode from 'vscode';
import type { Actor } from '../core/orgs';
import { resolveCurrentUser } from '../core/currentUser';

/** The current user: the `polyaxonHub.user` setting, else git's user, else the OS user (same rule as the CLI). */
export function currentActor(): Actor {
  const configured = vscode.workspace.getConfiguration('polyaxonHub').get<string>('user', '').trim();
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return resolveCurrentUser({ configured, cwd });
}
