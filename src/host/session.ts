import * as vscode from 'vscode';
import type { Actor } from '../core/orgs';
import type { Store } from '../core/store/store';
import { JsonFileStore } from '../core/store/jsonFileStore';
import { usernameFrom } from '../core/names';
import { resolveStorePath } from '../core/store/paths';
import { openHub, type HubClient } from '../core/client';
import { currentActor } from './currentActor';

/** How long after activation the session keeps looking for settings that arrive without an event. */
const SETTINGS_SETTLE_MS = 60_000;

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
  private readonly settleTimers: vscode.Disposable;

  constructor(private readonly globalStorage: string) {
    this.current = this.openStore();
    this.storeSubscription = this.current.onDidChange(() => this.refresh());
    this.actor = currentActor();
    this.configSubscription = vscode.workspace.onDidChangeConfiguration(e => this.followSettings(e));
    // Settings can reach the extension host after activation with no event that reports them (seen on
    // code-server 1.99 after a reload; on 1.139 under load a machine-scoped storePath did not arrive at all,
    // so the setting now has the default scope). Until they have had time to arrive, look again every
    // second, so a session never stays on the default store while the user configured another.
    const settle = setInterval(() => this.followSettings(), 1000);
    const stop = setTimeout(() => clearInterval(settle), SETTINGS_SETTLE_MS);
    this.settleTimers = { dispose: () => { clearInterval(settle); clearTimeout(stop); } };
  }

  /**
   * Follows `polyaxonHub.storePath` / `polyaxonHub.user`: what an event reports changed, and any value that
   * is set but not in use (it arrived late, see above). A setting that merely reads empty for a moment
   * (while the settings file is rewritten) is not followed unless an event reports it.
   */
  private followSettings(e?: vscode.ConfigurationChangeEvent): void {
    this.followStorePath(e);
    const configuredUser = vscode.workspace.getConfiguration('polyaxonHub').get<string>('user', '').trim();
    // resolving the user without a setting asks git: do it only when an event says the setting changed
    if (e?.affectsConfiguration('polyaxonHub.user') || (configuredUser && usernameFrom(configuredUser) !== this.actor.username)) {
      this.actor = currentActor();
      this.refresh();
    }
  }

  private followStorePath(e?: vscode.ConfigurationChangeEvent): void {
    const configured = vscode.workspace.getConfiguration('polyaxonHub').get<string>('storePath', '').trim();
    if (e?.affectsConfiguration('polyaxonHub.storePath') || (configured && this.storePath() !== this.current.location)) this.reopen();
  }

  /** The store in use: the configured one, even when its setting arrived after activation. */
  get store(): Store {
    this.followStorePath();
    return this.current;
  }

  get user(): Actor { return this.actor; }

  /**
   * The door into the core for every face: the store in use, as the current user sees it. A new client is
   * made when the store or the user changes, so a caller never acts as someone else by holding an old one.
   */
  get hub(): HubClient {
    const store = this.store;
    if (!this.client || this.clientStore !== store || this.clientActor !== this.actor) {
      this.client = openHub(store, this.actor);
      this.clientStore = store;
      this.clientActor = this.actor;
    }
    return this.client;
  }
  private client: HubClient | undefined;
  private clientStore: Store | undefined;
  private clientActor: Actor | undefined;

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
    this.settleTimers.dispose();
    this.configSubscription.dispose();
    this.storeSubscription.dispose();
    this.current.dispose();
    this.changed.dispose();
  }
}
