import * as vscode from 'vscode';
import type { MetricPoint, ModelVersionRef, ModelVersionView } from '../../core/client';
import type { HubSession } from '../../host/session';
import { LegacyWebviewPage } from '../../host/legacyWebviewPage';
import { MODEL_VERSION_COMMANDS, type ModelVersionPageRequests, type ModelVersionPageState } from '../../protocol/modelVersion';
import type { CurveView } from '../../protocol/registryViews';
import { formatRef } from './targets';

export const MODEL_VERSION_VIEW_TYPE = 'polyaxonHub.modelVersionPage';

export function curvesOf(history: Record<string, MetricPoint[]>): CurveView[] {
  return Object.entries(history).filter(([, points]) => points.length > 1)
    .map(([name, points]) => ({ name, points: points.map(p => ({ step: p.step, value: p.value })) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function pageState(v: ModelVersionView, siblings: string[]): ModelVersionPageState {
  const l = v.lineage;
  return {
    org: v.org, project: v.project, model: v.model, version: v.name, ref: v.ref,
    description: v.description, tags: v.tags, stage: v.stage, framework: v.framework ?? 'custom',
    deploymentNotes: v.deploymentNotes || undefined, createdBy: v.createdBy, createdAt: v.createdAt,
    lineage: {
      runId: l.runId, runName: l.runName, source: l.source, sourcePath: l.sourcePath,
      gitCommit: l.git?.commit, gitBranch: l.git?.branch, gitDirty: l.git?.dirty,
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
export class ModelVersionPage extends LegacyWebviewPage<ModelVersionPageState, ModelVersionPageRequests> {
  private static readonly open = new Map<string, ModelVersionPage>();

  static show(session: HubSession, extensionUri: vscode.Uri, ref: ModelVersionRef): ModelVersionPage {
    const existing = ModelVersionPage.open.get(formatRef(ref));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(MODEL_VERSION_VIEW_TYPE, formatRef(ref), vscode.ViewColumn.Active, { retainContextWhenHidden: false });
    return new ModelVersionPage(panel, session, extensionUri, ref);
  }

  /** Restores a page after a reload (the serializer passes the state the page saved). */
  static revive(panel: vscode.WebviewPanel, session: HubSession, extensionUri: vscode.Uri, ref: ModelVersionRef): ModelVersionPage {
    return new ModelVersionPage(panel, session, extensionUri, ref);
  }

  /** The open page of a version (tests look at what it shows). */
  static find(ref: ModelVersionRef): ModelVersionPage | undefined {
    return ModelVersionPage.open.get(formatRef(ref));
  }

  private constructor(panel: vscode.WebviewPanel, private readonly session: HubSession, extensionUri: vscode.Uri, readonly ref: ModelVersionRef) {
    super(panel, extensionUri, 'modelVersion.js', session.onDidChange);
    ModelVersionPage.open.set(formatRef(ref), this);
    this.disposables.push({ dispose: () => { if (ModelVersionPage.open.get(formatRef(ref)) === this) ModelVersionPage.open.delete(formatRef(ref)); } });
  }

  /** What the page shows now (public for the in-host tests). */
  async loadState(): Promise<ModelVersionPageState> {
    const hub = this.session.hub;
    const { org, model, version } = this.ref;
    const [view, parent] = await Promise.all([hub.registry.version(org, model, version), hub.registry.model(org, model)]);
    return pageState(view, parent.versions.map(v => v.name).filter(n => n !== view.name));
  }

  protected async handle<K extends keyof ModelVersionPageRequests & string>(_command: K, args: ModelVersionPageRequests[K]['args']): Promise<ModelVersionPageRequests[K]['result']> {
    const { command } = args as ModelVersionPageRequests['run']['args'];
    if (!MODEL_VERSION_COMMANDS.includes(command)) throw new Error(`Unknown request ${command} for ${formatRef(this.ref)}.`);
    // each runs the version's command: it checks the role again and asks what it needs
    const id = command === 'delete' ? 'polyaxonHub.registry.deleteVersion' : `polyaxonHub.registry.${command}`;
    await vscode.commands.executeCommand(id, this.ref);
    return undefined as ModelVersionPageRequests[K]['result'];
  }
}
