import * as vscode from 'vscode';
import { isRecoverable } from '../../core/store/store';
import type { HubSession } from '../../host/session';
import { clearStoreError } from '../../host/storeErrors';
import { showError } from '../../host/showError';

/**
 * Lists the store's backups (newest first, damaged ones marked) and restores the chosen one; the replaced
 * file is kept. `{ newest: true }` restores the newest good backup without asking.
 */
export async function restoreStore(session: HubSession, subject?: { backup?: string; newest?: boolean }): Promise<string | undefined> {
  const store = session.store;
  if (!isRecoverable(store)) {
    void vscode.window.showInformationMessage(`The store at ${store.location} keeps no backups here.`);
    return undefined;
  }
  try {
    let name = subject?.backup;
    if (!name && !subject?.newest) {
      const backups = await store.listBackups();
      if (!backups.length) {
        void vscode.window.showWarningMessage(`There is no backup of ${store.location} yet. Open the file to mend it by hand, or move it away to start afresh.`);
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(backups.map(b => ({
        label: b.name, description: `${new Date(b.modifiedAt).toLocaleString()} · ${b.size} bytes`,
        detail: b.ok ? `schema version ${b.schemaVersion}` : `cannot be restored: ${b.problem}`, backup: b,
      })), { title: 'Restore the Polyaxon Hub store from a backup', placeHolder: 'Backups, newest first' });
      if (!picked) return undefined;
      if (!picked.backup.ok) {
        void vscode.window.showErrorMessage(`${picked.backup.name} cannot be restored: ${picked.backup.problem}`);
        return undefined;
      }
      name = picked.backup.name;
    }
    const { restored, keptCurrentAs } = await store.restoreBackup(name);
    clearStoreError();
    const kept = keptCurrentAs ? ` The file it replaced is kept as ${keptCurrentAs}.` : '';
    void vscode.window.showInformationMessage(`Store restored from ${restored.name}.${kept}`);
    return restored.name;
  } catch (error) {
    return showError(error);
  }
}
