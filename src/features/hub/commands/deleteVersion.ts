import * as vscode from 'vscode';
import { keyRef, type HubClient } from '../../../core/client';
import { resolveVersion, type VersionTarget } from '../targets';

/** Delete Version (admins): asks first unless `{ confirm: true }` is passed by a script. */
export async function deleteVersion(hub: HubClient, target?: VersionTarget, args: { confirm?: boolean } = {}): Promise<boolean> {
  const key = await resolveVersion(hub, target, 'Delete Published Version');
  if (!key) return false;
  const ref = keyRef(key);
  if (!args.confirm) {
    const choice = await vscode.window.showWarningMessage(
      `Delete ${ref}?`,
      {
        modal: true,
        detail: 'Operations whose hubRef names this version will no longer resolve. The deletion is recorded in the audit log; the content is not kept.',
      },
      'Delete',
    );
    if (choice !== 'Delete') return false;
  }
  const { componentRemoved } = await hub.components.deleteVersion(key);
  void vscode.window.showInformationMessage(
    `Deleted ${ref}${componentRemoved ? `; it was the last version, so ${key.org}/${key.component} is gone too` : ''}.`,
  );
  return true;
}
