import * as vscode from 'vscode';
import type { CompareResult, CompareRow as CoreRow, ModelVersionRef } from '../../core/client';
import type { HubSession } from '../../host/session';
import { LegacyWebviewPage } from '../../host/legacyWebviewPage';
import type { CompareRow, VersionComparePageRequests, VersionComparePageState } from '../../protocol/versionCompare';
import { formatNumber } from './format';
import { formatRef, parseRef } from './targets';

export const VERSION_COMPARE_VIEW_TYPE = 'polyaxonHub.versionComparePage';

function text(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : typeof value === 'number' ? formatNumber(value) : value;
}

function rows(list: CoreRow[]): CompareRow[] {
  return list.map(r => ({ name: r.key, values: r.values.map(text), differs: r.differs }));
}

export function compareState(c: CompareResult): VersionComparePageState {
  return {
    versions: c.versions.map(v => ({ org: v.org, model: v.model, version: v.name, ref: v.ref, stage: v.stage, framework: v.framework ?? 'custom', createdAt: v.createdAt, run: v.runId })),
    params: rows(c.params),
    metrics: rows(c.metrics),
    best: rows(c.bestMetrics),
    // the sha256 prefix: "same path, other content" shows at a glance
    artifacts: c.artifacts.map(r => ({ name: r.key, differs: r.differs, values: r.values.map(v => v === undefined ? undefined : `sha256 ${String(v).slice(0, 12)}`) })),
    curves: Object.entries(c.curves).filter(([, per]) => per.some(points => points.length > 1)).sort(([a], [b]) => a.localeCompare(b))
      .map(([name, per]) => ({ name, series: per.map(points => points.length ? { name, points: points.map(p => ({ step: p.step, value: p.value })) } : undefined) })),
  };
}

/** Two or more versions side by side: params, metrics (latest, best), artifacts and metric curves. One panel per set of versions. */
export class VersionComparePage extends LegacyWebviewPage<VersionComparePageState, VersionComparePageRequests> {
  private static readonly open = new Map<string, VersionComparePage>();

  static key(refs: ModelVersionRef[]): string { return refs.map(formatRef).join(' ↔ '); }

  static show(session: HubSession, extensionUri: vscode.Uri, refs: ModelVersionRef[]): VersionComparePage {
    const existing = VersionComparePage.open.get(VersionComparePage.key(refs));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const title = `Compare ${refs.map(r => r.version).join(' ↔ ')}`;
    const panel = vscode.window.createWebviewPanel(VERSION_COMPARE_VIEW_TYPE, title, vscode.ViewColumn.Active, { retainContextWhenHidden: false });
    return new VersionComparePage(panel, session, extensionUri, refs);
  }

  static revive(panel: vscode.WebviewPanel, session: HubSession, extensionUri: vscode.Uri, refs: ModelVersionRef[]): VersionComparePage {
    return new VersionComparePage(panel, session, extensionUri, refs);
  }

  static find(refs: ModelVersionRef[]): VersionComparePage | undefined {
    return VersionComparePage.open.get(VersionComparePage.key(refs));
  }

  private constructor(panel: vscode.WebviewPanel, private readonly session: HubSession, extensionUri: vscode.Uri, readonly refs: ModelVersionRef[]) {
    super(panel, extensionUri, 'versionCompare.js', session.onDidChange);
    const key = VersionComparePage.key(refs);
    VersionComparePage.open.set(key, this);
    this.disposables.push({ dispose: () => { if (VersionComparePage.open.get(key) === this) VersionComparePage.open.delete(key); } });
  }

  async loadState(): Promise<VersionComparePageState> {
    return compareState(await this.session.hub.registry.compare(this.refs));
  }

  protected async handle<K extends keyof VersionComparePageRequests & string>(_command: K, args: VersionComparePageRequests[K]['args']): Promise<VersionComparePageRequests[K]['result']> {
    const ref = parseRef((args as { ref: string }).ref);
    if (ref) await vscode.commands.executeCommand('polyaxonHub.registry.openVersion', ref);
    return undefined as VersionComparePageRequests[K]['result'];
  }
}
