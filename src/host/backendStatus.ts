import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { HubSession } from './session';

export const SIGN_IN_COMMAND = 'polyaxonHub.server.signIn';

/** The status bar item that says which backend the extension talks to and who you are there. */
export class BackendStatus extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly session: HubSession) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('polyaxonHub.backend', vscode.StatusBarAlignment.Left, 10));
    this.item.name = 'Polyaxon Hub backend';
    this._register(session.onDidChange(() => this.update()));
    this.update();
    this.item.show();
  }

  /** what the status bar shows now (tests read it: the item itself has no getter in the API) */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  private update(): void {
    const b = this.session.backend;
    if (b.kind === 'local') {
      this.item.text = `$(database) Polyaxon: local · ${b.user}`;
      this.item.tooltip = `Polyaxon Hub uses the local store ${b.location} as ${b.user}. Set polyaxonHub.server (or sign in) to use a Polyaxon server.`;
      this.item.backgroundColor = undefined;
    } else {
      const host = hostOf(b.location);
      this.item.text = b.problem ? `$(warning) Polyaxon: ${host}` : `$(server) Polyaxon: ${host} · ${b.user}`;
      this.item.tooltip = b.problem
        ? `Polyaxon server ${b.location}: ${b.problem}. Click to sign in.`
        : `${b.server ?? 'Polyaxon server'} at ${b.location}, signed in as ${b.user}.`;
      this.item.backgroundColor = b.problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.item.command = SIGN_IN_COMMAND;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
