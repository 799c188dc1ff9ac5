import * as vscode from 'vscode';
import type { HubClient, MetricPoint, ProjectSummary, ServerRunArtifact, ServerRunSummary, ServerRunView } from '../../core/client';
import { formatBytes, formatNumber, formatWhen } from './format';

// The Runs view on a Polyaxon server: the runs are the server's, per project (hub.projectRuns), not discovered in the
// workspace. Project → run (status, times) → its facts, inputs, outputs, metrics, lineage artifacts and files.

/** Lineage kinds that are records about the run, not something to register as a model (the backend refuses them too). */
const NOT_PROMOTABLE = new Set(['metric', 'env', 'code', 'log', 'text', 'html', 'chart', 'curve', 'confusion', 'span']);

const STATUS_ICONS: Record<string, [icon: string, color?: string]> = {
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  running: ['sync~spin'],
  scheduled: ['clock'],
  queued: ['clock'],
  created: ['circle-outline'],
  stopped: ['debug-stop', 'disabledForeground'],
  skipped: ['debug-step-over', 'disabledForeground'],
};

function seconds(s: number | undefined): string {
  if (s === undefined) return '';
  return s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
}

function show(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : typeof value === 'string' ? value : JSON.stringify(value);
}

export class ServerProjectItem extends vscode.TreeItem {
  readonly kind = 'serverProject';
  constructor(readonly project: ProjectSummary) {
    super(project.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `server-runs:${project.org}/${project.name}`;
    this.description = project.description || undefined;
    this.tooltip = `${project.org}/${project.name}${project.description ? `\n${project.description}` : ''}`;
    this.iconPath = new vscode.ThemeIcon('project');
    this.contextValue = 'serverProject';
  }
}

export class ServerRunItem extends vscode.TreeItem {
  readonly kind = 'serverRun';
  constructor(readonly serverRun: ServerRunSummary) {
    super(serverRun.name || serverRun.uuid, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `server-run:${serverRun.org}/${serverRun.project}/${serverRun.uuid}`;
    this.description = [
      serverRun.status,
      serverRun.kind,
      formatWhen(serverRun.finishedAt ?? serverRun.startedAt ?? serverRun.createdAt),
      seconds(serverRun.duration),
    ]
      .filter(Boolean)
      .join(' · ');
    const [icon, color] = STATUS_ICONS[serverRun.status] ?? ['question'];
    this.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${serverRun.name || serverRun.uuid}** — run on the server\n\n`);
    md.appendText(
      [
        `uuid: ${serverRun.uuid}`,
        `status: ${serverRun.status}`,
        `project: ${serverRun.org}/${serverRun.project}`,
        serverRun.createdBy ? `by ${serverRun.createdBy}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    this.tooltip = md;
    this.contextValue = 'serverRun';
  }
}

/** A group under a server run: its inputs, outputs or metrics (latest values). */
export class ServerRunGroupItem extends vscode.TreeItem {
  readonly kind = 'serverGroup';
  constructor(
    run: ServerRunSummary,
    group: 'inputs' | 'outputs' | 'metrics',
    readonly entries: [string, string][],
  ) {
    super(group[0].toUpperCase() + group.slice(1), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `server-run:${run.org}/${run.project}/${run.uuid}:${group}`;
    this.description = String(entries.length);
    this.iconPath = new vscode.ThemeIcon(group === 'inputs' ? 'arrow-right' : group === 'outputs' ? 'arrow-left' : 'graph-line');
    this.contextValue = `serverRunGroup ${group}`;
  }
}

/** One line about a server run: a fact (status, times), a value of a group, or a file of its artifacts store. */
class ServerRunLineItem extends vscode.TreeItem {
  readonly kind = 'serverLine';
  constructor(id: string, label: string, description: string, icon?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.description = description;
    this.tooltip = `${label}: ${description}`;
    if (icon) this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'serverRunLine';
  }
}

/** An artifact the run declared in its lineage; an output one (a model, a file) is what a promote registers. */
export class ServerArtifactItem extends vscode.TreeItem {
  readonly kind = 'serverArtifact';
  readonly promotable: boolean;
  constructor(
    readonly serverRun: ServerRunSummary,
    readonly artifact: ServerRunArtifact,
  ) {
    super(artifact.name, vscode.TreeItemCollapsibleState.None);
    this.id = `server-run:${serverRun.org}/${serverRun.project}/${serverRun.uuid}:lineage:${artifact.isInput ? 'in' : 'out'}:${artifact.name}`;
    this.promotable = !artifact.isInput && !NOT_PROMOTABLE.has(artifact.kind);
    const framework = typeof artifact.summary.framework === 'string' ? artifact.summary.framework : undefined;
    this.description = [artifact.isInput ? 'input' : 'output', artifact.kind, framework, artifact.path].filter(Boolean).join(' · ');
    this.tooltip = `${artifact.isInput ? 'Input' : 'Output'} ${artifact.kind} "${artifact.name}" in the run's lineage${artifact.path ? `\n${artifact.path}` : ''}`;
    this.iconPath = new vscode.ThemeIcon(artifact.kind === 'model' ? 'package' : artifact.isInput ? 'arrow-right' : 'file');
    this.contextValue = this.promotable ? 'serverRunArtifact' : 'serverRunLineage';
  }
}

export type ServerRunsNode = ServerProjectItem | ServerRunItem | ServerRunGroupItem | ServerRunLineItem | ServerArtifactItem;

function latest(points: MetricPoint[]): string {
  const last = points[points.length - 1];
  return last ? `${formatNumber(last.value)} (step ${last.step})` : '—';
}

function runChildren(view: ServerRunView): ServerRunsNode[] {
  const id = `server-run:${view.org}/${view.project}/${view.uuid}`;
  const children: ServerRunsNode[] = [];
  const lastCondition = view.statusConditions[view.statusConditions.length - 1];
  children.push(new ServerRunLineItem(`${id}:status`, 'status', [view.status, lastCondition?.message].filter(Boolean).join(' · '), 'pulse'));
  const times = [
    view.startedAt && `started ${formatWhen(view.startedAt)}`,
    view.finishedAt && `finished ${formatWhen(view.finishedAt)}`,
    seconds(view.duration),
  ]
    .filter(Boolean)
    .join(' · ');
  if (times) children.push(new ServerRunLineItem(`${id}:time`, 'time', `${times} (UTC)`, 'watch'));
  const groups: ['inputs' | 'outputs' | 'metrics', [string, string][]][] = [
    ['inputs', Object.entries(view.inputs).map(([k, v]) => [k, show(v)])],
    ['outputs', Object.entries(view.outputs).map(([k, v]) => [k, show(v)])],
    ['metrics', Object.entries(view.metrics).map(([k, points]) => [k, latest(points)])],
  ];
  for (const [group, entries] of groups) if (entries.length) children.push(new ServerRunGroupItem(view, group, entries));
  // the server failed on the metrics: say so instead of showing a run that seems to have logged none
  if (view.metricsUnavailable) children.push(new ServerRunLineItem(`${id}:metrics-unavailable`, 'metrics', view.metricsUnavailable, 'warning'));
  // outputs first: they are what a promote registers
  const lineage = [...view.lineage].sort((a, b) => Number(a.isInput) - Number(b.isInput) || a.name.localeCompare(b.name));
  children.push(...lineage.map(a => new ServerArtifactItem(view, a)));
  children.push(...view.artifacts.dirs.map(d => new ServerRunLineItem(`${id}:dir:${d}`, d, 'folder in the artifacts store', 'folder')));
  children.push(...view.artifacts.files.map(f => new ServerRunLineItem(`${id}:file:${f.path}`, f.path, formatBytes(f.size), 'file')));
  return children;
}

/** The children of a node of the Runs view on a server (the projects when `node` is undefined). */
export async function serverRunsChildren(hub: HubClient, node: ServerRunsNode | undefined): Promise<ServerRunsNode[]> {
  const runs = hub.projectRuns;
  if (!runs) return [];
  if (!node) {
    const orgs = await hub.orgs.list();
    const projects = (await Promise.all(orgs.map(o => hub.projects.list(o.name)))).flat();
    return projects.map(p => new ServerProjectItem(p));
  }
  if (node instanceof ServerProjectItem) {
    const list = await runs.list(node.project.org, node.project.name);
    if (!list.length) return [new ServerRunLineItem(`${node.id}:none`, 'No runs', `in ${node.project.name} yet`, 'info')];
    return list.map(r => new ServerRunItem(r));
  }
  if (node instanceof ServerRunItem) {
    const r = node.serverRun;
    return runChildren(await runs.get(r.org, r.project, r.uuid));
  }
  if (node instanceof ServerRunGroupItem) return node.entries.map(([k, v]) => new ServerRunLineItem(`${node.id}:${k}`, k, v));
  return [];
}
