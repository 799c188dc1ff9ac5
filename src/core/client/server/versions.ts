// Project versions on a Polyaxon server (/api/v1/{owner}/{entity}/versions/{kind}[/{name}[/stages]]): the
// component hub and the model registry both keep theirs there. A version's `stage` field can lag behind its
// stage conditions on haupt 2.16.4 (it still said `testing` after a change to `staging`), so the stage shown is
// the last condition's.
import { HubError } from '../../errors';
import { isStage, STAGE_UPDATE_REASON, type Stage } from '../../versions';
import type { StageChange } from '../types';
import { projectPath, type ServerContext } from './context';
import { allPages } from './paginate';
import type { Json } from './wire';

export type VersionKind = 'component' | 'model';

export interface ServerVersion {
  project: string;
  name: string;
  description: string;
  tags: string[];
  stage: Stage;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  content?: string;
  readme: string;
  run?: string;
  artifacts: string[];
  metaInfo: Json;
}

export class ServerVersions {
  constructor(
    private readonly ctx: ServerContext,
    readonly kind: VersionKind,
  ) {}

  private base(project: string): string {
    return `${projectPath(this.ctx.owner, project)}/versions/${this.kind}`;
  }

  async list(project: string, signal?: AbortSignal): Promise<ServerVersion[]> {
    const rows = await allPages(this.ctx.http, this.base(project), {
      query: { sort: '-created_at' },
      signal,
      subject: `the ${this.kind} versions of ${project}`,
    });
    return rows.map(r => this.version(project, this.ctx.wire.record(r, `${this.kind} version`)));
  }

  async get(project: string, name: string): Promise<ServerVersion> {
    const detail = this.ctx.wire.record(
      await this.ctx.http.json(`${this.base(project)}/${encodeURIComponent(name)}`, { subject: `${this.kind} version ${this.ctx.owner}/${project}:${name}` }),
      `${this.kind} version`,
    );
    const v = this.version(project, detail);
    const history = await this.history(project, name, v.createdBy);
    return { ...v, stage: history.at(-1)?.stage ?? v.stage };
  }

  /** undefined when there is none */
  async find(project: string, name: string): Promise<ServerVersion | undefined> {
    try {
      return await this.get(project, name);
    } catch (err) {
      if (err instanceof HubError && err.code === 'not-found') return undefined;
      throw err;
    }
  }

  async history(project: string, name: string, createdBy = ''): Promise<StageChange[]> {
    const w = this.ctx.wire;
    const answer = w.record(
      await this.ctx.http.json(`${this.base(project)}/${encodeURIComponent(name)}/stages`, { subject: `the stages of ${project}:${name}` }),
      'version stages',
    );
    const changes: StageChange[] = [];
    for (const raw of w.list(answer, 'stage_conditions')) {
      const c = w.record(raw, 'stage condition');
      const stage = typeof c.type === 'string' && isStage(c.type) ? c.type : undefined;
      if (!stage) continue;
      changes.push({
        stage,
        ...(changes.length ? { from: changes[changes.length - 1].stage } : {}),
        // the open-source server does not record who changed a stage: the version's author is the best it knows
        who: createdBy,
        when: w.optStr(c, 'last_transition_time') ?? w.optStr(c, 'last_update_time') ?? '',
        reason: w.optStr(c, 'reason'),
        message: w.optStr(c, 'message'),
      });
    }
    return changes;
  }

  async create(project: string, body: Json): Promise<ServerVersion> {
    const created = await this.ctx.write(() =>
      this.ctx.http.json(this.base(project), {
        method: 'POST',
        body,
        subject: `creating ${this.kind} version ${this.ctx.owner}/${project}:${String(body.name)}`,
      }),
    );
    return this.version(project, this.ctx.wire.record(created, `${this.kind} version`));
  }

  async update(project: string, name: string, body: Json): Promise<void> {
    await this.ctx.write(() =>
      this.ctx.http.json(`${this.base(project)}/${encodeURIComponent(name)}`, { method: 'PATCH', body, subject: `updating ${project}:${name}` }),
    );
  }

  async setStage(project: string, name: string, stage: Stage, reason?: string): Promise<void> {
    const now = new Date().toISOString();
    const condition = {
      type: stage,
      status: true,
      reason: STAGE_UPDATE_REASON,
      message: reason ?? `${this.ctx.me} set the stage to ${stage}`,
      last_transition_time: now,
      last_update_time: now,
    };
    await this.ctx.write(() =>
      this.ctx.http.json(`${this.base(project)}/${encodeURIComponent(name)}/stages`, {
        method: 'POST',
        body: { condition },
        subject: `setting the stage of ${project}:${name}`,
      }),
    );
  }

  async delete(project: string, name: string): Promise<void> {
    await this.ctx.write(() =>
      this.ctx.http.text(`${this.base(project)}/${encodeURIComponent(name)}`, {
        method: 'DELETE',
        subject: `deleting ${this.kind} version ${project}:${name}`,
      }),
    );
  }

  private version(project: string, v: Json): ServerVersion {
    const w = this.ctx.wire;
    const stage = w.optStr(v, 'stage');
    return {
      project,
      name: w.str(v, 'name', `${this.kind} version`),
      description: w.optStr(v, 'description') ?? '',
      tags: w.strings(v, 'tags'),
      stage: stage && isStage(stage) ? stage : 'testing',
      createdBy: w.optStr(v, 'user') ?? '',
      createdAt: w.optStr(v, 'created_at') ?? '',
      updatedAt: w.optStr(v, 'updated_at') ?? w.optStr(v, 'created_at') ?? '',
      content: typeof v.content === 'string' ? v.content : undefined,
      readme: w.optStr(v, 'readme') ?? '',
      run: w.optStr(v, 'run'),
      artifacts: w.strings(v, 'artifacts'),
      metaInfo: w.dict(v, 'meta_info'),
    };
  }
}
