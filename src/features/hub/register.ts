import * as vscode from 'vscode';
import type { HubClient, PublishResult } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { copyRef } from './commands/copyRef';
import { deleteVersion } from './commands/deleteVersion';
import { diffVersions, diffWithFile } from './commands/diff';
import { openVersion } from './commands/openVersion';
import { publish } from './commands/publish';
import { pull } from './commands/pull';
import { setStage } from './commands/setStage';
import type { ComponentPageKey } from '../../protocol/component';
import { ComponentPage } from './componentPage';
import { PolyaxonDiagnostics } from './editor/diagnostics';
import { HUB_SCHEME, HubDocumentProvider } from './editor/hubDocuments';
import { registerLanguageFeatures } from './editor/languageFeatures';
import { PolyaxonFiles } from './editor/polyaxonFiles';
import { keyOf, type VersionTarget } from './targets';
import { ComponentItem, HUB_VIEW_ID, HubTree, type HubNode } from './tree';

/** What the Component Hub gives back to activate() (and, through it, to in-host tests). */
export interface HubFeatures {
  tree: HubTree;
  diagnostics: PolyaxonDiagnostics;
}

function pageTarget(target: unknown): ComponentPageKey | undefined {
  if (target instanceof ComponentItem) return { org: target.component.org, component: target.component.name };
  if (target && typeof target === 'object' && 'org' in target && 'component' in target && !('version' in target)) return target as ComponentPageKey;
  const key = keyOf(target as VersionTarget);
  return key ? { org: key.org, component: key.component, version: key.version } : undefined;
}

/** The Component Hub: editor support for Polyaxon YAML, the hub tree, its commands and the component page. */
export function registerHub(context: vscode.ExtensionContext, session: HubSession): HubFeatures {
  const tree = new HubTree(session);
  const pages = ComponentPage.register(session, context.extensionUri);
  const view = vscode.window.createTreeView<HubNode>(HUB_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const diagnostics = new PolyaxonDiagnostics(session);
  const documents = new HubDocumentProvider(session);
  context.subscriptions.push(
    tree,
    view,
    diagnostics,
    documents,
    pages,
    new PolyaxonFiles(),
    vscode.workspace.registerTextDocumentContentProvider(HUB_SCHEME, documents),
  );
  registerLanguageFeatures(context, session);

  const reveal = async (result: PublishResult) => {
    // the write's coalesced session refresh would rebuild the tree under the reveal and drop its selection: let it pass first
    if (result.status !== 'unchanged') await session.nextChange();
    const item = await tree.findVersion(result.version.org, result.version.component, result.version.name);
    if (item && view.visible) await view.reveal(item, { select: true, focus: false, expand: true });
  };
  // every command acts as the session's current user on its current store (the client is taken per call);
  // a refusal or failure is shown here, once, and the command returns its "nothing done" value
  const register = (id: string, run: (hub: HubClient, ...args: never[]) => unknown, nothingDone?: false) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await run(session.hub, ...args);
        } catch (error) {
          showError(error);
          return nothingDone;
        }
      }),
    );

  register('polyaxonHub.hub.publish', (hub, ...args: unknown[]) => publish(hub, { reveal, listProblems: doc => diagnostics.claim(doc) }, ...args));
  register('polyaxonHub.hub.openVersion', openVersion);
  register('polyaxonHub.hub.diffVersions', diffVersions, false);
  register('polyaxonHub.hub.diffWithFile', diffWithFile, false);
  register('polyaxonHub.hub.pull', pull);
  register('polyaxonHub.hub.copyRef', copyRef);
  register('polyaxonHub.hub.setStage', setStage);
  register('polyaxonHub.hub.deleteVersion', deleteVersion, false);
  register('polyaxonHub.hub.openComponent', async (hub, target?: unknown) => {
    const resolved = pageTarget(target) ?? pageTarget(await pickComponent(hub));
    if (resolved) {
      // an open page asked for another version shows that one
      if (resolved.version) await pages.find(resolved)?.select(resolved.version);
      pages.show(resolved);
    }
    return resolved;
  });
  context.subscriptions.push(vscode.commands.registerCommand('polyaxonHub.hub.refresh', () => session.refresh()));
  return { tree, diagnostics };
}

async function pickComponent(hub: HubClient): Promise<ComponentPageKey | undefined> {
  const orgs = await hub.orgs.list({ can: 'view' });
  const components = (await Promise.all(orgs.filter(o => o.componentCount).map(o => hub.components.list(o.name)))).flat();
  const items = components.map(c => ({ label: `${c.org}/${c.name}`, description: c.description, target: { org: c.org, component: c.name } }));
  if (!items.length) {
    void vscode.window.showInformationMessage('No components published yet. Right-click a component YAML file → "Publish to Component Hub".');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: 'Open Component Page', matchOnDescription: true }))?.target;
}
