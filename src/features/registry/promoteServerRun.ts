import * as vscode from 'vscode';
import { HubError, type HubClient, type ModelVersionView, type ProjectRunService, type PromoteRequest, type ServerRunSummary } from '../../core/client';
import type { HubSession } from '../../host/session';
import { showError } from '../../host/showError';
import { plural } from './format';
import type { PromoteArgs, PromoteDeps } from './promote';
import { askVersionDetails, pickModel } from './promotePrompts';

/** A Runs view item of a server run (ServerRunItem) or of one artifact of its lineage (ServerArtifactItem). */
interface ServerRunTarget {
  serverRun: ServerRunSummary;
  artifact?: { name: string };
}

function asServerRunTarget(t: unknown): ServerRunTarget | undefined {
  return t && typeof t === 'object' && 'serverRun' in t ? (t as ServerRunTarget) : undefined;
}

/** The palette gives no run: pick a project of the server, then one of its runs. */
async function pickServerRun(hub: HubClient, runs: ProjectRunService): Promise<ServerRunSummary | undefined> {
  const orgs = await hub.orgs.list({ can: 'modelVersion.write' });
  const projects = (await Promise.all(orgs.map(o => hub.projects.list(o.name)))).flat();
  if (!projects.length) {
    void vscode.window.showInformationMessage(`${hub.location} has no project yet: there is no run to promote.`);
    return undefined;
  }
  const project = await vscode.window.showQuickPick(
    projects.map(p => ({ label: p.name, description: p.org, detail: p.description || undefined, p })),
    { title: 'Promote to Model Registry: project of the run', ignoreFocusOut: true },
  );
  if (!project) return undefined;
  const list = await runs.list(project.p.org, project.p.name);
  if (!list.length) {
    void vscode.window.showInformationMessage(`${project.p.org}/${project.p.name} has no run to promote.`);
    return undefined;
  }
  return (
    await vscode.window.showQuickPick(
      list.map(r => ({ label: r.name || r.uuid, description: [r.status, r.uuid.slice(0, 8)].join(' · '), r })),
      { title: `Promote to Model Registry: run of ${project.p.name}`, ignoreFocusOut: true },
    )
  )?.r;
}

/**
 * Promote on a Polyaxon server: registers a model version that points at a server run and the output artifacts of
 * its lineage (all of them for a whole run, one for an artifact item), as `polyaxon models register` does; the files
 * stay in the server's artifacts store. Picks the model (default: the run's project), the version (default the next
 * v<n>) and the framework (from the lineage, else asked); scripts pass PromoteArgs with `run` = the run's uuid.
 */
export async function promoteServerRun(
  session: HubSession,
  runs: ProjectRunService,
  deps: PromoteDeps,
  target?: unknown,
  scripted?: PromoteArgs,
): Promise<ModelVersionView | undefined> {
  try {
    const hub = session.hub;
    const item = asServerRunTarget(target);
    let run: ServerRunSummary | undefined = item?.serverRun;
    if (!run && scripted?.run) {
      if (!scripted.org || !scripted.project) {
        throw new HubError('Promoting a server run from a script needs its org and project beside the run uuid.', 'usage');
      }
      run = await runs.get(scripted.org, scripted.project, scripted.run);
    }
    run ??= await pickServerRun(hub, runs);
    if (!run) return undefined;
    const artifacts = item?.artifact ? [item.artifact.name] : (scripted?.paths ?? []);

    const dest = { org: run.org };
    const model = scripted?.model
      ? { name: scripted.model, exists: (await hub.registry.list(dest.org)).some(m => m.name === scripted.model) }
      : await pickModel(hub, dest, run.project);
    if (!model) return undefined;
    const request: Omit<PromoteRequest, 'signal' | 'onProgress'> = {
      org: run.org,
      project: run.project,
      model: model.name,
      paths: artifacts,
      run: run.uuid,
      createModel: model.exists ? undefined : true,
    };
    const plan = await hub.registry.planPromote(request);
    if (plan.problem) {
      void vscode.window.showErrorMessage(plan.problem);
      return undefined;
    }
    const what = `${plural(plan.files.length, 'artifact')} (${plan.files.map(f => f.path).join(', ')}) of run ${run.name || run.uuid}`;
    const details = await askVersionDetails(hub, dest.org, model, plan, `Registers ${what} on the server`, scripted);
    if (!details) return undefined;
    const { version, framework, deploymentNotes } = details;

    const ref = `${dest.org}/${model.name}:${version}`;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Registering ${ref} on ${hub.location}`, cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return hub.registry.promote({ ...request, version, framework, deploymentNotes, signal: abort.signal }).catch(error => {
          if (abort.signal.aborted) return undefined;
          throw error;
        });
      },
    );
    if (!result) {
      void vscode.window.showInformationMessage(`Promote of ${ref} cancelled: nothing was registered.`);
      return undefined;
    }
    const v = result.version;
    await deps.reveal(v).catch(() => undefined);
    const open = 'Open Version';
    void vscode.window.showInformationMessage(`Promoted ${v.ref}: ${what}; the files stay in the server's artifacts store.`, open).then(choice => {
      if (choice === open) deps.open(v);
    });
    return v;
  } catch (error) {
    return showError(error);
  }
}
