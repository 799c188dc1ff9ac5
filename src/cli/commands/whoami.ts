import { USER_ENV } from '../../core/currentUser';
import type { CommandSpec } from '../args';

export const USER_COMMANDS: CommandSpec[] = [
  {
    path: ['whoami'],
    summary: 'print the user commands act as, and where that comes from',
    async run(ctx) {
      const actor = ctx.hub().user;
      return {
        data: actor,
        text: `${actor.username}${actor.displayName ? ` (${actor.displayName}${actor.email ? ` <${actor.email}>` : ''})` : ''}\n(--as, else ${USER_ENV}, else git user.email/user.name, else the OS user)`,
      };
    },
  },
];
