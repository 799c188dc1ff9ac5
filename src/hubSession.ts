import * as vscode from 'vscode';
import type { Actor } from './core/orgs';
import type { Store } from './core/store/store';
import { JsonFileStore } from './core/store/jsonFileStore';
import { resolveStorePath } from './core/store/paths';
import { currentActor } from './user';

/**
 * The extension's live connection to the store: which store, who is acting, and one change event
 * that fires on writes from this window, other windows and the CLI, and when the settings change.
 * Bursts are coalesced into one event: every refresh rebuilds the trees, and VS Code drops the
 * commands of tree items it rebuilt, so a click landing between two refreshes would do nothing.
 */
export class HubSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: Store;
  private storeSubscription: { dispose(): void };
  private actor: Actor;
  private readonly configSubscription: vscode.Disposable;
  private pending: NodeJS.Timeout | undefined;

  constructor(private readonly globalStorage: string) {
    this.current = this.openStore();
    this.storeSubscription = this.current.onDidChange(() => this.refresh());
    this.actor = currentActor();
    this.configSubscription = vscode.workspace.onDidChangeConfiguration(e => this.followSettings(e));
  }

  /**
   * Follows `polyaxonHub.storePath` / `polyaxonHub.user`. Besides the events that report them changed, a
   * value that is set but not in use is adopted: after a window reload code-server can deliver the user's
   * settings after activation in an event that does not report them, which would leave the session on the
   * default store, reading and writing the wrong file. A setting that merely reads empty for a moment (while
   * the settings file is rewritten) is not followed unless the event reports it.
   */
  private followSettings(e: vscode.ConfigurationChangeEvent): void {
    const settings = vscode.workspace.getConfiguration('polyaxonHub');
    const lateStore = settings.get<string>('storePath', '').trim() !== '' && this.storePath() !== this.current.location;
    if (e.affectsConfiguration('polyaxonHub.storePath') || lateStore) this.reopen();
    const actor = currentActor();
    const lateUser = settings.get<string>('user', '').trim() !== '' && actor.username !== this.actor.username;
    if (e.affectsConfiguration('polyaxonHub.user') || lateUser) {
      this.actor = actor;
      this.refresh();
    }
  }

  get store(): Store { return this.current; }
  get user(): Actor { return this.actor; }

  /** Signals views and pages to re-read. Writes through the store signal by themselves. */
  refresh(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire();
    }, 20);
  }

  private storePath(): string {
    return resolveStorePath(vscode.workspace.getConfiguration('polyaxonHub').get<string>('storePath', ''), this.globalStorage);
  }

  private openStore(): Store {
    return new JsonFileStore(this.storePath());
  }

  private reopen(): void {
    this.storeSubscription.dispose();
    this.current.dispose();
    this.current = this.openStore();
    this.storeSubscription = this.current.onDidChange(() => this.refresh());
    this.refresh();
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.configSubscription.dispose();
    this.storeSubscription.dispose();
    this.current.dispose();
    this.changed.dispose();
  }
}
