import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import type { Actor } from './orgs';

/** Turns an email local part or a display name into a valid username slug ("Jane Doe" → "jane-doe"). */
export function toUsername(raw: string): string {
  const slug = raw.trim().toLowerCase().replace(/[^-a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128);
  return slug || 'user';
}

function git(key: string, cwd?: string): string | undefined {
  try {
    return execFileSync('git', ['config', '--get', key], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who is acting, shared by the extension and the CLI: an explicit name (setting `polyaxonHub.user`,
 * `--as`, or env POLYAXON_HUB_USER), else git `user.email`/`user.name`, else the OS user.
 */
export function resolveCurrentUser(options: { configured?: string; cwd?: string } = {}): Actor {
  const configured = options.configured?.trim() || process.env.POLYAXON_HUB_USER?.trim();
  if (configured) return { username: toUsername(configured) };
  const email = git('user.email', options.cwd);
  const name = git('user.name', options.cwd);
  if (email) return { username: toUsername(email.split('@')[0]), email, displayName: name };
  if (name) return { username: toUsername(name), displayName: name };
  return { username: toUsername(os.userInfo().username) };
}
