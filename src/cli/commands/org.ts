import { UsageError, type CommandSpec } from '../args';
import { list, table } from './format';

const description = { type: 'string', placeholder: 'D', description: 'a description' } as const;

export const ORG_COMMANDS: CommandSpec[] = [
  {
    path: ['org', 'create'],
    feature: 'orgs.manage',
    summary: 'create an organization (you become its owner)',
    args: [{ name: 'NAME' }],
    options: { description, public: { type: 'boolean', description: 'make it public (default: private)' } },
    async run(ctx, a, o) {
      const hub = ctx.hub();
      const org = await hub.orgs.create(a.NAME as string, { description: (o.description as string) ?? '', isPublic: o.public === true });
      return { data: org, text: `Created organization ${org.name} (${org.isPublic ? 'public' : 'private'}); ${hub.user.username} is its owner.` };
    },
  },
  {
    path: ['org', 'list'],
    summary: 'list the organizations you can see, with your role',
    async run(ctx) {
      const orgs = await ctx.hub().orgs.list();
      const rows = orgs.map(o => ({ name: o.name, role: o.role, isPublic: o.isPublic, members: o.memberCount, description: o.description }));
      return {
        data: rows,
        text: table(
          ['NAME', 'YOUR ROLE', 'VISIBILITY', 'MEMBERS', 'DESCRIPTION'],
          rows.map(r => [r.name, r.role ?? '-', r.isPublic ? 'public' : 'private', r.members, r.description]),
        ),
      };
    },
  },
  {
    path: ['org', 'show'],
    summary: 'show an organization: members, teams, projects you can see, what you may do',
    args: [{ name: 'NAME' }],
    async run(ctx, a) {
      const page = await ctx.hub().orgs.page(a.NAME as string);
      const { org } = page;
      const data = {
        name: org.name,
        description: org.description,
        isPublic: org.isPublic,
        members: page.members.map(m => ({ user: m.user, role: m.role })),
        createdBy: page.createdBy,
        createdAt: page.createdAt,
        yourRole: org.role,
        yourActions: org.actions,
        teams: page.teams.map(t => t.name),
        projects: page.projects.map(p => p.name),
      };
      const text = [
        `${org.name} (${org.isPublic ? 'public' : 'private'})${org.description ? ` — ${org.description}` : ''}`,
        `created by ${data.createdBy} at ${data.createdAt}`,
        `your role: ${org.role ?? 'none'}; you may: ${list(org.actions)}`,
        '',
        'Members:',
        table(
          ['USER', 'ROLE'],
          data.members.map(m => [m.user, m.role]),
        ),
        '',
        `Teams: ${list(data.teams)}`,
        `Projects: ${list(data.projects)}`,
      ].join('\n');
      return { data, text };
    },
  },
  {
    path: ['org', 'update'],
    feature: 'orgs.manage',
    summary: 'change the description or visibility of an organization',
    args: [{ name: 'NAME' }],
    options: {
      description,
      public: { type: 'boolean', description: 'make it public (owner)' },
      private: { type: 'boolean', description: 'make it private (owner)' },
    },
    async run(ctx, a, o) {
      if (o.public && o.private) throw new UsageError('Give --public or --private, not both.');
      if (o.description === undefined && !o.public && !o.private) throw new UsageError('Nothing to change: give --description, --public or --private.');
      const name = a.NAME as string;
      // one mutation: a refused part (visibility needs owner) must not leave the other part applied
      const org = await ctx.hub().orgs.update(name, {
        description: o.description as string | undefined,
        isPublic: o.public || o.private ? o.public === true : undefined,
      });
      return { data: org, text: `Updated organization ${name}.` };
    },
  },
  {
    path: ['org', 'rename'],
    feature: 'orgs.manage',
    summary: 'rename an organization (owner); its teams, projects and components move with it',
    args: [{ name: 'NAME' }, { name: 'NEW_NAME' }],
    async run(ctx, a) {
      const org = await ctx.hub().orgs.rename(a.NAME as string, a.NEW_NAME as string);
      return { data: org, text: `Renamed organization ${a.NAME} to ${org.name}. Hub references written as ${a.NAME}/… elsewhere must be updated by hand.` };
    },
  },
  {
    path: ['org', 'delete'],
    feature: 'orgs.manage',
    summary: 'delete an organization (owner); one that holds anything needs --cascade',
    args: [{ name: 'NAME' }],
    options: { cascade: { type: 'boolean', description: 'also delete its teams, projects, components and everything else it holds' } },
    async run(ctx, a, o) {
      const name = a.NAME as string;
      const { deleted } = await ctx.hub().orgs.delete(name, { cascade: o.cascade === true });
      const what = Object.entries(deleted)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      return { data: { deleted: name, with: deleted }, text: `Deleted organization ${name}${what ? ` with ${what}` : ''}.` };
    },
  },
  {
    path: ['org', 'holdings'],
    summary: 'count what an organization holds (what delete --cascade would remove)',
    args: [{ name: 'NAME' }],
    async run(ctx, a) {
      const counts = await ctx.hub().orgs.holdings(a.NAME as string);
      return { data: counts, text: table(['KIND', 'COUNT'], Object.entries(counts)) };
    },
  },
];

const role = { type: 'string', placeholder: 'ROLE', description: 'owner, manager, admin, member, viewer, billing or outsider', required: true } as const;

export const MEMBER_COMMANDS: CommandSpec[] = [
  {
    path: ['member', 'add'],
    feature: 'members',
    summary: 'add a member with a role (an unknown user is invited)',
    args: [{ name: 'ORG' }, { name: 'USER' }],
    options: { role },
    async run(ctx, a, o) {
      const m = await ctx.hub().members.add(a.ORG as string, a.USER as string, o.role as string);
      return { data: m, text: `Added ${m.user} to ${a.ORG} as ${m.role}.` };
    },
  },
  {
    path: ['member', 'role'],
    feature: 'members',
    summary: "change a member's role",
    args: [{ name: 'ORG' }, { name: 'USER' }, { name: 'ROLE' }],
    async run(ctx, a) {
      const m = await ctx.hub().members.setRole(a.ORG as string, a.USER as string, a.ROLE as string);
      return { data: m, text: `${m.user} is now ${m.role} in ${a.ORG}.` };
    },
  },
  {
    path: ['member', 'remove'],
    feature: 'members',
    summary: 'remove a member (or leave, with your own name); they also leave its teams and project roles',
    args: [{ name: 'ORG' }, { name: 'USER' }],
    async run(ctx, a) {
      await ctx.hub().members.remove(a.ORG as string, a.USER as string);
      return { data: { removed: a.USER, org: a.ORG }, text: `Removed ${a.USER} from ${a.ORG}.` };
    },
  },
  {
    path: ['member', 'list'],
    feature: 'members',
    summary: 'list the members of an organization',
    args: [{ name: 'ORG' }],
    async run(ctx, a) {
      const members = (await ctx.hub().members.list(a.ORG as string)).map(m => ({ user: m.user, role: m.role }));
      return {
        data: members,
        text: table(
          ['USER', 'ROLE'],
          members.map(m => [m.user, m.role]),
        ),
      };
    },
  },
];
