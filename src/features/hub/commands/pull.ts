import * as path from 'node:path';
import * as vscode from 'vscode';
import { keyRef, type HubClient } from '../../../core/client';
import { resolveVersion, type VersionTarget } from '../targets';

export interface PullArgs {
  /** where to write; default: asked with a save dialog */
  target?: vscode.Uri | string;
  /** when the target exists: true writes over it, false refuses, undefined asks */
  overwrite?: boolean;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Pull into Workspace: writes a version's content to a file the user picks; never overwrites without asking. */
export async function pull(hub: HubClient, target?: VersionTarget, args: PullArgs = {}): Promise<vscode.Uri | undefined> {
  const key = await resolveVersion(hub, target, 'Pull Published Version into the Workspace');
  if (!key) return undefined;
  const version = await hub.components.version(key.org, key.component, key.version);
  const ref = keyRef(key);
  // a relative path from a script is relative to the (first) workspace folder, as for publish
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  let out =
    typeof args.target !== 'string'
      ? args.target
      : path.isAbsolute(args.target) || !root
        ? vscode.Uri.file(args.target)
        : vscode.Uri.joinPath(root, args.target);
  let confirmedByDialog = false;
  if (!out) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const suggested = `${key.component}${key.version === 'latest' ? '' : `-${key.version}`}.yaml`;
    out = await vscode.window.showSaveDialog({
      title: `Pull ${ref} into the workspace`,
      saveLabel: 'Pull',
      defaultUri: folder ? vscode.Uri.joinPath(folder, suggested) : undefined,
      filters: { YAML: ['yaml', 'yml'] },
    });
    if (!out) return undefined;
    // the save dialog already asked about replacing an existing file
    confirmedByDialog = true;
  }
  if (!confirmedByDialog && (await exists(out))) {
    if (args.overwrite === false) {
      void vscode.window.showWarningMessage(`${out.fsPath} already exists; nothing was written. Pick another file, or allow overwriting.`);
      return undefined;
    }
    if (args.overwrite !== true) {
      const choice = await vscode.window.showWarningMessage(`${path.basename(out.fsPath)} already exists. Replace it with ${ref}?`, { modal: true }, 'Replace');
      if (choice !== 'Replace') return undefined;
    }
  }
  await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(version.content));
  void vscode.window.showInformationMessage(`Pulled ${ref} into ${vscode.workspace.asRelativePath(out)}.`, 'Open File').then(choice => {
    if (choice) void vscode.window.showTextDocument(out);
  });
  return out;
}
