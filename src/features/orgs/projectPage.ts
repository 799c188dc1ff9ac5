import * as vscode from 'vscode';
import { HubError } from '../../core/client';
import type { RequestHandlers } from '../../protocol/page';
import { PROJECT_PAGE_COMMANDS, PROJECT_PAGE_LISTS, type ProjectPageKey, type ProjectPageRequests, type ProjectPageState } from '../../protocol/project';
import { lacks } from '../../host/capabilities';
import { PagedLists } from '../../host/pagedList';
import type { HubSession } from '../../host/session';
import { PageRegistry, WebviewPage, type PageKind } from '../../host/webviewPage';
import { followRecord } from './followRecord';

export const PROJECT_PAGE: PageKind<ProjectPageKey> = {
  viewType: 'polyaxonHub.projectPage',
  script: 'project.js',
  id: key => `${key.org}/${key.project}`,
  title: key => `${key.project} · ${key.org}`,
  keyFrom: saved => {
    const s = saved as Partial<ProjectPageKey> | undefined;
    return typeof s?.org === 'string' && typeof s.project === 'string' ? { org: s.org, project: s.project } : undefined;
  },
};

/** Links a readme may open: the web and mail, never `command:`, `file:` or script URLs. */
const OPENABLE = new Set(['http', 'https', 'mailto']);

/** The project page: description, tags, readme, visibility, connections, team access and models. One panel per project. */
export class ProjectPage extends WebviewPage<ProjectPageKey, ProjectPageState, ProjectPageRequests> {
  /** how many rows of each long list the user asked for: kept across redraws, sent alone */
  private readonly lists = new PagedLists(PROJECT_PAGE_LISTS);

  static register(session: HubSession, extensionUri: vscode.Uri): PageRegistry<ProjectPageKey, ProjectPage> {
    return new PageRegistry(PROJECT_PAGE, (panel, key) => new ProjectPage(panel, session, extensionUri, key));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly session: HubSession,
    extensionUri: vscode.Uri,
    key: ProjectPageKey,
  ) {
    super(panel, PROJECT_PAGE, key, extensionUri, session.onDidChange);
  }

  protected async loadState(): Promise<ProjectPageState> {
    const hub = this.session.hub;
    const followed = await followRecord(hub, this.key.org, this.key.project, hub.projects.currentName?.bind(hub.projects), 'project');
    if (followed.org !== this.key.org || followed.name !== this.key.project) this.rekey({ org: followed.org, project: followed.name });
    const p = await hub.projects.get(this.key.org, this.key.project);
    const models = await hub.registry.list(p.org, { project: p.name });
    return {
      org: p.org,
      name: p.name,
      description: p.description,
      tags: p.tags,
      readme: p.readme,
      isPublic: p.isPublic,
      canConfigure: p.actions.includes('project.configure'),
      canDelete: p.actions.includes('project.create'),
      connections: p.connections,
      teamAccess: this.lists.page('team-access', p.teamAccess),
      models: this.lists.page(
        'project-models',
        models.map(m => ({ name: m.name, description: m.description, versionCount: m.versionCount, latest: m.latest, production: m.production })),
      ),
      restrictedTo: p.teams,
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      notOffered: hub.capabilities
        ? { connections: lacks(hub, 'project.connections'), access: lacks(hub, 'project.access'), rename: lacks(hub, 'project.rename') }
        : undefined,
    };
  }

  protected readonly handlers: RequestHandlers<ProjectPageRequests> = {
    refresh: () => this.pushState(),
    showMore: async ({ list }) => {
      this.lists.more(list);
      await this.pushState();
    },
    update: async changes => {
      await this.session.hub.projects.update(this.key.org, this.key.project, changes);
    },
    setConnection: async connection => {
      await this.session.hub.projects.setConnection(this.key.org, this.key.project, connection);
    },
    removeConnection: ({ name }) => this.session.hub.projects.removeConnection(this.key.org, this.key.project, name),
    openTeam: async ({ team }) => {
      await vscode.commands.executeCommand('polyaxonHub.team.open', { org: this.key.org, team });
    },
    openModel: async ({ model, version }) => {
      await vscode.commands.executeCommand('polyaxonHub.registry.openVersion', { org: this.key.org, model, version });
    },
    openOrg: async () => {
      await vscode.commands.executeCommand('polyaxonHub.org.open', { org: this.key.org });
    },
    openLink: async ({ href }) => {
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(href, true);
      } catch {
        throw new HubError(`"${href}" is not a link that can be opened.`);
      }
      if (!OPENABLE.has(uri.scheme)) throw new HubError(`Links to ${uri.scheme}: are not opened from a readme.`);
      await vscode.env.openExternal(uri);
    },
    run: async ({ command }) => {
      if (!PROJECT_PAGE_COMMANDS.includes(command)) throw new HubError(`Unknown command ${command}.`);
      const result = await vscode.commands.executeCommand<{ name?: string } | undefined>(`polyaxonHub.${command}`, {
        org: this.key.org,
        project: this.key.project,
      });
      if (command === 'project.rename' && result?.name) this.rekey({ org: this.key.org, project: result.name });
    },
  };
}
