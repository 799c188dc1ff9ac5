// The HubClient over a local store (the lowdb JSON file, or memory in tests). Reads are computed from one
// fresh read of the store, as `actor` may see it; writes go through the core modules, each one mutation.
import { allowedActions, can, canGrantOrgRole, check, findProject, projectActions, type Action } from '../access';
import type { Actor } from '../currentUser';
import { ORG_ROLES, type ComponentVersion, type Database, type Organization, type Project, type Team } from '../model';
import * as orgs from '../orgs';
import * as projects from '../projects';
import * as teams from '../teams';
import { orgAudit, registerCurrentUser } from '../users';
import * as hub from '../hub/components';
import { planPublish, publishComponent } from '../hub/publish';
import { validateComponent, validateWithoutStore } from '../hub/validateComponent';
import { refResolver } from '../hub/refs';
import { operationSnippet } from '../hub/snippet';
import { canSeeOrg, checkSeesOrgContent, findVisibleOrg, visibleComponents, visibleOrgs, visibleProjects, visibleTeams } from '../visibility';
import { stageChanges } from '../versions';
import { nameTaken } from '../names';
import type { RefKind } from '../hub/validator/problems';
import { restoreStore } from '../restore';
import { isRecoverable, type Store } from '../store/store';
import { ArtifactStore } from '../registry/artifactStore';
import { LocalRegistry } from '../registry/localRegistry';
import { settlingCommits } from '../registry/settleCommits';
import { LocalRuns } from '../registry/localRuns';
import { teamUsage } from '../registry/teamUsage';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  AuditService,
  BackupService,
  ComponentService,
  ComponentSummary,
  ComponentVersionSummary,
  ComponentVersionView,
  HubClient,
  ListRange,
  MemberService,
  MemberView,
  OrgFilter,
  OrgPage,
  OrgService,
  OrgSummary,
  ProjectService,
  ProjectSummary,
  ProjectView,
  RegistryService,
  RunService,
  TeamService,
  TeamSummary,
  TeamView,
} from './types';

export interface HubOptions {
  /** the registry's content-addressed artifact folder; default `artifacts/` beside the store file */
  artifactsDir?: string;
}

/** Opens the hub as `actor` sees it. */
export function openHub(store: Store, actor: Actor, options: HubOptions = {}): HubClient {
  return new LocalHub(store, actor, options);
}

/** `artifacts/` beside the store file; a store that is not a file (memory) needs `artifactsDir`. */
function defaultArtifactsDir(store: Store): string {
  if (!path.isAbsolute(store.location)) {
    return path.join(os.tmpdir(), `polyaxon-hub-artifacts-${process.pid}`);
  }
  return path.join(path.dirname(store.location), 'artifacts');
}

class LocalHub implements HubClient {
  readonly orgs: OrgService;
  readonly members: MemberService;
  readonly teams: TeamService;
  readonly projects: ProjectService;
  readonly components: ComponentService;
  readonly audit: AuditService;
  readonly runs: RunService;
  readonly registry: RegistryService;
  readonly backups?: BackupService;

  private readonly store: Store;

  constructor(
    opened: Store,
    readonly user: Actor,
    readonly options: HubOptions = {},
  ) {
    const artifacts = new ArtifactStore(options.artifactsDir ?? defaultArtifactsDir(opened));
    // every read first settles a commit of blobs another process was killed in (settleCommits.ts)
    const store = settlingCommits(opened, artifacts);
    this.store = store;
    const read = () => store.read();
    const runs = new LocalRuns();
    this.runs = runs;
    this.registry = new LocalRegistry(store, user, artifacts, runs);
    this.orgs = new LocalOrgs(store, user, read);
    this.members = {
      list: async org => {
        const db = await read();
        return memberViews(db, findVisibleOrg(db, user.username, org), user.username);
      },
      add: async (org, u, role) => memberView(await orgs.addMember(store, user, org, u, role), user.username),
      setRole: async (org, u, role) => memberView(await orgs.setMemberRole(store, user, org, u, role), user.username),
      remove: (org, u) => orgs.removeMember(store, user, org, u),
    };
    this.teams = new LocalTeams(store, user, read);
    this.projects = new LocalProjects(store, user, read);
    this.components = new LocalComponents(store, user, read);
    this.audit = {
      list: async (org, limit) => {
        const db = await read();
        check(db, user.username, 'org.activity', { org });
        return orgAudit(db, org, limit);
      },
    };
    if (isRecoverable(store)) {
      this.backups = { list: () => store.listBackups(), restore: (name, options) => restoreStore(store, user, name, options) };
    }
  }

  get location(): string {
    return this.store.location;
  }

  async register(): Promise<void> {
    await registerCurrentUser(this.store, this.user);
  }

  onDidChange(listener: () => void) {
    return this.store.onDidChange(listener);
  }
}

// ---- views ---------------------------------------------------------------------------------------

function orgSummary(db: Database, me: string, org: Organization): OrgSummary {
  return {
    name: org.name,
    description: org.description,
    isPublic: org.isPublic,
    role: org.members.find(m => m.user === me)?.role ?? null,
    actions: allowedActions(db, me, { org: org.name }),
    memberCount: org.members.length,
    teamCount: visibleTeams(db, me, org.name).length,
    projectCount: visibleProjects(db, me, org.name).length,
    componentCount: visibleComponents(db, me, org.name).length,
  };
}

function memberView(m: { user: string; role: MemberView['role'] }, me: string, person?: { displayName?: string; email?: string }): MemberView {
  return { user: m.user, role: m.role, isMe: m.user === me, displayName: person?.displayName, email: person?.email };
}

function memberViews(db: Database, org: Organization, me: string): MemberView[] {
  const people = new Map(db.users.map(u => [u.username, u]));
  return org.members.map(m => memberView(m, me, people.get(m.user)));
}

function teamSummary(t: Team): TeamSummary {
  return { org: t.org, name: t.name, description: t.description, memberCount: t.members.length, projectCount: t.projects.length, quota: { ...t.quota } };
}

function projectSummary(db: Database, me: string, p: Project, actions = allowedActions(db, me, { org: p.org, project: p.name })): ProjectSummary {
  return {
    org: p.org,
    name: p.name,
    description: p.description,
    tags: [...p.tags],
    isPublic: p.isPublic,
    teams: [...p.teams],
    actions,
  };
}

/** The summaries of the org's projects `me` may view, in store order; with `range`, only that slice is summarised. */
function projectSummaries(db: Database, me: string, org: string, range: ListRange = {}): ProjectSummary[] {
  const actionsOf = projectActions(db, me, org);
  const offset = Math.max(0, range.offset ?? 0);
  const seen = visibleProjects(db, me, org);
  return seen.slice(offset, range.limit === undefined ? undefined : offset + Math.max(0, range.limit)).map(p => projectSummary(db, me, p, actionsOf(p)));
}

function versionSummary(v: ComponentVersion): ComponentVersionSummary {
  return {
    org: v.org,
    component: v.component,
    name: v.name,
    hubRef: hub.versionRef(v),
    contentHash: v.contentHash,
    stage: v.stage,
    runKind: v.runKind,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    inputCount: v.inputs.length,
    outputCount: v.outputs.length,
    sourcePath: v.sourcePath,
    timesReplaced: v.history.length,
  };
}

function componentSummary({ component: c, versions }: hub.ComponentListing): ComponentSummary {
  return {
    org: c.org,
    name: c.name,
    description: c.description,
    tags: [...c.tags],
    isPublic: c.isPublic,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    versions: versions.map(versionSummary),
  };
}

/** Where the renames of a team or project (`${kind}.rename` events on `org/name`) led; undefined when it is gone. */
function currentRecordName(db: Database, kind: 'team' | 'project', org: string, name: string, exists: (name: string) => boolean): string | undefined {
  const seen = new Set<string>();
  for (let current = name; ;) {
    if (exists(current)) return current;
    seen.add(current);
    const rename = [...db.audit].reverse().find(e => e.action === `${kind}.rename` && e.target === `${org}/${current}`);
    const next = rename?.details?.newName;
    if (typeof next !== 'string' || seen.has(next)) return undefined;
    current = next;
  }
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

// ---- services ------------------------------------------------------------------------------------

type Read = () => Promise<Database>;

/** What every local service is made of: the store, who acts, and the one read its answers come from. */
abstract class LocalService {
  constructor(
    protected readonly store: Store,
    protected readonly actor: Actor,
    protected readonly read: Read,
  ) {}

  /** read when first needed: the actor may be resolved lazily (lazyActor) */
  protected get me(): string {
    return this.actor.username;
  }
}

class LocalOrgs extends LocalService implements OrgService {
  async list(filter: OrgFilter = {}): Promise<OrgSummary[]> {
    const db = await this.read();
    const seen = visibleOrgs(db, this.me).filter(o => !filter.can || can(db, this.me, filter.can, { org: o.name }));
    return sortByName(seen.map(o => orgSummary(db, this.me, o)));
  }

  async get(name: string): Promise<OrgSummary> {
    const db = await this.read();
    return orgSummary(db, this.me, findVisibleOrg(db, this.me, name));
  }

  async page(name: string): Promise<OrgPage> {
    const db = await this.read();
    const org = findVisibleOrg(db, this.me, name);
    return {
      org: orgSummary(db, this.me, org),
      createdBy: org.createdBy,
      createdAt: org.createdAt,
      grantableRoles: ORG_ROLES.filter(r => canGrantOrgRole(org.members.find(m => m.user === this.me)?.role, r)),
      members: memberViews(db, org, this.me),
      teams: visibleTeams(db, this.me, name).map(teamSummary),
      projects: projectSummaries(db, this.me, name),
    };
  }

  async isNameTaken(name: string): Promise<boolean> {
    return nameTaken((await this.read()).orgs, name);
  }

  async currentName(name: string): Promise<string | undefined> {
    const db = await this.read();
    const current = orgs.currentOrgName(db, name);
    return current !== undefined && canSeeOrg(db, this.me, current) ? current : undefined;
  }

  async holdings(name: string): Promise<Record<string, number>> {
    const db = await this.read();
    findVisibleOrg(db, this.me, name);
    return orgs.orgHoldings(db, name);
  }

  private async summary(org: Organization): Promise<OrgSummary> {
    return orgSummary(await this.read(), this.me, org);
  }

  async create(name: string, fields: { description?: string; isPublic?: boolean } = {}) {
    return this.summary(await orgs.createOrg(this.store, this.actor, name, fields.description, fields.isPublic));
  }
  async update(name: string, changes: { description?: string; isPublic?: boolean }) {
    return this.summary(await orgs.updateOrg(this.store, this.actor, name, changes));
  }
  async setVisibility(name: string, isPublic: boolean) {
    return this.summary(await orgs.setOrgVisibility(this.store, this.actor, name, isPublic));
  }
  async rename(name: string, newName: string) {
    return this.summary(await orgs.renameOrg(this.store, this.actor, name, newName));
  }
  delete(name: string, options?: { cascade?: boolean }) {
    return orgs.deleteOrg(this.store, this.actor, name, options);
  }
}

class LocalTeams extends LocalService implements TeamService {
  async list(org: string): Promise<TeamSummary[]> {
    const db = await this.read();
    findVisibleOrg(db, this.me, org);
    return sortByName(visibleTeams(db, this.me, org).map(teamSummary));
  }

  async get(org: string, name: string): Promise<TeamView> {
    const db = await this.read();
    const team = teams.findTeam(db, org, name);
    checkSeesOrgContent(db, this.me, org);
    return {
      ...teamSummary(team),
      members: team.members.map(m => ({ user: m.user, role: m.role, isMe: m.user === this.me })),
      projects: team.projects.map(a => ({ project: a.project, role: a.role })),
      actions: allowedActions(db, this.me, { org }),
      usage: teamUsage(db, team),
    };
  }

  async currentName(org: string, name: string): Promise<string | undefined> {
    const db = await this.read();
    return currentRecordName(db, 'team', org, name, n => db.teams.some(t => t.org === org && t.name === n));
  }

  async create(org: string, name: string, description?: string) {
    return teamSummary(await teams.createTeam(this.store, this.actor, org, name, description));
  }
  async update(org: string, name: string, changes: { description?: string }) {
    return teamSummary(await teams.updateTeam(this.store, this.actor, org, name, changes));
  }
  async rename(org: string, name: string, newName: string) {
    return teamSummary(await teams.renameTeam(this.store, this.actor, org, name, newName));
  }
  delete(org: string, name: string) {
    return teams.deleteTeam(this.store, this.actor, org, name);
  }
  async setMember(org: string, team: string, user: string, role: string) {
    const m = await teams.setTeamMember(this.store, this.actor, org, team, user, role);
    return { user: m.user, role: m.role };
  }
  removeMember(org: string, team: string, user: string) {
    return teams.removeTeamMember(this.store, this.actor, org, team, user);
  }
  async grant(org: string, team: string, project: string, role: string) {
    const g = await teams.grantTeamProject(this.store, this.actor, org, team, project, role);
    return { project: g.project, role: g.role };
  }
  revoke(org: string, team: string, project: string) {
    return teams.revokeTeamProject(this.store, this.actor, org, team, project);
  }
  setQuota(org: string, team: string, quota: { storageBytes?: number | null; modelVersions?: number | null }) {
    return teams.setTeamQuota(this.store, this.actor, org, team, quota);
  }
}

class LocalProjects extends LocalService implements ProjectService {
  async list(org: string, range?: ListRange): Promise<ProjectSummary[]> {
    const db = await this.read();
    findVisibleOrg(db, this.me, org);
    return projectSummaries(db, this.me, org, range);
  }

  async get(org: string, name: string): Promise<ProjectView> {
    const db = await this.read();
    const p = findProject(db, org, name);
    check(db, this.me, 'view', { org, project: name });
    return {
      ...projectSummary(db, this.me, p),
      readme: p.readme,
      connections: p.connections.map(c => ({ ...c })),
      members: p.members.map(m => ({ ...m })),
      teamAccess: visibleTeams(db, this.me, org).flatMap(t => t.projects.filter(a => a.project === name).map(a => ({ team: t.name, role: a.role }))),
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }

  async currentName(org: string, name: string): Promise<string | undefined> {
    const db = await this.read();
    return currentRecordName(db, 'project', org, name, n => db.projects.some(p => p.org === org && p.name === n));
  }

  async isNameTaken(org: string, name: string): Promise<boolean> {
    return nameTaken(
      (await this.read()).projects.filter(p => p.org === org),
      name,
    );
  }

  async holdings(org: string, name: string): Promise<Record<string, number>> {
    const db = await this.read();
    check(db, this.me, 'view', { org, project: name });
    return projects.projectHoldings(db, org, name);
  }

  private async summary(p: Project): Promise<ProjectSummary> {
    return projectSummary(await this.read(), this.me, p);
  }

  async create(org: string, name: string, fields?: projects.ProjectFields) {
    return this.summary(await projects.createProject(this.store, this.actor, org, name, fields));
  }
  async update(org: string, name: string, changes: projects.ProjectFields) {
    return this.summary(await projects.updateProject(this.store, this.actor, org, name, changes));
  }
  async rename(org: string, name: string, newName: string) {
    return this.summary(await projects.renameProject(this.store, this.actor, org, name, newName));
  }
  delete(org: string, name: string, options?: { cascade?: boolean }) {
    return projects.deleteProject(this.store, this.actor, org, name, options);
  }
  async restrict(org: string, name: string, teamNames: string[]) {
    return this.summary(await projects.restrictProject(this.store, this.actor, org, name, teamNames));
  }
  async setMemberRole(org: string, name: string, user: string, role: string | undefined) {
    const m = await projects.setProjectMemberRole(this.store, this.actor, org, name, user, role);
    return m && { user: m.user, role: m.role };
  }
  async setConnection(org: string, name: string, connection: { name: string; kind: string; description: string }) {
    const c = await projects.setConnection(this.store, this.actor, org, name, connection);
    return { name: c.name, kind: c.kind, description: c.description };
  }
  removeConnection(org: string, name: string, connection: string) {
    return projects.removeConnection(this.store, this.actor, org, name, connection);
  }
}

class LocalComponents extends LocalService implements ComponentService {
  async list(org: string): Promise<ComponentSummary[]> {
    return hub.listComponents(await this.read(), this.me, org).map(componentSummary);
  }

  async get(org: string, name: string): Promise<ComponentSummary> {
    const db = await this.read();
    const listing = hub.listComponents(db, this.me, org).find(l => l.component.name === name);
    return componentSummary(listing ?? { component: hub.findVisibleComponent(db, this.me, org, name), versions: [] });
  }

  async version(org: string, component: string, version?: string): Promise<ComponentVersionView> {
    const db = await this.read();
    const v = hub.findVersion(db, this.me, org, component, version);
    return {
      ...versionSummary(v),
      content: v.content,
      inputs: v.inputs.map(i => ({ ...i })),
      outputs: v.outputs.map(o => ({ ...o })),
      history: v.history.map(h => ({ contentHash: h.contentHash, replacedBy: h.replacedBy, replacedAt: h.replacedAt })),
      stageHistory: stageChanges(v.stageHistory),
      operationSnippet: operationSnippet(v),
      actions: allowedActions(db, this.me, { org }) as Action[],
    };
  }

  async refIndex() {
    // a broken store must not stop the editor's checks: hubRefs become 'unknown', pathRefs are still checked
    const db = await this.read().catch(() => undefined);
    return { status: (ref: { kind: RefKind; value: string }, fileName?: string) => refResolver(db, this.me, fileName)(ref) };
  }

  async validate(content: string, fileName?: string) {
    // the store is read only for a file that refers to the hub, so plain validation works without a store and stays fast
    const offline = validateWithoutStore(content, fileName);
    if (!offline.needsStore) return offline.result;
    let db: Database | undefined;
    try {
      db = await this.read();
    } catch {
      return offline.result;
    } // a broken store must not stop validation: refs stay 'unknown'
    return validateComponent(db, this.me, content, fileName);
  }

  async plan(request: Parameters<ComponentService['plan']>[0]) {
    return planPublish(request, this.me, await this.read());
  }

  publish(request: Parameters<ComponentService['publish']>[0]) {
    return publishComponent(this.store, this.actor, request);
  }

  async setStage(ref: { org: string; component: string; version: string }, stage: string, reason?: string) {
    return versionSummary(await hub.setVersionStage(this.store, this.actor, ref, stage, reason));
  }

  deleteVersion(ref: { org: string; component: string; version: string }) {
    return hub.deleteComponentVersion(this.store, this.actor, ref);
  }

  async setVisibility(org: string, name: string, isPublic: boolean) {
    await hub.setComponentVisibility(this.store, this.actor, org, name, isPublic);
    return this.get(org, name);
  }
}
