import { USER_ENV } from '../../core/userEnv';
import type { CommandSpec } from '../args';

export const USER_COMMANDS: CommandSpec[] = [
  {
    path: ['whoami'],
    summary: 'print the user commands act as, and where that comes from',
    async run(ctx) {
      const actor = ctx.hub().user;
      if (ctx.server) {
        const how = ctx.server.credentialsSource ? `signed in with the token from ${ctx.server.credentialsSource}` : 'no token: anonymous';
        return {
          data: { ...actor, server: ctx.server.url, serverFrom: ctx.server.source, credentialsFrom: ctx.server.credentialsSource ?? null },
          text: `${actor.username} on ${ctx.server.url} (${how}; the server from ${ctx.server.source})`,
        };
      }
      return {
        data: actor,
        text: `${actor.username}${actor.displayName ? ` (${actor.displayName}${actor.email ? ` <${actor.email}>` : ''})` : ''}\n(--as, else ${USER_ENV}, else git user.email/user.name, else the OS user)`,
      };
    },
  },
];
