// Every naming rule of the product, in one place: slugs (orgs, teams, projects, models, components),
// version names, usernames and hub references `[owner/]name[:version]`.
// Rules follow Polyaxon (see ../shared/reference/polyaxon.md §1 and §2):
//  - slugs: Django's slug `^[-a-zA-Z0-9_]+\Z`, at most 128 characters, not a reserved word nor the
//    plural of one, compared case-insensitively (haupt `common/validation/blacklist.py`);
//  - version names: `^[-a-zA-Z0-9_.]+\Z`, at most 128 characters (haupt `project_versions.py`);
//  - hub references: split on `:` (more than one is invalid), version defaults to `latest`, the owner
//    may be separated by `/` or `.`, more than two parts is invalid (cli `versioned_entity.py`).
import { HubError } from './errors';

const SLUG = /^[-a-zA-Z0-9_]+$/;
const VERSION_NAME = /^[-a-zA-Z0-9_.]+$/;
const USERNAME = /^[-a-zA-Z0-9_.]+$/;
export const MAX_NAME_LENGTH = 128;

/** Polyaxon's reserved names (singular); each one's plural (`+s`) is reserved too. */
const RESERVED_SINGULAR = [
  'user',
  'profile',
  'preset',
  'admin',
  'root',
  'abstract',
  'experiment',
  'gateway',
  'stream',
  'service',
  'project',
  'health',
  '50x',
  '404',
  '500',
  'rewrite-service',
  'permission',
  'healthz',
  'api',
  'polyaxon',
  'haupt',
  'dashboard',
  'index',
  'log',
  'metric',
  'portfolio',
  'public',
  'revision',
  'version',
  'support',
  'tryout',
  'output',
  'artifact',
  'data',
  'dataset',
  'secret',
  'config_map',
  'pod',
  'deployment',
  'model',
  'management',
  'dependency',
  'dependencie',
  'repo',
  'cluster',
  'event',
  'manage',
  'login',
  'account',
  'register',
  'accept',
  'organization',
  'org',
  'team',
  'help',
  'doc',
  'logout',
  'static',
  '_static',
  'statusz',
  'status',
  'statuses',
  '_status',
  'out',
  'debug',
  'remote',
  'cli',
  'blog',
  'welcome',
  'feature',
  'customer',
  'integration',
  'signup',
  'pricing',
  'subscribe',
  'enterprise',
  'about',
  'job',
  'run',
  'thank',
  'guide',
  'privacy',
  'security',
  'term',
  'from',
  'sponsorship',
  'for',
  'at',
  'vs',
  '_admin',
  'contact',
  'bookmark',
  'pipeline',
  'dag',
  'operation',
  'component',
  'action',
  'hook',
  'monitor',
  'setting',
  'hub',
  'registry',
  'registrie',
  'legal',
  'avatar',
  'self',
  'this',
  'name',
  'list',
  'detail',
  'update',
  'create',
  'delete',
  'get',
  'fetch',
  'query',
  'put',
  'patch',
  'member',
  'new',
  'archive',
  'restore',
  'catalog',
  'auth',
  'activity',
  'activitie',
  'history',
  'analytic',
];
/** Every reserved name, lower case: the words above and their plurals. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(RESERVED_SINGULAR.flatMap(w => [w, `${w}s`]));

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name.toLowerCase());
}

/**
 * Why `name` is not a valid slug for an org/team/project/model/component, or undefined when it is.
 * `reserved: false` skips the reserved words (for names that never appear in Polyaxon URLs: connections).
 */
export function slugProblem(name: string, what = 'name', options: { reserved?: boolean } = {}): string | undefined {
  if (!name) return `The ${what} is empty.`;
  if (name.length > MAX_NAME_LENGTH) return `The ${what} has ${name.length} characters; at most ${MAX_NAME_LENGTH} are allowed.`;
  if (!SLUG.test(name)) return `The ${what} "${name}" may contain only letters, digits, "-" and "_".`;
  if (options.reserved !== false && isReservedName(name)) return `"${name}" is a reserved word and cannot be used as a ${what}.`;
  return undefined;
}

/** Whether `rows` hold a record called `name` in any case (other than `except`): names differing only in case collide. */
export function nameTaken<T extends { name: string }>(rows: readonly T[], name: string, except?: T): boolean {
  const wanted = name.toLowerCase();
  return rows.some(r => r !== except && r.name.toLowerCase() === wanted);
}

/** The record of `rows` whose name equals `name` in another case (`Acme` for `acme`), if any. */
function caseTwin<T extends { name: string }>(rows: readonly T[], name: string, except?: T): T | undefined {
  const wanted = name.toLowerCase();
  return rows.find(r => r !== except && r.name !== name && r.name.toLowerCase() === wanted);
}

/**
 * What a not-found message adds when the name exists in another case: lookups are exact, but creating
 * `acme` beside `Acme` is refused, so both must point at the one name there is.
 */
export function caseHint<T extends { name: string }>(rows: readonly T[], name: string): string {
  const twin = caseTwin(rows, name);
  return twin ? ` There is "${twin.name}": names that differ only in case are one name; write it as "${twin.name}".` : '';
}

/** The not-found refusal `sentence` for `name` among the records an org holds, with the case hint when one matches. */
export function notFoundInOrg<T extends { org: string; name: string }>(rows: readonly T[], org: string, name: string, sentence: string): HubError {
  return new HubError(
    `${sentence}${caseHint(
      rows.filter(r => r.org === org),
      name,
    )}`,
    'not-found',
  );
}

/** The "already exists" sentence for `name`, naming the record as it was created (`Acme` when `acme` was asked). */
function existsMessage<T extends { name: string }>(rows: readonly T[], name: string, sentence: (name: string) => string, except?: T): string {
  const twin = caseTwin(rows, name, except);
  return twin ? `${sentence(twin.name)} Names that differ only in case are one name.` : sentence(name);
}

/** Refuses `name` when `rows` hold it in any case (but `except`, the record being renamed), with the exists message. */
export function assertNameFree<T extends { name: string }>(
  rows: readonly T[],
  name: string,
  sentence: (name: string) => string,
  except?: T,
  code = 'exists',
): void {
  if (nameTaken(rows, name, except)) throw new HubError(existsMessage(rows, name, sentence, except), code);
}

export function assertSlug(name: string, what = 'name', options: { reserved?: boolean } = {}): void {
  const problem = slugProblem(name, what, options);
  if (problem) throw new HubError(problem, 'invalid-name');
}

/** Why `name` is not a valid version name (`v1.0`, `latest`, `2024-01-02_rc.1`), or undefined. */
export function versionNameProblem(name: string, what = 'version name'): string | undefined {
  if (!name) return `The ${what} is empty.`;
  if (name.length > MAX_NAME_LENGTH) return `The ${what} has ${name.length} characters; at most ${MAX_NAME_LENGTH} are allowed.`;
  if (!VERSION_NAME.test(name)) return `The ${what} "${name}" may contain only letters, digits, "-", "_" and ".".`;
  // version names become folder names (download, export, pull): these two would mean "here" and "the parent"
  if (name === '.' || name === '..') return `The ${what} "${name}" is not allowed: "." and ".." name folders, not versions.`;
  return undefined;
}

export function assertVersionName(name: string, what = 'version name'): void {
  const problem = versionNameProblem(name, what);
  if (problem) throw new HubError(problem, 'invalid-name');
}

/**
 * Usernames are identities, not resource names: letters, digits, `-`, `_` and `.`, at most 128, and
 * reserved words are allowed (an OS user called `root` or `admin` must be able to use the tool).
 */
export function usernameProblem(name: string): string | undefined {
  if (!name) return 'The username is empty.';
  if (name.length > MAX_NAME_LENGTH) return `The username has ${name.length} characters; at most ${MAX_NAME_LENGTH} are allowed.`;
  if (!USERNAME.test(name)) return `The username "${name}" may contain only letters, digits, "-", "_" and ".".`;
  if (name === '.' || name === '..') return `The username "${name}" is not allowed.`;
  return undefined;
}

/** Lower-cases a username so `Jane` and `jane` are one user. Does not validate. */
export function normalizeUsername(name: string): string {
  return name.trim().toLowerCase();
}

/** Turns free text (an e-mail's local part, an OS login) into a valid username: `Jane Doe` → `jane-doe`. */
export function usernameFrom(text: string): string {
  const slug = text
    .trim()
    .toLowerCase()
    .replace(/[^-a-z0-9_.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_LENGTH);
  return slug || 'user';
}

// ---- hub references -----------------------------------------------------------------------------

/** The owner Polyaxon uses when a hub reference has none: its public hub. */
export const PUBLIC_HUB_OWNER = 'polyaxon';
export const DEFAULT_VERSION = 'latest';

export interface HubRef {
  owner: string;
  name: string;
  version: string;
  /** whether the owner was written in the reference (false: the default owner was used) */
  explicitOwner: boolean;
  /** whether the version was written in the reference (false: `latest`) */
  explicitVersion: boolean;
}

/**
 * Parses `[owner/]name[:version]` exactly as Polyaxon does (`tensorboard`, `tensorboard:v1`,
 * `acme/tensorboard:v1`, `acme.tensorboard`), then checks that the parts are valid names. An empty
 * version (`name:`) means `latest`, like Polyaxon. Invalid forms (`a:b:c`, `a/b/c`, `a.b.c`, ``)
 * throw Polyaxon's message, "Received an invalid component reference: `X`", followed by the reason.
 */
export function parseHubRef(ref: string, defaultOwner = PUBLIC_HUB_OWNER, entity = 'component'): HubRef {
  const invalid = (why: string) => new HubError(`Received an invalid ${entity} reference: \`${ref}\`. ${why}`, 'invalid-reference');
  if (!ref) throw invalid('It is empty.');
  const colon = ref.split(':');
  if (colon.length > 2) throw invalid('It may contain at most one ":" (between the name and the version).');
  const namespace = colon[0];
  const explicitVersion = colon.length === 2 && colon[1] !== '';
  const version = explicitVersion ? colon[1] : DEFAULT_VERSION;
  const parts = namespace.replace(/\./g, '/').split('/');
  if (parts.length > 2) throw invalid('It may have at most two parts, owner and name ("owner/name" or "owner.name").');
  const [owner, name] = parts.length === 2 ? parts : [defaultOwner, parts[0]];
  // Polyaxon stops here; these checks make sure the parts can name a real owner, component and version.
  if (!owner) throw invalid('The owner is empty.');
  if (!name) throw invalid('The name is empty.');
  if (!SLUG.test(owner) || owner.length > MAX_NAME_LENGTH) throw invalid(`The owner "${owner}" is not a valid name (letters, digits, "-", "_").`);
  if (!SLUG.test(name) || name.length > MAX_NAME_LENGTH) throw invalid(`The name "${name}" is not a valid name (letters, digits, "-", "_").`);
  const versionIssue = versionNameProblem(version);
  if (versionIssue) throw invalid(versionIssue);
  return { owner, name, version, explicitOwner: parts.length === 2, explicitVersion };
}

/**
 * Parses `ORG/NAME[:VERSION]`, where the owner is required (our hubs have no default owner); throws a
 * usage-style HubError when it is missing. `version` is undefined when none was written (`latest`).
 */
export function parseOrgRef(text: string, entity = 'component', example = 'acme/tensorboard:v1'): { org: string; name: string; version?: string } {
  const trimmed = text.trim();
  if (!/^[^:/.]+[/.][^:]/.test(trimmed)) {
    throw new HubError(`"${text}" does not name an organization: write ORG/NAME or ORG/NAME:VERSION (for example ${example}).`, 'invalid-reference');
  }
  const ref = parseHubRef(trimmed, '', entity);
  return { org: ref.owner, name: ref.name, version: ref.explicitVersion ? ref.version : undefined };
}

/** `parseOrgRef` for a component reference, in the Component Hub's field names. */
export function parseComponentRef(text: string): { org: string; component: string; version?: string } {
  const ref = parseOrgRef(text);
  return { org: ref.org, component: ref.name, version: ref.version };
}

/** `owner/name:version`; with `short`, the owner is left out when it is `defaultOwner` and the version when it is `latest`. */
export function formatHubRef(ref: Pick<HubRef, 'owner' | 'name' | 'version'>, options: { short?: boolean; defaultOwner?: string } = {}): string {
  const defaultOwner = options.defaultOwner ?? PUBLIC_HUB_OWNER;
  const owner = options.short && ref.owner === defaultOwner ? '' : `${ref.owner}/`;
  const version = options.short && ref.version === DEFAULT_VERSION ? '' : `:${ref.version}`;
  return `${owner}${ref.name}${version}`;
}
