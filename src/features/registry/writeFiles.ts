import * as vscode from 'vscode';
import type { HubClient, ModelVersionRef, WriteOptions, WriteResult } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { formatRef, resolveVersion } from './targets';
import { plural } from './format';

/** Arguments a script or test passes: the folder, and what to do with files that exist already. */
export interface WriteArgs {
  dir?: string;
  conflict?: 'overwrite' | 'skip';
}

type Writer = (hub: HubClient, ref: ModelVersionRef, dir: string, options: WriteOptions) => Promise<WriteResult>;

async function pickFolder(title: string, label: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: label,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0]?.fsPath;
}

/**
 * Writes a version's files into a folder: never over an existing file without asking (the core reports the
 * conflicts and writes nothing; the user then picks overwrite, keep existing, or cancel).
 */
async function writeVersion(
  session: HubSession,
  target: unknown,
  args: WriteArgs | undefined,
  what: { title: string; label: string; verb: string; done: string; write: Writer },
): Promise<WriteResult | undefined> {
  try {
    const hub = session.hub;
    const ref = await resolveVersion(hub, target, what.title);
    if (!ref) return undefined;
    const dir = args?.dir ?? (await pickFolder(`${what.title}: ${formatRef(ref)}`, what.label));
    if (!dir) return undefined;
    const run = (conflict: WriteOptions['conflict']) =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `${what.verb} ${formatRef(ref)}`, cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          let last = 0;
          return what.write(hub, ref, dir, {
            conflict,
            signal: abort.signal,
            onProgress: p => {
              const percent = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : 0;
              progress.report({ increment: Math.max(0, percent - last), message: p.file });
              last = Math.max(last, percent);
            },
          });
        },
      );
    let result = await run(args?.conflict ?? 'ask');
    if (result.status === 'conflict') {
      const overwrite = 'Overwrite';
      const skip = 'Keep Existing Files';
      const shown = result.conflicts.slice(0, 8).join('\n') + (result.conflicts.length > 8 ? `\n… and ${result.conflicts.length - 8} more` : '');
      const choice = await vscode.window.showWarningMessage(
        `${plural(result.conflicts.length, 'file')} exist already in ${result.dir}.`,
        { modal: true, detail: shown },
        overwrite,
        skip,
      );
      if (!choice) return result;
      result = await run(choice === overwrite ? 'overwrite' : 'skip');
    }
    if (result.status === 'written') {
      const reveal = 'Reveal in Explorer';
      void vscode.window
        .showInformationMessage(
          `${what.done} ${formatRef(ref)} into ${result.dir}: ${plural(result.written.length, 'file')} written${result.skipped.length ? `, ${result.skipped.length} kept as they were` : ''}.`,
          reveal,
        )
        .then(c => {
          if (c === reveal) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(result.dir));
        });
    }
    return result;
  } catch (error) {
    return showError(error);
  }
}

export function download(session: HubSession, target?: unknown, args?: WriteArgs): Promise<WriteResult | undefined> {
  return writeVersion(session, target, args, {
    title: 'Download Model Version',
    label: 'Download Here',
    verb: 'Downloading',
    done: 'Downloaded',
    write: (hub, ref, dir, options) => hub.registry.download(ref, dir, options),
  });
}

export function exportVersion(session: HubSession, target?: unknown, args?: WriteArgs): Promise<WriteResult | undefined> {
  return writeVersion(session, target, args, {
    title: 'Export Model Version (version.plx.json + files)',
    label: 'Export Here',
    verb: 'Exporting',
    done: 'Exported',
    write: (hub, ref, dir, options) => hub.registry.export(ref, dir, options),
  });
}
