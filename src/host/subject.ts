import * as vscode from 'vscode';

/** What a command acts on: a tree node, a page request or a script passes these fields. */
export interface Subject {
  org?: string;
  team?: string;
  project?: string;
  user?: string;
}

/**
 * A tree item passed by a context menu stands for its org, team, project or user only: its display fields
 * (`description` is the role or count shown beside it, a member's `role` is their current role) are not
 * command arguments. Page requests and scripts pass plain objects, kept as they are.
 */
export function subjectOf(arg: unknown): unknown {
  if (!(arg instanceof vscode.TreeItem)) return arg;
  const node = arg as Subject;
  const subject: Subject = {};
  for (const key of ['org', 'team', 'project', 'user'] as const) if (typeof node[key] === 'string') subject[key] = node[key];
  return subject;
}
