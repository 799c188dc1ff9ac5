// Command-line parsing for polyaxon-hub: a table of commands, each with positional arguments and
// options; global options (--store, --as, --json, --help) anywhere on the line. Parsing only.
import type { HubClient, HubFeature } from '../core/client';

/** A malformed command line: exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandSpec,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** shown in help: `--role ROLE` */
  placeholder?: string;
  /** may be given several times (value is then a string[]) */
  repeatable?: boolean;
  required?: boolean;
}

export interface ArgSpec {
  name: string;
  optional?: boolean;
  /** takes every remaining positional (last only) */
  variadic?: boolean;
}

export type Values = Record<string, string | string[] | boolean | undefined>;

export interface Context {
  /**
   * The hub as the current user sees it (user: --as, POLYAXON_HUB_USER, git or the OS; store: --store,
   * POLYAXON_HUB_STORE or the default), opened on first use and then the same for the whole command.
   */
  hub(): HubClient;
  readonly storePath: string;
  readonly storePathSource: string;
  /** the Polyaxon server the hub talks to (--server, POLYAXON_HUB_SERVER), absent on the local store */
  readonly server?: { url: string; source: string; credentialsSource?: string };
  readonly cwd: string;
  readonly json: boolean;
  /** asks a yes/no question on the terminal; undefined when there is none to ask (CI, pipes) */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** What a command prints: `data` is the one JSON document of --json; `text` is for people. */
export interface Output {
  data: unknown;
  text: string;
  /** a command that prints a full result and still fails (validate: an invalid file) sets 1; default 0 */
  exitCode?: number;
}

export interface CommandSpec {
  /** words that select it: ['team', 'member', 'add'] */
  path: string[];
  summary: string;
  /** longer help, shown by --help */
  details?: string;
  args?: ArgSpec[];
  options?: Record<string, OptionSpec>;
  /** what the command needs of the backend: refused with the backend's own reason where it lacks it */
  feature?: HubFeature;
  /** works on the local store file itself (its path, its backups): refused with --server */
  localStore?: boolean;
  run(ctx: Context, args: Record<string, string | string[] | undefined>, options: Values): Promise<Output>;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  store: { type: 'string', placeholder: 'PATH', description: 'the store file, or a folder holding polyaxon-hub.json (default: see below)' },
  server: {
    type: 'string',
    placeholder: 'URL',
    description: 'a Polyaxon server instead of the local store (default: env POLYAXON_HUB_SERVER; "polyaxon": the host Polyaxon\'s CLI uses)',
  },
  as: { type: 'string', placeholder: 'USER', description: 'act as USER (default: POLYAXON_HUB_USER, else git user.email/user.name, else the OS user)' },
  json: { type: 'boolean', description: 'print one JSON document on stdout' },
  help: { type: 'boolean', description: 'show help for the command' },
};

export interface Parsed {
  words: string[];
  options: Values;
}

/** Splits a command line into positional words and options (`--x v`, `--x=v`, `--flag`, `-h`, `--`). */
export function tokenize(argv: string[], known: (name: string) => OptionSpec | undefined): Parsed {
  const words: string[] = [];
  const options: Values = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h') {
      options.help = true;
      continue;
    }
    if (!token.startsWith('--') || token === '--') {
      if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) throw new UsageError(`Unknown option "${token}".`);
      words.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const spec = known(name);
    if (!spec) throw new UsageError(`Unknown option "--${name}".`);
    let value: string | boolean;
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`The option --${name} takes no value.`);
      value = true;
    } else if (eq >= 0) {
      value = token.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`The option --${name} needs a value (${spec.placeholder ?? 'VALUE'}).`);
      value = argv[++i];
    }
    if (spec.repeatable) options[name] = [...((options[name] as string[] | undefined) ?? []), String(value)];
    else if (options[name] !== undefined && spec.type === 'string') throw new UsageError(`The option --${name} is given twice.`);
    else options[name] = value;
  }
  return { words, options };
}

/** Binds positional words to a command's arguments. */
export function bindArgs(command: CommandSpec, words: string[]): Record<string, string | string[] | undefined> {
  const specs = command.args ?? [];
  const bound: Record<string, string | string[] | undefined> = {};
  let i = 0;
  for (const spec of specs) {
    if (spec.variadic) {
      bound[spec.name] = words.slice(i);
      i = words.length;
      break;
    }
    if (i >= words.length) {
      if (!spec.optional) throw new UsageError(`Missing ${spec.name}.`, command);
      continue;
    }
    bound[spec.name] = words[i++];
  }
  if (i < words.length) throw new UsageError(`Unexpected argument "${words[i]}".`, command);
  return bound;
}

export function usageLine(command: CommandSpec): string {
  const args = (command.args ?? []).map(a => (a.variadic ? `[${a.name}...]` : a.optional ? `[${a.name}]` : a.name));
  const options = Object.entries(command.options ?? {}).map(([name, o]) => {
    const text = o.type === 'boolean' ? `--${name}` : `--${name} ${o.placeholder ?? 'VALUE'}`;
    return o.required ? text : `[${text}${o.repeatable ? '...' : ''}]`;
  });
  return ['polyaxon-hub', ...command.path, ...args, ...options].join(' ');
}
