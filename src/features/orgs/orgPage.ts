import * as vscode from 'vscode';
import { ORG_PAGE_COMMANDS, ORG_PAGE_LISTS, type OrgPageKey, type OrgPageRequests, type OrgPageState } from '../../protocol/org';
import type { RequestHandlers } from '../../protocol/page';
import { HubError } from '../../core/errors';
import { lacks } from '../../host/capabilities';
import { PagedLists } from '../../host/pagedList';
import type { HubSession } from '../../host/session';
import { PageRegistry, WebviewPage, type PageKind } from '../../host/webviewPage';

export const ORG_PAGE: PageKind<OrgPageKey> = {
  viewType: 'polyaxonHub.orgPage',
  script: 'org.js',
  id: key => key.org,
  title: key => key.org,
  keyFrom: saved => (typeof (saved as OrgPageKey | undefined)?.org === 'string' ? { org: (saved as OrgPageKey).org } : undefined),
};

/** The organization page: details, members (managed in place), teams and projects. One panel per org. */
export class OrgPage extends WebviewPage<OrgPageKey, OrgPageState, OrgPageRequests> {
  /** how many rows of each long list the user asked for: kept across redraws, sent alone */
  private readonly lists = new PagedLists(ORG_PAGE_LISTS);

  static register(session: HubSession, extensionUri: vscode.Uri): PageRegistry<OrgPageKey, OrgPage> {
    return new PageRegistry(ORG_PAGE, (panel, key) => new OrgPage(panel, session, extensionUri, key));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly session: HubSession,
    extensionUri: vscode.Uri,
    key: OrgPageKey,
  ) {
    super(panel, ORG_PAGE, key, extensionUri, session.onDidChange);
  }

  get org(): string {
    return this.key.org;
  }

  protected async loadState(): Promise<OrgPageState> {
    const hub = this.session.hub;
    // follows renames made anywhere (this window, another one, the CLI)
    const name = await hub.orgs.currentName(this.org);
    if (name === undefined && !(await hub.orgs.isNameTaken(this.org))) throw new HubError(`The organization "${this.org}" no longer exists (deleted).`);
    if (name !== undefined && name !== this.org) this.rekey({ org: name });
    // a private org only to its members: not after leaving it, nor after switching `polyaxonHub.user`;
    // teams only to those who may view the org (not outsiders)
    const page = await hub.orgs.page(this.org);
    const { org } = page;
    return {
      me: hub.user.username,
      allowed: org.actions,
      grantableRoles: page.grantableRoles,
      name: org.name,
      description: org.description,
      isPublic: org.isPublic,
      createdBy: page.createdBy,
      createdAt: page.createdAt,
      myRole: org.role ?? undefined,
      members: this.lists.page(
        'members',
        page.members.map(m => ({ user: m.user, role: m.role, displayName: m.displayName, email: m.email })),
      ),
      teams: this.lists.page(
        'teams',
        page.teams.map(t => ({ name: t.name, description: t.description, members: t.memberCount, projects: t.projectCount })),
      ),
      projects: this.lists.page(
        'projects',
        page.projects.map(p => ({ name: p.name, description: p.description, isPublic: p.isPublic, tags: p.tags })),
      ),
      activity:
        org.actions.includes('org.activity') && !lacks(hub, 'audit')
          ? (await hub.audit.list(org.name, 20)).map(e => ({ who: e.who, action: e.action, target: e.target, when: e.when }))
          : undefined,
      notOffered: hub.capabilities ? { members: lacks(hub, 'members'), teams: lacks(hub, 'teams'), activity: lacks(hub, 'audit') } : undefined,
    };
  }

  protected readonly handlers: RequestHandlers<OrgPageRequests> = {
    refresh: () => this.pushState(),
    showMore: async ({ list }) => {
      this.lists.more(list);
      await this.pushState();
    },
    addMember: async ({ user, role }) => {
      await this.session.hub.members.add(this.org, user, role);
    },
    setMemberRole: async ({ user, role }) => {
      await this.session.hub.members.setRole(this.org, user, role);
    },
    removeMember: ({ user }) => this.session.hub.members.remove(this.org, user),
    run: async ({ command }) => {
      if (!ORG_PAGE_COMMANDS.includes(command)) throw new HubError(`Unknown command ${command}.`);
      await vscode.commands.executeCommand(`polyaxonHub.${command}`, { org: this.org });
    },
  };
}
