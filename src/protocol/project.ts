// The project page's messages (see page.ts for the envelope). Types and the command list only.
import type { PagedList } from './page';

export interface ProjectPageKey {
  org: string;
  project: string;
}

export interface ProjectPageState {
  org: string;
  name: string;
  description: string;
  tags: string[];
  /** Markdown, rendered and sanitised by the page */
  readme: string;
  isPublic: boolean;
  /** whether the user may change it (description, tags, readme, visibility, connections) */
  canConfigure: boolean;
  canDelete: boolean;
  connections: { name: string; kind: string; description: string }[];
  teamAccess: PagedList<{ team: string; role: string }>;
  /** the registry's models that belong to this project, by name */
  models: PagedList<{ name: string; description: string; versionCount: number; latest?: string; production: string[] }>;
  /** teams it is restricted to (empty: the whole org) */
  restrictedTo: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** what this backend does not offer on a project (a Polyaxon server: no connections, team access or rename), with why */
  notOffered?: { connections?: string; access?: string; rename?: string };
}

export const PROJECT_PAGE_COMMANDS = ['project.restrict', 'project.rename', 'project.delete'] as const;
export type ProjectPageCommand = (typeof PROJECT_PAGE_COMMANDS)[number];

/** The project page's long lists, by the id of their table. */
export const PROJECT_PAGE_LISTS = ['team-access', 'project-models'] as const;
export type ProjectPageList = (typeof PROJECT_PAGE_LISTS)[number];

export type ProjectPageRequests = {
  refresh: { args: Record<string, never>; result: void };
  /** 200 more rows of that list (the host sends the state again) */
  showMore: { args: { list: ProjectPageList }; result: void };
  update: { args: { description?: string; tags?: string[]; readme?: string; isPublic?: boolean }; result: void };
  setConnection: { args: { name: string; kind: string; description: string }; result: void };
  removeConnection: { args: { name: string }; result: void };
  openTeam: { args: { team: string }; result: void };
  /** a model's newest version page */
  openModel: { args: { model: string; version: string }; result: void };
  openOrg: { args: Record<string, never>; result: void };
  /** a link in the readme: opened by VS Code (http, https and mailto only) */
  openLink: { args: { href: string }; result: void };
  run: { args: { command: ProjectPageCommand }; result: void };
};
