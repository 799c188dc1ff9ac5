import * as vscode from 'vscode';
import type { MetricPoint, ModelVersionRef, ModelVersionView } from '../../core/client';
import type { HubSession } from '../../host/session';
import { HubError } from '../../core/errors';
import { PageRegistry, WebviewPage, type PageKind } from '../../host/webviewPage';
import type { RequestHandlers } from '../../protocol/page';
import { MODEL_VERSION_COMMANDS, type ModelVersionPageRequests, type ModelVersionPageState } from '../../protocol/modelVersion';
import type { CurveView } from '../../protocol/registryViews';
import { formatRef, refOf } from './targets';

export const MODEL_VERSION_PAGE: PageKind<ModelVersionRef> = {
  viewType: 'polyaxonHub.modelVersionPage',
  script: 'modelVersion.js',
  id: formatRef,
  title: formatRef,
  keyFrom: saved => refOf(saved),
};

export function curvesOf(history: Record<string, MetricPoint[]>): CurveView[] {
  return Object.entries(history)
    .filter(([, points]) => points.length > 1)
    .map(([name, points]) => ({ name, points: points.map(p => ({ step: p.step, value: p.value })) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function pageState(v: ModelVersionView, siblings: string[]): ModelVersionPageState {
  const l = v.lineage;
  return {
    org: v.org,
    project: v.project,
    model: v.model,
    version: v.name,
    ref: v.ref,
    description: v.description,
    tags: v.tags,
    stage: v.stage,
    framework: v.framework ?? 'custom',
    deploymentNotes: v.deploymentNotes || undefined,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    lineage: {
      runId: l.runId,
      runName: l.runName,
      source: l.source,
      sourcePath: l.sourcePath,
      gitCommit: l.git?.commit,
      gitBranch: l.git?.branch,
      gitDirty: l.git?.dirty,
    },
    params: Object.entries(l.params).map(([name, value]) => ({ name, value })),
    metrics: Object.entries(l.metrics).map(([name, m]) => ({ name, latest: m.latest, best: m.best })),
    curves: curvesOf(l.metricHistory),
    artifacts: l.files.map(f => ({ path: f.path, size: f.size, sha256: f.sha256 })),
    stageHistory: v.stageHistory.map(h => ({ stage: h.stage, reason: h.reason ?? h.message ?? '', who: h.who, when: h.when })),
    readme: v.readme,
    siblings,
    canWrite: v.actions.includes('modelVersion.write'),
    canDelete: v.actions.includes('version.delete'),
  };
}

/** The model version page: overview, lineage graph, params, metrics and curves, artifacts, stage history, readme. One panel per version. */
export class ModelVersionPage extends WebviewPage<ModelVersionRef, ModelVersionPageState, ModelVersionPageRequests> {
  static register(session: HubSession, extensionUri: vscode.Uri): PageRegistry<ModelVersionRef, ModelVersionPage> {
    return new PageRegistry(MODEL_VERSION_PAGE, (panel, key) => new ModelVersionPage(panel, session, extensionUri, key));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly session: HubSession,
    extensionUri: vscode.Uri,
    key: ModelVersionRef,
  ) {
    super(panel, MODEL_VERSION_PAGE, key, extensionUri, session.onDidChange);
  }

  /** What the page shows now (public for the in-host tests). */
  async loadState(): Promise<ModelVersionPageState> {
    const hub = this.session.hub;
    const { org, model, version } = this.key;
    const [view, parent] = await Promise.all([hub.registry.version(org, model, version), hub.registry.model(org, model)]);
    return pageState(
      view,
      parent.versions.map(v => v.name).filter(n => n !== view.name),
    );
  }

  protected readonly handlers: RequestHandlers<ModelVersionPageRequests> = {
    // each runs the version's command: it checks the role again and asks what it needs
    run: async ({ command }) => {
      if (!MODEL_VERSION_COMMANDS.includes(command)) throw new HubError(`Unknown request ${command} for ${formatRef(this.key)}.`);
      await vscode.commands.executeCommand(command === 'delete' ? 'polyaxonHub.registry.deleteVersion' : `polyaxonHub.registry.${command}`, this.key);
    },
  };
}
