import * as vscode from 'vscode';
import { hubLog } from './hubLog';

let lastShown = '';

/** Tells the user once (per distinct message) that the store cannot be read, with the ways out. */
export function reportStoreError(error: unknown, location: string): void {
  const message = error instanceof Error ? error.message : String(error);
  if (message === lastShown) return;
  lastShown = message;
  void vscode.window.showErrorMessage(`Polyaxon Hub: ${message}`, 'Open Store File', 'Restore from Backup').then(choice => {
    if (choice === 'Open Store File') void vscode.commands.executeCommand('polyaxonHub.store.open');
    if (choice === 'Restore from Backup') void vscode.commands.executeCommand('polyaxonHub.store.restore');
  });
  hubLog().error(`store ${location} cannot be read: ${message}`);
}

/** Clears the memory of the last error so the next failure is reported again. */
export function clearStoreError(): void {
  lastShown = '';
}
