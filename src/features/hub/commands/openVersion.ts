import * as vscode from 'vscode';
import type { HubClient } from '../../../core/client';
import { versionUri } from '../editor/hubDocuments';
import { resolveVersion, type VersionTarget } from '../targets';

/** Open Version (read-only): the stored content under the polyaxon-hub: scheme, so it can never be edited by mistake. */
export async function openVersion(hub: HubClient, target?: VersionTarget): Promise<vscode.TextEditor | undefined> {
  const key = await resolveVersion(hub, target, 'Open Published Version');
  if (!key) return undefined;
  const doc = await vscode.workspace.openTextDocument(versionUri(key));
  // the .yaml path gives it the YAML language; say so explicitly when no YAML extension claimed it
  const shown = doc.languageId === 'yaml' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
  return await vscode.window.showTextDocument(shown, { preview: true });
}
