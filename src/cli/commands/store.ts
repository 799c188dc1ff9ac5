import * as fs from 'node:fs';
import * as path from 'node:path';
import { backupsDir } from '../../core/store/paths';
import type { CommandSpec } from '../args';
import { table } from './format';

export const STORE_COMMANDS: CommandSpec[] = [
  {
    path: ['store', 'path'], summary: 'print which store is used, and why',
    async run(ctx) {
      const data = { path: ctx.storePath, source: ctx.storePathSource, exists: fs.existsSync(ctx.storePath), backups: backupsDir(ctx.storePath) };
      return { data, text: `${data.path}\n(from ${data.source}; ${data.exists ? 'exists' : 'not created yet'}; backups in ${data.backups})` };
    },
  },
  {
    path: ['store', 'backups'], summary: 'list the backups of the store, newest first, and whether each can be restored',
    async run(ctx) {
      const backups = await ctx.store().listBackups();
      return { data: backups, text: table(['NAME', 'SIZE', 'WRITTEN', 'STATE'], backups.map(b => [b.name, b.size, b.modifiedAt, b.ok ? `good (schema ${b.schemaVersion})` : `unusable: ${b.problem}`])) };
    },
  },
  {
    path: ['store', 'restore'], summary: 'replace the store with its newest good backup (or --backup NAME); the replaced file is kept',
    details: 'A store file that does not parse, is truncated or comes from a newer version is never overwritten by\n' +
      'normal use; this command is the way out. The file it replaces is kept in the backups folder\n' +
      '(a damaged one as <name>.<time>.rejected.json).',
    options: { backup: { type: 'string', placeholder: 'NAME', description: 'the backup to restore: a name from `store backups`, or the absolute path of a store file (e.g. in an archived backups/*.before-* folder)' } },
    async run(ctx, _a, o) {
      const given = o.backup as string | undefined;
      const backup = given !== undefined && /[/\\]/.test(given) ? path.resolve(ctx.cwd, given) : given;
      const { restored, keptCurrentAs } = await ctx.store().restoreBackup(backup);
      return { data: { restored, keptCurrentAs: keptCurrentAs ?? null, store: ctx.storePath }, text: `Restored ${ctx.storePath} from ${restored.name}.${keptCurrentAs ? ` The replaced file is kept as ${keptCurrentAs}.` : ''}` };
    },
  },
];
