import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { HubError } from '../../../core/client';
import { confirm } from '../../../host/prompts';
import type { HubSession } from '../../../host/session';
import { clearStoreError } from '../../../host/storeErrors';
import { showError } from '../../../host/showError';

/** Opens the store's JSON file in an editor, so a user can see (and if they must, mend) what is in it. */
export async function openStoreFile(session: HubSession): Promise<void> {
  const location = session.hub.location;
  if (!fs.existsSync(location)) {
    void vscode.window.showInformationMessage(`The store ${location} has not been written yet: it is created with the first organization.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(location), { preview: false });
}

/**
 * Lists the store's backups (newest first, damaged ones marked) and restores the chosen one; the replaced
 * file is kept. `{ newest: true }` restores the newest good backup without asking which. It goes through
 * hub.backups.restore: an admin act on every org it changes, audited there; a store that is still readable is
 * replaced only once the user confirms (`confirmed: true` skips the question).
 */
export async function restoreStore(session: HubSession, subject?: { backup?: string; newest?: boolean; confirmed?: boolean }): Promise<string | undefined> {
  const { backups, location } = session.hub;
  if (!backups) {
    void vscode.window.showInformationMessage(`The store at ${location} keeps no backups here.`);
    return undefined;
  }
  try {
    let name = subject?.backup;
    if (!name && !subject?.newest) {
      const kept = await backups.list();
      if (!kept.length) {
        void vscode.window.showWarningMessage(`There is no backup of ${location} yet. Open the file to mend it by hand, or move it away to start afresh.`);
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        kept.map(b => ({
          label: b.name,
          description: `${new Date(b.modifiedAt).toLocaleString()} · ${b.size} bytes`,
          detail: b.ok ? `schema version ${b.schemaVersion}` : `cannot be restored: ${b.problem}`,
          backup: b,
        })),
        { title: 'Restore the Polyaxon Hub store from a backup', placeHolder: 'Backups, newest first' },
      );
      if (!picked) return undefined;
      if (!picked.backup.ok) {
        void vscode.window.showErrorMessage(`${picked.backup.name} cannot be restored: ${picked.backup.problem}`);
        return undefined;
      }
      name = picked.backup.name;
    }
    let done;
    try {
      done = await backups.restore(name, { confirmed: subject?.confirmed === true });
    } catch (e) {
      if (!(e instanceof HubError && e.code === 'needs-confirmation')) throw e;
      const detail = e.message.replace(/ Confirm to restore\.$/, '');
      if (!(await confirm('Restore the Polyaxon Hub store from a backup?', detail, 'Restore'))) return undefined;
      done = await backups.restore(name, { confirmed: true });
    }
    const { restored, keptCurrentAs } = done;
    clearStoreError();
    const kept = keptCurrentAs ? ` The file it replaced is kept as ${keptCurrentAs}.` : '';
    void vscode.window.showInformationMessage(`Store restored from ${restored.name}.${kept}`);
    return restored.name;
  } catch (error) {
    return showError(error);
  }
}
