import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunFile, RunModel, RunSummary, RunView } from '../../core/client';
import type { HubSession } from '../../host/session';
import { ShownTree } from '../../host/shownTree';
import { formatBytes, formatNumber, formatWhen, plural } from './format';
import type { RunDiscovery } from './runDiscovery';
import { serverRunsChildren, type ServerRunsNode } from './serverRunItems';

export const RUNS_VIEW_ID = 'polyaxonHub.runs';

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

function statusIcon(run: RunSummary): vscode.ThemeIcon {
  if (run.error) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  const [icon, color] = STATUS_ICONS[run.status] ?? ['question'];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

function duration(run: RunSummary): string {
  if (!run.startedAt || !run.finishedAt) return '';
  const s = Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
  return s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
}

/** A workspace folder (only shown as a level when the workspace has several). */
export class RunRootItem extends vscode.TreeItem {
  readonly kind = 'root';
  constructor(
    readonly root: string,
    count: number,
  ) {
    super(path.basename(root), count ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.id = `runs-root:${root}`;
    this.description = count ? plural(count, 'run') : 'no runs';
    this.tooltip = root;
    this.iconPath = new vscode.ThemeIcon('root-folder');
    this.contextValue = 'runRoot';
  }
}

export class RunItem extends vscode.TreeItem {
  readonly kind = 'run';
  constructor(readonly run: RunSummary) {
    super(run.name || run.id, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `run:${run.key}`;
    const when = run.finishedAt ?? run.startedAt ?? run.createdAt;
    this.description = run.error ? 'cannot be read' : [run.status, run.source, formatWhen(when), duration(run)].filter(Boolean).join(' · ');
    this.iconPath = statusIcon(run);
    this.tooltip = RunItem.tooltip(run);
    this.contextValue = run.error ? 'run broken' : 'run';
  }

  static tooltip(run: RunSummary): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    // the run's name is whatever the training script chose: text, never Markdown or HTML (VS Code renders a
    // tree item's Markdown tooltip with the workbench's DOM, so markup in it reaches the workbench's CSP)
    md.appendMarkdown('**');
    md.appendText(run.name || run.id);
    md.appendMarkdown(`** — ${run.source} run\n\n`);
    if (run.error) md.appendText(`⚠ ${run.error}\n\n`);
    const lines = [
      `id: ${run.id}`,
      `status: ${run.status}`,
      run.experiment ? `experiment: ${run.experiment}` : '',
      run.startedAt ? `started: ${formatWhen(run.startedAt)} UTC` : '',
      run.finishedAt ? `finished: ${formatWhen(run.finishedAt)} UTC` : '',
      run.git?.commit
        ? `git: ${run.git.commit.slice(0, 12)}${run.git.branch ? ` (${run.git.branch})` : ''}${run.git.dirty ? ', uncommitted changes' : ''}`
        : '',
      `path: ${run.path}`,
    ];
    md.appendText(lines.filter(Boolean).join('\n'));
    const params = Object.entries(run.params);
    if (params.length) md.appendText(`\n\nparams: ${params.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    const metrics = Object.entries(run.metrics);
    if (metrics.length) md.appendText(`\nmetrics: ${metrics.map(([k, v]) => `${k}=${formatNumber(v)}`).join(', ')}`);
    return md;
  }
}

/** A group under a run: its parameters, metrics or tags. */
export class RunGroupItem extends vscode.TreeItem {
  readonly kind = 'group';
  constructor(
    readonly run: RunSummary,
    readonly group: 'params' | 'metrics' | 'tags',
    readonly entries: [string, string][],
  ) {
    super(group === 'params' ? 'Parameters' : group === 'metrics' ? 'Metrics' : 'Tags', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `run:${run.key}:${group}`;
    this.description = String(entries.length);
    this.iconPath = new vscode.ThemeIcon(group === 'params' ? 'settings' : group === 'metrics' ? 'graph-line' : 'tag');
    this.contextValue = `runGroup ${group}`;
  }
}

/** One fact about a run (its git commit, its times), shown as label and description. */
export class RunFactItem extends vscode.TreeItem {
  readonly kind = 'fact';
  constructor(run: RunSummary, name: string, value: string, icon: string) {
    super(name, vscode.TreeItemCollapsibleState.None);
    this.id = `run:${run.key}:${name}`;
    this.description = value;
    this.tooltip = `${name}: ${value}`;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'runFact';
  }
}

export class RunValueItem extends vscode.TreeItem {
  readonly kind = 'value';
  constructor(parent: RunGroupItem, name: string, value: string) {
    super(name, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}:${name}`;
    this.description = value;
    this.tooltip = `${name}: ${value}`;
    this.contextValue = 'runValue';
  }
}

/** A model the run logged (an MLflow MLmodel folder…): promotable as a whole. */
export class RunModelItem extends vscode.TreeItem {
  readonly kind = 'model';
  readonly promotePath: string;
  constructor(
    readonly run: RunSummary,
    readonly model: RunModel,
  ) {
    super(model.name, vscode.TreeItemCollapsibleState.None);
    this.id = `run:${run.key}:model:${model.path}`;
    this.promotePath = model.absolutePath;
    this.description = [model.framework ?? model.flavors.join(', '), model.path].filter(Boolean).join(' · ');
    this.tooltip = `Logged model ${model.name}${model.modelId ? ` (${model.modelId})` : ''}\nflavors: ${model.flavors.join(', ') || '—'}\n${model.absolutePath}`;
    this.iconPath = new vscode.ThemeIcon('package');
    this.contextValue = 'runModel';
  }
}

export class RunFileItem extends vscode.TreeItem {
  readonly kind = 'file';
  readonly promotePath: string;
  constructor(
    readonly run: RunSummary,
    readonly file: RunFile,
  ) {
    super(file.path, vscode.TreeItemCollapsibleState.None);
    this.id = `run:${run.key}:file:${file.path}`;
    this.promotePath = file.absolutePath;
    this.resourceUri = vscode.Uri.file(file.absolutePath);
    this.description = formatBytes(file.size);
    this.tooltip = `${file.absolutePath}\n${formatBytes(file.size)}`;
    this.contextValue = 'runOutput';
    this.command = { command: 'vscode.open', title: 'Open', arguments: [this.resourceUri] };
  }
}

export class RunErrorItem extends vscode.TreeItem {
  readonly kind = 'error';
  constructor(run: RunSummary | undefined, message: string, under?: string) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.id = run ? `run:${run.key}:error` : under ? `${under}:error` : 'runs:error';
    this.tooltip = message;
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    this.contextValue = 'runError';
  }
}

export type RunsNode = RunRootItem | RunItem | RunGroupItem | RunFactItem | RunValueItem | RunModelItem | RunFileItem | RunErrorItem | ServerRunsNode;

/**
 * Runs discovered in the workspace folders: each run with its status, times, parameters, metrics (latest and
 * best), tags, logged models and output files. Fed by a RunDiscovery, which re-reads only what changed.
 * With a Polyaxon server, the server's runs per project instead (serverRunItems.ts), read afresh on every refresh.
 */
export class RunsTree implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly runItems = new Map<string, RunItem>();
  private readonly served = new vscode.EventEmitter<void>();
  private readonly serverRuns = new ShownTree<RunsNode>(
    node => serverRunsChildren(this.session.hub, node as ServerRunsNode | undefined),
    node => this.changed.fire(node),
  );
  /** fires after the view fetched its top level (a reveal right after showing the view waits for it) */
  readonly onDidServeRoots = this.served.event;

  constructor(
    private readonly session: HubSession,
    private readonly discovery: RunDiscovery,
  ) {
    const onDiscovery = discovery.onDidChange(() => this.changed.fire(undefined));
    // a server's runs change without a file event: follow the session (its poll, this window's writes), refreshing
    // only what changed; another backend than the one shown is a new tree
    let shownHub = session.hub;
    const onSession = session.onDidChange(() => {
      const hub = session.hub;
      if (hub !== shownHub) this.serverRuns.refreshAll();
      else if (hub.projectRuns) void this.serverRuns.check();
      shownHub = hub;
    });
    this.subscription = vscode.Disposable.from(onDiscovery, onSession);
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    return node;
  }

  getParent(node: RunsNode): RunsNode | undefined {
    if (node instanceof RunItem) {
      const roots = this.discovery.roots();
      if (roots.length < 2) return undefined;
      const root = roots.find(r => node.run.path.startsWith(r + path.sep) || node.run.storePath.startsWith(r + path.sep));
      return root ? new RunRootItem(root, this.discovery.runsUnder(root).length) : undefined;
    }
    return undefined;
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    const hub = this.session.hub;
    if (hub.projectRuns) {
      try {
        return await this.serverRuns.children(node);
      } catch (error) {
        // the server is down or refused: one row that says why, instead of an empty view or a hang
        return [new RunErrorItem(undefined, error instanceof Error ? error.message : String(error), node?.id)];
      } finally {
        if (!node) setTimeout(() => this.served.fire(), 0);
      }
    }
    if (!node) {
      try {
        await this.discovery.scanned();
        if (this.discovery.problem) return [new RunErrorItem(undefined, this.discovery.problem)];
        const roots = this.discovery.roots();
        if (roots.length > 1) return roots.map(r => new RunRootItem(r, this.discovery.runsUnder(r).length));
        return this.items(this.discovery.runs());
      } finally {
        setTimeout(() => this.served.fire(), 0);
      }
    }
    if (node instanceof RunRootItem) return this.items(this.discovery.runsUnder(node.root));
    if (node instanceof RunItem) return this.runChildren(node.run);
    if (node instanceof RunGroupItem) return node.entries.map(([k, v]) => new RunValueItem(node, k, v));
    return [];
  }

  private items(runs: RunSummary[]): RunItem[] {
    return runs.map(r => {
      const item = new RunItem(r);
      this.runItems.set(r.key, item);
      return item;
    });
  }

  /** The item of a discovered run, by key or id (Reveal Source Run). */
  async findRun(keyOrId: string): Promise<RunItem | undefined> {
    await this.discovery.ready();
    const run = this.discovery.runs().find(r => r.key === keyOrId || r.id === keyOrId);
    return run ? (this.runItems.get(run.key) ?? new RunItem(run)) : undefined;
  }

  private async runChildren(run: RunSummary): Promise<RunsNode[]> {
    let view: RunView;
    try {
      view = await this.session.hub.runs.get(run.key, this.discovery.roots());
    } catch (error) {
      return [new RunErrorItem(run, error instanceof Error ? error.message : String(error))];
    }
    const children: RunsNode[] = [];
    if (view.error) children.push(new RunErrorItem(run, view.error));
    if (view.git?.commit) {
      children.push(
        new RunFactItem(
          run,
          'git',
          `${view.git.commit.slice(0, 12)}${view.git.branch ? ` on ${view.git.branch}` : ''}${view.git.dirty ? ', uncommitted changes' : ''}`,
          'git-commit',
        ),
      );
    }
    const times = [view.startedAt && `started ${formatWhen(view.startedAt)}`, view.finishedAt && `finished ${formatWhen(view.finishedAt)}`, duration(view)]
      .filter(Boolean)
      .join(' · ');
    if (times) children.push(new RunFactItem(run, 'time', `${times} (UTC)`, 'watch'));
    children.push(...view.models.map(m => new RunModelItem(run, m)));
    const params = Object.entries(view.params);
    if (params.length) children.push(new RunGroupItem(run, 'params', params));
    const metrics = Object.entries(view.metricSummaries).map(([k, m]): [string, string] => [
      k,
      `${formatNumber(m.latest)} (best ${formatNumber(m.best)}, ${m.goal})`,
    ]);
    if (metrics.length) children.push(new RunGroupItem(run, 'metrics', metrics));
    const tags = Object.entries(view.tags).filter(([k]) => !k.startsWith('mlflow.log-model'));
    if (tags.length) children.push(new RunGroupItem(run, 'tags', tags));
    children.push(...view.files.map(f => new RunFileItem(run, f)));
    return children;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.served.dispose();
  }
}
