import * as vscode from 'vscode';
import type { ModelVersionView, Stage } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { resolveVersion } from './targets';

const STAGES: { stage: Stage; detail: string }[] = [
  { stage: 'testing', detail: 'being evaluated (every new version starts here)' },
  { stage: 'staging', detail: 'candidate for production' },
  { stage: 'production', detail: 'serving' },
  { stage: 'disabled', detail: 'must not be used' },
];

/** Moves a version to a stage with a reason; the core appends it to the stage history with who and when. */
export async function setStage(session: HubSession, target?: unknown, args?: { stage?: string; reason?: string }): Promise<ModelVersionView | undefined> {
  try {
    const hub = session.hub;
    const ref = await resolveVersion(hub, target, 'Set Stage');
    if (!ref) return undefined;
    const current = await hub.registry.version(ref.org, ref.model, ref.version);
    const stage =
      args?.stage ??
      (
        await vscode.window.showQuickPick(
          STAGES.map(s => ({ label: s.stage, description: s.stage === current.stage ? 'current' : undefined, detail: s.detail })),
          { title: `Stage of ${current.ref}`, placeHolder: `Now ${current.stage}`, ignoreFocusOut: true },
        )
      )?.label;
    if (!stage) return undefined;
    const reason =
      args?.reason ??
      (await vscode.window.showInputBox({
        title: `${current.ref}: ${current.stage} → ${stage}`,
        prompt: 'Reason (kept in the stage history)',
        ignoreFocusOut: true,
        placeHolder: 'e.g. beats v2 on the holdout set',
      }));
    if (reason === undefined) return undefined;
    const updated = await hub.registry.setStage(ref, stage, reason.trim() || undefined);
    void vscode.window.showInformationMessage(`${updated.ref} is now ${updated.stage}.`);
    return updated;
  } catch (error) {
    return showError(error);
  }
}
