import * as vscode from 'vscode';
import type { OrgPageRequests, OrgPageState } from '../../webview/shared/protocol';
import { HubError } from '../core/errors';
import type { HubSession } from '../hubSession';
import { WebviewPage } from './webviewPage';

export const ORG_PAGE_VIEW_TYPE = 'polyaxonHub.orgPage';

/** The organization page: name, description, members with roles, teams and projects. One panel per org. */
export class OrgPage extends WebviewPage<OrgPageState, OrgPageRequests> {
  private static readonly open = new Map<string, OrgPage>();

  static show(session: HubSession, extensionUri: vscode.Uri, org: string): OrgPage {
    const existing = OrgPage.open.get(org);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ORG_PAGE_VIEW_TYPE, org, vscode.ViewColumn.Active, { retainContextWhenHidden: false });
    return new OrgPage(panel, session, extensionUri, org);
  }

  /** Restores a page after a reload (the serializer passes the state the page saved). */
  static revive(panel: vscode.WebviewPanel, session: HubSession, extensionUri: vscode.Uri, org: string): OrgPage {
    return new OrgPage(panel, session, extensionUri, org);
  }

  private constructor(panel: vscode.WebviewPanel, private readonly session: HubSession, extensionUri: vscode.Uri, readonly org: string) {
    super(panel, extensionUri, 'org.js', session.onDidChange);
    OrgPage.open.set(org, this);
    this.disposables.push({ dispose: () => OrgPage.open.delete(org) });
  }

  protected async loadState(): Promise<OrgPageState> {
    const db = await this.session.store.read();
    const org = db.orgs.find(o => o.name === this.org);
    if (!org) throw new HubError(`The organization "${this.org}" no longer exists.`);
    const users = new Map(db.users.map(u => [u.username, u]));
    const me = this.session.user.username;
    return {
      name: org.name,
      description: org.description,
      isPublic: org.isPublic,
      createdBy: org.createdBy,
      createdAt: org.createdAt,
      myRole: org.members.find(m => m.user === me)?.role,
      members: org.members.map(m => ({ user: m.user, role: m.role, displayName: users.get(m.user)?.displayName, email: users.get(m.user)?.email })),
      teams: db.teams.filter(t => t.org === org.name).map(t => ({ name: t.name, description: t.description, members: t.members.length, projects: t.projects.length })),
      projects: db.projects.filter(p => p.org === org.name).map(p => ({ name: p.name, description: p.description, isPublic: p.isPublic, tags: p.tags })),
    };
  }

  protected async handle<K extends keyof OrgPageRequests & string>(command: K): Promise<OrgPageRequests[K]['result']> {
    switch (command) {
      case 'refresh': return this.pushState();
    }
    throw new HubError(`Unknown request ${command}.`);
  }
}
