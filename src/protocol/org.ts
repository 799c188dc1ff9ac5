// The organization page's messages (see page.ts for the envelope). Types and the command list only.
import type { PagedList } from './page';

export interface OrgMemberRow {
  user: string;
  role: string;
  displayName?: string;
  email?: string;
}
export interface OrgTeamRow {
  name: string;
  description: string;
  members: number;
  projects: number;
}
export interface OrgProjectRow {
  name: string;
  description: string;
  isPublic: boolean;
  tags: string[];
}
export interface ActivityRow {
  who: string;
  action: string;
  target: string;
  when: string;
}

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
  members: PagedList<OrgMemberRow>;
  teams: PagedList<OrgTeamRow>;
  projects: PagedList<OrgProjectRow>;
  /** the newest audit events, newest first; absent when the user's role may not see the activity */
  activity?: ActivityRow[];
  /** what this backend does not offer (a Polyaxon server: no members, teams or activity log), with why: shown in place of the section */
  notOffered?: { members?: string; teams?: string; activity?: string };
}

/** What the org page saves with its panel: the org it shows (its current name, after renames). */
export interface OrgPageKey {
  org: string;
}

export const ORG_PAGE_COMMANDS = ['team.create', 'project.create', 'org.editDescription', 'org.setVisibility', 'org.rename', 'org.delete'] as const;
export type OrgPageCommand = (typeof ORG_PAGE_COMMANDS)[number];

/** The org page's long lists, by the id of their table. */
export const ORG_PAGE_LISTS = ['members', 'teams', 'projects'] as const;
export type OrgPageList = (typeof ORG_PAGE_LISTS)[number];

export type OrgPageRequests = {
  refresh: { args: Record<string, never>; result: void };
  /** 200 more rows of that list (the host sends the state again) */
  showMore: { args: { list: OrgPageList }; result: void };
  addMember: { args: { user: string; role: string }; result: void };
  setMemberRole: { args: { user: string; role: string }; result: void };
  removeMember: { args: { user: string }; result: void };
  /** runs one of the org's commands with this org as its subject (prompts appear in VS Code) */
  run: { args: { command: OrgPageCommand }; result: void };
};
