// The records kept in the store. Plain JSON-serialisable data: the store file is this shape.

export const ORG_ROLES = ['owner', 'manager', 'admin', 'member', 'viewer', 'billing', 'outsider'] as const;
export type OrgRole = typeof ORG_ROLES[number];

export interface User {
  username: string;
  displayName?: string;
  email?: string;
  /** true when the record was created by adding them as a member before they ever used the tool */
  invited?: boolean;
  createdAt: string;
}

export interface Member {
  user: string;
  role: OrgRole;
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
  role: OrgRole;
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
  members: Member[];
  projects: ProjectAccess[];
  quota: TeamQuota;
  createdAt: string;
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
  /** per-user project roles, overriding the org role on this project */
  members: Member[];
  connections: Connection[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const STAGES = ['testing', 'staging', 'production', 'disabled'] as const;
export type Stage = typeof STAGES[number];

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
  publishedBy: string;
  publishedAt: string;
  /** earlier contents replaced deliberately by an admin */
  history: { content: string; contentHash: string; replacedBy: string; replacedAt: string }[];
}

export interface AuditEvent {
  who: string;
  action: string;
  target: string;
  when: string;
  details?: Record<string, unknown>;
}

export const SCHEMA_VERSION = 2;

export interface Database {
  schemaVersion: number;
  users: User[];
  orgs: Organization[];
  teams: Team[];
  projects: Project[];
  components: Component[];
  componentVersions: ComponentVersion[];
  audit: AuditEvent[];
}

export function emptyDatabase(): Database {
  return {
    schemaVersion: SCHEMA_VERSION, users: [], orgs: [], teams: [], projects: [],
    components: [], componentVersions: [], audit: [],
  };
}
