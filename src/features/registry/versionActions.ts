import * as vscode from 'vscode';
import type { ModelVersionSummary } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { formatBytes, formatWhen, plural } from './format';
import { formatRef, modelOf, pickModel, resolveVersion } from './targets';

/** Copies `org/model:version` to the clipboard. */
export async function copyRef(session: HubSession, target?: unknown): Promise<string | undefined> {
  try {
    const ref = await resolveVersion(session.hub, target, 'Copy Model Reference');
    if (!ref) return undefined;
    const text = formatRef(ref);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Copied ${text}`, 4000);
    return text;
  } catch (error) {
    return showError(error);
  }
}

/** Deletes a version (admins) after a modal confirmation naming what goes; blobs nothing else uses are freed. */
export async function deleteVersion(
  session: HubSession,
  target?: unknown,
  args?: { confirm?: boolean },
): Promise<{ freedBytes: number; freedBlobs: number } | undefined> {
  try {
    const hub = session.hub;
    const ref = await resolveVersion(hub, target, 'Delete Model Version');
    if (!ref) return undefined;
    const version = await hub.registry.version(ref.org, ref.model, ref.version);
    if (!args?.confirm) {
      const action = 'Delete Version';
      const choice = await vscode.window.showWarningMessage(
        `Delete ${version.ref}?`,
        {
          modal: true,
          detail: `Stage ${version.stage}, ${plural(version.fileCount, 'file')} (${formatBytes(version.totalBytes)}). Its stage history goes with it, and artifact files no other version uses are removed from the artifact store. This cannot be undone.`,
        },
        action,
      );
      if (choice !== action) return undefined;
    }
    const result = await hub.registry.deleteVersion(ref);
    void vscode.window.showInformationMessage(`Deleted ${version.ref}; freed ${formatBytes(result.freedBytes)} (${plural(result.freedBlobs, 'file')}).`);
    return result;
  } catch (error) {
    return showError(error);
  }
}

/** "What was in production at time T": answered from the stage histories. */
export async function stageAt(session: HubSession, target?: unknown, args?: { when?: string; stage?: string }): Promise<ModelVersionSummary[] | undefined> {
  try {
    const hub = session.hub;
    const model = modelOf(target) ?? (await pickModel(hub, 'Stage at a Time'));
    if (!model) return undefined;
    const when =
      args?.when ??
      (await vscode.window.showInputBox({
        title: `${model.org}/${model.model}: what was in production at…`,
        value: new Date().toISOString().slice(0, 16),
        ignoreFocusOut: true,
        prompt: 'A date and time (UTC), e.g. 2026-11-27T14:30 or 2026-11-27',
        validateInput: v => (Number.isNaN(Date.parse(v.trim())) ? 'Not a date: use e.g. 2026-11-27T14:30' : undefined),
      }));
    if (!when) return undefined;
    const iso = new Date(Date.parse(/Z|[+-]\d\d:?\d\d$/.test(when.trim()) ? when.trim() : `${when.trim()}Z`)).toISOString();
    const stage = (args?.stage ?? 'production') as ModelVersionSummary['stage'];
    const versions = await hub.registry.stageAt(model.org, model.model, iso, stage);
    void vscode.window.showInformationMessage(
      versions.length
        ? `In ${stage} at ${formatWhen(iso)} UTC: ${versions.map(v => v.ref).join(', ')}.`
        : `Nothing of ${model.org}/${model.model} was in ${stage} at ${formatWhen(iso)} UTC.`,
    );
    return versions;
  } catch (error) {
    return showError(error);
  }
}
