import { addMember, createOrg, deleteOrg, listOrgs, orgHoldings, removeMember, renameOrg, setMemberRole, showOrg, updateOrg } from '../../core/orgs';
import { UsageError, type CommandSpec } from '../args';
import { list, table } from './format';

const description = { type: 'string', placeholder: 'D', description: 'a description' } as const;

export const ORG_COMMANDS: CommandSpec[] = [
  {
    path: ['org', 'create'], summary: 'create an organization (you become its owner)',
    args: [{ name: 'NAME' }],
    options: { description, public: { type: 'boolean', description: 'make it public (default: private)' } },
    async run(ctx, a, o) {
      const org = await createOrg(ctx.store(), ctx.actor(), a.NAME as string, (o.description as string) ?? '', o.public === true);
      return { data: org, text: `Created organization ${org.name} (${org.isPublic ? 'public' : 'private'}); ${ctx.actor().username} is its owner.` };
    },
  },
  {
    path: ['org', 'list'], summary: 'list the organizations you can see, with your role',
    async run(ctx) {
      const me = ctx.actor().username;
      const orgs = await listOrgs(ctx.store(), ctx.actor());
      const rows = orgs.map(o => ({ name: o.name, role: o.members.find(m => m.user === me)?.role ?? null, isPublic: o.isPublic, members: o.members.length, description: o.description }));
      return { data: rows, text: table(['NAME', 'YOUR ROLE', 'VISIBILITY', 'MEMBERS', 'DESCRIPTION'], rows.map(r => [r.name, r.role ?? '-', r.isPublic ? 'public' : 'private', r.members, r.description])) };
    },
  },
  {
    path: ['org', 'show'], summary: 'show an organization: members, teams, projects you can see, what you may do',
    args: [{ name: 'NAME' }],
    async run(ctx, a) {
      const v = await showOrg(ctx.store(), ctx.actor(), a.NAME as string);
      const { org } = v;
      const data = { ...org, yourRole: v.yourRole, yourActions: v.yourActions, teams: v.teams, projects: v.projects };
      const text = [
        `${org.name} (${org.isPublic ? 'public' : 'private'})${org.description ? ` — ${org.description}` : ''}`,
        `created by ${org.createdBy} at ${org.createdAt}`,
        `your role: ${v.yourRole ?? 'none'}; you may: ${list(v.yourActions)}`,
        '', 'Members:', table(['USER', 'ROLE'], org.members.map(m => [m.user, m.role])),
        '', `Teams: ${list(v.teams)}`, `Projects: ${list(v.projects)}`,
      ].join('\n');
      return { data, text };
    },
  },
  {
    path: ['org', 'update'], summary: 'change the description or visibility of an organization',
    args: [{ name: 'NAME' }],
    options: { description, public: { type: 'boolean', description: 'make it public (owner)' }, private: { type: 'boolean', description: 'make it private (owner)' } },
    async run(ctx, a, o) {
      if (o.public && o.private) throw new UsageError('Give --public or --private, not both.');
      if (o.description === undefined && !o.public && !o.private) throw new UsageError('Nothing to change: give --description, --public or --private.');
      const name = a.NAME as string;
      // one mutation: a refused part (visibility needs owner) must not leave the other part applied
      const org = await updateOrg(ctx.store(), ctx.actor(), name, {
        description: o.description as string | undefined,
        isPublic: o.public || o.private ? o.public === true : undefined,
      });
      return { data: org, text: `Updated organization ${name}.` };
    },
  },
  {
    path: ['org', 'rename'], summary: 'rename an organization (owner); its teams, projects and components move with it',
    args: [{ name: 'NAME' }, { name: 'NEW_NAME' }],
    async run(ctx, a) {
      const org = await renameOrg(ctx.store(), ctx.actor(), a.NAME as string, a.NEW_NAME as string);
      return { data: org, text: `Renamed organization ${a.NAME} to ${org.name}. Hub references written as ${a.NAME}/… elsewhere must be updated by hand.` };
    },
  },
  {
    path: ['org', 'delete'], summary: 'delete an organization (owner); one that holds anything needs --cascade',
    args: [{ name: 'NAME' }],
    options: { cascade: { type: 'boolean', description: 'also delete its teams, projects, components and everything else it holds' } },
    async run(ctx, a, o) {
      const name = a.NAME as string;
      const { deleted } = await deleteOrg(ctx.store(), ctx.actor(), name, { cascade: o.cascade === true });
      const what = Object.entries(deleted).map(([k, n]) => `${n} ${k}`).join(', ');
      return { data: { deleted: name, with: deleted }, text: `Deleted organization ${name}${what ? ` with ${what}` : ''}.` };
    },
  },
  {
    path: ['org', 'holdings'], summary: 'count what an organization holds (what delete --cascade would remove)',
    args: [{ name: 'NAME' }],
    async run(ctx, a) {
      const db = await ctx.store().read();
      await showOrg(ctx.store(), ctx.actor(), a.NAME as string);
      const counts = orgHoldings(db, a.NAME as string);
      return { data: counts, text: table(['KIND', 'COUNT'], Object.entries(counts)) };
    },
  },
];

const role = { type: 'string', placeholder: 'ROLE', description: 'owner, manager, admin, member, viewer, billing or outsider', required: true } as const;

export const MEMBER_COMMANDS: CommandSpec[] = [
  {
    path: ['member', 'add'], summary: 'add a member with a role (an unknown user is invited)',
    args: [{ name: 'ORG' }, { name: 'USER' }], options: { role },
    async run(ctx, a, o) {
      const m = await addMember(ctx.store(), ctx.actor(), a.ORG as string, a.USER as string, o.role as string);
      return { data: m, text: `Added ${m.user} to ${a.ORG} as ${m.role}.` };
    },
  },
  {
    path: ['member', 'role'], summary: 'change a member\'s role',
    args: [{ name: 'ORG' }, { name: 'USER' }, { name: 'ROLE' }],
    async run(ctx, a) {
      const m = await setMemberRole(ctx.store(), ctx.actor(), a.ORG as string, a.USER as string, a.ROLE as string);
      return { data: m, text: `${m.user} is now ${m.role} in ${a.ORG}.` };
    },
  },
  {
    path: ['member', 'remove'], summary: 'remove a member (or leave, with your own name); they also leave its teams and project roles',
    args: [{ name: 'ORG' }, { name: 'USER' }],
    async run(ctx, a) {
      await removeMember(ctx.store(), ctx.actor(), a.ORG as string, a.USER as string);
      return { data: { removed: a.USER, org: a.ORG }, text: `Removed ${a.USER} from ${a.ORG}.` };
    },
  },
  {
    path: ['member', 'list'], summary: 'list the members of an organization',
    args: [{ name: 'ORG' }],
    async run(ctx, a) {
      const members = (await showOrg(ctx.store(), ctx.actor(), a.ORG as string)).org.members;
      return { data: members, text: table(['USER', 'ROLE'], members.map(m => [m.user, m.role])) };
    },
  },
];
