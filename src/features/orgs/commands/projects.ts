import * as vscode from 'vscode';
import type { HubSession } from '../../../host/session';
import { applyChange, askName, askText, confirm, pickOrg, pickRecord, type Subject } from '../../../host/prompts';
import { describeHoldings } from './organization';

async function pickProject(session: HubSession, org: string, subject?: Subject): Promise<string | undefined> {
  return pickRecord(subject?.project, () => session.hub.projects.list(org), 'projects', org, { title: `Project of ${org}` });
}

export async function createOrganizationProject(
  session: HubSession,
  subject?: Subject & { name?: string; description?: string; tags?: string[]; isPublic?: boolean },
) {
  const org = await pickOrg(session, subject, 'project.create', 'Create Project');
  if (!org) return;
  const hub = session.hub;
  const name =
    subject?.name ??
    (await askName(`New project in ${org}`, 'project name', { taken: n => hub.projects.isNameTaken(org, n), placeHolder: 'image-classifier' }));
  if (!name) return;
  const description = subject?.name ? subject.description : await askText(`Description of ${name}`, 'Optional: what the project is for');
  if (description === undefined && !subject?.name) return;
  const fields = { description: description ?? '', tags: subject?.tags, isPublic: subject?.isPublic };
  return applyChange(
    () => hub.projects.create(org, name, fields),
    p => `Project "${p.name}" created in "${org}".`,
  );
}

export async function renameOrganizationProject(session: HubSession, subject?: Subject & { newName?: string }) {
  const org = await pickOrg(session, subject, 'project.create', 'Rename Project');
  const project = org && (await pickProject(session, org, subject));
  if (!org || !project) return;
  const hub = session.hub;
  const newName =
    subject?.newName ?? (await askName(`Rename project ${project}`, 'project name', { value: project, taken: n => hub.projects.isNameTaken(org, n) }));
  if (!newName || newName === project) return;
  return applyChange(
    () => hub.projects.rename(org, project, newName),
    p => `Project "${project}" is now "${p.name}"; team access moved with it.`,
  );
}

export async function editOrganizationProject(session: HubSession, subject?: Subject & { description?: string; tags?: string[] }) {
  const org = await pickOrg(session, subject, 'project.create', 'Edit Project');
  const project = org && (await pickProject(session, org, subject));
  if (!org || !project) return;
  const hub = session.hub;
  const current = await hub.projects.get(org, project);
  const description = subject?.description ?? (await askText(`Description of ${project}`, 'What the project is for', current.description));
  if (description === undefined) return;
  const tags = subject?.tags ?? (await askText(`Tags of ${project}`, 'Comma-separated tags', current.tags.join(', ')))?.split(',');
  if (tags === undefined) return;
  return applyChange(
    () => hub.projects.update(org, project, { description, tags }),
    () => `Project "${project}" saved.`,
  );
}

export async function restrictOrganizationProject(session: HubSession, subject?: Subject & { teams?: string[] }) {
  const org = await pickOrg(session, subject, 'project.create', 'Restrict Project to Teams');
  const project = org && (await pickProject(session, org, subject));
  if (!org || !project) return;
  const hub = session.hub;
  let teams = subject?.teams;
  if (!teams) {
    const current = new Set((await hub.projects.get(org, project)).teams);
    const picked = await vscode.window.showQuickPick(
      (await hub.teams.list(org)).map(t => ({ label: t.name, picked: current.has(t.name) })),
      { title: `Teams that may see ${project} (none = everyone in the org)`, canPickMany: true },
    );
    if (!picked) return;
    teams = picked.map(p => p.label);
  }
  const chosen = teams;
  return applyChange(
    () => hub.projects.restrict(org, project, chosen),
    p =>
      p.teams.length
        ? `"${project}" is visible only to teams ${p.teams.join(', ')} (and org owners and managers).`
        : `"${project}" is visible to the whole org.`,
  );
}

export async function deleteOrganizationProject(session: HubSession, subject?: Subject & { cascade?: boolean; confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'project.create', 'Delete Project');
  const project = org && (await pickProject(session, org, subject));
  if (!org || !project) return;
  const hub = session.hub;
  const held = describeHoldings(await hub.projects.holdings(org, project));
  let cascade = subject?.cascade ?? false;
  if (!subject?.confirmed) {
    if (
      !(await confirm(
        `Delete the project "${project}"?`,
        held ? `It holds ${held}; they are deleted with it.` : 'Team access to it is revoked.',
        held ? 'Delete Everything' : 'Delete',
      ))
    ) {
      return;
    }
    cascade = held !== '';
  }
  return applyChange(
    () => hub.projects.delete(org, project, { cascade }),
    () => `Project "${project}" deleted.`,
  );
}
