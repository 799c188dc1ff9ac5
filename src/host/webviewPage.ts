import * as vscode from 'vscode';
import type { HostToPage, PageToHost, RequestHandlers, RequestMap } from '../protocol/page';
import { HubError } from '../core/errors';
import { logProblem } from './hubLog';
import { Disposable } from './disposable';
import { pageHtml } from './pageHtml';

/** What a kind of page is: its view type, script and how its subjects (keys) are named. */
export interface PageKind<Key> {
  viewType: string;
  /** the bundle under dist/webview */
  script: string;
  /** one panel per id: `acme`, `acme/research` */
  id(key: Key): string;
  title(key: Key): string;
  /** the key a panel saved before a reload, checked: an older version may have saved something else */
  keyFrom(saved: unknown): Key | undefined;
}

/**
 * One webview page about one subject (its key): the strict-CSP shell, the ready handshake, requests answered
 * through a handler map that names every request type, a state push after every change of the session, and the
 * key saved with the panel for the serializer. A page that follows its subject to a new name calls `rekey`.
 */
export abstract class WebviewPage<Key, S, R extends RequestMap> extends Disposable {
  private ready = false;
  private readonly rekeyed = this._register(new vscode.EventEmitter<string>());
  /** fires with the id the page had before `rekey` */
  readonly onDidRekey = this.rekeyed.event;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly kind: PageKind<Key>,
    private current: Key,
    extensionUri: vscode.Uri,
    changes: vscode.Event<void>,
  ) {
    super();
    panel.webview.html = pageHtml(panel, extensionUri, kind.script);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((m: PageToHost<R>) => this.receive(m)));
    this._register(
      changes(() => {
        // a page whose webview is still loading follows its subject's rename all the same (its title, its key)
        void (this.ready ? this.pushState() : this.loadState().catch(() => undefined));
      }),
    );
  }

  get key(): Key {
    return this.current;
  }
  get id(): string {
    return this.kind.id(this.current);
  }

  /** How to answer each request type (a missing one does not compile). */
  protected abstract readonly handlers: RequestHandlers<R>;
  /** The page's state as the current user sees it now; a `HubError` becomes the page's "unavailable" view. */
  protected abstract loadState(): Promise<S>;

  /** The subject now goes by another name (renamed here, in another window or by the CLI). */
  protected rekey(key: Key): void {
    const before = this.id;
    this.current = key;
    this.panel.title = this.kind.title(key);
    if (this.id !== before) this.rekeyed.fire(before);
  }

  protected post(message: HostToPage<S, Key>): void {
    void this.panel.webview.postMessage(message);
  }

  /** Re-reads and sends the state (after a change, or when a request asks for it). */
  async pushState(): Promise<void> {
    try {
      const state = await this.loadState();
      this.post({ type: 'state', state, persist: this.current });
    } catch (error) {
      this.post({ type: 'unavailable', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async receive(message: PageToHost<R>): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      await this.pushState();
      return;
    }
    if (message.type !== 'request') return;
    try {
      const handler = Object.hasOwn(this.handlers, message.command) ? this.handlers[message.command] : undefined;
      if (!handler) throw new HubError(`Unknown request ${message.command}.`);
      const result = await handler(message.args);
      this.post({ type: 'reply', id: message.id, ok: true, result });
    } catch (error) {
      logProblem(error);
      const text = error instanceof HubError ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`;
      this.post({ type: 'reply', id: message.id, ok: false, error: text });
    }
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.closed.fire();
    this.closed.dispose();
    this.panel.dispose();
  }
}

/**
 * The open pages of one kind: one panel per subject (shown again when open), restored after a window reload
 * (the panel serializer), and found under their new id after a rename. Disposing it leaves the panels open:
 * at shutdown VS Code saves them for the serializer.
 */
/** What the registry needs of a page (any state and requests). */
interface KeyedPage {
  readonly panel: vscode.WebviewPanel;
  readonly id: string;
  readonly onDidRekey: vscode.Event<string>;
  readonly onDidClose: vscode.Event<void>;
}

export class PageRegistry<Key, P extends KeyedPage> extends Disposable {
  private readonly open = new Map<string, P>();

  constructor(
    private readonly kind: PageKind<Key>,
    private readonly create: (panel: vscode.WebviewPanel, key: Key) => P,
  ) {
    super();
    this._register(
      vscode.window.registerWebviewPanelSerializer(kind.viewType, {
        deserializeWebviewPanel: async (panel, saved: unknown) => {
          const key = kind.keyFrom(saved);
          if (key === undefined) panel.dispose();
          else this.adopt(panel, key);
        },
      }),
    );
  }

  /** The page of `key`, revealed when it is open, else opened in the active column. */
  show(key: Key): P {
    const existing = this.find(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    return this.adopt(vscode.window.createWebviewPanel(this.kind.viewType, this.kind.title(key), vscode.ViewColumn.Active, {}), key);
  }

  find(key: Key): P | undefined {
    return this.open.get(this.kind.id(key));
  }

  get pages(): P[] {
    return [...this.open.values()];
  }

  private adopt(panel: vscode.WebviewPanel, key: Key): P {
    const page = this.create(panel, key);
    this.open.set(page.id, page);
    page.onDidRekey(before => {
      if (this.open.get(before) === page) this.open.delete(before);
      if (!this.open.has(page.id)) this.open.set(page.id, page);
    });
    page.onDidClose(() => {
      if (this.open.get(page.id) === page) this.open.delete(page.id);
    });
    return page;
  }
}
