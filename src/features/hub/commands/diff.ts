import * as path from 'node:path';
import * as vscode from 'vscode';
import { keyRef, type HubClient, type VersionKey } from '../../../core/client';
import { versionUri } from '../editor/hubDocuments';
import { VersionItem } from '../tree';
import { keyOf, resolveVersion, versionItems, type VersionTarget } from '../targets';

/**
 * Compare Two Versions. From the tree with two versions selected, those two; with one, the user picks
 * the other (versions of the same component first). Scripts pass `{ left, right }`.
 */
export async function diffVersions(
  hub: HubClient,
  first?: VersionTarget | { left: VersionTarget; right: VersionTarget },
  selection?: unknown,
): Promise<boolean> {
  let left: VersionKey | undefined;
  let right: VersionKey | undefined;
  if (first && typeof first === 'object' && 'left' in first) {
    left = keyOf(first.left);
    right = keyOf(first.right);
  } else if (Array.isArray(selection) && selection.length === 2 && selection.every(s => s instanceof VersionItem)) {
    [left, right] = (selection as VersionItem[]).map(s => s.key);
  } else {
    left = await resolveVersion(hub, first as VersionTarget, 'Compare Versions: first version');
    if (!left) return false;
    const base = left;
    const sameComponent = (k: VersionKey) => k.org === base.org && k.component === base.component;
    const items = await versionItems(hub);
    const same = items.filter(i => sameComponent(i.key) && i.key.version !== base.version);
    const others = items.filter(i => !sameComponent(i.key));
    const picked = await vscode.window.showQuickPick(
      [...same, ...(same.length && others.length ? [{ label: 'other components', kind: vscode.QuickPickItemKind.Separator, key: base }] : []), ...others],
      { title: `Compare ${keyRef(base)} with…`, placeHolder: 'org/component:version' },
    );
    right = picked?.key;
  }
  if (!left || !right) return false;
  await vscode.commands.executeCommand('vscode.diff', versionUri(left), versionUri(right), `${keyRef(left)} ↔ ${keyRef(right)}`);
  return true;
}

async function pickWorkspaceFile(title: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', 500);
  const browse = { label: '$(folder-opened) Browse…', uri: undefined as vscode.Uri | undefined };
  const picked = await vscode.window.showQuickPick(
    [...files.map(uri => ({ label: vscode.workspace.asRelativePath(uri), uri: uri as vscode.Uri | undefined })), browse],
    { title, placeHolder: 'A component file of the workspace' },
  );
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  return (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { YAML: ['yaml', 'yml'] } }))?.[0];
}

/**
 * Compare Version with Workspace File: the published version on the left, the file on the right (so
 * the file stays editable). From the Explorer the file is given and the version is picked; from the
 * tree the version is given and the file is picked. Scripts pass `{ version, file }`.
 */
export async function diffWithFile(
  hub: HubClient,
  target?: VersionTarget | vscode.Uri | { version: VersionTarget; file: vscode.Uri | string },
): Promise<boolean> {
  let key: VersionKey | undefined;
  let file: vscode.Uri | undefined;
  if (target instanceof vscode.Uri) {
    file = target;
    const stem = path.basename(file.path).replace(/\.ya?ml$/i, '');
    const items = await versionItems(hub);
    // versions of a component named like the file first
    items.sort((a, b) => Number(b.key.component === stem) - Number(a.key.component === stem));
    if (!items.length) {
      void vscode.window.showInformationMessage('No published component versions to compare with yet.');
      return false;
    }
    key = (await vscode.window.showQuickPick(items, { title: `Compare ${path.basename(file.path)} with a published version` }))?.key;
  } else if (target && typeof target === 'object' && 'file' in target) {
    key = keyOf(target.version);
    file = typeof target.file === 'string' ? vscode.Uri.file(target.file) : target.file;
  } else {
    key = await resolveVersion(hub, target, 'Compare Published Version with a Workspace File');
    if (key) file = await pickWorkspaceFile(`Compare ${keyRef(key)} with…`);
  }
  if (!key || !file) return false;
  await vscode.commands.executeCommand('vscode.diff', versionUri(key), file, `${keyRef(key)} ↔ ${path.basename(file.path)}`);
  return true;
}
