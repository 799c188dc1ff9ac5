// The extension's Organizations tree as the in-host tests reach it: through the extension's exported API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// the extension's classes live in its own bundle, not this one: nodes are told apart by `kind`
import type { OrganizationsNode, OrganizationsTree } from '../../../src/features/orgs/organizationsTree';
import type { HubSession } from '../../../src/host/session';

export interface TreeApi {
  session: HubSession;
  orgs: { organizations: OrganizationsTree };
}

export async function api(): Promise<TreeApi> {
  const extension = vscode.extensions.getExtension<TreeApi>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return extension.activate();
}

/** Resolves with the next node VS Code is told to refresh ('whole tree' when none). */
export function nextRefresh(tree: OrganizationsTree): Promise<OrganizationsNode | 'whole tree'> {
  return new Promise(resolve => {
    const sub = tree.onDidChangeTreeData(node => {
      sub.dispose();
      resolve(node ?? 'whole tree');
    });
  });
}
