// Which Polyaxon server a command talks to, and with what credentials: --server URL, else env POLYAXON_HUB_SERVER;
// the value "polyaxon" takes the host Polyaxon's own CLI is configured with. The token is read where Polyaxon's
// CLI keeps it (~/.polyaxon/.auth, POLYAXON_AUTH_TOKEN overriding; see core/client/server/polyaxonCliConfig).
import * as os from 'node:os';
import { HubError } from '../core/client';
import { readPolyaxonCliConfig, type ServerCredentials } from '../core/client/server';
import { UsageError } from './args';
import { SERVER_ENV, TIMEOUT_ENV } from './serverEnv';

export interface ServerChoice {
  url: string;
  source: string;
  credentials?: ServerCredentials;
  credentialsSource?: string;
  timeoutMs?: number;
}

export function chooseServer(option: string | undefined, env: NodeJS.ProcessEnv): ServerChoice | undefined {
  const given = option ?? env[SERVER_ENV];
  const source = option !== undefined ? '--server' : SERVER_ENV;
  if (given === undefined || (option === undefined && !given.trim())) return undefined;
  if (!given.trim()) throw new UsageError('--server is empty: give the server URL (or leave --server out for the local store).');
  // HOME from the given environment (tests and scripts pass their own), as Python's expanduser does
  const polyaxon = readPolyaxonCliConfig(env, env.HOME?.trim() || os.homedir());
  let url = given.trim();
  let urlSource = source;
  if (url === 'polyaxon') {
    if (!polyaxon.host) {
      throw new HubError(
        `Polyaxon's CLI has no server configured: set POLYAXON_HOST, or run \`polyaxon config set --host URL\` (it writes ${polyaxon.dir}/.client).`,
        'invalid',
      );
    }
    url = polyaxon.host;
    urlSource = `${source}=polyaxon: ${polyaxon.hostSource}`;
  }
  return { url, source: urlSource, credentials: polyaxon.credentials, credentialsSource: polyaxon.credentialsSource, timeoutMs: timeout(env) };
}

function timeout(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[TIMEOUT_ENV]?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`${TIMEOUT_ENV} is "${raw}": give the seconds to wait for each answer, e.g. 30.`);
  return seconds * 1000;
}
