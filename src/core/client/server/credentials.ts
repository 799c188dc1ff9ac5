// What a user types when signing in: a Polyaxon API token, or `user:password` for a server that signs users in
// with a password (the open-source server: a Django user, HTTP Basic).
import { HubError } from '../../errors';
import type { ServerCredentials } from './http';

export function parseCredentials(input: string): ServerCredentials {
  const text = input.trim();
  if (!text) throw new HubError('Give an API token (or user:password for a server without tokens).', 'invalid');
  const colon = text.indexOf(':');
  if (colon > 0 && !/\s/.test(text)) return { kind: 'basic', username: text.slice(0, colon), password: text.slice(colon + 1) };
  if (/\s/.test(text)) throw new HubError('An API token has no spaces; paste it again.', 'invalid');
  return { kind: 'token', token: text };
}
