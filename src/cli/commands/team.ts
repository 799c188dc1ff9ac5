import { parseByteSize } from '../../core/units';
import { UsageError, type CommandSpec } from '../args';
import { quotaBytes, table } from './format';

const teamRole = { type: 'string', placeholder: 'ROLE', description: 'admin, member or viewer', required: true } as const;

/** `10GB`, `5 GB`, `512MiB`, `1000` → bytes (core's parser); `none` → null (unlimited). */
function parseSize(text: string, option: string): number | null {
  if (/^(none|unlimited)$/i.test(text.trim())) return null;
  const size = parseByteSize(text);
  if (size.problem !== undefined) throw new UsageError(`--${option}: ${size.problem}`);
  return size.bytes;
}

function parseCount(text: string, option: string): number | null {
  if (/^(none|unlimited)$/i.test(text)) return null;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${option} takes a whole number or none (got "${text}").`);
  return Number(text);
}

export const TEAM_COMMANDS: CommandSpec[] = [
  {
    path: ['team', 'create'],
    feature: 'teams',
    summary: 'create a team (manager or owner)',
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    options: { description: { type: 'string', placeholder: 'D', description: 'a description' } },
    async run(ctx, a, o) {
      const t = await ctx.hub().teams.create(a.ORG as string, a.NAME as string, (o.description as string) ?? '');
      return { data: t, text: `Created team ${t.org}/${t.name}.` };
    },
  },
  {
    path: ['team', 'list'],
    feature: 'teams',
    summary: 'list the teams of an organization',
    args: [{ name: 'ORG' }],
    async run(ctx, a) {
      const teams = await ctx.hub().teams.list(a.ORG as string);
      return {
        data: teams,
        text: table(
          ['NAME', 'MEMBERS', 'PROJECTS', 'DESCRIPTION'],
          teams.map(t => [t.name, t.memberCount, t.projectCount, t.description]),
        ),
      };
    },
  },
  {
    path: ['team', 'show'],
    feature: 'teams',
    summary: 'show a team: members, project access, quotas',
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    async run(ctx, a) {
      const t = await ctx.hub().teams.get(a.ORG as string, a.NAME as string);
      const text = [
        `${t.org}/${t.name}${t.description ? ` — ${t.description}` : ''}`,
        `quota: storage ${quotaBytes(t.quota.storageBytes)}, model versions ${t.quota.modelVersions ?? 'unlimited'}`,
        '',
        'Members:',
        table(
          ['USER', 'ROLE'],
          t.members.map(m => [m.user, m.role]),
        ),
        '',
        'Project access:',
        table(
          ['PROJECT', 'ROLE'],
          t.projects.map(p => [p.project, p.role]),
        ),
      ].join('\n');
      return { data: t, text };
    },
  },
  {
    path: ['team', 'update'],
    feature: 'teams',
    summary: "change a team's description",
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    options: { description: { type: 'string', placeholder: 'D', description: 'a description', required: true } },
    async run(ctx, a, o) {
      const t = await ctx.hub().teams.update(a.ORG as string, a.NAME as string, { description: o.description as string });
      return { data: t, text: `Updated team ${t.org}/${t.name}.` };
    },
  },
  {
    path: ['team', 'rename'],
    feature: 'teams',
    summary: 'rename a team (projects restricted to it follow)',
    args: [{ name: 'ORG' }, { name: 'NAME' }, { name: 'NEW_NAME' }],
    async run(ctx, a) {
      const t = await ctx.hub().teams.rename(a.ORG as string, a.NAME as string, a.NEW_NAME as string);
      return { data: t, text: `Renamed team ${a.ORG}/${a.NAME} to ${t.name}.` };
    },
  },
  {
    path: ['team', 'delete'],
    feature: 'teams',
    summary: 'delete a team (its memberships and project access go with it)',
    args: [{ name: 'ORG' }, { name: 'NAME' }],
    async run(ctx, a) {
      await ctx.hub().teams.delete(a.ORG as string, a.NAME as string);
      return { data: { deleted: `${a.ORG}/${a.NAME}` }, text: `Deleted team ${a.ORG}/${a.NAME}.` };
    },
  },
  {
    path: ['team', 'member', 'add'],
    feature: 'teams',
    summary: 'add a user to a team, or change their team role (non-members join the org as outsider)',
    args: [{ name: 'ORG' }, { name: 'TEAM' }, { name: 'USER' }],
    options: { role: teamRole },
    async run(ctx, a, o) {
      const m = await ctx.hub().teams.setMember(a.ORG as string, a.TEAM as string, a.USER as string, o.role as string);
      return { data: m, text: `${m.user} is ${m.role} in team ${a.ORG}/${a.TEAM}.` };
    },
  },
  {
    path: ['team', 'member', 'remove'],
    feature: 'teams',
    summary: 'remove a user from a team',
    args: [{ name: 'ORG' }, { name: 'TEAM' }, { name: 'USER' }],
    async run(ctx, a) {
      await ctx.hub().teams.removeMember(a.ORG as string, a.TEAM as string, a.USER as string);
      return { data: { removed: a.USER, team: `${a.ORG}/${a.TEAM}` }, text: `Removed ${a.USER} from team ${a.ORG}/${a.TEAM}.` };
    },
  },
  {
    path: ['team', 'grant'],
    feature: 'teams',
    summary: 'give a team access to a project with a role (the most its members get there)',
    args: [{ name: 'ORG' }, { name: 'TEAM' }, { name: 'PROJECT' }],
    options: { role: teamRole },
    async run(ctx, a, o) {
      const g = await ctx.hub().teams.grant(a.ORG as string, a.TEAM as string, a.PROJECT as string, o.role as string);
      return { data: g, text: `Team ${a.ORG}/${a.TEAM} has ${g.role} access to project ${g.project}.` };
    },
  },
  {
    path: ['team', 'revoke'],
    feature: 'teams',
    summary: "remove a team's access to a project",
    args: [{ name: 'ORG' }, { name: 'TEAM' }, { name: 'PROJECT' }],
    async run(ctx, a) {
      await ctx.hub().teams.revoke(a.ORG as string, a.TEAM as string, a.PROJECT as string);
      return { data: { revoked: a.PROJECT, team: `${a.ORG}/${a.TEAM}` }, text: `Team ${a.ORG}/${a.TEAM} no longer has access to ${a.PROJECT}.` };
    },
  },
  {
    path: ['team', 'quota'],
    feature: 'teams',
    summary: 'set a team\'s quotas (registry storage, number of model versions); "none" removes one',
    args: [{ name: 'ORG' }, { name: 'TEAM' }],
    options: {
      storage: { type: 'string', placeholder: 'BYTES', description: 'registry storage: 1000000, 500MB, 5 GB, 10GiB or none' },
      'model-versions': { type: 'string', placeholder: 'N', description: 'number of model versions, or none' },
    },
    async run(ctx, a, o) {
      if (o.storage === undefined && o['model-versions'] === undefined) throw new UsageError('Nothing to set: give --storage and/or --model-versions.');
      const q = await ctx.hub().teams.setQuota(a.ORG as string, a.TEAM as string, {
        storageBytes: o.storage === undefined ? undefined : parseSize(o.storage as string, 'storage'),
        modelVersions: o['model-versions'] === undefined ? undefined : parseCount(o['model-versions'] as string, 'model-versions'),
      });
      return { data: q, text: `Team ${a.ORG}/${a.TEAM}: storage ${quotaBytes(q.storageBytes)}, model versions ${q.modelVersions ?? 'unlimited'}.` };
    },
  },
];
