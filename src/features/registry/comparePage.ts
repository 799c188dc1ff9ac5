import * as vscode from 'vscode';
import type { CompareResult, CompareRow as CoreRow, ModelVersionRef } from '../../core/client';
import type { HubSession } from '../../host/session';
import { HubError } from '../../core/errors';
import { PageRegistry, WebviewPage, type PageKind } from '../../host/webviewPage';
import type { RequestHandlers } from '../../protocol/page';
import type { CompareRow, VersionComparePageRequests, VersionComparePageState } from '../../protocol/versionCompare';
import { formatNumber } from './format';
import { formatRef, parseRef, refOf } from './targets';

/** The versions compared, in their order. */
export interface CompareKey {
  refs: ModelVersionRef[];
}

export const VERSION_COMPARE_PAGE: PageKind<CompareKey> = {
  viewType: 'polyaxonHub.versionComparePage',
  script: 'versionCompare.js',
  id: key => key.refs.map(formatRef).join(' ↔ '),
  title: key => `Compare ${key.refs.map(r => r.version).join(' ↔ ')}`,
  keyFrom: saved => {
    const refs = Array.isArray((saved as CompareKey | undefined)?.refs) ? (saved as CompareKey).refs.map(refOf) : [];
    return refs.length >= 2 && refs.every(r => r) ? { refs: refs as ModelVersionRef[] } : undefined;
  },
};

function text(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : typeof value === 'number' ? formatNumber(value) : value;
}

function rows(list: CoreRow[]): CompareRow[] {
  return list.map(r => ({ name: r.key, values: r.values.map(text), differs: r.differs }));
}

export function compareState(c: CompareResult): VersionComparePageState {
  return {
    versions: c.versions.map(v => ({
      org: v.org,
      model: v.model,
      version: v.name,
      ref: v.ref,
      stage: v.stage,
      framework: v.framework ?? 'custom',
      createdAt: v.createdAt,
      run: v.runId,
    })),
    params: rows(c.params),
    metrics: rows(c.metrics),
    best: rows(c.bestMetrics),
    // the sha256 prefix: "same path, other content" shows at a glance
    artifacts: c.artifacts.map(r => ({
      name: r.key,
      differs: r.differs,
      values: r.values.map(v => (v === undefined ? undefined : `sha256 ${String(v).slice(0, 12)}`)),
    })),
    curves: Object.entries(c.curves)
      .filter(([, per]) => per.some(points => points.length > 1))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, per]) => ({
        name,
        series: per.map(points => (points.length ? { name, points: points.map(p => ({ step: p.step, value: p.value })) } : undefined)),
      })),
  };
}

/** Two or more versions side by side: params, metrics (latest, best), artifacts and metric curves. One panel per set of versions. */
export class VersionComparePage extends WebviewPage<CompareKey, VersionComparePageState, VersionComparePageRequests> {
  static register(session: HubSession, extensionUri: vscode.Uri): PageRegistry<CompareKey, VersionComparePage> {
    return new PageRegistry(VERSION_COMPARE_PAGE, (panel, key) => new VersionComparePage(panel, session, extensionUri, key));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly session: HubSession,
    extensionUri: vscode.Uri,
    key: CompareKey,
  ) {
    super(panel, VERSION_COMPARE_PAGE, key, extensionUri, session.onDidChange);
  }

  async loadState(): Promise<VersionComparePageState> {
    return compareState(await this.session.hub.registry.compare(this.key.refs));
  }

  protected readonly handlers: RequestHandlers<VersionComparePageRequests> = {
    open: async ({ ref }) => {
      const parsed = parseRef(ref);
      if (!parsed) throw new HubError(`Not a model version reference: ${ref}`);
      await vscode.commands.executeCommand('polyaxonHub.registry.openVersion', parsed);
    },
  };
}
