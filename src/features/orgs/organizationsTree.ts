import * as vscode from 'vscode';
import type { Action, HubClient, OrgSummary, ProjectSummary, TeamSummary } from '../../core/client';
import { lacks } from '../../host/capabilities';
import { plural } from '../../core/plural';
import { formatQuotaBytes } from '../../core/units';
import { HubTreeProvider } from '../../host/hubTreeProvider';
import { firstRows, ShownCounts } from '../../host/treePaging';

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
    readonly count: number,
    readonly actions: Action[],
  ) {
    super(group[0].toUpperCase() + group.slice(1), count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `org:${org}/${group}`;
    this.description = plural(count, group.slice(0, -1));
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
      summary.quota.storageBytes !== undefined
        ? `${formatQuotaBytes(summary.quota.storageBytes, summary.quota.storageBytes, { exact: false })} of registry storage`
        : '',
      summary.quota.modelVersions !== undefined ? plural(summary.quota.modelVersions, 'model version') : '',
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

/**
 * What the backend does not offer under an org (a Polyaxon server: one owner, no teams or members), said once as
 * a row in place of the groups it would have: the reasons are its tooltip; it has no command and no menu.
 */
export class NotOfferedItem extends vscode.TreeItem {
  readonly kind = 'notOffered';
  constructor(
    readonly org: string,
    readonly what: string[],
    readonly reasons: string[],
  ) {
    super(
      `No ${what.length > 1 ? `${what.slice(0, -1).join(', ')} or ${what[what.length - 1]}` : what[0]} on this server`,
      vscode.TreeItemCollapsibleState.None,
    );
    this.id = `org:${org}/not-offered`;
    this.description = 'managed in Polyaxon';
    this.tooltip = reasons.join('\n\n');
    this.iconPath = new vscode.ThemeIcon('info');
    this.contextValue = 'notOffered';
  }
}

/** The last row of a long list that shows a page of it: clicking shows the next page. */
export class MoreItem extends vscode.TreeItem {
  readonly kind = 'more';
  constructor(
    readonly list: GroupItem,
    shown: number,
    hidden: number,
  ) {
    super('Show more…', vscode.TreeItemCollapsibleState.None);
    this.id = `${list.id}/more`;
    this.description = `${shown.toLocaleString('en')} of ${(shown + hidden).toLocaleString('en')} shown`;
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.contextValue = 'more';
    this.command = { command: SHOW_MORE_COMMAND, title: 'Show More', arguments: [this] };
  }
  get org(): string {
    return this.list.org;
  }
}

/** The command of a "Show more…" row (registered with the tree in register.ts; not a palette command). */
export const SHOW_MORE_COMMAND = 'polyaxonHub.organizations.showMore';

export type OrganizationsNode = OrgItem | GroupItem | MemberItem | TeamItem | ProjectAccessItem | ProjectItem | NotOfferedItem | MoreItem;

/** Organizations → members, teams and projects, as the current user may see them; long lists a page at a time. */
export class OrganizationsTree extends HubTreeProvider<OrganizationsNode> {
  private readonly shown = new ShownCounts();

  /** The next page of the list a "Show more…" row ends: only that node's children are asked for again. */
  showMore(row: MoreItem): void {
    this.shown.more(row.list.id!);
    this.refreshNode(row.list);
  }

  protected async childrenOf(hub: HubClient, node: OrganizationsNode | undefined): Promise<OrganizationsNode[]> {
    if (!node) return (await hub.orgs.list()).map(o => new OrgItem(o));
    const me = hub.user.username;
    switch (node.kind) {
      case 'org': {
        // counts as of now, not as of when the org row was read
        const org = await hub.orgs.get(node.org);
        const missing = (['members', 'teams', 'audit'] as const).filter(f => lacks(hub, f) !== undefined);
        const groups = (['members', 'teams'] as const)
          .filter(g => !missing.includes(g))
          .map(g => new GroupItem(org.name, g, g === 'members' ? org.memberCount : org.teamCount, org.actions));
        const note = missing.length
          ? [
              new NotOfferedItem(
                org.name,
                missing.map(f => (f === 'audit' ? 'activity log' : f)),
                missing.map(f => lacks(hub, f)!),
              ),
            ]
          : [];
        return [...groups, new GroupItem(org.name, 'projects', org.projectCount, org.actions), ...note];
      }
      case 'group':
        return this.groupChildren(hub, node);
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

  private async groupChildren(hub: HubClient, node: GroupItem): Promise<OrganizationsNode[]> {
    const shown = this.shown.of(node.id!);
    const page = <T>(items: readonly T[], row: (item: T) => OrganizationsNode): OrganizationsNode[] => {
      const { rows, hidden } = firstRows(items, shown);
      return [...rows.map(row), ...(hidden ? [new MoreItem(node, rows.length, hidden)] : [])];
    };
    switch (node.group) {
      case 'members':
        return page(await hub.members.list(node.org), m => new MemberItem(node.org, m.user, m.role, m.isMe, node.actions));
      case 'teams':
        return page(await hub.teams.list(node.org), t => new TeamItem(node.org, t, node.actions));
      case 'projects': {
        // only the rows shown are summarised (one more says whether there are more); the count is the org's
        const projects = await hub.projects.list(node.org, { limit: shown + 1 });
        const { rows, hidden } = firstRows(projects, shown);
        const more = hidden ? [new MoreItem(node, rows.length, Math.max(node.count - rows.length, hidden))] : [];
        return [...rows.map(p => new ProjectItem(node.org, p)), ...more];
      }
    }
  }
}
