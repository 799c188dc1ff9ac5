// polyaxon-hub: dispatch, help, printing and exit codes. Every decision is in src/core.
import { openHub, type HubClient } from '../core/client';
import { openServerHub } from '../core/client/server';
import { lazyActor, resolveCurrentUser } from '../core/currentUser';
import { HubError } from '../core/errors';
import { USER_ENV } from '../core/userEnv';
import { JsonFileStore } from '../core/store/jsonFileStore';
import { cliDefaultStorePath, resolveStorePath, STORE_ENV, vscodeGlobalStorageDir } from '../core/store/paths';
import { bindArgs, GLOBAL_OPTIONS, tokenize, UsageError, usageLine, type CommandSpec, type Context, type OptionSpec } from './args';
import { COMMANDS } from './commands';
import { chooseServer } from './server';
import { SERVER_ENV, TIMEOUT_ENV } from './serverEnv';
import { neutralizeControls } from './terminal';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** a yes/no question on the terminal, when there is one (absent: non-interactive) */
  confirm?: (question: string) => Promise<boolean>;
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

function optionLines(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, o]) => {
    const left = `  --${name}${o.type === 'string' ? ` ${o.placeholder ?? 'VALUE'}` : ''}`;
    return `${left.padEnd(28)} ${o.description}${o.repeatable ? ' (repeatable)' : ''}`;
  });
}

function footer(env: NodeJS.ProcessEnv): string[] {
  return [
    '',
    'Global options (anywhere on the line):',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    "Store: --store PATH, else env POLYAXON_HUB_STORE, else the VS Code extension's own store:",
    `  ${cliDefaultStorePath({ ...env, [STORE_ENV]: '' })}`,
    "  (desktop VS Code's globalStorage folder for polyaxon-hub.polyaxon-hub; for Insiders, VSCodium,",
    '  code-server or a polyaxonHub.storePath setting, pass --store or set POLYAXON_HUB_STORE).',
    `User: --as USER, else env ${USER_ENV}, else git user.email/user.name, else the OS user (as in the extension).`,
    `Server: --server URL (or env ${SERVER_ENV}) works on a Polyaxon server instead of the store; the token is Polyaxon's`,
    "  own (POLYAXON_AUTH_TOKEN, else `polyaxon login`'s $POLYAXON_HOME/.polyaxon/.auth or ~/.polyaxon/.auth); --server polyaxon",
    "  takes the host Polyaxon's CLI uses (POLYAXON_HOST, else its .client). What the server lacks (organizations, teams,",
    '  members) is refused with the reason, exit 1 (--json: {"error": {"code": "unsupported", ...}}).',
    `  ${TIMEOUT_ENV}=SECONDS bounds each answer (default 30); a read the server fails to answer is tried 3 times in all.`,
    'Exit codes: 0 success, 1 refused or invalid request (message on stderr), 2 usage error.',
  ];
}

function generalHelp(env: NodeJS.ProcessEnv): string {
  const width = Math.max(...COMMANDS.map(c => usageLine({ ...c, options: {} }).length)) - 'polyaxon-hub '.length;
  return [
    'polyaxon-hub — Polyaxon organizations, teams, members, projects and the Component Hub, on the same store as the VS Code extension.',
    '',
    'Usage: polyaxon-hub [--store PATH] [--as USER] [--json] COMMAND ...',
    '',
    'Commands:',
    ...COMMANDS.map(
      c =>
        `  ${usageLine({ ...c, options: {} })
          .slice('polyaxon-hub '.length)
          .padEnd(width)}  ${c.summary}`,
    ),
    '',
    'Run `polyaxon-hub COMMAND --help` for the options of a command.',
    ...footer(env),
  ].join('\n');
}

function commandHelp(command: CommandSpec, env: NodeJS.ProcessEnv): string {
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    ...(command.options && Object.keys(command.options).length ? ['', 'Options:', ...optionLines(command.options)] : []),
    ...footer(env),
  ].join('\n');
}

function groupHelp(prefix: string[], env: NodeJS.ProcessEnv): string {
  const commands = COMMANDS.filter(c => prefix.every((w, i) => c.path[i] === w));
  return [
    `Usage: polyaxon-hub ${prefix.join(' ')} SUBCOMMAND ...`,
    '',
    'Subcommands:',
    ...commands.map(c => `  ${usageLine(c).slice('polyaxon-hub '.length)}\n      ${c.summary}`),
    ...footer(env),
  ].join('\n');
}

/** The command whose path is the longest prefix of `words`, and how many words it used. */
function findCommand(words: string[]): CommandSpec | undefined {
  let best: CommandSpec | undefined;
  for (const c of COMMANDS) {
    if (c.path.length <= words.length && c.path.every((w, i) => words[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}

/** The positional words at the start of the line, skipping global options and their values. */
function leadingWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') break;
    if (token.startsWith('-')) {
      const name = token.replace(/^--?/, '').split('=')[0];
      const global = GLOBAL_OPTIONS[name];
      if (!global && token !== '-h') break;
      if (global?.type === 'string' && !token.includes('=')) i++;
      continue;
    }
    words.push(token);
  }
  return words;
}

function isGroup(words: string[]): boolean {
  return words.length > 0 && COMMANDS.some(c => c.path.length > words.length && words.every((w, i) => c.path[i] === w));
}

/** Exit 2; with --json also the one JSON document stdout promises (the usage text stays on stderr). */
function usageExit(io: Io, json: boolean, message: string, command?: CommandSpec): number {
  if (json) io.out(JSON.stringify({ error: { code: 'usage', message, ...(command ? { usage: usageLine(command) } : {}) } }, null, 2));
  return EXIT_USAGE;
}

/** Runs one command line; returns the exit code. */
export async function run(argv: string[], given: Io): Promise<number> {
  // user text is neutralised for the terminal; JSON on stdout is left as JSON (it escapes controls itself)
  const io: Io = { ...given, out: text => given.out(json ? text : neutralizeControls(text)), err: text => given.err(neutralizeControls(text)) };
  let command: CommandSpec | undefined;
  let json = argv.includes('--json');
  try {
    // The command is named by the words before its first own option (global options may come first);
    // the whole line is then parsed with that command's options, so commands never clash over an option name.
    command = findCommand(leadingWords(argv));
    const allOptions = new Map<string, OptionSpec>(Object.entries(GLOBAL_OPTIONS));
    if (command) for (const [n, o] of Object.entries(command.options ?? {})) allOptions.set(n, o);
    else for (const c of COMMANDS) for (const [n, o] of Object.entries(c.options ?? {})) if (!allOptions.has(n)) allOptions.set(n, o);
    const { words, options } = tokenize(argv, n => allOptions.get(n));
    json = options.json === true;
    command = findCommand(words);
    if (!command) {
      if (options.help || words.length === 0) {
        const help = words.length && isGroup(words) ? groupHelp(words, io.env) : generalHelp(io.env);
        if (words.length && !isGroup(words)) throw new UsageError(`Unknown command "${words.join(' ')}".`);
        if (options.help) {
          io.out(help);
          return EXIT_OK;
        }
        io.err(help);
        return usageExit(io, json, 'No command given.');
      }
      // a group without its subcommand, or an unknown word
      let prefix = words.length;
      while (prefix > 0 && !isGroup(words.slice(0, prefix))) prefix--;
      if (prefix > 0) {
        io.err(`${prefix < words.length ? `Unknown subcommand "${words[prefix]}". ` : ''}${groupHelp(words.slice(0, prefix), io.env)}`);
        const group = words.slice(0, prefix).join(' ');
        return usageExit(io, json, prefix < words.length ? `Unknown subcommand "${words[prefix]}" of ${group}.` : `Missing a subcommand of ${group}.`);
      }
      throw new UsageError(`Unknown command "${words[0]}".`);
    }
    if (options.help) {
      io.out(commandHelp(command, io.env));
      return EXIT_OK;
    }
    // options of other commands are parsed by the shared table: refuse those this command does not take
    for (const name of Object.keys(options)) {
      if (!(name in GLOBAL_OPTIONS) && !(command.options && name in command.options)) {
        throw new UsageError(`The command "${command.path.join(' ')}" has no option --${name}.`, command);
      }
    }
    for (const [name, o] of Object.entries(command.options ?? {})) {
      if (o.required && options[name] === undefined) throw new UsageError(`Missing --${name} ${o.placeholder ?? 'VALUE'}.`, command);
    }
    const args = bindArgs(command, words.slice(command.path.length));
    const server = chooseServer(options.server as string | undefined, io.env);
    if (server) {
      if (options.store !== undefined) throw new UsageError('--store and --server name two backends: give one.', command);
      if (options.as !== undefined) {
        throw new UsageError(`--as is for the local store; on ${server.url} you act as the user your credentials sign in as.`, command);
      }
      if (command.localStore) {
        throw new HubError(
          `"${command.path.join(' ')}" works on the local store file; with a Polyaxon server (${server.url}) there is none: the server keeps its own database.`,
          'unsupported',
        );
      }
    }
    const storeOption = options.store as string | undefined;
    const storePath = storeOption !== undefined ? resolveStorePath(storeOption, io.cwd) : resolveStorePath(io.env[STORE_ENV], vscodeGlobalStorageDir(io.env));
    const storePathSource = storeOption !== undefined ? '--store' : io.env[STORE_ENV]?.trim() ? STORE_ENV : "the VS Code extension's default";
    // an explicit empty user is a malformed line, not a request to fall back to git or the OS user
    if (options.as !== undefined && !(options.as as string).trim()) throw new UsageError('--as is empty: give a username (or leave --as out).', command);
    if (options.as === undefined && io.env[USER_ENV] !== undefined && !io.env[USER_ENV]!.trim()) {
      throw new UsageError(`${USER_ENV} is set but empty: give a username, or unset it.`, command);
    }
    let store: JsonFileStore | undefined;
    // a server is asked who you are and what it is before the command: a wrong URL or token fails here, clearly
    let hub: HubClient | undefined = server
      ? await openServerHub({ url: server.url, credentials: server.credentials, pollMs: 0, ...(server.timeoutMs ? { timeoutMs: server.timeoutMs } : {}) })
      : undefined;
    const unsupported = command.feature && hub?.capabilities?.unsupported[command.feature];
    if (unsupported) throw new HubError(unsupported, 'unsupported');
    const actorOf = () => resolveCurrentUser({ configured: options.as as string | undefined, env: io.env, cwd: io.cwd, strict: true, configuredName: '--as' });
    const ctx: Context = {
      // one user, resolved once by the core rule, and one door for the whole command; a user given (--as or the
      // env) is checked at once, git is asked only when a command first needs the user
      hub: () =>
        (hub ??= openHub((store = new JsonFileStore(storePath)), options.as !== undefined || io.env[USER_ENV] !== undefined ? actorOf() : lazyActor(actorOf))),
      storePath,
      storePathSource,
      ...(server ? { server: { url: server.url, source: server.source, credentialsSource: server.credentialsSource } } : {}),
      cwd: io.cwd,
      json,
      confirm: io.confirm,
    };
    try {
      const output = await command.run(ctx, args, options);
      io.out(json ? JSON.stringify(output.data, null, 2) : output.text);
      return output.exitCode ?? EXIT_OK;
    } finally {
      store?.dispose();
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const cmd = e.command ?? command;
      io.err(
        `polyaxon-hub: ${e.message}\n${cmd ? `Usage: ${usageLine(cmd)}\nRun \`polyaxon-hub ${cmd.path.join(' ')} --help\` for details.` : 'Run `polyaxon-hub --help` for the commands.'}`,
      );
      return usageExit(io, json, e.message, cmd);
    }
    if (e instanceof HubError) {
      io.err(`polyaxon-hub: ${e.message}`);
      if (json) io.out(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2));
      return EXIT_REFUSED;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`polyaxon-hub: unexpected error: ${e instanceof Error && io.env.POLYAXON_HUB_DEBUG ? e.stack : message}`);
    // --json promises one JSON document on stdout, whatever failed
    if (json) io.out(JSON.stringify({ error: { code: (e as NodeJS.ErrnoException)?.code ?? 'failed', message } }, null, 2));
    return EXIT_REFUSED;
  }
}
