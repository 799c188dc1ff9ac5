import * as vscode from 'vscode';
import { keyRef, setVersionStage } from '../../core/hub/components';
import { STAGES, type Stage } from '../../core/model';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { resolveVersion, type VersionTarget } from './targets';

const ABOUT: Record<Stage, string> = {
  testing: 'new versions start here',
  staging: 'being validated before production',
  production: 'the version operations should use',
  disabled: 'should no longer be used',
};

export interface SetStageArgs { stage?: string; reason?: string }

/** Set Stage: testing → staging → production, or disabled; members and above; recorded in the audit log. */
export async function setStage(session: HubSession, target?: VersionTarget, args: SetStageArgs = {}): Promise<Stage | undefined> {
  try {
    const key = await resolveVersion(session, target, 'Set Stage of Version');
    if (!key) return undefined;
    const db = await session.store.read();
    const current = db.componentVersions.find(v => v.org === key.org && v.component === key.component && v.name === key.version)?.stage;
    const stage = args.stage ?? (await vscode.window.showQuickPick(
      STAGES.map(s => ({ label: s, description: s === current ? `current · ${ABOUT[s]}` : ABOUT[s] })),
      { title: `Stage of ${keyRef(key)}`, placeHolder: `now ${current ?? 'unknown'}` }))?.label;
    if (!stage) return undefined;
    const version = await setVersionStage(session.store, session.user, key, stage, args.reason);
    void vscode.window.setStatusBarMessage(`${keyRef(key)} is now ${version.stage}`, 4000);
    return version.stage;
  } catch (error) {
    return showError(error);
  }
}
