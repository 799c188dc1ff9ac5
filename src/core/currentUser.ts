// Who is acting: one rule shared by the extension and the CLI.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { HubError } from './errors';
import { usernameFrom } from './names';
import { USER_ENV } from './userEnv';

/** The user a request is made as. */
export interface Actor {
  username: string;
  displayName?: string;
  email?: string;
}

/**
 * An actor resolved on first use. Asking git who you are spawns two processes (~10 ms), which a command that needs
 * no user (`validate` of a file without hubRefs) should not pay.
 */
export function lazyActor(resolve: () => Actor): Actor {
  let actor: Actor | undefined;
  const get = () => (actor ??= resolve());
  return {
    get username() {
      return get().username;
    },
    get displayName() {
      return get().displayName;
    },
    get email() {
      return get().email;
    },
  };
}

/** Turns an e-mail's local part, a display name or a login into a valid username ("Jane Doe" → "jane-doe"). */
export const toUsername = usernameFrom;

export interface CurrentUserOptions {
  /** an explicit choice: `--as` for the CLI, the `polyaxonHub.user` setting for the extension */
  configured?: string;
  /** defaults to process.env */
  env?: NodeJS.ProcessEnv;
  /** folder where `git config` is asked (the workspace); defaults to the process's cwd */
  cwd?: string;
  /** for tests: replaces `git config --get KEY` */
  gitConfig?: (key: string) => string | undefined;
  /** for tests: replaces the OS login name */
  osUser?: () => string;
  /**
   * An explicit choice (`configured`, or POLYAXON_HUB_USER) must already be a valid username: refused,
   * not coerced (`-bob`, `<bob>`, `Bob`), and an explicit empty value is refused instead of falling back
   * to git or the OS user. The CLI asks for this; the extension's setting is still normalised.
   */
  strict?: boolean;
  /** how `configured` is named in strict refusals (`--as`) */
  configuredName?: string;
}

/** Lower-case letters, digits, `-`, `_`, `.`; starting with a letter or a digit; at most 128. */
const STRICT_USERNAME = /^[a-z0-9][-a-z0-9_.]*$/;

/** Why `name`, given explicitly as the current user, is not acceptable as it is; undefined when it is. */
export function explicitUsernameProblem(name: string, source: string): string | undefined {
  if (!name.trim()) return `${source} is empty; give a username, or leave it unset to use git's user.email/user.name or the OS user.`;
  if (name.length > 128 || !STRICT_USERNAME.test(name)) {
    return `${source} "${name}" is not a valid username: use lower-case letters, digits, "-", "_" and ".", starting with a letter or a digit (at most 128 characters)${STRICT_USERNAME.test(usernameFrom(name)) && usernameFrom(name) !== 'user' ? `, e.g. "${usernameFrom(name)}"` : ''}.`;
  }
  return undefined;
}

function gitConfig(key: string, cwd?: string): string | undefined {
  try {
    const out = execFileSync('git', ['config', '--get', key], { cwd, timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The current user, by the same rule everywhere (extension and CLI):
 * 1. `configured` (`--as USER`, or the `polyaxonHub.user` setting), else the env POLYAXON_HUB_USER;
 * 2. else git's `user.email` (username = its local part) and `user.name` (display name; the username
 *    when there is no e-mail);
 * 3. else the OS login name.
 * Usernames are lower-cased and made valid (`Jane Doe` → `jane-doe`; `.` is kept).
 */
export function resolveCurrentUser(options: CurrentUserOptions = {}): Actor {
  const env = options.env ?? process.env;
  if (options.strict) {
    const [value, source] =
      options.configured !== undefined ? [options.configured, options.configuredName ?? 'The configured user'] : [env[USER_ENV], USER_ENV];
    if (value !== undefined) {
      const problem = explicitUsernameProblem(value, source);
      if (problem) throw new HubError(problem, value.trim() ? 'invalid-user' : 'empty-user');
      return { username: value };
    }
  }
  const explicit = options.configured?.trim() || env[USER_ENV]?.trim();
  if (explicit) {
    return { username: usernameFrom(explicit) };
  }
  const git = options.gitConfig ?? ((key: string) => gitConfig(key, options.cwd));
  const email = git('user.email');
  const name = git('user.name');
  if (email) return { username: usernameFrom(email.split('@')[0]), email, displayName: name };
  if (name) return { username: usernameFrom(name), displayName: name };
  let login = 'user';
  try {
    login = options.osUser ? options.osUser() : os.userInfo().username;
  } catch {
    login = env.USER ?? env.USERNAME ?? 'user';
  }
  return { username: usernameFrom(login) };
}
