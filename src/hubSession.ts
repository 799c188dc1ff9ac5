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
    // Compare what the settings say now with what is in use, on every configuration event: after a window
    // reload the user's settings can reach the extension host after activation, in an event that does not
    // report them as changed (seen on code-server), and a session left on the default store would read and
    // write the wrong file.
    this.configSubscription = vscode.workspace.onDidChangeConfiguration(() => this.followSettings());
  }

  private followSettings(): void {
    if (this.storePath() !== this.current.location) this.reopen();
    const actor = currentActor();
    if (actor.username !== this.actor.username) {
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
