import * as vscode from 'vscode';
import { createOrg } from '../../core/orgs';
import { slugProblem } from '../../core/names';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';

export interface CreateOrganizationArgs { name?: string; description?: string }

/** Polyaxon: Create Organization — asks for a name (checked as you type); the creator becomes its owner. */
export async function createOrganization(session: HubSession, args: CreateOrganizationArgs = {}): Promise<string | undefined> {
  let taken: Set<string>;
  try {
    taken = new Set((await session.store.read()).orgs.map(o => o.name.toLowerCase()));
  } catch (error) {
    return showError(error);
  }
  const name = args.name ?? await vscode.window.showInputBox({
    title: 'Create Organization',
    prompt: 'Organization name: letters, digits, "-" and "_"',
    placeHolder: 'acme-ml',
    ignoreFocusOut: true,
    validateInput: value => slugProblem(value.trim(), 'organization name')
      ?? (taken.has(value.trim().toLowerCase()) ? `An organization named "${value.trim()}" already exists.` : undefined),
  });
  if (name === undefined) return undefined;
  try {
    const org = await createOrg(session.store, session.user, name.trim(), args.description ?? '');
    void vscode.window.showInformationMessage(`Organization "${org.name}" created; you are its owner.`);
    return org.name;
  } catch (error) {
    return showError(error);
  }
}
