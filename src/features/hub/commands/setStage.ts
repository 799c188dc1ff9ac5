import * as vscode from 'vscode';
import { keyRef, type HubClient, type Stage } from '../../../core/client';
import { resolveVersion, type VersionTarget } from '../targets';

/** The stages in their order, with what each means (a Record, so a new stage cannot be left out). */
const ABOUT: Record<Stage, string> = {
  testing: 'new versions start here',
  staging: 'being validated before production',
  production: 'the version operations should use',
  disabled: 'should no longer be used',
};

export interface SetStageArgs {
  stage?: string;
  reason?: string;
}

/** Set Stage: testing → staging → production, or disabled; members and above; recorded in the audit log. */
export async function setStage(hub: HubClient, target?: VersionTarget, args: SetStageArgs = {}): Promise<Stage | undefined> {
  const key = await resolveVersion(hub, target, 'Set Stage of Version');
  if (!key) return undefined;
  const current = args.stage ? undefined : (await hub.components.version(key.org, key.component, key.version).catch(() => undefined))?.stage;
  const stage =
    args.stage ??
    (
      await vscode.window.showQuickPick(
        (Object.keys(ABOUT) as Stage[]).map(s => ({ label: s, description: s === current ? `current · ${ABOUT[s]}` : ABOUT[s] })),
        { title: `Stage of ${keyRef(key)}`, placeHolder: `now ${current ?? 'unknown'}` },
      )
    )?.label;
  if (!stage) return undefined;
  const version = await hub.components.setStage(key, stage, args.reason);
  void vscode.window.setStatusBarMessage(`${keyRef(key)} is now ${version.stage}`, 4000);
  return version.stage;
}
