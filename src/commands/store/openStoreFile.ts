import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { HubSession } from '../../host/session';

/** Opens the store's JSON file in an editor, so a user can see (and if they must, mend) what is in it. */
export async function openStoreFile(session: HubSession): Promise<void> {
  const location = session.store.location;
  if (!fs.existsSync(location)) {
    void vscode.window.showInformationMessage(`The store ${location} has not been written yet: it is created with the first organization.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(location), { preview: false });
}
