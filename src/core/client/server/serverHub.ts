// The HubClient over a Polyaxon server's REST API (no vscode, plain fetch). Nothing is cached: every read asks the
// server, so nothing goes stale unseen; `onDidChange` fires after this client's writes and, while someone listens,
// when a cheap poll sees the server's projects change. What the server does not offer (the open-source server has
// one owner: no organizations to manage, no teams or members) is refused with the reason `capabilities` also gives.
import { HubError } from '../../errors';
import type { AuditService, HubCapabilities, HubClient, MemberService, OrgFilter, OrgPage, OrgService, OrgSummary, RunService, TeamService } from '../types';
import { SERVER_ACTIONS, ServerContext, UNSUPPORTED } from './context';
import { PolyaxonHttp, type HttpOptions } from './http';
import { ServerComponents } from './serverComponents';
import { ServerProjects } from './serverProjects';
import { ServerRegistry } from './serverRegistry';
import { ServerRuns } from './serverRuns';

export interface ServerHubOptions extends HttpOptions {
  /** the owner everything lives under; default: "default", the open-source server's only owner */
  owner?: string;
  /** how often a listened-to hub looks for changes made elsewhere; 0 = never; default 30 s */
  pollMs?: number;
}

/** Connects: checks that the URL is a Polyaxon API, learns its version and who is signed in. */
export async function openServerHub(options: ServerHubOptions): Promise<HubClient> {
  const http = new PolyaxonHttp(options);
  let installation: Record<string, unknown>;
  try {
    installation = await http.json<Record<string, unknown>>('installation', { subject: 'its version (/api/v1/installation)' });
  } catch (err) {
    if (err instanceof HubError && err.code === 'not-found') {
      throw new HubError(`${http.baseUrl} is not a Polyaxon API server (it has no /api/v1/installation). Check polyaxonHub.server.`, 'not-polyaxon');
    }
    throw err;
  }
  if (!installation || typeof installation.version !== 'string') {
    throw new HubError(`${http.baseUrl} answered /api/v1/installation without a version: is it a Polyaxon server?`, 'not-polyaxon');
  }
  const username = await signedInUser(http, options);
  const dist = typeof installation.dist === 'string' ? installation.dist.toUpperCase() : '';
  return new ServerHub(http, options.owner ?? 'default', username, `Polyaxon ${dist ? `${dist} ` : ''}${installation.version}`, options.pollMs ?? 30_000);
}

/**
 * The same client made at once, without asking the server anything (a face that needs a client synchronously
 * while `openServerHub` checks the connection): the user is the credentials' name, the server unnamed yet.
 */
export function createServerHub(options: ServerHubOptions): HubClient {
  const username = options.credentials?.kind === 'basic' ? options.credentials.username : 'anonymous';
  return new ServerHub(new PolyaxonHttp(options), options.owner ?? 'default', username, 'Polyaxon', options.pollMs ?? 30_000);
}

/** Polyaxon's commercial servers answer /api/v1/users with the token's user; the open-source one has no users API. */
async function signedInUser(http: PolyaxonHttp, options: ServerHubOptions): Promise<string> {
  try {
    const me = await http.json<Record<string, unknown>>('users', { subject: 'who you are (/api/v1/users)' });
    if (me && typeof me.username === 'string' && me.username) return me.username;
  } catch (err) {
    if (!(err instanceof HubError) || err.code !== 'not-found') throw err;
  }
  if (options.credentials?.kind === 'basic') {
    // a cheap authenticated read: wrong credentials are refused here, not at the first click
    await http.json(`${encodeURIComponent(options.owner ?? 'default')}/projects/list`, { query: { limit: 1 }, subject: 'signing in' });
    return options.credentials.username;
  }
  return 'anonymous';
}

class ServerHub implements HubClient {
  readonly user;
  readonly orgs: OrgService;
  readonly members: MemberService;
  readonly teams: TeamService;
  readonly projects: ServerProjects;
  readonly components: ServerComponents;
  readonly audit: AuditService;
  readonly runs: RunService;
  readonly registry: ServerRegistry;
  readonly projectRuns: ServerRuns;
  readonly capabilities: HubCapabilities;
  private readonly ctx: ServerContext;
  private poll: NodeJS.Timeout | undefined;
  private fingerprint: string | undefined;
  /** looks at the server's state: handed out, the newest answered, those unanswered; the next only records */
  private looks = 0;
  private newestLook = 0;
  private looking = 0;
  private recordOnly = false;

  constructor(
    http: PolyaxonHttp,
    owner: string,
    username: string,
    server: string,
    private readonly pollMs: number,
  ) {
    this.ctx = new ServerContext(http, owner, username, () => this.afterOwnWrite());
    this.user = { username };
    this.capabilities = { backend: 'server', server, unsupported: { ...UNSUPPORTED } };
    this.projects = new ServerProjects(this.ctx);
    this.projectRuns = new ServerRuns(this.ctx);
    this.components = new ServerComponents(this.ctx, this.projects);
    this.registry = new ServerRegistry(this.ctx, this.projects, this.projectRuns);
    this.orgs = new ServerOrgs(this.ctx, this.projects, server);
    const ctx = this.ctx;
    this.members = {
      list: async org => {
        ctx.checkOwner(org);
        return [{ user: username, role: 'owner', isMe: true }];
      },
      add: () => ctx.refuse('members'),
      setRole: () => ctx.refuse('members'),
      remove: () => ctx.refuse('members'),
    };
    this.teams = {
      list: async org => {
        ctx.checkOwner(org);
        return [];
      },
      get: () => ctx.refuse('teams'),
      create: () => ctx.refuse('teams'),
      update: () => ctx.refuse('teams'),
      rename: () => ctx.refuse('teams'),
      delete: () => ctx.refuse('teams'),
      setMember: () => ctx.refuse('teams'),
      removeMember: () => ctx.refuse('teams'),
      grant: () => ctx.refuse('teams'),
      revoke: () => ctx.refuse('teams'),
      setQuota: () => ctx.refuse('teams'),
    };
    this.audit = { list: () => ctx.refuse('audit') };
    // discovering runs in workspace folders is the local backend's: on a server, runs are the project's (projectRuns)
    this.runs = new Proxy(
      {},
      {
        get: () => () => {
          throw new HubError("With a Polyaxon server, runs are read from the server's projects (projectRuns), not discovered in the workspace.", 'unsupported');
        },
      },
    ) as RunService;
  }

  get location(): string {
    return this.ctx.http.baseUrl;
  }

  async register(): Promise<void> {
    /* the server keeps its own users */
  }

  onDidChange(listener: () => void) {
    const sub = this.ctx.onChange(listener);
    if (this.pollMs > 0 && !this.poll) {
      this.poll = setInterval(() => {
        // a slow server still answering the last look gets no second one piled on it
        if (!this.looking) void this.lookForChanges();
      }, this.pollMs);
      this.poll.unref?.();
    }
    return {
      dispose: () => {
        sub.dispose();
        if (!this.ctx.listening && this.poll) {
          clearInterval(this.poll);
          this.poll = undefined;
        }
      },
    };
  }

  /**
   * The newest project update and the count: a change anywhere in projects (and their versions' updates touch
   * them). This client's own write was announced when it was done; announcing it again a poll later would refresh
   * every tree while the user works in it (VS Code forgets a tree's items on a refresh, so a context menu opened
   * just then acts on nothing). So a look that overlapped one of this client's writes is dropped (what it saw may
   * be the write), the first look after a write only records what it sees, and a late answer to an older look
   * after a newer one is ignored.
   */
  private async lookForChanges(): Promise<void> {
    const look = ++this.looks;
    const writes = this.ctx.writesStarted;
    this.looking++;
    try {
      const page = await this.ctx.http.json<{ count?: number; results?: { updated_at?: string }[] }>(`${encodeURIComponent(this.ctx.owner)}/projects/list`, {
        query: { limit: 1, sort: '-updated_at' },
        subject: 'checking for changes',
      });
      if (this.ctx.writesInFlight || this.ctx.writesStarted !== writes || look < this.newestLook) return;
      this.newestLook = look;
      const next = `${page?.count}:${page?.results?.[0]?.updated_at}`;
      const quiet = this.recordOnly;
      this.recordOnly = false;
      if (!quiet && this.fingerprint !== undefined && next !== this.fingerprint) this.ctx.changed();
      this.fingerprint = next;
    } catch {
      /* the next read shows the error; a poll stays quiet */
    } finally {
      this.looking--;
    }
  }

  private afterOwnWrite(): void {
    if (!this.poll) return;
    this.recordOnly = true;
    void this.lookForChanges();
  }
}

class ServerOrgs implements OrgService {
  constructor(
    private readonly ctx: ServerContext,
    private readonly projects: ServerProjects,
    private readonly server: string,
  ) {}

  async list(filter: OrgFilter = {}): Promise<OrgSummary[]> {
    const org = await this.get(this.ctx.owner);
    return !filter.can || org.actions.includes(filter.can) ? [org] : [];
  }

  async get(name: string): Promise<OrgSummary> {
    this.ctx.checkOwner(name);
    const projects = await this.projects.records(name);
    return {
      name,
      description: `${this.server} at ${this.ctx.http.baseUrl}`,
      isPublic: false,
      role: 'owner',
      actions: [...SERVER_ACTIONS],
      memberCount: 1,
      teamCount: 0,
      projectCount: projects.length,
      componentCount: await this.componentCount(projects.map(p => String(p.name))),
    };
  }

  /** projects with at least one component version: one small page each, not every version's content */
  private async componentCount(projects: string[]): Promise<number> {
    const counts = await Promise.all(
      projects.map(p =>
        this.ctx.http.json<{ count?: number }>(`${encodeURIComponent(this.ctx.owner)}/${encodeURIComponent(p)}/versions/component`, {
          query: { limit: 1 },
          subject: `the components of ${p}`,
        }),
      ),
    );
    return counts.filter(c => (c?.count ?? 0) > 0).length;
  }

  async page(name: string): Promise<OrgPage> {
    const org = await this.get(name);
    // no member management on the server: no role to grant
    return {
      org,
      createdBy: '',
      createdAt: '',
      grantableRoles: [],
      members: [{ user: this.ctx.me, role: 'owner', isMe: true }],
      teams: [],
      projects: await this.projects.list(name),
    };
  }

  async isNameTaken(name: string): Promise<boolean> {
    return name.toLowerCase() === this.ctx.owner.toLowerCase();
  }
  async currentName(name: string): Promise<string | undefined> {
    return name === this.ctx.owner ? name : undefined;
  }
  async holdings(name: string): Promise<Record<string, number>> {
    this.ctx.checkOwner(name);
    return { projects: (await this.projects.records(name)).length };
  }
  create(): Promise<never> {
    return this.ctx.refuse('orgs.manage');
  }
  update(): Promise<never> {
    return this.ctx.refuse('orgs.manage');
  }
  setVisibility(): Promise<never> {
    return this.ctx.refuse('orgs.manage');
  }
  rename(): Promise<never> {
    return this.ctx.refuse('orgs.manage');
  }
  delete(): Promise<never> {
    return this.ctx.refuse('orgs.manage');
  }
}
