import * as vscode from 'vscode';
import type { Actor } from '../core/orgs';
import type { Store } from '../core/store/store';
import { JsonFileStore } from '../core/store/jsonFileStore';
import { usernameFrom } from '../core/names';
import { resolveStorePath } from '../core/store/paths';
import { openHub, type HubClient } from '../core/client';
import { createServerHub, openServerHub } from '../core/client/server';
import { currentActor } from './currentActor';
import { ServerCredentialStore } from './serverCredentials';
import { ActiveOrganization } from './activeOrg';
import { HubError } from '../core/errors';
import { showError } from './showError';

/** Which backend the session talks to, for the status bar and messages. */
export interface BackendInfo {
  kind: 'local' | 'server';
  /** the store file, or the server URL */
  location: string;
  user: string;
  /** "Polyaxon CE 2.16.4" once the server answered */
  server?: string;
  /** why the server could not be reached or refused the credentials (the hub still answers with that error) */
  problem?: string;
  signedIn: boolean;
}

/** A Polyaxon server the session is connected to (`polyaxonHub.server`). */
interface ServerConnection {
  url: string;
  client: HubClient;
  subscription: { dispose(): void };
  signedIn: boolean;
  problem?: string;
}

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

  private server: ServerConnection | undefined;
  private readonly credentials: ServerCredentialStore | undefined;
  private readonly secretsSubscription: vscode.Disposable | undefined;
  /** bumps on every reconnect, so a slow check of an old server cannot replace a newer connection */
  private connectGeneration = 0;
  /** the `polyaxonHub.server` value last acted on (a bad URL is reported once, not every second) */
  private followedServerUrl = '';

  /** the organization chosen in the status bar; org pickers offer it first */
  readonly activeOrg: ActiveOrganization;

  constructor(
    private readonly globalStorage: string,
    secrets?: vscode.SecretStorage,
    workspaceState?: vscode.Memento,
  ) {
    this.activeOrg = new ActiveOrganization(workspaceState);
    this.credentials = secrets ? new ServerCredentialStore(secrets) : undefined;
    this.secretsSubscription = this.credentials?.onDidChange(() => {
      void this.reconnect();
    });
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
    this.settleTimers = {
      dispose: () => {
        clearInterval(settle);
        clearTimeout(stop);
      },
    };
    if (this.serverUrl()) void this.reconnect();
  }

  /**
   * Follows `polyaxonHub.storePath` / `polyaxonHub.user`: what an event reports changed, and any value that
   * is set but not in use (it arrived late, see above). A setting that merely reads empty for a moment
   * (while the settings file is rewritten) is not followed unless an event reports it.
   */
  private followSettings(e?: vscode.ConfigurationChangeEvent): void {
    this.followStorePath(e);
    if (e?.affectsConfiguration('polyaxonHub.server') || this.serverUrl() !== this.followedServerUrl) void this.reconnect();
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

  get user(): Actor {
    return this.actor;
  }

  /**
   * The door into the core for every face: the store in use, as the current user sees it. A new client is
   * made when the store or the user changes, so a caller never acts as someone else by holding an old one.
   */
  get hub(): HubClient {
    if (this.server) return this.server.client;
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

  /** What the status bar shows: which backend, who, and whether the server answered. */
  get backend(): BackendInfo {
    if (this.server) {
      const s = this.server;
      return { kind: 'server', location: s.url, user: s.client.user.username, server: s.client.capabilities?.server, problem: s.problem, signedIn: s.signedIn };
    }
    return { kind: 'local', location: this.store.location, user: this.actor.username, signedIn: true };
  }

  /** `polyaxonHub.server`: empty = the local store */
  serverUrl(): string {
    return vscode.workspace.getConfiguration('polyaxonHub').get<string>('server', '').trim();
  }

  get serverCredentials(): ServerCredentialStore | undefined {
    return this.credentials;
  }

  /**
   * Follows `polyaxonHub.server` and the stored credentials: a client is made at once (faces never wait), then
   * the server is asked who you are; its answer (or its refusal) replaces the first client. No reload needed.
   */
  async reconnect(): Promise<void> {
    const generation = ++this.connectGeneration;
    const url = this.serverUrl();
    this.followedServerUrl = url;
    this.server?.subscription.dispose();
    if (!url) {
      this.server = undefined;
      this.refresh();
      return;
    }
    let credentials;
    try {
      credentials = await this.credentials?.get(url);
    } catch {
      credentials = undefined;
    }
    if (generation !== this.connectGeneration) return;
    let client: HubClient;
    try {
      client = createServerHub({ url, credentials });
    } catch (err) {
      // a malformed URL: keep the local store and say why
      this.server = undefined;
      showError(new HubError(err instanceof Error ? err.message : String(err), 'invalid'));
      this.refresh();
      return;
    }
    this.use({ url, client, subscription: client.onDidChange(() => this.refresh()), signedIn: false, problem: credentials ? undefined : 'not signed in' });
    try {
      const checked = await openServerHub({ url, credentials });
      if (generation !== this.connectGeneration) return;
      this.server?.subscription.dispose();
      this.use({ url, client: checked, subscription: checked.onDidChange(() => this.refresh()), signedIn: !!credentials });
    } catch (err) {
      if (generation !== this.connectGeneration || !this.server) return;
      this.server.problem = err instanceof Error ? err.message : String(err);
      this.refresh();
    }
  }

  private use(connection: ServerConnection): void {
    this.server = connection;
    this.refresh();
  }

  /**
   * Resolves at the session's next change event, or after `timeoutMs`: a reveal after a write lets the write's
   * coalesced refresh rebuild the trees first, or the rebuild would drop the reveal's selection.
   */
  nextChange(timeoutMs = 500): Promise<void> {
    return new Promise(resolve => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const sub = this.onDidChange(done);
      const timer = setTimeout(done, timeoutMs);
    });
  }

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
    this.connectGeneration++;
    this.server?.subscription.dispose();
    this.secretsSubscription?.dispose();
    clearTimeout(this.pending);
    this.settleTimers.dispose();
    this.configSubscription.dispose();
    this.storeSubscription.dispose();
    this.current.dispose();
    this.activeOrg.dispose();
    this.changed.dispose();
  }
}
