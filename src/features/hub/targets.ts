// How hub commands learn which version they act on: a tree item (menus), a `{org, component, version}`
// object or an `org/name:version` string (tests, scripts, links), else a QuickPick of what the user may see.
import * as vscode from 'vscode';
import { parseComponentRef, type ComponentVersionSummary, type HubClient, type VersionKey } from '../../core/client';
import { VersionItem } from './tree';

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

/** Every version the user may view, newest first. */
export async function viewableVersions(hub: HubClient): Promise<ComponentVersionSummary[]> {
  const orgs = await hub.orgs.list({ can: 'view' });
  const perOrg = await Promise.all(orgs.filter(o => o.componentCount).map(o => hub.components.list(o.name)));
  return perOrg
    .flat()
    .flatMap(c => c.versions)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

/** Every version the user may view, newest first, as QuickPick items. */
export async function versionItems(hub: HubClient, filter?: (v: ComponentVersionSummary) => boolean): Promise<(vscode.QuickPickItem & { key: VersionKey })[]> {
  return (await viewableVersions(hub))
    .filter(v => !filter || filter(v))
    .map(v => ({
      label: v.hubRef,
      description: `${v.stage} · ${v.publishedBy} · ${v.publishedAt.slice(0, 10)}`,
      key: { org: v.org, component: v.component, version: v.name },
    }));
}

/** The target as a key, or the user's pick; undefined when they cancel or nothing is published. */
export async function resolveVersion(hub: HubClient, target: VersionTarget, title: string): Promise<VersionKey | undefined> {
  const key = keyOf(target);
  if (key) return key;
  const items = await versionItems(hub);
  if (!items.length) {
    void vscode.window.showInformationMessage(
      'No published component versions you can see yet. Publish one with "Polyaxon: Publish to Component Hub" (right-click a component YAML file).',
    );
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'org/component:version', matchOnDescription: true }))?.key;
}
