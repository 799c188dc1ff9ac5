import * as vscode from 'vscode';
import { findProject } from '../../core/access';
import { createProject, deleteProject, projectHoldings, renameProject, restrictProject, updateProject } from '../../core/projects';
import type { HubSession } from '../../host/session';
import { applyChange, askName, askText, confirm, pickOrg, pickRecord, type Subject } from '../../host/prompts';

async function projectsOf(session: HubSession, org: string) {
  return (await session.store.read()).projects.filter(p => p.org === org);
}

async function pickProject(session: HubSession, org: string, subject?: Subject): Promise<string | undefined> {
  return pickRecord(subject?.project, () => projectsOf(session, org), 'project', org);
}

export async function createOrganizationProject(session: HubSession, subject?: Subject & { name?: string; description?: string; tags?: string[]; isPublic?: boolean }) {
  const org = await pickOrg(session, subject, 'project.create', 'Create Project');
  if (!org) return;
  const name = subject?.name ?? await askName(`New project in ${org}`, 'project name', { taken: (await projectsOf(session, org)).map(p => p.name), placeHolder: 'image-classifier' });
  if (!name) return;
  const description = subject?.name ? subject.description : await askText(`Description of ${name}`, 'Optional: what the project is for');
  if (description === undefined && !subject?.name) return;
  const fields = { description: description ?? '', tags: subject?.tags, isPublic: subject?.isPublic };
  return applyChange(() => createProject(session.store, session.user, org, name, fields), p => `Project "${p.name}" created in "${org}".`);
}

export async function renameOrganizationProject(session: HubSession, subject?: Subject & { newName?: string }) {
  const org = await pickOrg(session, subject, 'project.create', 'Rename Project');
  const project = org && await pickProject(session, org, subject);
  if (!org || !project) return;
  const newName = subject?.newName ?? await askName(`Rename project ${project}`, 'project name', { value: project, taken: (await projectsOf(session, org)).map(p => p.name).filter(n => n !== project) });
  if (!newName || newName === project) return;
  return applyChange(() => renameProject(session.store, session.user, org, project, newName), p => `Project "${project}" is now "${p.name}"; team access moved with it.`);
}

export async function editOrganizationProject(session: HubSession, subject?: Subject) {
  const org = await pickOrg(session, subject, 'project.create', 'Edit Project');
  const project = org && await pickProject(session, org, subject);
  if (!org || !project) return;
  const current = findProject(await session.store.read(), org, project);
  const description = await askText(`Description of ${project}`, 'What the project is for', current.description);
  if (description === undefined) return;
  const tags = await askText(`Tags of ${project}`, 'Comma-separated tags', current.tags.join(', '));
  if (tags === undefined) return;
  return applyChange(() => updateProject(session.store, session.user, org, project, { description, tags: tags.split(',') }), () => `Project "${project}" saved.`);
}

export async function restrictOrganizationProject(session: HubSession, subject?: Subject & { teams?: string[] }) {
  const org = await pickOrg(session, subject, 'project.create', 'Restrict Project to Teams');
  const project = org && await pickProject(session, org, subject);
  if (!org || !project) return;
  let teams = subject?.teams;
  if (!teams) {
    const db = await session.store.read();
    const current = new Set(findProject(db, org, project).teams);
    const picked = await vscode.window.showQuickPick(
      db.teams.filter(t => t.org === org).map(t => ({ label: t.name, picked: current.has(t.name) })),
      { title: `Teams that may see ${project} (none = everyone in the org)`, canPickMany: true });
    if (!picked) return;
    teams = picked.map(p => p.label);
  }
  const chosen = teams;
  return applyChange(() => restrictProject(session.store, session.user, org, project, chosen),
    p => p.teams.length ? `"${project}" is visible only to teams ${p.teams.join(', ')} (and org owners and managers).` : `"${project}" is visible to the whole org.`);
}

export async function deleteOrganizationProject(session: HubSession, subject?: Subject & { cascade?: boolean; confirmed?: boolean }) {
  const org = await pickOrg(session, subject, 'project.create', 'Delete Project');
  const project = org && await pickProject(session, org, subject);
  if (!org || !project) return;
  const held = Object.entries(projectHoldings(await session.store.read(), org, project)).map(([k, n]) => `${n} ${k}`).join(', ');
  let cascade = subject?.cascade ?? false;
  if (!subject?.confirmed) {
    if (!await confirm(`Delete the project "${project}"?`, held ? `It holds ${held}; they are deleted with it.` : 'Team access to it is revoked.', held ? 'Delete Everything' : 'Delete')) return;
    cascade = held !== '';
  }
  return applyChange(() => deleteProject(session.store, session.user, org, project, { cascade }), () => `Project "${project}" deleted.`);
}
