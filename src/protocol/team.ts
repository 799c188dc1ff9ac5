// The team page's messages (see page.ts for the envelope). Types and the command list only.
import type { PagedList } from './page';

export interface TeamPageKey {
  org: string;
  team: string;
}

export interface TeamPageState {
  org: string;
  name: string;
  description: string;
  me: string;
  /** whether the user may change the team (members, access, quota, description) */
  canManage: boolean;
  /** the roles a team membership or a project grant can carry, least powerful first */
  roles: string[];
  members: PagedList<{ user: string; role: string; isMe: boolean }>;
  projects: PagedList<{ project: string; role: string }>;
  /** the org's projects not yet granted to the team (for the grant form) */
  grantable: string[];
  /** limits (human-readable storage; undefined = unlimited) and what they count now (undefined: the backend cannot tell) */
  quota: { storage?: string; modelVersions?: number; storageUsed?: string; storageShare?: number; modelVersionsUsed?: number };
  /** the team's recent events, newest first; absent when the user's role may not see the org's activity */
  activity?: { who: string; action: string; target: string; when: string }[];
}

export const TEAM_PAGE_COMMANDS = ['team.edit', 'team.setQuota', 'team.rename', 'team.delete'] as const;
export type TeamPageCommand = (typeof TEAM_PAGE_COMMANDS)[number];

/** The team page's long lists, by the id of their table. */
export const TEAM_PAGE_LISTS = ['team-members', 'team-projects'] as const;
export type TeamPageList = (typeof TEAM_PAGE_LISTS)[number];

export type TeamPageRequests = {
  refresh: { args: Record<string, never>; result: void };
  /** 200 more rows of that list (the host sends the state again) */
  showMore: { args: { list: TeamPageList }; result: void };
  setMember: { args: { user: string; role: string }; result: void };
  removeMember: { args: { user: string }; result: void };
  grant: { args: { project: string; role: string }; result: void };
  revoke: { args: { project: string }; result: void };
  openProject: { args: { project: string }; result: void };
  openOrg: { args: Record<string, never>; result: void };
  /** runs one of the team's commands with this team as its subject (prompts appear in VS Code) */
  run: { args: { command: TeamPageCommand }; result: void };
};
