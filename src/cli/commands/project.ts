import * as path from 'node:path';
import type { ProjectFields } from '../../core/client';
import { readInputFile } from '../../core/inputFile';
import { UsageError, type CommandSpec, type Context, type Values } from '../args';
import { list, table } from './format';

const fieldOptions = {
  description: { type: 'string', placeholder: 'D', description: 'a description' },
  tag: { type: 'string', placeholder: 'TAG', description: 'a tag', repeatable: true },
  readme: { type: 'string', placeholder: 'FILE', description: 'a Markdown file to use as the readme' },
  public: { type: 'boolean', description: 'make it public' },
  private: { type: 'boolean', description: 'make it private' },
} as const;

function fields(ctx: Context, o: Values): ProjectFields {
  if (o.public && o.private) throw new UsageError('Give --public or --private, not both.');
  const f: ProjectFields = {};
  if (o.description !== undefined) f.description = o.description as string;
  if (o.tag !== undefined) f.tags = (o.tag as string[]).flatMap(t => t.split(','));
  if (o.readme !== undefined) {
    f.readme = readInputFile(path.resolve(ctx.cwd, o.readme as string), { shown: `The readme ${o.readme}` });
  }
  if (o.public || o.private) f.isPublic = o.public === true;
  return f;
}

export const PROJECT_COMMANDS: CommandSpec[] = [
  {
    path: ['project', 'create'],
    summary: 'create a project (admin or higher)',
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    options: fieldOptions,
    async run(ctx, a, o) {
      const p = await ctx.hub().projects.create(a.ORG as string, a.NAME as string, fields(ctx, o));
      return { data: p, text: `Created project ${p.org}/${p.name}.` };
    },
  },
  {
    path: ['project', 'list'],
    summary: 'list the projects of an organization that you can see',
    args: [{ name: 'ORG' }],
    async run(ctx, a) {
      const projects = await ctx.hub().projects.list(a.ORG as string);
      return {
        data: projects,
        text: table(
          ['NAME', 'VISIBILITY', 'TEAMS', 'TAGS', 'DESCRIPTION'],
          projects.map(p => [
            p.name,
            p.isPublic ? 'public' : 'private',
            p.teams.length ? `only ${p.teams.join(', ')}` : 'all',
            p.tags.join(', '),
            p.description,
          ]),
        ),
      };
    },
  },
  {
    path: ['project', 'show'],
    summary: 'show a project',
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    async run(ctx, a) {
      const { actions: yourActions, ...p } = await ctx.hub().projects.get(a.ORG as string, a.NAME as string);
      const text = [
        `${p.org}/${p.name} (${p.isPublic ? 'public' : 'private'})${p.description ? ` — ${p.description}` : ''}`,
        `tags: ${list(p.tags)}; restricted to teams: ${list(p.teams)}; you may: ${list(yourActions)}`,
        '',
        'Project roles:',
        table(
          ['USER', 'ROLE'],
          p.members.map(m => [m.user, m.role]),
        ),
        '',
        'Connections:',
        table(
          ['NAME', 'KIND', 'DESCRIPTION'],
          p.connections.map(c => [c.name, c.kind, c.description]),
        ),
        ...(p.readme ? ['', p.readme] : []),
      ].join('\n');
      return { data: { ...p, yourActions }, text };
    },
  },
  {
    path: ['project', 'update'],
    summary: "change a project's description, tags, readme or visibility",
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    options: fieldOptions,
    async run(ctx, a, o) {
      const f = fields(ctx, o);
      if (!Object.keys(f).length) throw new UsageError('Nothing to change: give --description, --tag, --readme, --public or --private.');
      const p = await ctx.hub().projects.update(a.ORG as string, a.NAME as string, f);
      return { data: p, text: `Updated project ${p.org}/${p.name}.` };
    },
  },
  {
    path: ['project', 'rename'],
    feature: 'project.rename',
    summary: "rename a project (teams' access follows)",
    args: [{ name: 'ORG' }, { name: 'NAME' }, { name: 'NEW_NAME' }],
    async run(ctx, a) {
      const p = await ctx.hub().projects.rename(a.ORG as string, a.NAME as string, a.NEW_NAME as string);
      return { data: p, text: `Renamed project ${a.ORG}/${a.NAME} to ${p.name}.` };
    },
  },
  {
    path: ['project', 'delete'],
    summary: 'delete a project (admin or higher); one holding records needs --cascade',
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    options: { cascade: { type: 'boolean', description: 'also delete what it holds' } },
    async run(ctx, a, o) {
      const { deleted } = await ctx.hub().projects.delete(a.ORG as string, a.NAME as string, { cascade: o.cascade === true });
      return { data: { deleted: `${a.ORG}/${a.NAME}`, with: deleted }, text: `Deleted project ${a.ORG}/${a.NAME}.` };
    },
  },
  {
    path: ['project', 'restrict'],
    feature: 'project.access',
    summary: 'restrict a project to teams (no team: lift the restriction)',
    args: [{ name: 'ORG' }, { name: 'NAME' }, { name: 'TEAM', variadic: true }],
    async run(ctx, a) {
      const p = await ctx.hub().projects.restrict(a.ORG as string, a.NAME as string, a.TEAM as string[]);
      return {
        data: p,
        text: p.teams.length
          ? `Project ${p.org}/${p.name} is visible only to teams ${p.teams.join(', ')} (and org owners/managers).`
          : `Project ${p.org}/${p.name} is no longer restricted.`,
      };
    },
  },
  {
    path: ['project', 'member', 'set'],
    feature: 'project.access',
    summary: 'give a user a role on a project (admin, member, viewer)',
    args: [{ name: 'ORG' }, { name: 'NAME' }, { name: 'USER' }, { name: 'ROLE' }],
    async run(ctx, a) {
      const m = await ctx.hub().projects.setMemberRole(a.ORG as string, a.NAME as string, a.USER as string, a.ROLE as string);
      return { data: m, text: `${m?.user} is ${m?.role} on project ${a.ORG}/${a.NAME}.` };
    },
  },
  {
    path: ['project', 'member', 'remove'],
    feature: 'project.access',
    summary: "remove a user's project role",
    args: [{ name: 'ORG' }, { name: 'NAME' }, { name: 'USER' }],
    async run(ctx, a) {
      await ctx.hub().projects.setMemberRole(a.ORG as string, a.NAME as string, a.USER as string, undefined);
      return { data: { removed: a.USER, project: `${a.ORG}/${a.NAME}` }, text: `${a.USER} no longer has a role on project ${a.ORG}/${a.NAME}.` };
    },
  },
  {
    path: ['project', 'connection', 'set'],
    feature: 'project.connections',
    summary: 'add or replace a connection of a project',
    args: [{ name: 'ORG' }, { name: 'NAME' }, { name: 'CONNECTION' }],
    options: {
      kind: { type: 'string', placeholder: 'KIND', description: 'e.g. s3, gcs, wasb, git, host_path, volume_claim', required: true },
      description: { type: 'string', placeholder: 'D', description: 'a description' },
    },
    async run(ctx, a, o) {
      const c = await ctx.hub().projects.setConnection(a.ORG as string, a.NAME as string, {
        name: a.CONNECTION as string,
        kind: o.kind as string,
        description: (o.description as string) ?? '',
      });
      return { data: c, text: `Project ${a.ORG}/${a.NAME} has connection ${c.name} (${c.kind}).` };
    },
  },
  {
    path: ['project', 'connection', 'remove'],
    feature: 'project.connections',
    summary: 'remove a connection of a project',
    args: [{ name: 'ORG' }, { name: 'NAME' }, { name: 'CONNECTION' }],
    async run(ctx, a) {
      await ctx.hub().projects.removeConnection(a.ORG as string, a.NAME as string, a.CONNECTION as string);
      return { data: { removed: a.CONNECTION }, text: `Removed connection ${a.CONNECTION} from ${a.ORG}/${a.NAME}.` };
    },
  },
];
