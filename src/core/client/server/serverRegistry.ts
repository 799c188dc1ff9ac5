// The Model Registry on a Polyaxon server: a model is a project and its versions are the project's model versions.
// Promoting registers a model version that points at a server run (`run`) and the run's lineage artifacts by name
// (`artifacts`), the way `polyaxon models register` / RunClient.promote_to_model_version do: the files stay in the
// server's artifacts store, nothing is uploaded from here.
import { HubError } from '../../errors';
import { parseStage, versionsInStageAt, type StageCondition } from '../../versions';
import type {
  Lineage,
  MetricPoint,
  MetricSummary,
  ModelFields,
  ModelSummary,
  ModelVersionFields,
  ModelVersionRef,
  ModelVersionSummary,
  ModelVersionView,
  ModelView,
  PromotePlan,
  PromoteRequest,
  PromoteResult,
  RegistryService,
  ServerRunView,
  Stage,
  StageChange,
} from '../types';
import { SERVER_ACTIONS, type ServerContext } from './context';
import type { ServerProjects } from './serverProjects';
import type { ServerRuns } from './serverRuns';
import { ServerVersions, type ServerVersion } from './versions';

export class ServerRegistry implements RegistryService {
  private readonly versions: ServerVersions;

  constructor(
    private readonly ctx: ServerContext,
    private readonly projects: ServerProjects,
    private readonly runs: ServerRuns,
  ) {
    this.versions = new ServerVersions(ctx, 'model');
  }

  async list(org: string, filter: { project?: string } = {}): Promise<ModelSummary[]> {
    const out: ModelSummary[] = [];
    // a model is a project's versions of kind model: one project asked about alone, not every project's versions
    const records = filter.project === undefined ? await this.projects.records(org) : [await this.projects.record(org, filter.project)];
    for (const p of records) {
      const name = this.ctx.wire.str(p, 'name', 'project');
      const versions = await this.versions.list(name);
      if (versions.length) out.push(this.modelSummary(org, p, versions));
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async model(org: string, name: string): Promise<ModelView> {
    const p = await this.projects.record(org, name);
    const versions = await this.versions.list(name);
    return { ...this.modelSummary(org, p, versions), versions: versions.map(v => this.versionSummary(v)) };
  }

  async version(org: string, model: string, version?: string): Promise<ModelVersionView> {
    this.ctx.checkOwner(org);
    const name = version ?? (await this.versions.list(model))[0]?.name;
    if (!name) throw new HubError(`${org}/${model} has no model version on ${this.ctx.http.baseUrl}.`, 'not-found');
    const v = await this.versions.get(model, name);
    const [stageHistory, run] = await Promise.all([
      this.versions.history(model, v.name, v.createdBy),
      v.run ? this.runs.get(org, model, v.run).catch(() => undefined) : Promise.resolve(undefined),
    ]);
    return this.versionView(v, stageHistory, run);
  }

  async createModel(org: string, name: string, fields: ModelFields = {}): Promise<ModelSummary> {
    await this.projects.create(org, name, { description: fields.description, tags: fields.tags });
    return this.modelSummary(org, await this.projects.record(org, name), []);
  }

  async updateModel(org: string, name: string, changes: ModelFields): Promise<ModelSummary> {
    await this.projects.update(org, name, { description: changes.description, tags: changes.tags });
    return this.modelSummary(org, await this.projects.record(org, name), await this.versions.list(name));
  }

  async deleteModel(org: string, name: string, options: { cascade?: boolean } = {}): Promise<{ versionsDeleted: number; freedBytes: number }> {
    this.ctx.checkOwner(org);
    const versions = await this.versions.list(name);
    if (versions.length && !options.cascade) {
      throw new HubError(
        `${org}/${name} still has ${versions.length} version${versions.length === 1 ? '' : 's'}; delete them first, or delete the model with its versions.`,
        'not-empty',
      );
    }
    for (const v of versions) await this.versions.delete(name, v.name);
    // the model is the project's registry; the project (runs, components) stays
    return { versionsDeleted: versions.length, freedBytes: 0 };
  }

  async planPromote(request: Omit<PromoteRequest, 'signal' | 'onProgress'>): Promise<PromotePlan> {
    this.ctx.checkOwner(request.org);
    if (!request.run) throw new HubError("Promoting on a Polyaxon server registers a server run's artifacts: pick a run of the project (its uuid).", 'no-run');
    const runProject = request.project ?? request.model;
    const run = await this.runs.get(request.org, runProject, request.run);
    const modelExists = await this.projects.isNameTaken(request.org, request.model);
    const existing = modelExists ? await this.versions.list(request.model) : [];
    const chosen = this.chosenArtifacts(run, request.paths);
    const problem =
      !modelExists && !request.createModel ? `${request.org}/${request.model} does not exist on the server yet; create it with the promote.` : chosen.problem;
    return {
      org: request.org,
      model: request.model,
      modelExists,
      project: runProject,
      nextVersion: request.version ?? nextVersionName(existing.map(v => v.name)),
      detectedFramework: chosen.framework,
      flavors: [],
      files: chosen.names.map(n => ({ path: n, size: 0 })),
      totalBytes: 0,
      problem,
    };
  }

  async promote(request: PromoteRequest): Promise<PromoteResult> {
    const plan = await this.planPromote(request);
    if (request.signal?.aborted) throw new HubError('Promote cancelled; nothing was registered.', 'cancelled');
    if (!plan.modelExists) {
      if (!request.createModel) throw new HubError(plan.problem ?? `${request.org}/${request.model} does not exist.`, 'not-found');
      const fields = typeof request.createModel === 'object' ? request.createModel : {};
      await this.createModel(request.org, request.model, fields);
    } else if (plan.problem) {
      throw new HubError(plan.problem, 'refused');
    }
    request.onProgress?.({ phase: 'recording', filesDone: 0, filesTotal: plan.files.length, bytesDone: 0, bytesTotal: 0 });
    if (await this.versions.find(request.model, plan.nextVersion)) {
      throw new HubError(`${request.org}/${request.model}:${plan.nextVersion} already exists on the server; choose another version name.`, 'version-exists');
    }
    await this.versions.create(request.model, {
      name: plan.nextVersion,
      description: request.description,
      tags: request.tags,
      run: request.run,
      artifacts: plan.files.map(f => f.path),
      // a model version's `content` is its free metadata (JSON) on Polyaxon; meta_info is the server's own
      content: JSON.stringify({
        ...((request.framework ?? plan.detectedFramework) ? { framework: request.framework ?? plan.detectedFramework } : {}),
        ...(request.deploymentNotes ? { deployment_notes: request.deploymentNotes } : {}),
      }),
    });
    request.onProgress?.({ phase: 'recording', filesDone: plan.files.length, filesTotal: plan.files.length, bytesDone: 0, bytesTotal: 0 });
    return { version: await this.version(request.org, request.model, plan.nextVersion), storedBytes: 0 };
  }

  async updateVersion(ref: ModelVersionRef, changes: ModelVersionFields): Promise<ModelVersionView> {
    this.ctx.checkOwner(ref.org);
    const body: Record<string, unknown> = {};
    if (changes.description !== undefined) body.description = changes.description;
    if (changes.tags !== undefined) body.tags = changes.tags;
    if (changes.readme !== undefined) body.readme = changes.readme;
    if (changes.framework !== undefined || changes.deploymentNotes !== undefined) {
      const current = await this.versions.get(ref.model, ref.version);
      body.content = JSON.stringify({
        ...metadata(current),
        ...(changes.framework !== undefined ? { framework: changes.framework } : {}),
        ...(changes.deploymentNotes !== undefined ? { deployment_notes: changes.deploymentNotes } : {}),
      });
    }
    await this.versions.update(ref.model, ref.version, body);
    return this.version(ref.org, ref.model, ref.version);
  }

  async setStage(ref: ModelVersionRef, stage: string, reason?: string): Promise<ModelVersionView> {
    this.ctx.checkOwner(ref.org);
    await this.versions.setStage(ref.model, ref.version, parseStage(stage), reason);
    return this.version(ref.org, ref.model, ref.version);
  }

  async stageHistory(ref: ModelVersionRef): Promise<StageChange[]> {
    this.ctx.checkOwner(ref.org);
    const v = await this.versions.get(ref.model, ref.version);
    return this.versions.history(ref.model, ref.version, v.createdBy);
  }

  async stageAt(org: string, model: string, when: string, stage: Stage = 'production'): Promise<ModelVersionSummary[]> {
    this.ctx.checkOwner(org);
    const versions = await this.versions.list(model);
    const staged = await Promise.all(
      versions.map(async v => ({
        v,
        name: v.name,
        stage: v.stage,
        stageHistory: (await this.versions.history(model, v.name, v.createdBy)).map(toCondition),
      })),
    );
    return versionsInStageAt(staged, stage, when).map(s => this.versionSummary(s.v));
  }

  verify(): Promise<never> {
    return this.ctx.refuse('registry.files');
  }
  compare(): Promise<never> {
    return this.ctx.refuse('registry.files');
  }
  readArtifact(): Promise<never> {
    return this.ctx.refuse('registry.files');
  }
  download(): Promise<never> {
    return this.ctx.refuse('registry.files');
  }
  export(): Promise<never> {
    return this.ctx.refuse('registry.files');
  }

  async deleteVersion(ref: ModelVersionRef): Promise<{ freedBytes: number; freedBlobs: number }> {
    this.ctx.checkOwner(ref.org);
    await this.versions.delete(ref.model, ref.version);
    return { freedBytes: 0, freedBlobs: 0 };
  }

  /** the run's output lineage artifacts; `paths` (names or paths of them) narrows the choice */
  private chosenArtifacts(run: ServerRunView, paths: string[]): { names: string[]; framework?: string; problem?: string } {
    // metrics, env and code refs are lineage too, but not something to register as a model
    const outputs = run.lineage.filter(a => !a.isInput && !NOT_PROMOTABLE.has(a.kind));
    const chosen = paths.length ? outputs.filter(a => paths.includes(a.name) || (a.path !== undefined && paths.includes(a.path))) : outputs;
    const unknown = paths.filter(p => !outputs.some(a => a.name === p || a.path === p));
    const framework = chosen.map(a => a.summary.framework).find((f): f is string => typeof f === 'string');
    const problem = unknown.length
      ? `Run ${run.name} has no output artifact named ${unknown.map(u => `"${u}"`).join(', ')} in its lineage.`
      : !chosen.length
        ? `Run ${run.name} declared no output artifacts in its lineage (log them with log_model_ref / log_artifact_ref), so there is nothing to promote.`
        : undefined;
    return { names: chosen.map(a => a.name), framework, problem };
  }

  private modelSummary(org: string, p: Record<string, unknown>, versions: ServerVersion[]): ModelSummary {
    const w = this.ctx.wire;
    return {
      org,
      name: w.str(p, 'name', 'project'),
      project: w.str(p, 'name', 'project'),
      description: w.optStr(p, 'description') ?? '',
      tags: w.strings(p, 'tags'),
      versionCount: versions.length,
      latest: versions[0]?.name,
      production: versions.filter(v => v.stage === 'production').map(v => v.name),
      createdBy: w.optStr(p, 'user') ?? '',
      createdAt: w.optStr(p, 'created_at') ?? '',
      actions: [...SERVER_ACTIONS],
    };
  }

  private versionSummary(v: ServerVersion): ModelVersionSummary {
    const framework = typeof metadata(v).framework === 'string' ? (metadata(v).framework as string) : undefined;
    return {
      org: this.ctx.owner,
      model: v.project,
      name: v.name,
      ref: `${this.ctx.owner}/${v.project}:${v.name}`,
      stage: v.stage,
      framework,
      runId: v.run,
      fileCount: v.artifacts.length,
      totalBytes: 0,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
    };
  }

  private versionView(v: ServerVersion, stageHistory: StageChange[], run: ServerRunView | undefined): ModelVersionView {
    const summary = this.versionSummary(v);
    const lineage: Lineage = {
      runId: v.run,
      runName: run?.name,
      source: 'polyaxon',
      sourcePath: run ? `${this.ctx.http.baseUrl}/${this.ctx.owner}/${run.project}/runs/${run.uuid}` : '',
      experiment: run?.project,
      params: Object.fromEntries(Object.entries(run?.inputs ?? {}).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)])),
      metrics: run ? metricSummaries(run) : {},
      metricHistory: run?.metrics ?? {},
      files: v.artifacts.map(name => {
        const a = run?.lineage.find(l => l.name === name);
        return { path: a?.path ?? name, size: 0, sha256: '' };
      }),
    };
    return {
      ...summary,
      project: v.project,
      description: v.description,
      tags: v.tags,
      readme: v.readme,
      deploymentNotes: typeof metadata(v).deployment_notes === 'string' ? (metadata(v).deployment_notes as string) : '',
      stageHistory,
      lineage,
      updatedAt: v.updatedAt,
      actions: [...SERVER_ACTIONS],
    };
  }
}

/** the version's own metadata: its `content` when that is a JSON object (what promote writes), else none */
function metadata(v: ServerVersion): Record<string, unknown> {
  try {
    const parsed = JSON.parse(v.content ?? '') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** a run's metric summaries: last and best of each logged curve; outputs stand in for metrics without curves */
function metricSummaries(run: ServerRunView): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  for (const [name, points] of Object.entries(run.metrics)) {
    if (!points.length) continue;
    const goal = /loss|error|mse|mae|rmse/i.test(name) ? 'min' : 'max';
    const values = points.map((p: MetricPoint) => p.value);
    out[name] = {
      latest: points[points.length - 1].value,
      best: goal === 'min' ? Math.min(...values) : Math.max(...values),
      goal,
      step: points[points.length - 1].step,
    };
  }
  for (const [name, value] of Object.entries(run.outputs)) {
    if (out[name] || typeof value !== 'number') continue;
    out[name] = { latest: value, best: value, goal: /loss|error|mse|mae|rmse/i.test(name) ? 'min' : 'max' };
  }
  return out;
}

const NOT_PROMOTABLE = new Set(['metric', 'env', 'code', 'log', 'text', 'html', 'chart', 'curve', 'confusion', 'span']);

function nextVersionName(names: string[]): string {
  const taken = names
    .map(n => /^v(\d+)$/.exec(n)?.[1])
    .filter((n): n is string => !!n)
    .map(Number);
  return `v${(taken.length ? Math.max(...taken) : 0) + 1}`;
}

function toCondition(c: StageChange): StageCondition {
  return { type: c.stage, status: 'True', reason: c.reason ?? '', message: c.message ?? '', lastUpdateTime: c.when, lastTransitionTime: c.when, who: c.who };
}
