// The door into the core: what one user may see and do, as plain data. Every face (views, commands,
// pages, editor support, the CLI) talks to a `HubClient` and nothing else. Everything is async and read
// per entity, never as a whole-database snapshot, so a REST backend (a Polyaxon server) can implement it
// beside the local store.
import type { Action } from '../access';
import type { Actor } from '../currentUser';
import type { OrgRole, ProjectRole, Stage } from '../model';
import type { PublishRequest, PublishResult } from '../hub/publish';
import type { RefStatus, RefKind, ValidationResult } from '../hub/validator/problems';
import type { BackupInfo } from '../store/store';

export type { Action } from '../access';
export type { Actor } from '../currentUser';
export type { OrgRole, ProjectRole, Stage } from '../model';
export type { PublishRequest, PublishResult } from '../hub/publish';
export type { BackupInfo } from '../store/store';

export interface Disposable { dispose(): void }

// ---- what a user sees ------------------------------------------------------------------------------

export interface OrgSummary {
  name: string;
  description: string;
  isPublic: boolean;
  /** the user's role here; null when they see it only because it is public */
  role: OrgRole | null;
  /** what the user may do at org level */
  actions: Action[];
  memberCount: number;
  /** teams the user may see (0 for outsiders and billing members) */
  teamCount: number;
  /** projects the user may view */
  projectCount: number;
}

export interface MemberView {
  user: string;
  role: OrgRole;
  isMe: boolean;
}

export interface TeamQuota {
  /** registry storage in bytes; undefined = unlimited */
  storageBytes?: number;
  /** number of model versions; undefined = unlimited */
  modelVersions?: number;
}

export interface TeamSummary {
  org: string;
  name: string;
  description: string;
  memberCount: number;
  projectCount: number;
  quota: TeamQuota;
}

export interface TeamView extends TeamSummary {
  members: { user: string; role: ProjectRole; isMe: boolean }[];
  projects: { project: string; role: ProjectRole }[];
  /** what the user may do on the team (its org's actions) */
  actions: Action[];
}

export interface ConnectionView { name: string; kind: string; description: string }

export interface ProjectSummary {
  org: string;
  name: string;
  description: string;
  tags: string[];
  isPublic: boolean;
  /** teams the project is restricted to (empty: not restricted) */
  teams: string[];
  /** what the user may do on the project */
  actions: Action[];
}

export interface ProjectView extends ProjectSummary {
  readme: string;
  connections: ConnectionView[];
  members: { user: string; role: ProjectRole }[];
  /** teams with access to it and the role they give */
  teamAccess: { team: string; role: ProjectRole }[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** An org page: the org with everything under it the user may see. */
export interface OrgPage {
  org: OrgSummary;
  createdBy: string;
  createdAt: string;
  members: MemberView[];
  teams: TeamSummary[];
  projects: ProjectSummary[];
}

export interface AuditEntry {
  who: string;
  action: string;
  target: string;
  when: string;
  details?: Record<string, unknown>;
}

export interface IOView { name: string; type?: string; isOptional: boolean; value?: unknown; description?: string }

export interface VersionRef { org: string; component: string; version: string }

export interface ComponentVersionSummary {
  org: string;
  component: string;
  name: string;
  /** `org/component:version` */
  hubRef: string;
  contentHash: string;
  stage: Stage;
  runKind?: string;
  publishedBy: string;
  publishedAt: string;
}

export interface ComponentVersionView extends ComponentVersionSummary {
  content: string;
  inputs: IOView[];
  outputs: IOView[];
  sourcePath?: string;
  /** earlier contents replaced deliberately by an admin */
  history: { contentHash: string; replacedBy: string; replacedAt: string }[];
  /** a ready-to-copy operation that uses this version's hubRef */
  operationSnippet: string;
  /** what the user may do on the component's org */
  actions: Action[];
}

export interface ComponentSummary {
  org: string;
  name: string;
  description: string;
  tags: string[];
  isPublic: boolean;
  /** newest first */
  versions: ComponentVersionSummary[];
}

/** Everything the user may resolve a `hubRef` against, for the editor's synchronous checks. */
export interface RefIndex {
  /** `fileName` resolves `pathRef`s relative to the file */
  status(ref: { kind: RefKind; value: string }, fileName?: string): RefStatus;
}

// ---- the services ----------------------------------------------------------------------------------

/** Org lists can be narrowed to where the user may do one action (pickers: "orgs I may publish to"). */
export interface OrgFilter { can?: Action }

export interface OrgService {
  /** orgs the user may see (member with any role, or public), sorted by name */
  list(filter?: OrgFilter): Promise<OrgSummary[]>;
  /** refused ('not-found', 'denied') when the user may not see it */
  get(name: string): Promise<OrgSummary>;
  page(name: string): Promise<OrgPage>;
  /** whether the name (case-insensitively) is taken by any org, seen or not */
  isNameTaken(name: string): Promise<boolean>;
  /** the name an org once called `name` has now (following renames); undefined when it is gone or unseen */
  currentName(name: string): Promise<string | undefined>;
  /** what an org holds, per kind of record ("3 teams, 2 projects"), for delete confirmations */
  holdings(name: string): Promise<Record<string, number>>;
  create(name: string, fields?: { description?: string; isPublic?: boolean }): Promise<OrgSummary>;
  update(name: string, changes: { description?: string }): Promise<OrgSummary>;
  setVisibility(name: string, isPublic: boolean): Promise<OrgSummary>;
  rename(name: string, newName: string): Promise<OrgSummary>;
  delete(name: string, options?: { cascade?: boolean }): Promise<{ deleted: Record<string, number> }>;
}

export interface MemberService {
  list(org: string): Promise<MemberView[]>;
  add(org: string, user: string, role: string): Promise<MemberView>;
  setRole(org: string, user: string, role: string): Promise<MemberView>;
  /** removing yourself is leaving */
  remove(org: string, user: string): Promise<void>;
}

export interface TeamService {
  /** the org's teams, when the user may see them (org-level content: not outsiders or billing members) */
  list(org: string): Promise<TeamSummary[]>;
  get(org: string, name: string): Promise<TeamView>;
  create(org: string, name: string, description?: string): Promise<TeamSummary>;
  update(org: string, name: string, changes: { description?: string }): Promise<TeamSummary>;
  rename(org: string, name: string, newName: string): Promise<TeamSummary>;
  delete(org: string, name: string): Promise<void>;
  setMember(org: string, team: string, user: string, role: string): Promise<void>;
  removeMember(org: string, team: string, user: string): Promise<void>;
  grant(org: string, team: string, project: string, role: string): Promise<void>;
  revoke(org: string, team: string, project: string): Promise<void>;
  /** null clears a limit */
  setQuota(org: string, team: string, quota: { storageBytes?: number | null; modelVersions?: number | null }): Promise<TeamQuota>;
}

export interface ProjectFields { description?: string; tags?: string[]; readme?: string; isPublic?: boolean }

export interface ProjectService {
  /** the org's projects the user may view */
  list(org: string): Promise<ProjectSummary[]>;
  get(org: string, name: string): Promise<ProjectView>;
  isNameTaken(org: string, name: string): Promise<boolean>;
  holdings(org: string, name: string): Promise<Record<string, number>>;
  create(org: string, name: string, fields?: ProjectFields): Promise<ProjectSummary>;
  update(org: string, name: string, changes: ProjectFields): Promise<ProjectSummary>;
  rename(org: string, name: string, newName: string): Promise<ProjectSummary>;
  delete(org: string, name: string, options?: { cascade?: boolean }): Promise<{ deleted: Record<string, number> }>;
  restrict(org: string, name: string, teams: string[]): Promise<ProjectSummary>;
  /** undefined role removes the user's project role */
  setMemberRole(org: string, name: string, user: string, role: string | undefined): Promise<void>;
  setConnection(org: string, name: string, connection: ConnectionView): Promise<void>;
  removeConnection(org: string, name: string, connection: string): Promise<void>;
}

export interface ComponentService {
  /** the org's components with their versions, when the user may view its hub */
  list(org: string): Promise<ComponentSummary[]>;
  /** a version (`latest`, else the newest, when `version` is undefined) */
  version(org: string, component: string, version?: string): Promise<ComponentVersionView>;
  /** the references the user may resolve, for the editor (`hubRef` checks, links) */
  refIndex(): Promise<RefIndex>;
  /** validates a file's text with references checked as the user may see them */
  validate(content: string, fileName?: string): Promise<ValidationResult>;
  publish(request: PublishRequest): Promise<PublishResult>;
  setStage(ref: VersionRef, stage: string, reason?: string): Promise<ComponentVersionSummary>;
  deleteVersion(ref: VersionRef): Promise<{ componentRemoved: boolean }>;
}

export interface AuditService {
  /** the org's events, newest first (admins and above) */
  list(org: string, limit?: number): Promise<AuditEntry[]>;
}

/** Backups of the local store (a server keeps its own: absent there). */
export interface BackupService {
  list(): Promise<BackupInfo[]>;
  restore(name?: string): Promise<{ restored: BackupInfo; keptCurrentAs?: string }>;
}

/** One user's view of one hub (a local store, or a server). */
export interface HubClient {
  readonly user: Actor;
  /** where the records live: a file path or a URL (messages, the status bar) */
  readonly location: string;
  readonly orgs: OrgService;
  readonly members: MemberService;
  readonly teams: TeamService;
  readonly projects: ProjectService;
  readonly components: ComponentService;
  readonly audit: AuditService;
  readonly backups?: BackupService;
  /** records the current user (first use) */
  register(): Promise<void>;
  /** fires after any change to the records, by this process or another one */
  onDidChange(listener: () => void): Disposable;
}
