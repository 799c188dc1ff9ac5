import * as vscode from 'vscode';
import { can, type Action } from '../core/access';
import { slugProblem } from '../core/names';
import { visibleOrgs } from '../core/orgs';
import type { HubSession } from './session';
import { showError } from './showError';

/** What a command acts on: a tree node, a page request or a script passes these fields. */
export interface Subject { org?: string; team?: string; project?: string; user?: string }

/**
 * The org the command is about: given by the subject, else picked among the orgs where `action` is allowed
 * (`'member'`: every org the user belongs to, whatever the role — leaving needs no right; `'visible'`: every
 * org the user can see).
 */
export async function pickOrg(session: HubSession, subject: Subject | undefined, action: Action | 'member' | 'visible', placeHolder: string): Promise<string | undefined> {
  if (subject?.org) return subject.org;
  const db = await session.store.read();
  const me = session.user.username;
  const orgs = visibleOrgs(db, me).filter(o => action === 'visible' ? true
    : action === 'member' ? o.members.some(m => m.user === me) : can(db, me, action, { org: o.name }));
  if (!orgs.length) {
    void vscode.window.showWarningMessage('You have no organization where you may do this. Create one, or ask a manager of yours for a role.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    orgs.map(o => ({ label: o.name, description: o.members.find(m => m.user === me)?.role, detail: o.description || undefined })),
    { title: placeHolder, placeHolder: 'Organization', ignoreFocusOut: true });
  return picked?.label;
}

/** Asks for a slug name, validated as it is typed; `taken` names are refused too. */
export async function askName(title: string, what: string, options: { value?: string; taken?: Iterable<string>; placeHolder?: string } = {}): Promise<string | undefined> {
  const taken = new Set([...options.taken ?? []].map(n => n.toLowerCase()));
  const name = await vscode.window.showInputBox({
    title, value: options.value, placeHolder: options.placeHolder, ignoreFocusOut: true,
    prompt: `${what[0].toUpperCase()}${what.slice(1)}: letters, digits, "-" and "_"`,
    validateInput: v => slugProblem(v.trim(), what) ?? (taken.has(v.trim().toLowerCase()) ? `"${v.trim()}" is already taken.` : undefined),
  });
  return name?.trim();
}

/** A team or project of an org: the one given, else picked from what `load` reads (told plainly when there is none). */
export async function pickRecord(given: string | undefined, load: () => Promise<{ name: string; description: string }[]>, what: string, org: string): Promise<string | undefined> {
  if (given) return given;
  const records = await load();
  if (!records.length) {
    void vscode.window.showInformationMessage(`"${org}" has no ${what} yet.`);
    return undefined;
  }
  const title = `${what[0].toUpperCase()}${what.slice(1)} of ${org}`;
  return (await vscode.window.showQuickPick(records.map(r => ({ label: r.name, description: r.description })), { title }))?.label;
}

export async function askText(title: string, prompt: string, value = ''): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true });
}

export async function pickRole(title: string, roles: readonly string[], current?: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    roles.map(r => ({ label: r, description: r === current ? 'current' : undefined })),
    { title, placeHolder: 'Role', ignoreFocusOut: true });
  return picked?.label;
}

/** A modal confirmation naming exactly what will happen. */
export async function confirm(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
}

/** Runs one change and says what happened (views refresh on the store's own signal); a refusal is shown as is. */
export async function applyChange<T>(change: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> {
  try {
    const result = await change();
    void vscode.window.showInformationMessage(done(result));
    return result;
  } catch (error) {
    return showError(error);
  }
}
