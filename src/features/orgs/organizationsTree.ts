import * as vscode from 'vscode';
import type { Action, HubClient, OrgSummary, ProjectSummary, TeamSummary } from '../../core/client';
import { HubTreeProvider } from '../../host/hubTreeProvider';

/** "1 member", "3 members" */
function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * Context values name the node kind, then every action the user may do there (`org can:member.manage …`),
 * so menus use `viewItem =~ /^org\b.*\bcan:member\.manage\b/` and show only what the role allows.
 */
function contextValue(kind: string, actions: readonly Action[], ...flags: string[]): string {
  return [kind, ...actions.map(a => `can:${a}`), ...flags].join(' ');
}

export class OrgItem extends vscode.TreeItem {
  readonly kind = 'org';
  constructor(readonly summary: OrgSummary) {
    super(summary.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `org:${summary.name}`;
    this.description = summary.role ?? (summary.isPublic ? 'public' : undefined);
    // the description is anyone's text in a shared store: shown as text, never as Markdown (remote images, links)
    const tooltip = new vscode.MarkdownString(`**${summary.name}** · ${summary.isPublic ? 'public' : 'private'}\n\n`);
    if (summary.description) tooltip.appendText(`${summary.description}\n\n`);
    tooltip.appendMarkdown(`Your role: ${summary.role ?? 'none (public organization)'}`);
    this.tooltip = tooltip;
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = contextValue('org', summary.actions);
    this.command = { command: 'polyaxonHub.org.open', title: 'Open Organization Page', arguments: [{ org: summary.name }] };
  }
  get org(): string {
    return this.summary.name;
  }
}

type GroupKind = 'members' | 'teams' | 'projects';

export class GroupItem extends vscode.TreeItem {
  readonly kind = 'group';
  constructor(
    readonly org: string,
    readonly group: GroupKind,
    count: number,
    readonly actions: Action[],
  ) {
    super(group[0].toUpperCase() + group.slice(1), count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/${group}`;
    this.description = String(count);
    this.iconPath = new vscode.ThemeIcon({ members: 'person', teams: 'organization', projects: 'project' }[group]);
    this.contextValue = contextValue(`group-${group}`, actions);
  }
}

export class MemberItem extends vscode.TreeItem {
  readonly kind = 'member';
  constructor(
    readonly org: string,
    readonly user: string,
    readonly role: string,
    isMe: boolean,
    actions: readonly Action[],
    readonly team?: string,
  ) {
    super(user, vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/${team ? `teams/${team}/` : ''}members/${user}`;
    this.description = isMe ? `${role} · you` : role;
    this.iconPath = new vscode.ThemeIcon(isMe ? 'account' : 'person');
    this.contextValue = contextValue(team ? 'teamMember' : 'member', actions, isMe ? 'self' : 'other');
  }
}

export class TeamItem extends vscode.TreeItem {
  readonly kind = 'team';
  constructor(
    readonly org: string,
    readonly summary: TeamSummary,
    actions: readonly Action[],
  ) {
    super(summary.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `org:${org}/teams/${summary.name}`;
    const quota = [
      summary.quota.storageBytes !== undefined ? `${summary.quota.storageBytes} bytes` : '',
      summary.quota.modelVersions !== undefined ? `${summary.quota.modelVersions} model versions` : '',
    ]
      .filter(Boolean)
      .join(', ');
    this.description = `${plural(summary.memberCount, 'member')} · ${plural(summary.projectCount, 'project')}`;
    this.tooltip = `${summary.description || summary.name}${quota ? `\nQuota: ${quota}` : ''}`;
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = contextValue('team', actions);
    this.command = { command: 'polyaxonHub.team.open', title: 'Open Team Page', arguments: [{ org, team: summary.name }] };
  }
  get team(): string {
    return this.summary.name;
  }
}

export class ProjectAccessItem extends vscode.TreeItem {
  readonly kind = 'projectAccess';
  constructor(
    readonly org: string,
    readonly team: string,
    readonly project: string,
    role: string,
    actions: readonly Action[],
  ) {
    super(project, vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/teams/${team}/projects/${project}`;
    this.description = `project access: ${role}`;
    this.iconPath = new vscode.ThemeIcon('key');
    this.contextValue = contextValue('projectAccess', actions);
  }
}

export class ProjectItem extends vscode.TreeItem {
  readonly kind = 'project';
  constructor(
    readonly org: string,
    readonly summary: ProjectSummary,
  ) {
    super(summary.name, vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/projects/${summary.name}`;
    this.description = [
      summary.isPublic ? 'public' : 'private',
      summary.teams.length ? `teams: ${summary.teams.join(', ')}` : '',
      ...summary.tags.map(t => `#${t}`),
    ]
      .filter(Boolean)
      .join(' · ');
    this.tooltip = summary.description || summary.name;
    this.iconPath = new vscode.ThemeIcon('project');
    this.contextValue = contextValue('project', summary.actions);
    this.command = { command: 'polyaxonHub.project.open', title: 'Open Project Page', arguments: [{ org, project: summary.name }] };
  }
  get project(): string {
    return this.summary.name;
  }
}

export type OrganizationsNode = OrgItem | GroupItem | MemberItem | TeamItem | ProjectAccessItem | ProjectItem;

/** Organizations → members, teams and projects, as the current user may see them. */
export class OrganizationsTree extends HubTreeProvider<OrganizationsNode> {
  protected async childrenOf(hub: HubClient, node: OrganizationsNode | undefined): Promise<OrganizationsNode[]> {
    if (!node) return (await hub.orgs.list()).map(o => new OrgItem(o));
    const me = hub.user.username;
    switch (node.kind) {
      case 'org': {
        // counts as of now, not as of when the org row was read
        const org = await hub.orgs.get(node.org);
        return [
          new GroupItem(org.name, 'members', org.memberCount, org.actions),
          new GroupItem(org.name, 'teams', org.teamCount, org.actions),
          new GroupItem(org.name, 'projects', org.projectCount, org.actions),
        ];
      }
      case 'group':
        switch (node.group) {
          case 'members':
            return (await hub.members.list(node.org)).map(m => new MemberItem(node.org, m.user, m.role, m.isMe, node.actions));
          case 'teams':
            return (await hub.teams.list(node.org)).map(t => new TeamItem(node.org, t, node.actions));
          case 'projects':
            return (await hub.projects.list(node.org)).map(p => new ProjectItem(node.org, p));
        }
        return [];
      case 'team': {
        const team = await hub.teams.get(node.org, node.team);
        return [
          ...team.members.map(m => new MemberItem(node.org, m.user, m.role, m.user === me, team.actions, team.name)),
          ...team.projects.map(a => new ProjectAccessItem(node.org, team.name, a.project, a.role, team.actions)),
        ];
      }
      default:
        return [];
    }
  }
}
