// How hub commands learn which version they act on: a tree item (menus), a `{org, component, version}`
// object or an `org/name:version` string (tests, scripts, links), else a QuickPick of what the user may see.
import * as vscode from 'vscode';
import { parseComponentRef, versionRef, viewableOrgs, type VersionKey } from '../../core/hub/components';
import type { ComponentVersion } from '../../core/model';
import type { HubSession } from '../../host/session';
import { VersionItem } from '../../views/hubTree';

export type VersionTarget = VersionItem | VersionKey | string | undefined;

export function keyOf(target: VersionTarget): VersionKey | undefined {
  if (!target) return undefined;
  if (target instanceof VersionItem) return target.key;
  if (typeof target === 'string') {
    const ref = parseComponentRef(target);
    return { org: ref.org, component: ref.component, version: ref.version ?? 'latest' };
  }
  if (typeof target === 'object' && 'org' in target && 'component' in target && 'version' in target) return target;
  return undefined;
}

/** Every version the user may view, newest first, as QuickPick items. */
export async function versionItems(session: HubSession, filter?: (v: ComponentVersion) => boolean): Promise<(vscode.QuickPickItem & { key: VersionKey })[]> {
  const db = await session.store.read();
  const orgs = new Set(viewableOrgs(db, session.user.username));
  return db.componentVersions
    .filter(v => orgs.has(v.org) && (!filter || filter(v)))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map(v => ({
      label: versionRef(v),
      description: `${v.stage} · ${v.publishedBy} · ${v.publishedAt.slice(0, 10)}`,
      key: { org: v.org, component: v.component, version: v.name },
    }));
}

/** The target as a key, or the user's pick; undefined when they cancel or nothing is published. */
export async function resolveVersion(session: HubSession, target: VersionTarget, title: string, filter?: (v: ComponentVersion) => boolean): Promise<VersionKey | undefined> {
  const key = keyOf(target);
  if (key) return key;
  const items = await versionItems(session, filter);
  if (!items.length) {
    void vscode.window.showInformationMessage('No published component versions you can see yet. Publish one with "Polyaxon: Publish to Component Hub" (right-click a component YAML file).');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'org/component:version', matchOnDescription: true }))?.key;
}
