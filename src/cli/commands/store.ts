import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackupService } from '../../core/client';
import { HubError } from '../../core/errors';
import { backupsDir } from '../../core/store/paths';
import type { CommandSpec, Context } from '../args';
import { table } from './format';

function backups(ctx: Context): BackupService {
  const service = ctx.hub().backups;
  if (!service) throw new HubError(`${ctx.hub().location} keeps no backups here.`, 'unsupported');
  return service;
}

export const STORE_COMMANDS: CommandSpec[] = [
  {
    path: ['store', 'path'],
    localStore: true,
    summary: 'print which store is used, and why',
    async run(ctx) {
      const data = { path: ctx.storePath, source: ctx.storePathSource, exists: fs.existsSync(ctx.storePath), backups: backupsDir(ctx.storePath) };
      return { data, text: `${data.path}\n(from ${data.source}; ${data.exists ? 'exists' : 'not created yet'}; backups in ${data.backups})` };
    },
  },
  {
    path: ['store', 'backups'],
    localStore: true,
    summary: 'list the backups of the store, newest first, and whether each can be restored',
    async run(ctx) {
      const list = await backups(ctx).list();
      return {
        data: list,
        text: table(
          ['NAME', 'SIZE', 'WRITTEN', 'STATE'],
          list.map(b => [b.name, b.size, b.modifiedAt, b.ok ? `good (schema ${b.schemaVersion})` : `unusable: ${b.problem}`]),
        ),
      };
    },
  },
  {
    path: ['store', 'restore'],
    localStore: true,
    summary: 'replace the store with its newest good backup (or --backup NAME); the replaced file is kept',
    details:
      'A store file that does not parse, is truncated or comes from a newer version is never overwritten by\n' +
      'normal use; this command is the way out. The file it replaces is kept in the backups folder\n' +
      '(a damaged one as <name>.<time>.rejected.json). Restoring a readable store needs role admin or higher in every\n' +
      "organization it changes, asks first (or --yes), and is recorded in each one's audit log.",
    options: {
      yes: { type: 'boolean', description: 'replace a store that is still readable without asking' },
      backup: {
        type: 'string',
        placeholder: 'NAME',
        description: 'the backup to restore: a name from `store backups`, or the absolute path of a store file (e.g. in an archived backups/*.before-* folder)',
      },
    },
    async run(ctx, _a, o) {
      const given = o.backup as string | undefined;
      const backup = given !== undefined && /[/\\]/.test(given) ? path.resolve(ctx.cwd, given) : given;
      const service = backups(ctx);
      let done;
      try {
        done = await service.restore(backup, { confirmed: o.yes === true });
      } catch (e) {
        // a readable store is replaced only when confirmed: asked on a terminal, else --yes
        if (!(e instanceof HubError && e.code === 'needs-confirmation')) throw e;
        if (!ctx.confirm) throw new HubError(`${e.message.replace(/ Confirm to restore\.$/, '')} Pass --yes to restore.`, e.code);
        if (!(await ctx.confirm(e.message.replace(/ Confirm to restore\.$/, ' Restore?')))) throw new HubError('Nothing was restored.', 'cancelled');
        done = await service.restore(backup, { confirmed: true });
      }
      const { restored, keptCurrentAs, orgs } = done;
      return {
        data: { restored, keptCurrentAs: keptCurrentAs ?? null, store: ctx.storePath, orgs },
        text: `Restored ${ctx.storePath} from ${restored.name}${orgs.length ? ` (changed: ${orgs.join(', ')}; recorded in their audit logs)` : ''}.${keptCurrentAs ? ` The replaced file is kept as ${keptCurrentAs}.` : ''}`,
      };
    },
  },
];
