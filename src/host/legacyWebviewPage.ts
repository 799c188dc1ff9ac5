import * as vscode from 'vscode';
import type { HostToPage, PageToHost, RequestMap } from '../protocol/page';
import { HubError } from '../core/errors';
import { pageHtml } from './pageHtml';

/**
 * The component page's base until it moves onto `WebviewPage` (./webviewPage.ts: keyed panels, serializer,
 * rename following, typed handler maps); nothing new is built on this one. The ready handshake, typed requests, and a state push after every change of the session.
 * Subclasses say how to load their state and how to answer their requests.
 */
export abstract class LegacyWebviewPage<S, R extends RequestMap> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    script: string,
    changes: vscode.Event<void>,
  ) {
    panel.webview.html = pageHtml(panel, extensionUri, script);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: PageToHost<R>) => this.receive(m)),
      changes(() => { if (this.ready) void this.pushState(); }),
    );
  }

  protected abstract loadState(): Promise<S>;
  protected abstract handle<K extends keyof R & string>(command: K, args: R[K]['args']): Promise<R[K]['result']>;

  protected post(message: HostToPage<S> | { type: 'state'; state: S }): void {
    void this.panel.webview.postMessage(message);
  }

  protected async pushState(): Promise<void> {
    try {
      this.post({ type: 'state', state: await this.loadState() });
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
      const result = await this.handle(message.command, message.args);
      this.post({ type: 'reply', id: message.id, ok: true, result });
    } catch (error) {
      const text = error instanceof HubError ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`;
      this.post({ type: 'reply', id: message.id, ok: false, error: text });
    }
  }

  dispose(): void {
    this.closed.fire();
    this.closed.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}
