import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToPage, PageToHost, RequestMap } from '../../webview/shared/protocol';
import { HubError } from '../core/errors';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

/**
 * One webview page: strict CSP with a fresh nonce per render, only dist/webview and media readable,
 * the ready handshake, typed requests, and a state push after every change of the session.
 * Subclasses say how to load their state and how to answer their requests.
 */
export abstract class WebviewPage<S, R extends RequestMap> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly script: string,
    changes: vscode.Event<void>,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: PageToHost<R>) => this.receive(m)),
      changes(() => { if (this.ready) void this.pushState(); }),
    );
  }

  protected abstract loadState(): Promise<S>;
  protected abstract handle<K extends keyof R & string>(command: K, args: R[K]['args']): Promise<R[K]['result']>;

  protected post(message: HostToPage<S>): void {
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

  private html(): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(16).toString('base64');
    const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    // the toolkit (FAST) appends an empty <style> for focus-visible: the csp-nonce meta lets it carry the nonce
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta property="csp-nonce" content="${nonce}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${asset('media', 'page.css')}">
  <title>${escapeHtml(this.panel.title)}</title>
</head>
<body>
  <main id="app" aria-live="polite"><p class="muted">Loading…</p></main>
  <script type="module" nonce="${nonce}" src="${asset('dist', 'webview', this.script)}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.closed.fire();
    this.closed.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}
