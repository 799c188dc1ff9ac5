import * as vscode from 'vscode';
import { HubError, PROJECT_ROLES } from '../../core/client';
import type { RequestHandlers } from '../../protocol/page';
import { TEAM_PAGE_COMMANDS, TEAM_PAGE_LISTS, type TeamPageKey, type TeamPageRequests, type TeamPageState } from '../../protocol/team';
import { PagedLists } from '../../host/pagedList';
import type { HubSession } from '../../host/session';
import { PageRegistry, WebviewPage, type PageKind } from '../../host/webviewPage';
import { followRecord } from './followRecord';
import { formatBytes, formatQuotaBytes } from '../../core/units';

export const TEAM_PAGE: PageKind<TeamPageKey> = {
  viewType: 'polyaxonHub.teamPage',
  script: 'team.js',
  id: key => `${key.org}/${key.team}`,
  title: key => `${key.team} · ${key.org}`,
  keyFrom: saved => {
    const s = saved as Partial<TeamPageKey> | undefined;
    return typeof s?.org === 'string' && typeof s.team === 'string' ? { org: s.org, team: s.team } : undefined;
  },
};

/** Roles least powerful first: pickers and dropdowns start at the one to give by default. */
const ROLES = [...PROJECT_ROLES].reverse();

/** The team page: description, members with roles, project access, quota and recent activity. One panel per team. */
export class TeamPage extends WebviewPage<TeamPageKey, TeamPageState, TeamPageRequests> {
  /** how many rows of each long list the user asked for: kept across redraws, sent alone */
  private readonly lists = new PagedLists(TEAM_PAGE_LISTS);

  static register(session: HubSession, extensionUri: vscode.Uri): PageRegistry<TeamPageKey, TeamPage> {
    return new PageRegistry(TEAM_PAGE, (panel, key) => new TeamPage(panel, session, extensionUri, key));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly session: HubSession,
    extensionUri: vscode.Uri,
    key: TeamPageKey,
  ) {
    super(panel, TEAM_PAGE, key, extensionUri, session.onDidChange);
  }

  protected async loadState(): Promise<TeamPageState> {
    const hub = this.session.hub;
    const followed = await followRecord(hub, this.key.org, this.key.team, hub.teams.currentName?.bind(hub.teams), 'team');
    if (followed.org !== this.key.org || followed.name !== this.key.team) this.rekey({ org: followed.org, team: followed.name });
    const { org, team: name } = this.key;
    const team = await hub.teams.get(org, name);
    const granted = new Set(team.projects.map(p => p.project));
    const canManage = team.actions.includes('team.manage');
    const limit = team.quota.storageBytes;
    return {
      org,
      name,
      description: team.description,
      me: hub.user.username,
      canManage,
      roles: ROLES,
      members: this.lists.page('team-members', team.members),
      projects: this.lists.page('team-projects', team.projects),
      grantable: canManage ? (await hub.projects.list(org)).map(p => p.name).filter(p => !granted.has(p)) : [],
      quota: {
        storage: limit === undefined ? undefined : formatQuotaBytes(limit, limit, { exact: false }),
        modelVersions: team.quota.modelVersions,
        // usage in the units of the limit: "1.2 MB of 5 GB", "3 MiB of 10 GiB"
        storageUsed:
          team.usage &&
          (limit === undefined ? formatBytes(team.usage.storageBytes, { exact: false }) : formatQuotaBytes(team.usage.storageBytes, limit, { exact: false })),
        storageShare: team.usage && team.quota.storageBytes ? team.usage.storageBytes / team.quota.storageBytes : undefined,
        modelVersionsUsed: team.usage?.modelVersions,
      },
      activity: team.actions.includes('org.activity')
        ? (await hub.audit.list(org, 200))
            .filter(e => e.target === `${org}/${name}` || e.target.startsWith(`${org}/${name}/`))
            .slice(0, 20)
            .map(e => ({ who: e.who, action: e.action, target: e.target, when: e.when }))
        : undefined,
    };
  }

  protected readonly handlers: RequestHandlers<TeamPageRequests> = {
    refresh: () => this.pushState(),
    showMore: async ({ list }) => {
      this.lists.more(list);
      await this.pushState();
    },
    setMember: async ({ user, role }) => {
      await this.session.hub.teams.setMember(this.key.org, this.key.team, user, role);
    },
    removeMember: ({ user }) => this.session.hub.teams.removeMember(this.key.org, this.key.team, user),
    grant: async ({ project, role }) => {
      await this.session.hub.teams.grant(this.key.org, this.key.team, project, role);
    },
    revoke: ({ project }) => this.session.hub.teams.revoke(this.key.org, this.key.team, project),
    openProject: async ({ project }) => {
      await vscode.commands.executeCommand('polyaxonHub.project.open', { org: this.key.org, project });
    },
    openOrg: async () => {
      await vscode.commands.executeCommand('polyaxonHub.org.open', { org: this.key.org });
    },
    run: async ({ command }) => {
      if (!TEAM_PAGE_COMMANDS.includes(command)) throw new HubError(`Unknown command ${command}.`);
      const result = await vscode.commands.executeCommand<{ name?: string } | undefined>(`polyaxonHub.${command}`, { org: this.key.org, team: this.key.team });
      // renamed from this page: follow at once (a rename elsewhere is followed on the next state)
      if (command === 'team.rename' && result?.name) this.rekey({ org: this.key.org, team: result.name });
    },
  };
}
