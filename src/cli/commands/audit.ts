import { UsageError, type CommandSpec } from '../args';
import { table } from './format';

export const AUDIT_COMMANDS: CommandSpec[] = [
  {
    path: ['audit', 'list'],
    feature: 'audit',
    summary: 'show the audit log of an organization, newest first (admin or higher)',
    args: [{ name: 'ORG' }],
    options: { limit: { type: 'string', placeholder: 'N', description: 'at most N events (default 100)' } },
    async run(ctx, a, o) {
      const limit = o.limit === undefined ? 100 : Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a whole number ≥ 1 (got "${o.limit}").`);
      const events = await ctx.hub().audit.list(a.ORG as string, limit);
      return {
        data: events,
        text: table(
          ['WHEN', 'WHO', 'ACTION', 'TARGET', 'DETAILS'],
          events.map(e => [e.when, e.who, e.action, e.target, e.details ? JSON.stringify(e.details) : '']),
        ),
      };
    },
  },
];
