// The typed protocol between webview pages and the extension host. Types only: imported by both sides.
// Handshake: the page posts `ready` once its script runs; only then does the host post `state`, and it
// posts a fresh `state` after every store change. Requests carry an id; the host answers each with `reply`.

export interface MemberView { user: string; role: string; displayName?: string; email?: string }
export interface TeamView { name: string; description: string; members: number; projects: number }
export interface ProjectView { name: string; description: string; isPublic: boolean; tags: string[] }

export interface OrgPageState {
  /** the current user's username */
  me: string;
  /** the actions the current user may do on this org (see src/core/access.ts) */
  allowed: string[];
  /** the roles the current user may grant (nobody grants a role above their own) */
  grantableRoles: string[];
  name: string;
  description: string;
  isPublic: boolean;
  createdBy: string;
  createdAt: string;
  myRole?: string;
  members: MemberView[];
  teams: TeamView[];
  projects: ProjectView[];
  /** the newest audit events, newest first; absent when the user's role may not see the activity */
  activity?: ActivityView[];
}

export interface ActivityView { who: string; action: string; target: string; when: string }

/** What each page may ask the host to do, by page (type aliases, so they fit RequestMap). */
export type OrgPageRequests = {
  refresh: { args: Record<string, never>; result: void };
  addMember: { args: { user: string; role: string }; result: void };
  setMemberRole: { args: { user: string; role: string }; result: void };
  removeMember: { args: { user: string }; result: void };
  /** runs one of the org's commands with this org as its subject (prompts appear in VS Code) */
  run: { args: { command: OrgPageCommand }; result: void };
};

export const ORG_PAGE_COMMANDS = ['team.create', 'project.create', 'org.editDescription', 'org.setVisibility', 'org.rename', 'org.delete'] as const;
export type OrgPageCommand = typeof ORG_PAGE_COMMANDS[number];

export type RequestMap = Record<string, { args: unknown; result: unknown }>;

export type PageToHost<R extends RequestMap> =
  | { type: 'ready' }
  | { [K in keyof R & string]: { type: 'request'; id: number; command: K; args: R[K]['args'] } }[keyof R & string];

export type HostToPage<S> =
  | { type: 'state'; state: S }
  /** the page's subject no longer exists or cannot be read */
  | { type: 'unavailable'; message: string }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

// ---- Component Hub: the component page ------------------------------------------------------------

export interface IOView { name: string; type?: string; isOptional: boolean; /** the default, as YAML-ish text */ value?: string; description?: string }

export interface ComponentVersionView {
  name: string;
  hubRef: string;
  stage: string;
  publishedBy: string;
  publishedAt: string;
  contentHash: string;
  runKind?: string;
  sourcePath?: string;
  /** how many times an admin replaced its content */
  replaced: number;
}

export interface ComponentPageState {
  org: string;
  name: string;
  description: string;
  tags: string[];
  /** the version whose details (run kind, inputs, outputs, snippet) are shown */
  version: ComponentVersionView;
  inputs: IOView[];
  outputs: IOView[];
  /** a ready-to-copy operation using `hubRef` */
  snippet: string;
  /** newest first */
  versions: ComponentVersionView[];
  canStage: boolean;
  canDelete: boolean;
}

export type ComponentPageRequests = {
  selectVersion: { args: { version: string }; result: void };
  copySnippet: { args: Record<string, never>; result: void };
  openVersion: { args: { version: string }; result: void };
  pull: { args: { version: string }; result: void };
  diffWithFile: { args: { version: string }; result: void };
  setStage: { args: { version: string }; result: void };
  deleteVersion: { args: { version: string }; result: void };
};
