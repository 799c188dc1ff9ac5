// The door into the core: what one user may see and do, as plain data. Every face (views, commands,
// pages, editor support, the CLI) talks to a `HubClient` and nothing else. Everything is async and read
// per entity, never as a whole-database snapshot, so a REST backend (a Polyaxon server) can implement it
// beside the local store.
import type { Action } from '../access';
import type { Actor } from '../currentUser';
import type { OrgRole, ProjectRole, Stage } from '../model';
import type { PublishPlan, PublishRequest, PublishResult } from '../hub/publish';
import type { RefStatus, RefKind, ValidationResult } from '../hub/validator/problems';
import type { BackupInfo } from '../store/store';
import type { StageChange } from '../versions';

export type { Action } from '../access';
export type { Actor } from '../currentUser';
export type { OrgRole, ProjectRole, Stage } from '../model';
export type { StageChange } from '../versions';
export type { PublishPlan, PublishRequest, PublishResult } from '../hub/publish';
export type { Problem, RefKind, RefStatus, ValidationResult } from '../hub/validator/problems';
export type { BackupInfo } from '../store/store';

export interface Disposable {
  dispose(): void;
}

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
  /** components in the org's hub, when the user may view it (else 0) */
  componentCount: number;
}

export interface MemberView {
  user: string;
  role: OrgRole;
  isMe: boolean;
  displayName?: string;
  email?: string;
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
  /** what its quota counts now (model versions in its projects, their distinct content); absent when the backend cannot tell */
  usage?: { storageBytes: number; modelVersions: number };
}

export interface ConnectionView {
  name: string;
  kind: string;
  description: string;
}

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
  /** the org roles the user may give (nobody grants a right they lack) */
  grantableRoles: OrgRole[];
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

export interface IOView {
  name: string;
  type?: string;
  isOptional: boolean;
  value?: unknown;
  description?: string;
}

export interface VersionRef {
  org: string;
  component: string;
  version: string;
}

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
  inputCount: number;
  outputCount: number;
  /** the file it was published from (workspace-relative when it was in one) */
  sourcePath?: string;
  /** how many times an admin replaced its content */
  timesReplaced: number;
}

export interface ComponentVersionView extends ComponentVersionSummary {
  content: string;
  inputs: IOView[];
  outputs: IOView[];
  /** earlier contents replaced deliberately by an admin */
  history: { contentHash: string; replacedBy: string; replacedAt: string }[];
  /** every stage it was in, oldest first; the first entry is the creation at `testing` */
  stageHistory: StageChange[];
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
  createdBy: string;
  createdAt: string;
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
export interface OrgFilter {
  can?: Action;
}

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
  /** all or nothing: a refused part (visibility needs owner) leaves the other part unchanged too */
  update(name: string, changes: { description?: string; isPublic?: boolean }): Promise<OrgSummary>;
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
  /** the name a team of `org` once called `name` has now (following renames); undefined when it is gone (optional: a backend without rename history leaves it out) */
  currentName?(org: string, name: string): Promise<string | undefined>;
  create(org: string, name: string, description?: string): Promise<TeamSummary>;
  update(org: string, name: string, changes: { description?: string }): Promise<TeamSummary>;
  rename(org: string, name: string, newName: string): Promise<TeamSummary>;
  delete(org: string, name: string): Promise<void>;
  /** the member as recorded (the username normalized) */
  setMember(org: string, team: string, user: string, role: string): Promise<{ user: string; role: ProjectRole }>;
  removeMember(org: string, team: string, user: string): Promise<void>;
  grant(org: string, team: string, project: string, role: string): Promise<{ project: string; role: ProjectRole }>;
  revoke(org: string, team: string, project: string): Promise<void>;
  /** null clears a limit */
  setQuota(org: string, team: string, quota: { storageBytes?: number | null; modelVersions?: number | null }): Promise<TeamQuota>;
}

export interface ProjectFields {
  description?: string;
  tags?: string[];
  readme?: string;
  isPublic?: boolean;
}

/** A slice of a long list: `limit` items from `offset` (default: from the start, all of them). */
export interface ListRange {
  offset?: number;
  limit?: number;
}

export interface ProjectService {
  /**
   * the org's projects the user may view; with `range`, only that slice (the whole count is the org's `projectCount`),
   * so a view of an org with 10,000 projects pays for the rows it shows. A backend may ignore `range` and return all.
   */
  list(org: string, range?: ListRange): Promise<ProjectSummary[]>;
  get(org: string, name: string): Promise<ProjectView>;
  /** the name a project of `org` once called `name` has now (following renames); undefined when it is gone (optional, as for teams) */
  currentName?(org: string, name: string): Promise<string | undefined>;
  isNameTaken(org: string, name: string): Promise<boolean>;
  holdings(org: string, name: string): Promise<Record<string, number>>;
  create(org: string, name: string, fields?: ProjectFields): Promise<ProjectSummary>;
  update(org: string, name: string, changes: ProjectFields): Promise<ProjectSummary>;
  rename(org: string, name: string, newName: string): Promise<ProjectSummary>;
  delete(org: string, name: string, options?: { cascade?: boolean }): Promise<{ deleted: Record<string, number> }>;
  restrict(org: string, name: string, teams: string[]): Promise<ProjectSummary>;
  /** undefined role removes the user's project role */
  setMemberRole(org: string, name: string, user: string, role: string | undefined): Promise<{ user: string; role: ProjectRole } | undefined>;
  setConnection(org: string, name: string, connection: ConnectionView): Promise<ConnectionView>;
  removeConnection(org: string, name: string, connection: string): Promise<void>;
}

export interface ComponentService {
  /** the org's components with their versions, when the user may view its hub */
  list(org: string): Promise<ComponentSummary[]>;
  /** one component with its versions; refused ('not-found', 'denied') like `list` */
  get(org: string, name: string): Promise<ComponentSummary>;
  /** a version (`latest`, else the newest, when `version` is undefined) */
  version(org: string, component: string, version?: string): Promise<ComponentVersionView>;
  /** the references the user may resolve, for the editor (`hubRef` checks, links) */
  refIndex(): Promise<RefIndex>;
  /** validates a file's text with references checked as the user may see them */
  validate(content: string, fileName?: string): Promise<ValidationResult>;
  /**
   * What publishing `request` would use (component name, the version its path suggests, content hash) after
   * the checks that need no write; refused with `InvalidComponentError` (carrying the errors) or a HubError.
   */
  plan(request: PublishRequest): Promise<PublishPlan>;
  publish(request: PublishRequest): Promise<PublishResult>;
  setStage(ref: VersionRef, stage: string, reason?: string): Promise<ComponentVersionSummary>;
  deleteVersion(ref: VersionRef): Promise<{ componentRemoved: boolean }>;
  /** public: seen by anyone who sees the org's hub; private (the default): the org's members only (admins and above) */
  setVisibility(org: string, component: string, isPublic: boolean): Promise<ComponentSummary>;
}

export interface AuditService {
  /** the org's events, newest first (admins and above) */
  list(org: string, limit?: number): Promise<AuditEntry[]>;
}

/** Backups of the local store (a server keeps its own: absent there). */
export interface BackupService {
  list(): Promise<BackupInfo[]>;
  /**
   * Restores the named backup (or the newest good one): an admin act on every org it changes, audited in
   * each (`orgs`). A readable store is replaced only with `confirmed` (else refused, code 'needs-confirmation').
   */
  restore(name?: string, options?: { confirmed?: boolean }): Promise<{ restored: BackupInfo; keptCurrentAs?: string; orgs: string[] }>;
}

// ---- runs (discovered in the workspace) ------------------------------------------------------------

/** Where a run was found: a Polyaxon offline run, an MLflow tracking store, or any folder (a manual run). */
export type RunSource = 'polyaxon' | 'mlflow' | 'folder';

/**
 * A run's status, lower-case: `created`, `scheduled`, `queued`, `running`, `succeeded`, `failed`,
 * `stopped`, `skipped`, `unknown`… (Polyaxon's statuses as they are; MLflow's mapped: RUNNING →
 * running, SCHEDULED → scheduled, FINISHED → succeeded, FAILED → failed, KILLED → stopped).
 */
export type RunStatus = string;

/** Git state of the folder a run was made in. */
export interface GitInfo {
  commit?: string;
  branch?: string;
  /** uncommitted changes at the time (true/false when known) */
  dirty?: boolean;
  remote?: string;
}

export interface MetricPoint {
  step: number;
  value: number;
  /** ms since the epoch, when the tool recorded it */
  timestamp?: number;
}

/** A metric: its last value and its best one (min for loss/error-like names, else max). */
export interface MetricSummary {
  latest: number;
  best: number;
  /** how `best` was chosen */
  goal: 'min' | 'max';
  /** step of the latest value */
  step?: number;
}

export interface RunFile {
  /** relative to the run's artifact root, `/`-separated */
  path: string;
  /** absolute path on disk */
  absolutePath: string;
  size: number;
}

/** A model a run logged (an MLflow `MLmodel` folder, an MLflow 3 logged model, a Polyaxon model artifact). */
export interface RunModel {
  name: string;
  /** folder (or file) relative to the run's artifact root */
  path: string;
  absolutePath: string;
  /** MLflow flavors (`sklearn`, `python_function`…) */
  flavors: string[];
  /** our framework name from the flavors (`sklearn`, `pytorch`…), when one fits */
  framework?: string;
  /** MLflow 3 logged model id (`m-…`) */
  modelId?: string;
}

export interface RunSummary {
  /** unique in a scan and stable across scans: the run folder, or `<mlflow.db path>#<run id>` */
  key: string;
  /** the tool's id (Polyaxon uuid, MLflow run id) */
  id: string;
  name: string;
  source: RunSource;
  status: RunStatus;
  /** the run's folder (for an MLflow SQLite run: its artifact folder when there is one, else the db file) */
  path: string;
  /** the tracking store it came from (`mlflow.db`, an `mlruns/` folder, a Polyaxon `runs/` folder) */
  storePath: string;
  /** MLflow experiment name, Polyaxon project */
  experiment?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  params: Record<string, string>;
  /** latest value of each metric (the `runs list --json` shape) */
  metrics: Record<string, number>;
  tags: Record<string, string>;
  git?: GitInfo;
  /** why the run could not be read (fully): the run shows with this instead of breaking the scan */
  error?: string;
}

export interface RunView extends RunSummary {
  metricSummaries: Record<string, MetricSummary>;
  /** every recorded point of each metric, in step order (curves) */
  metricHistory: Record<string, MetricPoint[]>;
  /** output files (artifacts), sorted by path */
  files: RunFile[];
  models: RunModel[];
  /** the run's artifact root (file paths are relative to it) */
  artifactRoot?: string;
}

/** What a rescan of changed paths did. */
export interface RunsChange {
  added: RunSummary[];
  updated: RunSummary[];
  /** keys */
  removed: string[];
}

/** A live discovery over some folders that re-reads only what changed. */
export interface RunWatch extends Disposable {
  readonly roots: string[];
  /** the first full scan */
  readonly ready: Promise<RunSummary[]>;
  /** the runs as last read, sorted newest first */
  runs(): RunSummary[];
  /** paths a file watcher saw change (created, changed, deleted): only the runs under them are read again */
  changed(paths: string[]): Promise<RunsChange>;
  onDidChange(listener: (change: RunsChange) => void): Disposable;
}

export interface RunService {
  /**
   * Discovers runs under these folders (every root of a multi-root workspace), skipping
   * `node_modules`, `.git` and virtual environments; newest first.
   */
  list(roots: string[], options?: { signal?: AbortSignal }): Promise<RunSummary[]>;
  /** one run by key, id (within `roots`), or a path inside it */
  get(run: string, roots?: string[]): Promise<RunView>;
  /** the discovered run that a file or folder belongs to (Explorer promote: its lineage attaches itself) */
  containing(path: string): Promise<RunSummary | undefined>;
  watch(roots: string[]): RunWatch;
}

// ---- model registry ---------------------------------------------------------------------------------

/** `org/model:version` */
export interface ModelVersionRef {
  org: string;
  model: string;
  version: string;
}

export interface ArtifactFile {
  /** relative path inside the version, `/`-separated */
  path: string;
  size: number;
  sha256: string;
}

/** Where a version came from: enough to trace it back to its run and reproduce it. */
export interface Lineage {
  /** the run's id (absent for a manual promote without a run) */
  runId?: string;
  runName?: string;
  /** the run's key when it was discovered (reveal the source run) */
  runKey?: string;
  source: RunSource;
  /** the run folder or tracking store the files came from */
  sourcePath: string;
  experiment?: string;
  params: Record<string, string>;
  metrics: Record<string, MetricSummary>;
  /** metric curves, kept so compare works after the run folder is gone (long histories are thinned) */
  metricHistory: Record<string, MetricPoint[]>;
  git?: GitInfo;
  /** the files as promoted: relative path, size and sha256 */
  files: ArtifactFile[];
}

export interface ModelVersionSummary {
  org: string;
  model: string;
  /** the version's name (`v1`…) */
  name: string;
  /** `org/model:version` */
  ref: string;
  stage: Stage;
  framework?: string;
  runId?: string;
  fileCount: number;
  totalBytes: number;
  createdBy: string;
  createdAt: string;
}

export interface ModelVersionView extends ModelVersionSummary {
  project?: string;
  description: string;
  tags: string[];
  readme: string;
  deploymentNotes: string;
  /** oldest first; the first entry is the creation at `testing` */
  stageHistory: StageChange[];
  lineage: Lineage;
  updatedAt: string;
  /** what the user may do here (`modelVersion.write`, `version.delete`…) */
  actions: Action[];
}

export interface ModelSummary {
  org: string;
  name: string;
  project?: string;
  description: string;
  tags: string[];
  versionCount: number;
  /** the newest version's name */
  latest?: string;
  /** versions now in production */
  production: string[];
  createdBy: string;
  createdAt: string;
  actions: Action[];
}

export interface ModelView extends ModelSummary {
  /** newest first */
  versions: ModelVersionSummary[];
}

export interface ModelFields {
  description?: string;
  tags?: string[];
  project?: string;
}

export interface ModelVersionFields {
  description?: string;
  tags?: string[];
  readme?: string;
  deploymentNotes?: string;
  framework?: string;
}

/** What to promote and where. */
export interface PromoteRequest {
  org: string;
  model: string;
  /** the project the model belongs to (permissions and team quotas follow it); taken from the model when it exists */
  project?: string;
  /** files and folders (absolute paths); folders are taken whole */
  paths: string[];
  /** default: the next `v<n>` */
  version?: string;
  /**
   * `pytorch`, `tensorflow`, `sklearn`, `xgboost`, `lightgbm`, `onnx`, `huggingface`, `custom`… (any
   * slug is kept); default: from an MLmodel's flavors among the files, else `custom`
   */
  framework?: string;
  deploymentNotes?: string;
  description?: string;
  tags?: string[];
  /** the run (key or id) whose lineage to record; default: the discovered run that contains the paths, else a manual `folder` run */
  run?: string;
  /** creates the model when it does not exist (else a missing model is refused) */
  createModel?: ModelFields | boolean;
  /** cancels the copy: nothing is recorded and no blob is left behind */
  signal?: AbortSignal;
  onProgress?: (progress: PromoteProgress) => void;
}

export interface PromoteProgress {
  phase: 'checking' | 'copying' | 'recording';
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** the file being copied */
  file?: string;
}

/** What a promote would do, before anything is copied (pickers: default version, detected framework, quota). */
export interface PromotePlan {
  org: string;
  model: string;
  modelExists: boolean;
  project?: string;
  nextVersion: string;
  /** from an MLmodel's flavors */
  detectedFramework?: string;
  flavors: string[];
  files: { path: string; size: number }[];
  totalBytes: number;
  /** the run whose lineage would be recorded */
  run?: RunSummary;
  /** why the promote would be refused (permission, team quota, a symlink leaving the run…); undefined = fine */
  problem?: string;
}

export interface PromoteResult {
  version: ModelVersionView;
  /** bytes of content new to the artifact store (content already stored is kept once) */
  storedBytes: number;
}

export interface VerifyReport {
  ref: string;
  ok: boolean;
  checked: number;
  /** files whose blob no longer hashes to the recorded sha256 */
  changed: { path: string; expected: string; actual: string }[];
  /** files whose blob is gone */
  missing: string[];
}

export interface CompareRow {
  key: string;
  /** one entry per compared version, in order; undefined where the version lacks the key */
  values: (string | number | undefined)[];
  differs: boolean;
}

export interface CompareResult {
  versions: ModelVersionSummary[];
  params: CompareRow[];
  /** latest values */
  metrics: CompareRow[];
  bestMetrics: CompareRow[];
  /** sha256 per path */
  artifacts: CompareRow[];
  /** per metric, one curve per version (same order; empty when the version has no history) */
  curves: Record<string, MetricPoint[][]>;
}

/** Download/export never overwrite silently: with `conflict: 'ask'` (the default) nothing is written when a file exists. */
export interface WriteOptions {
  /** `ask`: report conflicts and write nothing; `overwrite`: replace them; `skip`: keep existing files */
  conflict?: 'ask' | 'overwrite' | 'skip';
  /** only these version paths (default: all) */
  paths?: string[];
  signal?: AbortSignal;
  onProgress?: (progress: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number; file?: string }) => void;
}

export type WriteResult = { status: 'written'; dir: string; written: string[]; skipped: string[] } | { status: 'conflict'; dir: string; conflicts: string[] };

export interface RegistryService {
  /** the org's models the user may view, by name; with `project`, only that project's (a server then asks about it alone) */
  list(org: string, filter?: { project?: string }): Promise<ModelSummary[]>;
  model(org: string, name: string): Promise<ModelView>;
  /** a version; `version` undefined = the newest */
  version(org: string, model: string, version?: string): Promise<ModelVersionView>;
  createModel(org: string, name: string, fields?: ModelFields): Promise<ModelSummary>;
  updateModel(org: string, name: string, changes: ModelFields): Promise<ModelSummary>;
  /** admins; refused while it has versions unless `cascade` (which frees their blobs) */
  deleteModel(org: string, name: string, options?: { cascade?: boolean }): Promise<{ versionsDeleted: number; freedBytes: number }>;
  planPromote(request: Omit<PromoteRequest, 'signal' | 'onProgress'>): Promise<PromotePlan>;
  promote(request: PromoteRequest): Promise<PromoteResult>;
  updateVersion(ref: ModelVersionRef, changes: ModelVersionFields): Promise<ModelVersionView>;
  setStage(ref: ModelVersionRef, stage: string, reason?: string): Promise<ModelVersionView>;
  /** oldest first */
  stageHistory(ref: ModelVersionRef): Promise<StageChange[]>;
  /** the versions that were in `stage` (default production) at time `when` (ISO), from the stage histories */
  stageAt(org: string, model: string, when: string, stage?: Stage): Promise<ModelVersionSummary[]>;
  verify(ref: ModelVersionRef): Promise<VerifyReport>;
  compare(refs: ModelVersionRef[]): Promise<CompareResult>;
  /** one artifact's bytes (a page shows a small text file); refused above `maxBytes` (default 1 MiB) */
  readArtifact(ref: ModelVersionRef, path: string, maxBytes?: number): Promise<Uint8Array>;
  /** copies the files into `dir` (relative paths kept) */
  download(ref: ModelVersionRef, dir: string, options?: WriteOptions): Promise<WriteResult>;
  /** writes `<dir>/<version>/version.plx.json` (Polyaxon's `models pull` layout) plus the files */
  export(ref: ModelVersionRef, dir: string, options?: WriteOptions): Promise<WriteResult>;
  /** admins; frees the blobs no other version references */
  deleteVersion(ref: ModelVersionRef): Promise<{ freedBytes: number; freedBlobs: number }>;
}

// ---- what a backend offers ---------------------------------------------------------------------------

/** Features one backend may lack (the open-source Polyaxon server has one owner, no teams, no members…). */
export type HubFeature =
  | 'orgs.manage'
  | 'members'
  | 'teams'
  | 'audit'
  | 'project.rename'
  | 'project.access'
  | 'project.connections'
  | 'component.replace'
  | 'component.visibility'
  | 'registry.files'
  | 'backups';

export interface HubCapabilities {
  backend: 'local' | 'server';
  /** the server's product and version when it is one ("Polyaxon CE 2.16.4") */
  server?: string;
  /** what this backend does not offer, each with the sentence a face shows instead of the action (no dead buttons) */
  unsupported: Partial<Record<HubFeature, string>>;
}

// ---- runs recorded on a server, per project ----------------------------------------------------------

export interface ServerRunSummary {
  org: string;
  project: string;
  uuid: string;
  name: string;
  status: string;
  kind?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** seconds */
  duration?: number;
  tags: string[];
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  createdBy?: string;
}

export interface ServerStatusCondition {
  type: string;
  reason?: string;
  message?: string;
  when: string;
}

/** An artifact a run declared in its lineage (a model, a file, a folder…): what a promote can register. */
export interface ServerRunArtifact {
  name: string;
  kind: string;
  path?: string;
  isInput: boolean;
  summary: Record<string, unknown>;
}

export interface ServerRunView extends ServerRunSummary {
  description: string;
  statusConditions: ServerStatusCondition[];
  lineage: ServerRunArtifact[];
  /** every recorded point of each metric the run logged, in step order */
  metrics: Record<string, MetricPoint[]>;
  /** set when the server could not give the metrics ("metrics unavailable: …"); the rest of the view stands */
  metricsUnavailable?: string;
  /** the top of the run's artifacts store */
  artifacts: { files: { path: string; size: number }[]; dirs: string[] };
}

export interface ProjectRunService {
  /** the project's runs, newest first, every page (or the first `limit`) */
  list(org: string, project: string, options?: { limit?: number; signal?: AbortSignal }): Promise<ServerRunSummary[]>;
  get(org: string, project: string, uuid: string, options?: { signal?: AbortSignal }): Promise<ServerRunView>;
  /** one folder of the run's artifacts store */
  artifacts(org: string, project: string, uuid: string, path?: string): Promise<{ files: { path: string; size: number }[]; dirs: string[] }>;
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
  /** runs discovered in the workspace (the local file system) */
  readonly runs: RunService;
  readonly registry: RegistryService;
  readonly backups?: BackupService;
  /** what this backend offers; absent = everything (the local store) */
  readonly capabilities?: HubCapabilities;
  /** runs recorded on the backend, per project (a Polyaxon server); absent on the local store */
  readonly projectRuns?: ProjectRunService;
  /** records the current user (first use) */
  register(): Promise<void>;
  /** fires after any change to the records, by this process or another one */
  onDidChange(listener: () => void): Disposable;
}
