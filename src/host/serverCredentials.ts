import type * as vscode from 'vscode';
import { normalizeBaseUrl, type ServerCredentials } from '../core/client/server/http';

/** Sign-in credentials per server URL, kept in VS Code's SecretStorage (the OS keychain), never in settings. */
export class ServerCredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(url: string): string {
    return `polyaxonHub.server.credentials:${normalizeBaseUrl(url)}`;
  }

  async get(url: string): Promise<ServerCredentials | undefined> {
    const raw = await this.secrets.get(this.key(url));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as ServerCredentials;
      return parsed.kind === 'token' || parsed.kind === 'basic' ? parsed : undefined;
    } catch {
      return undefined; // an unreadable secret is the same as none: sign in again
    }
  }

  set(url: string, credentials: ServerCredentials): Thenable<void> {
    return this.secrets.store(this.key(url), JSON.stringify(credentials));
  }

  delete(url: string): Thenable<void> {
    return this.secrets.delete(this.key(url));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange(e => {
      if (e.key.startsWith('polyaxonHub.server.credentials:')) listener();
    });
  }
}
