import * as path from 'node:path';
import * as vscode from 'vscode';
import { HubError, refusalInOrgs, type HubClient, type ModelVersionView, type PromoteRequest } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { formatBytes, plural } from './format';
import { askVersionDetails, pickModel } from './promotePrompts';
import { promoteServerRun } from './promoteServerRun';

/** Arguments a script or test passes to skip the prompts (any field left out is asked for). */
export interface PromoteArgs {
  paths: string[];
  org?: string;
  project?: string;
  model?: string;
  version?: string;
  framework?: string;
  deploymentNotes?: string;
  /** run key or id whose lineage to record (default: the discovered run that contains the paths); on a server, the run's uuid (with org and project), and `paths` the names of its lineage artifacts ([] = all its outputs) */
  run?: string;
}

export interface PromoteDeps {
  /** shows the new version in the Registry tree */
  reveal(version: ModelVersionView): Promise<void>;
  /** opens the version's page */
  open(version: ModelVersionView): void;
}

/** A Runs tree item stands for a run (`run`) or one of its outputs or models (`promotePath`). */
interface RunTarget {
  run?: { key?: string };
  promotePath?: string;
}

function asRunTarget(t: unknown): RunTarget | undefined {
  return t && typeof t === 'object' && ('promotePath' in t || 'run' in t) ? (t as RunTarget) : undefined;
}

/**
 * What the command was invoked on: Explorer URIs (clicked + selection), Runs tree items, or nothing. A whole
 * run stands for what it produced: its logged models when it has any, else its artifact folder.
 */
async function pathsOf(hub: HubClient, target: unknown, selection: unknown): Promise<{ paths: string[]; run?: string } | undefined> {
  const many = Array.isArray(selection) && selection.length > 1 ? selection : [target];
  const paths: string[] = [];
  let run: string | undefined;
  for (const t of many) {
    if (t instanceof vscode.Uri) {
      if (t.scheme === 'file') paths.push(t.fsPath);
      continue;
    }
    const item = asRunTarget(t);
    if (!item) continue;
    run ??= item.run?.key;
    if (item.promotePath) paths.push(item.promotePath);
    else if (item.run?.key) {
      const view = await hub.runs.get(item.run.key);
      paths.push(...(view.models.length ? view.models.map(m => m.absolutePath) : [view.artifactRoot ?? view.path]));
    }
  }
  return paths.length ? { paths: [...new Set(paths)], run } : undefined;
}

function isArgs(target: unknown): target is PromoteArgs {
  return !!target && typeof target === 'object' && Array.isArray((target as PromoteArgs).paths);
}

/** Where the version goes: an org, or a project of an org, where the user may register model versions. */
async function pickDestination(hub: HubClient): Promise<{ org: string; project?: string } | undefined> {
  const orgs = await hub.orgs.list({ can: 'modelVersion.write' });
  if (!orgs.length) {
    const memberships = (await hub.orgs.list()).flatMap(o => (o.role ? [{ org: o.name, role: o.role }] : []));
    // a member of orgs that refuse it is told the role each needs; someone in none is offered to create one
    if (memberships.length) return showError(new HubError(refusalInOrgs('modelVersion.write', memberships), 'denied'));
    const create = 'Create Organization';
    if ((await vscode.window.showWarningMessage(refusalInOrgs('modelVersion.write', []), create)) === create) {
      await vscode.commands.executeCommand('polyaxonHub.org.create');
    }
    return undefined;
  }
  const items: (vscode.QuickPickItem & { dest: { org: string; project?: string } })[] = [];
  for (const org of orgs) {
    items.push({ label: org.name, description: org.role ?? undefined, detail: org.description || undefined, dest: { org: org.name } });
    const projects = await hub.projects.list(org.name).catch(() => []);
    for (const p of projects.filter(p => p.actions.includes('modelVersion.write'))) {
      items.push({ label: `${org.name} / ${p.name}`, description: 'project', detail: p.description || undefined, dest: { org: org.name, project: p.name } });
    }
  }
  if (items.length === 1) return items[0].dest;
  return (
    await vscode.window.showQuickPick(items, {
      title: 'Promote to Model Registry (1/5): organization or project',
      placeHolder: 'Where the model lives',
      ignoreFocusOut: true,
    })
  )?.dest;
}

/** A model name suggested from what is promoted: the run's name, else the file or folder name. */
function suggestName(plan: { paths: string[]; runName?: string }): string {
  const base = plan.runName ?? path.basename(plan.paths[0]).replace(/\.[^.]+$/, '');
  return (
    base
      .replace(/[^-a-zA-Z0-9_]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'model'
  );
}

/**
 * Promote: pick (or create) a model where the user may write, a version name (default the next v<n>), the
 * framework (from an MLmodel's flavors, else asked) and optional deployment notes; then the core copies the
 * files into the content-addressed store under a cancellable progress notification.
 */
export async function promote(session: HubSession, deps: PromoteDeps, target?: unknown, selection?: unknown): Promise<ModelVersionView | undefined> {
  // a server's runs are its own: a promote registers one of them (its lineage artifacts), nothing is copied from here
  const serverRuns = session.hub.projectRuns;
  if (serverRuns) return promoteServerRun(session, serverRuns, deps, target, isArgs(target) ? target : undefined);
  try {
    const hub = session.hub;
    const scripted = isArgs(target) ? target : undefined;
    let given = scripted ? { paths: scripted.paths, run: scripted.run } : await pathsOf(hub, target, selection);
    if (!given) {
      const picked = await vscode.window.showOpenDialog({
        title: 'Promote to Model Registry: files or folders to promote',
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: true,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        openLabel: 'Promote',
      });
      if (!picked?.length) return undefined;
      given = { paths: picked.map(u => u.fsPath) };
    }
    const run = given.run ? await hub.runs.get(given.run).catch(() => undefined) : await hub.runs.containing(given.paths[0]);

    const dest = scripted?.org ? { org: scripted.org, project: scripted.project } : await pickDestination(hub);
    if (!dest) return undefined;
    const model = scripted?.model
      ? { name: scripted.model, exists: (await hub.registry.list(dest.org)).some(m => m.name === scripted.model) }
      : await pickModel(hub, dest, suggestName({ paths: given.paths, runName: run?.name }));
    if (!model) return undefined;

    const request: Omit<PromoteRequest, 'signal' | 'onProgress'> = {
      org: dest.org,
      project: dest.project,
      model: model.name,
      paths: given.paths,
      run: run?.key ?? given.run,
      createModel: model.exists ? undefined : dest.project ? { project: dest.project } : true,
    };
    const plan = await hub.registry.planPromote(request);
    // refused before anything is asked or copied: permission, team quota, a symlink leaving the run…
    if (plan.problem) {
      void vscode.window.showErrorMessage(plan.problem);
      return undefined;
    }

    const details = await askVersionDetails(
      hub,
      dest.org,
      model,
      plan,
      `${plural(plan.files.length, 'file')}, ${formatBytes(plan.totalBytes)}${plan.run ? ` from run ${plan.run.name || plan.run.id}` : ' (no run: manual lineage)'}`,
      scripted,
    );
    if (!details) return undefined;
    const { version, framework, deploymentNotes } = details;

    const ref = `${dest.org}/${model.name}:${version}`;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Promoting ${ref}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return hub.registry
          .promote({
            ...request,
            version,
            framework,
            deploymentNotes,
            signal: abort.signal,
            onProgress: p => {
              // percentages of the bytes copied: the notification's bar takes increments
              const percent = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : p.filesTotal ? Math.floor((p.filesDone / p.filesTotal) * 100) : 0;
              progress.report({
                increment: Math.max(0, percent - reported),
                message: p.phase === 'copying' ? `${p.file ?? ''} (${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)})` : p.phase,
              });
              reported = Math.max(reported, percent);
            },
          })
          .catch(error => {
            if (abort.signal.aborted) return undefined;
            throw error;
          });
      },
    );
    if (!result) {
      void vscode.window.showInformationMessage(`Promote of ${ref} cancelled: nothing was recorded.`);
      return undefined;
    }
    const v = result.version;
    await deps.reveal(v).catch(() => undefined);
    const open = 'Open Version';
    void vscode.window
      .showInformationMessage(
        `Promoted ${v.ref} (${plural(v.fileCount, 'file')}, ${formatBytes(v.totalBytes)}${v.lineage.runName || v.lineage.runId ? `, from run ${v.lineage.runName ?? v.lineage.runId}` : ''}).`,
        open,
      )
      .then(choice => {
        if (choice === open) deps.open(v);
      });
    return v;
  } catch (error) {
    return showError(error);
  }
}
