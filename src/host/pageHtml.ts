import * as crypto from 'node:crypto';
import * as vscode from 'vscode';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The HTML shell of a page: strict CSP with a fresh nonce per render, only dist/webview and media readable,
 * the page's script as a module. Images only from the extension and data: URLs (a readme's remote images stay out).
 */
export function pageHtml(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, script: string): string {
  const webview = panel.webview;
  webview.options = {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
  const nonce = crypto.randomBytes(16).toString('base64');
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
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
  <title>${escapeHtml(panel.title)}</title>
</head>
<body>
  <main id="app" aria-live="polite"><p class="muted">Loading…</p></main>
  <script type="module" nonce="${nonce}" src="${asset('dist', 'webview', script)}"></script>
</body>
</html>`;
}
