import * as vscode from 'vscode';
import type { ModelVersionRef, ModelVersionView } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { compare } from './compare';
import { VersionComparePage } from './comparePage';
import { promote } from './promote';
import { REGISTRY_VIEW_ID, RegistryTree, type RegistryNode } from './registryTree';
import { revealRun } from './revealRun';
import { RunDiscovery } from './runDiscovery';
import { RUNS_VIEW_ID, RunsTree, type RunsNode } from './runsTree';
import { setStage } from './setStage';
import { resolveVersion } from './targets';
import { copyRef, deleteVersion, stageAt } from './versionActions';
import { ModelVersionPage } from './versionPage';
import { verify } from './verify';
import { download, exportVersion } from './writeFiles';

/** What the Model Registry gives back to activate() (and, through it, to the in-host tests). */
export interface RegistryFeature {
  discovery: RunDiscovery;
  runs: RunsTree;
  registry: RegistryTree;
  /** the open page of a version, of a comparison (the tests read what they show) */
  versionPage(ref: ModelVersionRef): ModelVersionPage | undefined;
  comparePage(refs: ModelVersionRef[]): VersionComparePage | undefined;
}

/** The Model Registry: the Runs tree (discovery in the workspace), promote, the Registry tree, its commands and pages. */
export function registerRegistry(context: vscode.ExtensionContext, session: HubSession): RegistryFeature {
  const discovery = new RunDiscovery(session);
  const runs = new RunsTree(session, discovery);
  const registry = new RegistryTree(session);
  const runsView = vscode.window.createTreeView<RunsNode>(RUNS_VIEW_ID, { treeDataProvider: runs, showCollapseAll: true, canSelectMany: true });
  const registryView = vscode.window.createTreeView<RegistryNode>(REGISTRY_VIEW_ID, { treeDataProvider: registry, showCollapseAll: true, canSelectMany: true });
  const extensionUri = context.extensionUri;
  const versionPages = ModelVersionPage.register(session, extensionUri);
  const comparePages = VersionComparePage.register(session, extensionUri);
  const openPage = (ref: ModelVersionRef) => versionPages.show(ref);
  const openCompare = (refs: ModelVersionRef[]) => comparePages.show({ refs });

  context.subscriptions.push(discovery, runs, registry, runsView, registryView, versionPages, comparePages);

  const reveal = async (version: ModelVersionView) => {
    // the write's coalesced session refresh would rebuild the tree under the reveal and drop its selection: let it pass first
    await session.nextChange();
    const item = await registry.findVersion({ org: version.org, model: version.model, version: version.name });
    if (item && registryView.visible) await registryView.reveal(item, { select: true, focus: false, expand: true });
  };
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('polyaxonHub.registry.promote', (target?: unknown, selection?: unknown) =>
    promote(session, { reveal, open: v => openPage({ org: v.org, model: v.model, version: v.name }) }, target, selection),
  );
  register('polyaxonHub.registry.openVersion', async (target?: unknown) => {
    try {
      const ref = await resolveVersion(session.hub, target, 'Open Model Version');
      if (ref) openPage(ref);
      return ref;
    } catch (error) {
      return showError(error);
    }
  });
  register('polyaxonHub.registry.setStage', (target?: unknown, args?: { stage?: string; reason?: string }) =>
    setStage(session, target, args && !Array.isArray(args) ? args : undefined),
  );
  register('polyaxonHub.registry.compare', (target?: unknown, selection?: unknown) => compare(session, openCompare, target, selection));
  register('polyaxonHub.registry.verify', (target?: unknown) => verify(session, target));
  register('polyaxonHub.registry.download', (target?: unknown, args?: Parameters<typeof download>[2]) =>
    download(session, target, Array.isArray(args) ? undefined : args),
  );
  register('polyaxonHub.registry.export', (target?: unknown, args?: Parameters<typeof exportVersion>[2]) =>
    exportVersion(session, target, Array.isArray(args) ? undefined : args),
  );
  register('polyaxonHub.registry.revealRun', (target?: unknown) =>
    revealRun(session, { discovery, findRun: k => runs.findRun(k), view: runsView, onDidServeRoots: runs.onDidServeRoots }, target),
  );
  register('polyaxonHub.registry.copyRef', (target?: unknown) => copyRef(session, target));
  register('polyaxonHub.registry.deleteVersion', (target?: unknown, args?: { confirm?: boolean }) =>
    deleteVersion(session, target, Array.isArray(args) ? undefined : args),
  );
  register('polyaxonHub.registry.stageAt', (target?: unknown, args?: { when?: string; stage?: string }) =>
    stageAt(session, target, Array.isArray(args) ? undefined : args),
  );
  register('polyaxonHub.registry.refresh', () => {
    registry.refresh();
  });
  register('polyaxonHub.registry.refreshRuns', () => {
    discovery.restart();
  });
  return { discovery, runs, registry, versionPage: ref => versionPages.find(ref), comparePage: refs => comparePages.find({ refs }) };
}
