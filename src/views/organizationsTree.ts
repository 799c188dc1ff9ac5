import * as vscode from 'vscode';
import type { Database, Member, Organization } from '../core/model';
import type { HubSession } from '../hubSession';
import { reportStoreError } from '../storeErrors';

type Group = 'members' | 'teams' | 'projects';

export class OrgItem extends vscode.TreeItem {
  constructor(readonly org: Organization, myRole: string | undefined) {
    super(org.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `org:${org.name}`;
    this.description = myRole ?? (org.isPublic ? 'public' : undefined);
    this.tooltip = new vscode.MarkdownString(`**${org.name}**${org.description ? `\n\n${org.description}` : ''}\n\nYour role: ${myRole ?? 'none'}`);
    this.iconPath = new vscode.ThemeIcon('organization');
    // the role in the contextValue lets menus show only what the role allows
    this.contextValue = `org role:${myRole ?? 'none'}`;
    this.command = { command: 'polyaxonHub.org.open', title: 'Open Organization Page', arguments: [org.name] };
  }
}

class GroupItem extends vscode.TreeItem {
  constructor(readonly org: string, readonly group: Group, count: number) {
    super(group[0].toUpperCase() + group.slice(1), count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/${group}`;
    this.description = String(count);
    this.iconPath = new vscode.ThemeIcon({ members: 'person', teams: 'organization', projects: 'project' }[group]);
    this.contextValue = `group:${group}`;
  }
}

class LeafItem extends vscode.TreeItem {
  constructor(id: string, label: string, description: string | undefined, icon: string, contextValue: string, tooltip?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.description = description;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = contextValue;
    this.tooltip = tooltip;
  }
}

type Node = OrgItem | GroupItem | LeafItem;

/** Organizations → members, teams and projects, read from the store; refreshed on every store change. */
export class OrganizationsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: Database | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: HubSession) {
    this.subscription = session.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.snapshot = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem { return node; }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node || !this.snapshot) {
      try {
        this.snapshot = await this.session.store.read();
        await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', false);
      } catch (error) {
        await vscode.commands.executeCommand('setContext', 'polyaxonHub.storeError', true);
        reportStoreError(error, this.session.store.location);
        return [];
      }
    }
    const db = this.snapshot;
    const me = this.session.user.username;
    if (!node) {
      return db.orgs
        .filter(o => o.isPublic || o.members.some(m => m.user === me))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(o => new OrgItem(o, o.members.find(m => m.user === me)?.role));
    }
    if (node instanceof OrgItem) {
      const org = node.org.name;
      return [
        new GroupItem(org, 'members', node.org.members.length),
        new GroupItem(org, 'teams', db.teams.filter(t => t.org === org).length),
        new GroupItem(org, 'projects', db.projects.filter(p => p.org === org).length),
      ];
    }
    if (node instanceof GroupItem) {
      const org = node.org;
      switch (node.group) {
        case 'members':
          return (db.orgs.find(o => o.name === org)?.members ?? []).map((m: Member) =>
            new LeafItem(`org:${org}/members/${m.user}`, m.user, m.role, 'account', `member role:${m.role}`));
        case 'teams':
          return db.teams.filter(t => t.org === org).map(t =>
            new LeafItem(`org:${org}/teams/${t.name}`, t.name, `${t.members.length} members`, 'organization', 'team', t.description || undefined));
        case 'projects':
          return db.projects.filter(p => p.org === org).map(p =>
            new LeafItem(`org:${org}/projects/${p.name}`, p.name, p.isPublic ? 'public' : undefined, 'project', 'project', p.description || undefined));
      }
    }
    return [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
