import * as vscode from 'vscode';
import { ORG_PAGE_COMMANDS, type OrgPageRequests, type OrgPageState } from '../../webview/shared/protocol';
import { allowedActions, canGrantOrgRole, findOrg } from '../core/access';
import { orgAudit } from '../core/users';
import { HubError } from '../core/errors';
import { ORG_ROLES, type Database, type Organization } from '../core/model';
import { addMember, currentOrgName, orgView, removeMember, setMemberRole } from '../core/orgs';
import { visibleProjects } from '../core/projects';
import type { HubSession } from '../host/session';
import { WebviewPage } from '../host/webviewPage';

export const ORG_PAGE_VIEW_TYPE = 'polyaxonHub.orgPage';

/** The organization page: details, members (managed in place), teams and projects. One panel per org. */
export class OrgPage extends WebviewPage<OrgPageState, OrgPageRequests> {
  private static readonly open = new Map<string, OrgPage>();

  static show(session: HubSession, extensionUri: vscode.Uri, org: string): OrgPage {
    const existing = OrgPage.open.get(org);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ORG_PAGE_VIEW_TYPE, org, vscode.ViewColumn.Active, {});
    return new OrgPage(panel, session, extensionUri, org);
  }

  /** Restores a page after a reload (the serializer passes the state the page saved). */
  static revive(panel: vscode.WebviewPanel, session: HubSession, extensionUri: vscode.Uri, org: string): OrgPage {
    return new OrgPage(panel, session, extensionUri, org);
  }

  private constructor(panel: vscode.WebviewPanel, private readonly session: HubSession, extensionUri: vscode.Uri, private name: string) {
    super(panel, extensionUri, 'org.js', session.onDidChange);
    OrgPage.open.set(name, this);
    this.disposables.push({ dispose: () => { if (OrgPage.open.get(this.name) === this) OrgPage.open.delete(this.name); } });
  }

  get org(): string { return this.name; }

  /** The org this page shows, following renames (from this window, another one or the CLI). */
  private findOrg(db: Database): Organization | undefined {
    const name = currentOrgName(db, this.name);
    if (name !== undefined && name !== this.name) this.renamed(name);
    return name === undefined ? undefined : db.orgs.find(o => o.name === name);
  }

  private renamed(name: string): void {
    if (OrgPage.open.get(this.name) === this) OrgPage.open.delete(this.name);
    this.name = name;
    if (!OrgPage.open.has(name)) OrgPage.open.set(name, this);
    this.panel.title = name;
  }

  protected async loadState(): Promise<OrgPageState> {
    const db = await this.session.store.read();
    const org = this.findOrg(db);
    if (!org) throw new HubError(`The organization "${this.org}" no longer exists (deleted).`);
    const users = new Map(db.users.map(u => [u.username, u]));
    const me = this.session.user.username;
    // a private org only to its members: not after leaving it, nor after switching `polyaxonHub.user`;
    // teams only to those who may view the org (not outsiders)
    const { teams } = orgView(db, me, org.name);
    const myRole = findOrg(db, org.name).members.find(m => m.user === me)?.role;
    const allowed = allowedActions(db, me, { org: org.name });
    return {
      me,
      allowed,
      grantableRoles: ORG_ROLES.filter(r => canGrantOrgRole(myRole, r)),
      name: org.name,
      description: org.description,
      isPublic: org.isPublic,
      createdBy: org.createdBy,
      createdAt: org.createdAt,
      myRole,
      members: org.members.map(m => ({ user: m.user, role: m.role, displayName: users.get(m.user)?.displayName, email: users.get(m.user)?.email })),
      teams: db.teams.filter(t => t.org === org.name && teams.includes(t.name)).map(t => ({ name: t.name, description: t.description, members: t.members.length, projects: t.projects.length })),
      projects: visibleProjects(db, me, org.name).map(p => ({ name: p.name, description: p.description, isPublic: p.isPublic, tags: p.tags })),
      activity: allowed.includes('org.activity')
        ? orgAudit(db, org.name, 20).map(e => ({ who: e.who, action: e.action, target: e.target, when: e.when }))
        : undefined,
    };
  }

  protected async handle<K extends keyof OrgPageRequests & string>(command: K, args: OrgPageRequests[K]['args']): Promise<OrgPageRequests[K]['result']> {
    const { store, user } = this.session;
    const request = { command, args } as { [C in keyof OrgPageRequests]: { command: C; args: OrgPageRequests[C]['args'] } }[keyof OrgPageRequests];
    switch (request.command) {
      case 'refresh': await this.pushState(); return;
      case 'addMember': await addMember(store, user, this.org, request.args.user, request.args.role); break;
      case 'setMemberRole': await setMemberRole(store, user, this.org, request.args.user, request.args.role); break;
      case 'removeMember': await removeMember(store, user, this.org, request.args.user); break;
      case 'run':
        if (!ORG_PAGE_COMMANDS.includes(request.args.command)) throw new HubError(`Unknown command ${request.args.command}.`);
        await vscode.commands.executeCommand(`polyaxonHub.${request.args.command}`, { org: this.org });
        return;
      default: throw new HubError(`Unknown request ${command}.`);
    }
    return undefined;
  }
}
