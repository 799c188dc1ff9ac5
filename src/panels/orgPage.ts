// Old import path of the org page, kept for the host tests that still import it (test/host/organizations.test.ts,
// treeMenus.test.ts); remove with them. Pages now open through the feature's registry (`activate().orgs.orgPages`).
import * as vscode from 'vscode';
import type { activate } from '../extension';
import type { HubSession } from '../host/session';

export const OrgPage = {
  show(_session: HubSession, _extensionUri: vscode.Uri, org: string) {
    const api = vscode.extensions.getExtension<ReturnType<typeof activate>>('polyaxon-hub.polyaxon-hub')?.exports;
    if (!api) throw new Error('Polyaxon Hub is not active.');
    return api.orgs.orgPages.show({ org });
  },
};
