import * as vscode from 'vscode';
import { keyRef, type HubClient } from '../../../core/client';
import { resolveVersion, type VersionTarget } from '../targets';

/** Copy hubRef: `org/name:version`, ready for an operation's `hubRef:`. */
export async function copyRef(hub: HubClient, target?: VersionTarget): Promise<string | undefined> {
  const key = await resolveVersion(hub, target, 'Copy hubRef');
  if (!key) return undefined;
  const ref = keyRef(key);
  await vscode.env.clipboard.writeText(ref);
  void vscode.window.setStatusBarMessage(`Copied hubRef ${ref}`, 4000);
  return ref;
}
