import * as vscode from 'vscode';
import { actionsContextValue, allowedActions, type Action } from '../core/access';
import type { Database, Organization, Project, Team } from '../core/model';
import { visibleOrgs } from '../core/orgs';
import { visibleProjects } from '../core/projects';
import { StoreTree } from './storeTree';

/**
 * Context values name the node kind, then every action the user may do there (`org can:member.manage …`),
 * so menus use `viewItem =~ /^org\b.*\bcan:member\.manage\b/` and show only what the role allows.
 */
function contextValue(kind: string, actions: Action[], ...flags: string[]): string {
  return [actionsContextValue(kind, actions), ...flags].join(' ');
}

export class OrgItem extends vscode.TreeItem {
  readonly kind = 'org';
  constructor(readonly record: Organization, readonly myRole: string | undefined, actions: Action[]) {
    super(record.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `org:${record.name}`;
    this.description = myRole ?? (record.isPublic ? 'public' : undefined);
    // the description is anyone's text in a shared store: shown as text, never as Markdown (remote images, links)
    const tooltip = new vscode.MarkdownString(`**${record.name}** · ${record.isPublic ? 'public' : 'private'}\n\n`);
    if (record.description) tooltip.appendText(`${record.description}\n\n`);
    tooltip.appendMarkdown(`Your role: ${myRole ?? 'none (public organization)'}`);
    this.tooltip = tooltip;
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = contextValue('org', actions);
    this.command = { command: 'polyaxonHub.org.open', title: 'Open Organization Page', arguments: [{ org: record.name }] };
  }
  get org(): string { return this.record.name; }
}

type GroupKind = 'members' | 'teams' | 'projects';

export class GroupItem extends vscode.TreeItem {
  readonly kind = 'group';
  constructor(readonly org: string, readonly group: GroupKind, count: number, actions: Action[]) {
    super(group[0].toUpperCase() + group.slice(1), count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/${group}`;
    this.description = String(count);
    this.iconPath = new vscode.ThemeIcon({ members: 'person', teams: 'organization', projects: 'project' }[group]);
    this.contextValue = contextValue(`group-${group}`, actions);
  }
}

export class MemberItem extends vscode.TreeItem {
  readonly kind = 'member';
  constructor(readonly org: string, readonly user: string, readonly role: string, isMe: boolean, actions: Action[], readonly team?: string) {
    super(user, vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/${team ? `teams/${team}/` : ''}members/${user}`;
    this.description = isMe ? `${role} · you` : role;
    this.iconPath = new vscode.ThemeIcon(isMe ? 'account' : 'person');
    this.contextValue = contextValue(team ? 'teamMember' : 'member', actions, isMe ? 'self' : 'other');
  }
}

export class TeamItem extends vscode.TreeItem {
  readonly kind = 'team';
  constructor(readonly org: string, readonly record: Team, actions: Action[]) {
    super(record.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `org:${org}/teams/${record.name}`;
    const quota = [record.quota.storageBytes !== undefined ? `${record.quota.storageBytes} bytes` : '',
      record.quota.modelVersions !== undefined ? `${record.quota.modelVersions} model versions` : ''].filter(Boolean).join(', ');
    this.description = `${record.members.length} members · ${record.projects.length} projects`;
    this.tooltip = `${record.description || record.name}${quota ? `\nQuota: ${quota}` : ''}`;
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = contextValue('team', actions);
  }
  get team(): string { return this.record.name; }
}

export class ProjectAccessItem extends vscode.TreeItem {
  readonly kind = 'projectAccess';
  constructor(readonly org: string, readonly team: string, readonly project: string, role: string, actions: Action[]) {
    super(project, vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/teams/${team}/projects/${project}`;
    this.description = `project access: ${role}`;
    this.iconPath = new vscode.ThemeIcon('key');
    this.contextValue = contextValue('projectAccess', actions);
  }
}

export class ProjectItem extends vscode.TreeItem {
  readonly kind = 'project';
  constructor(readonly org: string, readonly record: Project, actions: Action[]) {
    super(record.name, vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/projects/${record.name}`;
    this.description = [record.isPublic ? 'public' : 'private', record.teams.length ? `teams: ${record.teams.join(', ')}` : '', ...record.tags.map(t => `#${t}`)]
      .filter(Boolean).join(' · ');
    this.tooltip = record.description || record.name;
    this.iconPath = new vscode.ThemeIcon('project');
    this.contextValue = contextValue('project', actions);
  }
  get project(): string { return this.record.name; }
}

export type OrganizationsNode = OrgItem | GroupItem | MemberItem | TeamItem | ProjectAccessItem | ProjectItem;

/** Organizations → members, teams and projects, as the current user may see them. */
export class OrganizationsTree extends StoreTree<OrganizationsNode> {
  protected childrenOf(db: Database, node: OrganizationsNode | undefined): OrganizationsNode[] {
    const me = this.session.user.username;
    if (!node) {
      return visibleOrgs(db, me)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(o => new OrgItem(o, o.members.find(m => m.user === me)?.role, allowedActions(db, me, { org: o.name })));
    }
    const org = db.orgs.find(o => o.name === node.org);
    if (!org) return [];
    const orgActions = allowedActions(db, me, { org: org.name });
    // teams are org-level content: outsiders (and billing members) do not see them (core/teams.ts showTeam)
    const teams = orgActions.includes('view') ? db.teams.filter(t => t.org === org.name) : [];
    switch (node.kind) {
      case 'org':
        return [
          new GroupItem(org.name, 'members', org.members.length, orgActions),
          new GroupItem(org.name, 'teams', teams.length, orgActions),
          new GroupItem(org.name, 'projects', visibleProjects(db, me, org.name).length, orgActions),
        ];
      case 'group':
        switch (node.group) {
          case 'members':
            return org.members.map(m => new MemberItem(org.name, m.user, m.role, m.user === me, orgActions));
          case 'teams':
            return teams.map(t => new TeamItem(org.name, t, orgActions));
          case 'projects':
            return visibleProjects(db, me, org.name).map(p => new ProjectItem(org.name, p, allowedActions(db, me, { org: org.name, project: p.name })));
        }
        return [];
      case 'team': {
        const team = teams.find(t => t.name === node.team);
        if (!team) return [];
        return [
          ...team.members.map(m => new MemberItem(org.name, m.user, m.role, m.user === me, orgActions, team.name)),
          ...team.projects.map(a => new ProjectAccessItem(org.name, team.name, a.project, a.role, orgActions)),
        ];
      }
      default:
        return [];
    }
  }
}
