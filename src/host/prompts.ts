import * as vscode from 'vscode';
import { HubError, refusalInOrgs, type Action, type OrgRole, type OrgSummary } from '../core/client';
import { slugProblem } from '../core/names';
import type { HubSession } from './session';
import { showError } from './showError';
import type { Subject } from './subject';

export type { Subject } from './subject';

/**
 * The org the command is about: given by the subject, else picked among the orgs where `action` is allowed
 * (`'member'`: every org the user belongs to, whatever the role — leaving needs no right; `'visible'`: every
 * org the user can see), the active organization (status bar) first. When none allows it, the core's refusal
 * says why: the org, the role needed and the role held.
 */
export async function pickOrg(
  session: HubSession,
  subject: Subject | undefined,
  action: Action | 'member' | 'visible',
  placeHolder: string,
): Promise<string | undefined> {
  if (subject?.org) return subject.org;
  const hub = session.hub;
  const all = await hub.orgs.list();
  const memberships = all.filter(o => o.role !== null);
  const orgs = action === 'visible' ? all : action === 'member' ? memberships : await hub.orgs.list({ can: action });
  if (!orgs.length) {
    if (action === 'visible' || action === 'member' || !memberships.length) {
      void vscode.window.showInformationMessage('You are not a member of any organization yet. Create one, or ask a manager of one to add you.');
      return undefined;
    }
    return showError(
      new HubError(
        refusalInOrgs(
          action,
          memberships.map(o => ({ org: o.name, role: o.role as OrgRole })),
        ),
        'denied',
      ),
    );
  }
  const active = session.activeOrg.name;
  const ordered = [...orgs.filter(o => o.name === active), ...orgs.filter(o => o.name !== active)];
  return pickRecord(undefined, async () => ordered.map(o => orgRecord(o, active)), 'organization', undefined, {
    title: placeHolder,
    placeHolder: 'Organization',
  });
}

function orgRecord(o: OrgSummary, active: string | undefined): PickableRecord {
  const role = o.role ?? 'public';
  return { name: o.name, description: o.name === active ? `${role} · active` : role, detail: o.description || undefined };
}

/** A record as a quick pick shows it: its name, and what to show beside and under it. */
export interface PickableRecord {
  name: string;
  description?: string;
  detail?: string;
}

/**
 * A record (a team, project or member of an org, or an org): the one given, else picked from what `load`
 * reads, told plainly when there is none.
 */
export async function pickRecord(
  given: string | undefined,
  load: () => Promise<PickableRecord[]>,
  what: string,
  org: string | undefined,
  options: { title?: string; placeHolder?: string } = {},
): Promise<string | undefined> {
  if (given) return given;
  const records = await load();
  if (!records.length) {
    void vscode.window.showInformationMessage(`"${org}" has no ${what} yet.`);
    return undefined;
  }
  const title = options.title ?? `${what[0].toUpperCase()}${what.slice(1)} of ${org}`;
  const picked = await vscode.window.showQuickPick(
    records.map(r => ({ label: r.name, description: r.description || undefined, detail: r.detail })),
    { title, placeHolder: options.placeHolder, ignoreFocusOut: true },
  );
  return picked?.label;
}

/** Asks for a slug name, validated as it is typed; `taken` names (or a check that says so) are refused too. */
export async function askName(
  title: string,
  what: string,
  options: { value?: string; taken?: Iterable<string> | ((name: string) => Promise<boolean>); placeHolder?: string } = {},
): Promise<string | undefined> {
  const given = options.taken;
  const taken =
    typeof given === 'function'
      ? given
      : (() => {
          const names = new Set([...(given ?? [])].map(n => n.toLowerCase()));
          return async (name: string) => names.has(name.toLowerCase());
        })();
  const name = await vscode.window.showInputBox({
    title,
    value: options.value,
    placeHolder: options.placeHolder,
    ignoreFocusOut: true,
    prompt: `${what[0].toUpperCase()}${what.slice(1)}: letters, digits, "-" and "_"`,
    validateInput: async v =>
      slugProblem(v.trim(), what) ??
      (v.trim().toLowerCase() !== options.value?.toLowerCase() && (await taken(v.trim()).catch(() => false)) ? `"${v.trim()}" is already taken.` : undefined),
  });
  return name?.trim();
}

export async function askText(title: string, prompt: string, value = ''): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true });
}

/**
 * A role: the one to give by default (`suggested`, the least powerful sensible one) comes first, so Enter never
 * hands out owner or admin by accident; `current` marks the role held now.
 */
export async function pickRole(title: string, roles: readonly string[], options: { current?: string; suggested?: string } = {}): Promise<string | undefined> {
  const first = options.suggested ?? options.current;
  const ordered = first && roles.includes(first) ? [first, ...roles.filter(r => r !== first)] : [...roles];
  const picked = await vscode.window.showQuickPick(
    ordered.map(r => ({ label: r, description: r === options.current ? 'current' : r === options.suggested ? 'suggested' : undefined })),
    { title, placeHolder: 'Role', ignoreFocusOut: true },
  );
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
