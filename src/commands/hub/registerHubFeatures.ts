import * as vscode from 'vscode';
import { viewableOrgs } from '../../core/hub/components';
import type { PublishResult } from '../../core/hub/publish';
import { PolyaxonDiagnostics } from '../../editor/diagnostics';
import { HUB_SCHEME, HubDocumentProvider } from '../../editor/hubDocuments';
import { registerLanguageFeatures } from '../../editor/languageFeatures';
import type { HubSession } from '../../host/session';
import { COMPONENT_PAGE_VIEW_TYPE, ComponentPage, type ComponentPageTarget } from '../../panels/componentPage';
import { ComponentItem, HUB_VIEW_ID, HubTree, type HubNode } from '../../views/hubTree';
import { showError } from '../../host/showError';
import { copyRef } from './copyRef';
import { deleteVersion } from './deleteVersion';
import { diffVersions, diffWithFile } from './diff';
import { openVersion } from './openVersion';
import { publish } from './publish';
import { pull } from './pull';
import { setStage } from './setStage';
import { keyOf, type VersionTarget } from './targets';

/** What the Component Hub gives back to activate() (and, through it, to in-host tests). */
export interface HubFeatures {
  tree: HubTree;
  diagnostics: PolyaxonDiagnostics;
}

function pageTarget(target: unknown): ComponentPageTarget | undefined {
  if (target instanceof ComponentItem) return { org: target.component.org, component: target.component.name };
  if (target && typeof target === 'object' && 'org' in target && 'component' in target && !('version' in target)) return target as ComponentPageTarget;
  const key = keyOf(target as VersionTarget);
  return key ? { org: key.org, component: key.component, version: key.version } : undefined;
}

/** The Component Hub: editor support for Polyaxon YAML, the hub tree, its commands and the component page. */
export function registerHubFeatures(context: vscode.ExtensionContext, session: HubSession): HubFeatures {
  const tree = new HubTree(session);
  const view = vscode.window.createTreeView<HubNode>(HUB_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const diagnostics = new PolyaxonDiagnostics(session);
  const documents = new HubDocumentProvider(session);
  context.subscriptions.push(
    tree, view, diagnostics, documents,
    vscode.workspace.registerTextDocumentContentProvider(HUB_SCHEME, documents),
    vscode.window.registerWebviewPanelSerializer(COMPONENT_PAGE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state?: Partial<ComponentPageTarget>) {
        if (state?.org && state.component) ComponentPage.revive(panel, session, context.extensionUri, { org: state.org, component: state.component, version: state.version });
        else panel.dispose();
      },
    }),
  );
  registerLanguageFeatures(context, session);

  const reveal = async (result: PublishResult) => {
    const item = await tree.findVersion(result.version.org, result.version.component, result.version.name);
    if (item && view.visible) await view.reveal(item, { select: true, focus: false, expand: true });
  };
  const register = (id: string, run: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('polyaxonHub.hub.publish', (...args: unknown[]) => publish(session, { reveal }, ...args));
  register('polyaxonHub.hub.openVersion', (target?: VersionTarget) => openVersion(session, target));
  register('polyaxonHub.hub.diffVersions', (first?: VersionTarget, selection?: unknown) => diffVersions(session, first, selection));
  register('polyaxonHub.hub.diffWithFile', (target?: VersionTarget | vscode.Uri) => diffWithFile(session, target));
  register('polyaxonHub.hub.pull', (target?: VersionTarget, args?: Parameters<typeof pull>[2]) => pull(session, target, args));
  register('polyaxonHub.hub.copyRef', (target?: VersionTarget) => copyRef(session, target));
  register('polyaxonHub.hub.setStage', (target?: VersionTarget, args?: Parameters<typeof setStage>[2]) => setStage(session, target, args));
  register('polyaxonHub.hub.deleteVersion', (target?: VersionTarget, args?: { confirm?: boolean }) => deleteVersion(session, target, args));
  register('polyaxonHub.hub.openComponent', async (target?: unknown) => {
    try {
      const resolved = pageTarget(target) ?? pageTarget(await pickComponent(session));
      if (resolved) ComponentPage.show(session, context.extensionUri, resolved);
      return resolved;
    } catch (error) {
      return showError(error);
    }
  });
  register('polyaxonHub.hub.refresh', () => session.refresh());
  return { tree, diagnostics };
}

async function pickComponent(session: HubSession): Promise<ComponentPageTarget | undefined> {
  const db = await session.store.read();
  const orgs = new Set(viewableOrgs(db, session.user.username));
  const items = db.components.filter(c => orgs.has(c.org)).map(c => ({ label: `${c.org}/${c.name}`, description: c.description, target: { org: c.org, component: c.name } }));
  if (!items.length) {
    void vscode.window.showInformationMessage('No components published yet. Right-click a component YAML file → "Publish to Component Hub".');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: 'Open Component Page', matchOnDescription: true }))?.target;
}
