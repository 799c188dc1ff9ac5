import * as vscode from 'vscode';
import type { HubSession } from '../../host/session';
import { Disposable } from '../../host/disposable';

const SWITCH_ORG_COMMAND = 'polyaxonHub.org.switchActive';

/**
 * Status bar entry beside the backend's: who Polyaxon Hub acts as and the active organization. A click opens
 * the picker that switches it. The active org follows renames and is dropped when it is deleted or no longer
 * visible (another store, another user).
 */
export class ActiveOrgStatus extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private updating: Promise<void> = Promise.resolve();

  constructor(private readonly session: HubSession) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('polyaxonHub.activeOrg', vscode.StatusBarAlignment.Left, 9));
    this.item.name = 'Polyaxon Hub organization';
    this.item.command = { command: SWITCH_ORG_COMMAND, title: 'Switch Active Organization' };
    this._register(session.onDidChange(() => void this.update()));
    this._register(session.activeOrg.onDidChange(() => void this.update()));
    void this.update();
    this.item.show();
  }

  /** The text shown now (in-host tests read it). */
  get text(): string {
    return this.item.text;
  }

  /** Resolves once the updates started so far are shown. */
  settled(): Promise<void> {
    return this.updating;
  }

  private update(): Promise<void> {
    this.updating = this.updating.then(() => this.show()).catch(() => undefined);
    return this.updating;
  }

  private async show(): Promise<void> {
    const hub = this.session.hub;
    const user = hub.user.username;
    const orgs = await hub.orgs.list().catch(() => undefined);
    let active = this.session.activeOrg.name;
    if (orgs && active && !orgs.some(o => o.name === active)) {
      // renamed since it was chosen: follow it; deleted or out of sight: forget it
      const renamed = await hub.orgs.currentName(active).catch(() => undefined);
      active = renamed && orgs.some(o => o.name === renamed) ? renamed : undefined;
      await this.session.activeOrg.set(active);
    }
    const role = active ? orgs?.find(o => o.name === active)?.role : undefined;
    // with organizations but none chosen, say so: "no organization" read as if there were none
    const none = orgs?.length ? 'no active organization' : 'no organization';
    this.item.text = `$(account) ${user} · $(organization) ${active ?? none}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**Polyaxon Hub** acts as ');
    tooltip.appendText(user);
    if (active) {
      tooltip.appendMarkdown('\n\nActive organization: ');
      tooltip.appendText(`${active}${role ? ` (you are ${role})` : ''}`);
      tooltip.appendMarkdown('\n\nThe palette offers it first. Click to switch.');
    } else {
      tooltip.appendMarkdown(orgs?.length ? '\n\nNo active organization. Click to choose one.' : '\n\nNo organization yet. Click to create one.');
    }
    this.item.tooltip = tooltip;
  }
}
