import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunSummary, RunWatch } from '../../core/client';
import { backendKind } from '../../host/capabilities';
import type { HubSession } from '../../host/session';

/** How long file events are gathered before the core re-reads the runs under them (a training run writes bursts). */
const SETTLE_MS = 300;
/** Folders whose changes never concern a run (the core skips them too). */
const IGNORED = /[\\/](node_modules|\.git|\.venv|venv|__pycache__)([\\/]|$)/;

/**
 * The runs of every workspace folder, kept current: one full scan when the folders are known, then a file
 * watcher hands the changed paths to the core's incremental update (only the runs under them are read again).
 */
export class RunDiscovery implements vscode.Disposable {
  private watch: RunWatch | undefined;
  private watchSubscription: { dispose(): void } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** settles when the last batch of changes has been applied (tests and reveal wait on it) */
  private applying: Promise<unknown> = Promise.resolve();

  /** the backend the last scan was made for: switching between the local store and a server rescans (or stops) */
  private backend: 'local' | 'server';

  constructor(private readonly session: HubSession) {
    this.backend = backendKind(session.hub);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const queue = (uri: vscode.Uri) => this.queue(uri.fsPath);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(queue),
      watcher.onDidChange(queue),
      watcher.onDidDelete(queue),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()),
      session.onDidChange(() => {
        if (backendKind(session.hub) !== this.backend) this.restart();
      }),
      this.changed,
    );
    this.restart();
  }

  roots(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath);
  }

  /** Resolves once the first scan is done (the view shows what is known; changes being applied refresh it later). */
  async scanned(): Promise<void> {
    await this.watch?.ready.catch(() => undefined);
  }

  /** Resolves once the first scan (and any change being applied) is done. */
  async ready(): Promise<void> {
    await this.watch?.ready.catch(() => undefined);
    await this.applying;
  }

  runs(): RunSummary[] {
    return this.watch?.runs() ?? [];
  }

  runsUnder(root: string): RunSummary[] {
    const inside = (p: string) => p === root || p.startsWith(root + path.sep);
    return this.runs().filter(r => inside(r.storePath) || inside(r.path));
  }

  /** Re-reads everything (the Refresh button; a workspace folder added or removed). */
  restart(): void {
    this.watchSubscription?.dispose();
    this.watch?.dispose();
    this.watch = undefined;
    this.problem = undefined;
    const hub = this.session.hub;
    this.backend = backendKind(hub);
    if (hub.projectRuns) {
      // a server's runs are its own (the Runs view reads them per project): nothing to discover in the workspace
      this.changed.fire();
      return;
    }
    try {
      this.watch = hub.runs.watch(this.roots());
    } catch (error) {
      // the tree shows why instead of the extension failing to activate
      this.problem = error instanceof Error ? error.message : String(error);
      this.changed.fire();
      return;
    }
    this.watchSubscription = this.watch.onDidChange(() => this.changed.fire());
    void this.watch.ready.then(
      () => this.changed.fire(),
      error => {
        this.problem = `The workspace could not be scanned for runs: ${error instanceof Error ? error.message : String(error)}`;
        this.changed.fire();
      },
    );
  }

  /** Why there are no runs to show, when the scan itself failed. */
  problem: string | undefined;

  private queue(file: string): void {
    if (IGNORED.test(file)) return;
    this.pending.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SETTLE_MS);
  }

  private flush(): void {
    const paths = [...this.pending];
    this.pending.clear();
    const watch = this.watch;
    if (!paths.length || !watch) return;
    this.applying = this.applying
      .then(() => watch.ready)
      .then(() => watch.changed(paths))
      .catch(() => undefined);
  }

  /** Applies the file events gathered so far at once, then waits for them (tests; reveal right after a write). */
  async settle(): Promise<void> {
    clearTimeout(this.timer);
    this.flush();
    await this.ready();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watchSubscription?.dispose();
    this.watch?.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
