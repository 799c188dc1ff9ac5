// Where Polyaxon's own CLI (polyaxon 2.16.4) keeps its server and token, read the same way, so a person who ran
// `polyaxon config set --host …` and `polyaxon login` needs nothing more:
//   - the folder: `$POLYAXON_HOME/.polyaxon`, else the path in `~/.polyaxon/.home` (YAML, key POLYAXON_HOME), else
//     `~/.polyaxon` (HomeConfigManager, ClientConfigManager.get_global_config_path);
//   - `.client` (JSON): POLYAXON_HOST, POLYAXON_AUTHENTICATION_TYPE (`Token` by default);
//   - `.auth` (JSON): POLYAXON_AUTH_TOKEN, POLYAXON_AUTH_USERNAME;
//   - the environment variables of the same names override the files (polyaxon reads os.environ after them).
// Polyaxon also reads /tmp/.polyaxon/ under those files; that folder is writable by anyone on the machine, so a
// token planted there is not picked up here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { HubError } from '../../errors';
import type { ServerCredentials } from './http';

interface PolyaxonCliConfig {
  /** the folder holding .client and .auth */
  dir: string;
  host?: string;
  /** where the host came from: "POLYAXON_HOST" or the .client file */
  hostSource?: string;
  credentials?: ServerCredentials;
  credentialsSource?: string;
}

const ENV = {
  home: 'POLYAXON_HOME',
  host: 'POLYAXON_HOST',
  authType: 'POLYAXON_AUTHENTICATION_TYPE',
  token: 'POLYAXON_AUTH_TOKEN',
  username: 'POLYAXON_AUTH_USERNAME',
} as const;

/** The folder Polyaxon's CLI keeps its global config in. */
function polyaxonConfigDir(env: NodeJS.ProcessEnv, home = os.homedir()): string {
  const fromEnv = env[ENV.home]?.trim();
  if (fromEnv) return path.join(fromEnv, '.polyaxon');
  const homeFile = path.join(home, '.polyaxon', '.home');
  if (fs.existsSync(homeFile)) {
    const doc = readConfig(homeFile, 'yaml');
    const configured = text(doc, ENV.home) ?? text(doc, 'path');
    if (configured) return path.join(configured, '.polyaxon');
  }
  return path.join(home, '.polyaxon');
}

export function readPolyaxonCliConfig(env: NodeJS.ProcessEnv, home = os.homedir()): PolyaxonCliConfig {
  const dir = polyaxonConfigDir(env, home);
  const clientFile = path.join(dir, '.client');
  const authFile = path.join(dir, '.auth');
  const client = fs.existsSync(clientFile) ? readConfig(clientFile, 'json') : {};
  const auth = fs.existsSync(authFile) ? readConfig(authFile, 'json') : {};
  const envHost = env[ENV.host]?.trim();
  const fileHost = text(client, ENV.host) ?? text(client, 'host');
  const host = envHost || fileHost;
  const envToken = env[ENV.token]?.trim();
  const token = envToken || text(auth, ENV.token) || text(auth, 'token');
  const scheme = env[ENV.authType]?.trim() || text(client, ENV.authType) || text(client, 'authentication_type') || 'Token';
  const config: PolyaxonCliConfig = { dir, host, hostSource: envHost ? ENV.host : fileHost ? clientFile : undefined };
  if (token) {
    config.credentials = credentialsOf(scheme, token, envToken ? ENV.token : authFile);
    config.credentialsSource = envToken ? ENV.token : authFile;
  }
  return config;
}

/** `Authorization: <type> <token>` as polyaxon sends it; a Basic token is base64 `user:password`. */
function credentialsOf(scheme: string, token: string, source: string): ServerCredentials {
  if (scheme.toLowerCase() !== 'basic') return { kind: 'token', token, scheme };
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new HubError(`The Basic token in ${source} is not base64 of user:password.`, 'invalid');
  return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readConfig(file: string, format: 'json' | 'yaml'): Record<string, unknown> {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new HubError(`Cannot read Polyaxon's config ${file}: ${(err as Error).message}`, 'unreadable');
  }
  if (!raw.trim()) return {};
  let doc: unknown;
  try {
    doc = format === 'json' ? JSON.parse(raw) : parseYaml(raw);
  } catch (err) {
    throw new HubError(`Polyaxon's config ${file} is not valid ${format.toUpperCase()} (${(err as Error).message}); fix or delete it.`, 'invalid');
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new HubError(`Polyaxon's config ${file} is not a ${format.toUpperCase()} object.`, 'invalid');
  return doc as Record<string, unknown>;
}

function text(doc: Record<string, unknown>, key: string): string | undefined {
  const v = doc[key];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
