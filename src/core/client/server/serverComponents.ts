// The Component Hub on a Polyaxon server: a component is a project (the hub entity) and its versions are the
// project's component versions, whose content is the polyaxonfile. Publishing validates the file here first (the
// same rules as locally) and the server validates it again.
import { contentHash } from '../../hub/content';
import { InvalidComponentError, planPublish, type PublishResult } from '../../hub/publish';
import { validateComponent } from '../../hub/validateComponent';
import { operationSnippet } from '../../hub/snippet';
import { formatHubRef } from '../../names';
import { parseStage, type StageCondition } from '../../versions';
import { HubError } from '../../errors';
import type { ComponentVersion } from '../../model';
import type {
  ComponentService,
  ComponentSummary,
  ComponentVersionSummary,
  ComponentVersionView,
  PublishPlan,
  PublishRequest,
  RefIndex,
  VersionRef,
} from '../types';
import { SERVER_ACTIONS, type ServerContext } from './context';
import type { ServerProjects } from './serverProjects';
import { ServerVersions, type ServerVersion } from './versions';

/** haupt stores a polyaxonfile without its final newline: put it back, so a hash matches the published file's */
function storedContent(v: ServerVersion): string {
  const text = v.content ?? '';
  return text === '' ? text : `${text.replace(/\n+$/, '')}\n`;
}

export class ServerComponents implements ComponentService {
  private readonly versions: ServerVersions;

  constructor(
    private readonly ctx: ServerContext,
    private readonly projects: ServerProjects,
  ) {
    this.versions = new ServerVersions(ctx, 'component');
  }

  async list(org: string): Promise<ComponentSummary[]> {
    const projects = await this.projects.records(org);
    const listed = await Promise.all(projects.map(p => this.component(org, p)));
    return listed.filter((c): c is ComponentSummary => !!c).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(org: string, name: string): Promise<ComponentSummary> {
    const component = await this.component(org, await this.projects.record(org, name));
    if (!component) throw new HubError(`${org}/${name} has no published component version on ${this.ctx.http.baseUrl}.`, 'not-found');
    return component;
  }

  /** a project as a component: undefined when it holds no component version */
  private async component(org: string, p: Record<string, unknown>): Promise<ComponentSummary | undefined> {
    const w = this.ctx.wire;
    const name = w.str(p, 'name', 'project');
    const versions = await this.versions.list(name);
    if (!versions.length) return undefined;
    // the list leaves content out; a summary's counts and hash need it
    const full = await Promise.all(versions.map(v => this.versions.get(name, v.name)));
    return {
      org,
      name,
      description: w.optStr(p, 'description') ?? '',
      tags: w.strings(p, 'tags'),
      isPublic: false,
      createdBy: w.optStr(p, 'user') ?? full.at(-1)?.createdBy ?? '',
      createdAt: w.optStr(p, 'created_at') ?? '',
      versions: full.map(v => this.summary(v)),
    };
  }

  async version(org: string, component: string, version?: string): Promise<ComponentVersionView> {
    this.ctx.checkOwner(org);
    const v = await this.versions.get(component, version ?? (await this.newest(component)));
    const history = await this.versions.history(component, v.name, v.createdBy);
    const parsed = this.parsed(v);
    return {
      ...this.summary(v),
      content: storedContent(v),
      inputs: parsed.inputs.map(i => ({ ...i })),
      outputs: parsed.outputs.map(o => ({ ...o })),
      history: [],
      stageHistory: history,
      operationSnippet: operationSnippet({ org, component, name: v.name, inputs: parsed.inputs }),
      actions: [...SERVER_ACTIONS],
    };
  }

  /** `latest` when a version has that name, else the newest */
  private async newest(component: string): Promise<string> {
    const all = await this.versions.list(component);
    const pick = all.find(v => v.name === 'latest') ?? all[0];
    if (!pick) throw new HubError(`${this.ctx.owner}/${component} has no published version on ${this.ctx.http.baseUrl}.`, 'not-found');
    return pick.name;
  }

  async refIndex(): Promise<RefIndex> {
    const known = new Set<string>();
    for (const c of await this.list(this.ctx.owner)) {
      for (const v of c.versions) {
        known.add(v.hubRef);
        known.add(`${c.name}:${v.name}`);
      }
    }
    return {
      status: ref => (ref.kind !== 'hubRef' ? 'unknown' : known.has(ref.value) || known.has(`${this.ctx.owner}/${ref.value}`) ? 'found' : 'missing'),
    };
  }

  async validate(content: string, fileName?: string) {
    return validateComponent(undefined, this.ctx.me, content, fileName);
  }

  async plan(request: PublishRequest): Promise<PublishPlan> {
    // '' = no org chosen yet: the extension validates the file before it asks for one
    if (request.org !== '') this.ctx.checkOwner(request.org);
    return planPublish(request, this.ctx.me);
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    this.ctx.checkOwner(request.org);
    const plan = await this.plan(request);
    if (plan.version === undefined) {
      throw new HubError(
        `Cannot publish${request.sourcePath ? ` ${request.sourcePath}` : ''}: no version name given, and the file name suggests none. Give one (e.g. --version v1).`,
        'no-version',
      );
    }
    const hubRef = formatHubRef({ owner: request.org, name: plan.component, version: plan.version });
    const warnings = plan.result.problems.filter(p => p.severity === 'warning');
    const existing = await this.versions.find(plan.component, plan.version);
    if (existing) {
      if (contentHash(storedContent(existing)) === contentHash(`${plan.content.replace(/\n+$/, '')}\n`)) {
        return {
          status: 'unchanged',
          hubRef,
          version: this.record(existing),
          warnings,
          message: `Already published as ${hubRef} (same content); nothing changed.`,
        };
      }
      throw new HubError(
        `${hubRef} is already published on ${this.ctx.http.baseUrl} with different content. ${this.ctx.unsupportedReason('component.replace')}`,
        'version-exists',
      );
    }
    if (!(await this.projects.isNameTaken(request.org, plan.component))) {
      const s = plan.result.summary;
      await this.projects.create(request.org, plan.component, { description: s?.description, tags: s?.tags });
    }
    const s = plan.result.summary;
    try {
      await this.versions.create(plan.component, { name: plan.version, description: s?.description, tags: s?.tags, content: plan.content });
    } catch (err) {
      // the server validates the polyaxonfile again (its own schema); its refusal is the file's problem
      if (err instanceof HubError && err.code === 'refused') throw new InvalidComponentError(`${this.ctx.http.baseUrl} refused ${hubRef}: ${err.message}`, []);
      throw err;
    }
    const created = await this.versions.get(plan.component, plan.version);
    return { status: 'created', hubRef, version: this.record(created), warnings, message: `Published ${hubRef} to ${this.ctx.http.baseUrl}.` };
  }

  async setStage(ref: VersionRef, stage: string, reason?: string): Promise<ComponentVersionSummary> {
    this.ctx.checkOwner(ref.org);
    await this.versions.setStage(ref.component, ref.version, parseStage(stage), reason);
    return this.summary(await this.versions.get(ref.component, ref.version));
  }

  async deleteVersion(ref: VersionRef): Promise<{ componentRemoved: boolean }> {
    this.ctx.checkOwner(ref.org);
    await this.versions.delete(ref.component, ref.version);
    // the hub entity is a project that may hold runs and models too: it stays
    return { componentRemoved: false };
  }

  /** the server's projects have no public/private switch through this API */
  setVisibility(): Promise<never> {
    return this.ctx.refuse('component.visibility');
  }

  private parsed(v: ServerVersion) {
    const summary = validateComponent(undefined, this.ctx.me, v.content ?? '').summary;
    return { inputs: summary?.inputs ?? [], outputs: summary?.outputs ?? [], runKind: summary?.runKind };
  }

  private summary(v: ServerVersion): ComponentVersionSummary {
    const parsed = this.parsed(v);
    return {
      org: this.ctx.owner,
      component: v.project,
      name: v.name,
      hubRef: formatHubRef({ owner: this.ctx.owner, name: v.project, version: v.name }),
      contentHash: contentHash(storedContent(v)),
      stage: v.stage,
      runKind: parsed.runKind,
      publishedBy: v.createdBy,
      publishedAt: v.createdAt,
      inputCount: parsed.inputs.length,
      outputCount: parsed.outputs.length,
      timesReplaced: 0,
    };
  }

  /** the record shape PublishResult carries */
  private record(v: ServerVersion): ComponentVersion {
    const parsed = this.parsed(v);
    const condition: StageCondition = {
      type: v.stage,
      status: 'True',
      reason: '',
      message: '',
      lastUpdateTime: v.updatedAt,
      lastTransitionTime: v.updatedAt,
      who: v.createdBy,
    };
    return {
      org: this.ctx.owner,
      component: v.project,
      name: v.name,
      content: storedContent(v),
      contentHash: contentHash(storedContent(v)),
      inputs: parsed.inputs,
      outputs: parsed.outputs,
      runKind: parsed.runKind,
      stage: v.stage,
      stageHistory: [condition],
      publishedBy: v.createdBy,
      publishedAt: v.createdAt,
      history: [],
    };
  }
}
