// Projects on a Polyaxon server: /api/v1/{owner}/projects/list|create, /api/v1/{owner}/{project}.
import { HubError } from '../../errors';
import type { ProjectFields, ProjectService, ProjectSummary, ProjectView } from '../types';
import { projectPath, SERVER_ACTIONS, type ServerContext } from './context';
import { allPages } from './paginate';
import type { Json } from './wire';

export class ServerProjects implements ProjectService {
  constructor(private readonly ctx: ServerContext) {}

  /** raw project records, every page */
  async records(org: string, signal?: AbortSignal): Promise<Json[]> {
    this.ctx.checkOwner(org);
    const rows = await allPages(this.ctx.http, `${encodeURIComponent(org)}/projects/list`, {
      query: { sort: 'name' },
      signal,
      subject: `the projects of ${org}`,
    });
    return rows.map(r => this.ctx.wire.record(r, 'project'));
  }

  async list(org: string): Promise<ProjectSummary[]> {
    return (await this.records(org)).map(p => this.summary(org, p)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async record(org: string, name: string): Promise<Json> {
    this.ctx.checkOwner(org);
    return this.ctx.wire.record(await this.ctx.http.json(projectPath(org, name), { subject: `project ${org}/${name}` }), 'project');
  }

  async get(org: string, name: string): Promise<ProjectView> {
    const p = await this.record(org, name);
    const w = this.ctx.wire;
    return {
      ...this.summary(org, p),
      readme: w.optStr(p, 'readme') ?? '',
      connections: [],
      members: [],
      teamAccess: [],
      createdBy: w.optStr(p, 'user') ?? '',
      createdAt: w.optStr(p, 'created_at') ?? '',
      updatedAt: w.optStr(p, 'updated_at') ?? w.optStr(p, 'created_at') ?? '',
    };
  }

  async isNameTaken(org: string, name: string): Promise<boolean> {
    try {
      await this.record(org, name);
      return true;
    } catch (err) {
      if (err instanceof HubError && err.code === 'not-found') return false;
      throw err;
    }
  }

  async holdings(org: string, name: string): Promise<Record<string, number>> {
    const base = projectPath(org, name);
    const count = async (path: string) =>
      this.ctx.wire.num(this.ctx.wire.record(await this.ctx.http.json(`${base}/${path}`, { query: { limit: 1 } }), 'list page'), 'count') ?? 0;
    const [runs, componentVersions, modelVersions] = await Promise.all([count('runs'), count('versions/component'), count('versions/model')]);
    return { runs, componentVersions, modelVersions };
  }

  async create(org: string, name: string, fields: ProjectFields = {}): Promise<ProjectSummary> {
    this.ctx.checkOwner(org);
    const body = { name, description: fields.description, tags: fields.tags, readme: fields.readme };
    const created = await this.ctx.write(() =>
      this.ctx.http.json(`${encodeURIComponent(org)}/projects/create`, {
        method: 'POST',
        body,
        subject: `creating project ${org}/${name}`,
      }),
    );
    return this.summary(org, this.ctx.wire.record(created, 'project'));
  }

  async update(org: string, name: string, changes: ProjectFields): Promise<ProjectSummary> {
    const body: Json = {};
    if (changes.description !== undefined) body.description = changes.description;
    if (changes.tags !== undefined) body.tags = changes.tags;
    if (changes.readme !== undefined) body.readme = changes.readme;
    this.ctx.checkOwner(org);
    const updated = await this.ctx.write(() =>
      this.ctx.http.json(projectPath(org, name), { method: 'PATCH', body, subject: `updating project ${org}/${name}` }),
    );
    return this.summary(org, this.ctx.wire.record(updated, 'project'));
  }

  rename(): Promise<never> {
    return this.ctx.refuse('project.rename');
  }

  /** a project holding runs or versions goes only with cascade: the server deletes them with it, for good */
  async delete(org: string, name: string, options: { cascade?: boolean } = {}): Promise<{ deleted: Record<string, number> }> {
    const holdings = await this.holdings(org, name);
    const held = Object.entries(holdings).filter(([, n]) => n > 0);
    if (held.length && !options.cascade) {
      throw new HubError(
        `Project ${org}/${name} on ${this.ctx.http.baseUrl} still holds ${held.map(([k, n]) => `${n} ${k}`).join(', ')}; the server deletes them with it. Delete with cascade (--cascade) if that is meant.`,
        'not-empty',
      );
    }
    await this.ctx.write(() => this.ctx.http.text(projectPath(org, name), { method: 'DELETE', subject: `deleting project ${org}/${name}` }));
    return { deleted: { projects: 1, ...holdings } };
  }

  restrict(): Promise<never> {
    return this.ctx.refuse('project.access');
  }
  setMemberRole(): Promise<never> {
    return this.ctx.refuse('project.access');
  }
  setConnection(): Promise<never> {
    return this.ctx.refuse('project.connections');
  }
  removeConnection(): Promise<never> {
    return this.ctx.refuse('project.connections');
  }

  summary(org: string, p: Json): ProjectSummary {
    const w = this.ctx.wire;
    return {
      org,
      name: w.str(p, 'name', 'project'),
      description: w.optStr(p, 'description') ?? '',
      tags: w.strings(p, 'tags'),
      isPublic: false,
      teams: [],
      actions: [...SERVER_ACTIONS],
    };
  }
}
