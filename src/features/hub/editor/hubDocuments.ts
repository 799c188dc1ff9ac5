import * as vscode from 'vscode';
import { HubError, type VersionKey } from '../../../core/client';
import { slugProblem, versionNameProblem } from '../../../core/names';
import type { HubSession } from '../../../host/session';

/** Published versions open as read-only documents under their own scheme: `polyaxon-hub:/ORG/COMPONENT/VERSION.yaml`. */
export const HUB_SCHEME = 'polyaxon-hub';

export function versionUri(key: VersionKey): vscode.Uri {
  return vscode.Uri.from({ scheme: HUB_SCHEME, path: `/${key.org}/${key.component}/${key.version}.yaml` });
}

/** The version a hub URI names; throws when the path is not ORG/COMPONENT/VERSION.yaml with valid names. */
export function parseVersionUri(uri: vscode.Uri): VersionKey {
  const m = /^\/([^/]+)\/([^/]+)\/([^/]+)\.yaml$/.exec(uri.path);
  if (!m || slugProblem(m[1]) || slugProblem(m[2]) || versionNameProblem(m[3])) {
    throw new HubError(`${uri.toString()} does not name a published version (expected ${HUB_SCHEME}:/ORG/COMPONENT/VERSION.yaml).`, 'invalid-reference');
  }
  return { org: m[1], component: m[2], version: m[3] };
}

/** Serves the stored content of versions; re-reads after store changes so an open version never shows stale text. */
export class HubDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: HubSession) {
    this.subscription = session.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === HUB_SCHEME) this.changed.fire(doc.uri);
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = parseVersionUri(uri);
    try {
      return (await this.session.hub.components.version(key.org, key.component, key.version)).content;
    } catch (error) {
      // a deleted version stays readable as an explanation rather than an editor error
      return `# ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
