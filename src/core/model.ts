// The records kept in the store. Plain JSON-serialisable data: the store file is this shape.
import type { Stage, StageCondition } from './versions';

export const ORG_ROLES = ['owner', 'manager', 'admin', 'member', 'viewer', 'billing', 'outsider'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/**
 * Roles a team membership, a team's project access or a per-user project role can carry. They act on
 * projects only, so they stop at `admin`, the highest role any project action needs (Polyaxon's
 * members.mdx: team promotion goes "up to the admin level").
 */
export const PROJECT_ROLES = ['admin', 'member', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export interface User {
  username: string;
  displayName?: string;
  email?: string;
  /** true when the record was created by adding them as a member before they ever used the tool */
  invited?: boolean;
  /** who added them, when `invited` */
  invitedBy?: string;
  createdAt: string;
}

export interface Member {
  user: string;
  role: OrgRole;
}

/** a user's role in a team, or on one project */
export interface ProjectMember {
  user: string;
  role: ProjectRole;
}

export interface Organization {
  name: string;
  description: string;
  isPublic: boolean;
  members: Member[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectAccess {
  project: string;
  /** the most a team member gets on this project through the team (capped by their team role) */
  role: ProjectRole;
}

export interface TeamQuota {
  /** registry storage in bytes; undefined = unlimited */
  storageBytes?: number;
  /** number of model versions; undefined = unlimited */
  modelVersions?: number;
}

export interface Team {
  org: string;
  name: string;
  description: string;
  members: ProjectMember[];
  projects: ProjectAccess[];
  quota: TeamQuota;
  createdBy?: string;
  createdAt: string;
  updatedAt?: string;
}

export interface Connection {
  name: string;
  kind: string;
  description: string;
}

export interface Project {
  org: string;
  name: string;
  description: string;
  tags: string[];
  readme: string;
  isPublic: boolean;
  /** when non-empty, only members of these teams (and org managers/owners) see the project */
  teams: string[];
  /** per-user project roles; they raise (never lower) what the org role gives on this project */
  members: ProjectMember[];
  connections: Connection[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type { Stage } from './versions';

export interface Component {
  org: string;
  name: string;
  description: string;
  tags: string[];
  isPublic: boolean;
  createdBy: string;
  createdAt: string;
}

export interface IOSummary {
  name: string;
  type?: string;
  isOptional: boolean;
  value?: unknown;
  description?: string;
}

export interface ComponentVersion {
  org: string;
  component: string;
  name: string;
  content: string;
  /** sha256 of the content, hex */
  contentHash: string;
  inputs: IOSummary[];
  outputs: IOSummary[];
  runKind?: string;
  sourcePath?: string;
  stage: Stage;
  /** every stage the version was in, oldest first (the last one is `stage`) */
  stageHistory: StageCondition[];
  publishedBy: string;
  publishedAt: string;
  /** earlier contents replaced deliberately by an admin */
  history: { content: string; contentHash: string; replacedBy: string; replacedAt: string }[];
}

/** A registered model (Polyaxon: a registry entry whose versions are project versions of kind model). */
export interface Model {
  org: string;
  name: string;
  /** the project it belongs to: permissions and team quotas follow it; absent = org level */
  project?: string;
  description: string;
  tags: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface MetricRecord {
  latest: number;
  best: number;
  goal: 'min' | 'max';
  step?: number;
}

/** Where a model version came from (see client/types.ts Lineage). */
export interface LineageRecord {
  runId?: string;
  runName?: string;
  runKey?: string;
  source: 'polyaxon' | 'mlflow' | 'folder';
  sourcePath: string;
  experiment?: string;
  params: Record<string, string>;
  metrics: Record<string, MetricRecord>;
  metricHistory: Record<string, { step: number; value: number; timestamp?: number }[]>;
  git?: { commit?: string; branch?: string; dirty?: boolean; remote?: string };
  /** each file's relative path, size and sha256 (its blob in the artifact store) */
  files: { path: string; size: number; sha256: string }[];
}

export interface ModelVersion {
  org: string;
  model: string;
  name: string;
  project?: string;
  description: string;
  tags: string[];
  readme: string;
  framework: string;
  deploymentNotes: string;
  stage: Stage;
  /** Polyaxon's stage conditions plus who, oldest first */
  stageHistory: StageCondition[];
  lineage: LineageRecord;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEvent {
  who: string;
  action: string;
  target: string;
  when: string;
  details?: Record<string, unknown>;
}

export const SCHEMA_VERSION = 4;

export interface Database {
  schemaVersion: number;
  users: User[];
  orgs: Organization[];
  teams: Team[];
  projects: Project[];
  components: Component[];
  componentVersions: ComponentVersion[];
  models: Model[];
  modelVersions: ModelVersion[];
  audit: AuditEvent[];
}

export function emptyDatabase(): Database {
  return {
    schemaVersion: SCHEMA_VERSION,
    users: [],
    orgs: [],
    teams: [],
    projects: [],
    components: [],
    componentVersions: [],
    models: [],
    modelVersions: [],
    audit: [],
  };
}
