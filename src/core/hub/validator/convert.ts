// How Polyaxon converts an IO `value` to its `type` (clipped ConfigParser.parse, polyaxon/types.py
// MAPPING, pydantic v2 in lax mode), measured against polyaxon 2.16.4 itself:
// - a type name maps to a class (str → GenericStr, which takes anything; path → str; image → ImageStr;
//   date and datetime → date; file, git, … → their V1*Type models); any other type text is evaluated as
//   a Python type expression (int, List[float], Dict[str, int], Optional[int]); a name it cannot resolve
//   (auth, dict_of_dicts, Union[…], Tuple[…], a typo, a `{{ }}`) fails for every value;
// - unless the class is one of clipped's NON_LOADABLE ones, a string value is first read as JSON
//   ("12" → 12, "[1, 2]" → a list; "x" fails);
// - `isList: true` makes it List[class].
// The same models check an init entry's `file`, `git`, … (they are the same pydantic classes).
import { PyDate } from './pyyaml';

type PyType =
  | { k: 'any' }
  | { k: 'genericStr' }
  | { k: 'str' }
  | { k: 'strictStr' }
  | { k: 'int' }
  | { k: 'strictInt' }
  | { k: 'float' }
  | { k: 'bool' }
  | { k: 'dict'; key?: PyType; value?: PyType }
  | { k: 'list'; item?: PyType }
  | { k: 'optional'; inner: PyType }
  | { k: 'union'; of: PyType[] }
  | { k: 'date' }
  | { k: 'uuid' }
  | { k: 'uri' }
  | { k: 'image' }
  | { k: 'gcs' }
  | { k: 's3' }
  | { k: 'wasb' }
  | { k: 'timedelta' }
  | { k: 'ref' }
  | { k: 'model'; name: string; fields: Record<string, { t: PyType; required?: boolean; alias?: string }> }
  | { k: 'enum'; values: readonly string[] }
  | { k: 'never'; why: string };

/** traceml V1ArtifactKind (a file init's `kind`). */
const ARTIFACT_KINDS = [
  'model',
  'audio',
  'video',
  'histogram',
  'image',
  'tensor',
  'dataframe',
  'chart',
  'csv',
  'tsv',
  'psv',
  'ssv',
  'metric',
  'env',
  'html',
  'text',
  'file',
  'dir',
  'dockerfile',
  'docker_image',
  'data',
  'coderef',
  'table',
  'tensorboard',
  'curve',
  'confusion',
  'analysis',
  'iteration',
  'markdown',
  'system',
  'artifact',
  'span',
];

const ref: PyType = { k: 'ref' };
const strict: PyType = { k: 'strictStr' };
const opt = (t: PyType): PyType => ({ k: 'union', of: [t, ref] });
const strictList: PyType = { k: 'list', item: strict };

/** polyaxon/_schemas/types/*.py (extra="forbid"; camelCase aliases and snake_case names). */
export const MODELS: Record<string, PyType & { k: 'model' }> = {
  file: {
    k: 'model',
    name: 'V1FileType',
    fields: {
      kind: { t: opt({ k: 'enum', values: ARTIFACT_KINDS }) },
      content: { t: { k: 'str' }, required: true },
      filename: { t: strict },
      chmod: { t: strict },
    },
  },
  tensorboard: {
    k: 'model',
    name: 'V1TensorboardType',
    fields: {
      port: { t: opt({ k: 'strictInt' }) },
      uuids: { t: opt({ k: 'list', item: { k: 'uuid' } }) },
      use_names: { t: opt({ k: 'bool' }), alias: 'useNames' },
      path_prefix: { t: strict, alias: 'pathPrefix' },
      plugins: { t: opt(strictList) },
    },
  },
  dockerfile: {
    k: 'model',
    name: 'V1DockerfileType',
    fields: {
      image: { t: { k: 'str' }, required: true },
      env: { t: { k: 'union', of: [{ k: 'dict', key: { k: 'str' } }, { k: 'list', item: { k: 'list', item: { k: 'str' } } }, ref] } },
      path: { t: opt(strictList) },
      copy: { t: opt({ k: 'list', item: { k: 'union', of: [strict, strictList] } }) },
      post_run_copy: { t: opt({ k: 'list', item: { k: 'union', of: [strict, strictList] } }), alias: 'postRunCopy' },
      run: { t: opt(strictList) },
      lang_env: { t: strict, alias: 'langEnv' },
      uid: { t: opt({ k: 'int' }) },
      gid: { t: opt({ k: 'int' }) },
      username: { t: strict },
      filename: { t: strict },
      workdir: { t: strict },
      workdir_path: { t: strict, alias: 'workdirPath' },
      shell: { t: strict },
    },
  },
  git: { k: 'model', name: 'V1GitType', fields: { url: { t: strict }, revision: { t: strict }, flags: { t: opt(strictList) } } },
  event: { k: 'model', name: 'V1EventType', fields: { name: { t: strict }, kind: { t: strict } } },
  artifacts: {
    k: 'model',
    name: 'V1ArtifactsType',
    fields: {
      files: { t: opt({ k: 'list', item: { k: 'union', of: [{ k: 'str' }, { k: 'list', item: { k: 'str' } }] } }) },
      dirs: { t: opt({ k: 'list', item: { k: 'union', of: [{ k: 'str' }, { k: 'list', item: { k: 'str' } }] } }) },
      workers: { t: opt({ k: 'strictInt' }) },
    },
  },
};

/** polyaxon.types.MAPPING: the IO type names with a class of their own. */
const MAPPED: Record<string, PyType> = {
  any: { k: 'any' },
  str: { k: 'genericStr' },
  path: { k: 'str' },
  image: { k: 'image' },
  uri: { k: 'uri' },
  gcs: { k: 'gcs' },
  s3: { k: 's3' },
  wasb: { k: 'wasb' },
  metric: { k: 'float' },
  metadata: { k: 'dict' },
  uuid: { k: 'uuid' },
  date: { k: 'date' },
  datetime: { k: 'date' },
  timedelta: { k: 'timedelta' },
  email: { k: 'never', why: 'the `email` type needs a package Polyaxon does not install' },
  ...MODELS,
};
/** clipped.types.NON_LOADABLE, by type name: their string values are not read as JSON first. */
const NON_LOADABLE = new Set(['str', 'path', 'datetime', 'date', 's3', 'gcs', 'wasb', 'image', 'uri', 'email', 'bool', 'timedelta', 'any', 'Any', 'uuid']);

/** Names a type expression can use (builtins, typing, polyaxon.types.FORWARDING). */
const NAMES: Record<string, PyType> = {
  int: { k: 'int' },
  float: { k: 'float' },
  bool: { k: 'bool' },
  str: { k: 'str' },
  dict: { k: 'dict' },
  list: { k: 'list' },
  tuple: { k: 'list' },
  set: { k: 'list' },
  List: { k: 'list' },
  Dict: { k: 'dict' },
  Any: { k: 'any' },
  StrictStr: strict,
  StrictInt: { k: 'strictInt' },
  StrictFloat: { k: 'float' },
  StrictBool: { k: 'bool' },
  GenericStr: { k: 'genericStr' },
  ImageStr: { k: 'image' },
  Uri: { k: 'uri' },
  UUIDStr: { k: 'uuid' },
  GcsPath: { k: 'gcs' },
  S3Path: { k: 's3' },
  WasbPath: { k: 'wasb' },
  V1FileType: MODELS.file,
  V1TensorboardType: MODELS.tensorboard,
  V1DockerfileType: MODELS.dockerfile,
  V1GitType: MODELS.git,
  V1EventType: MODELS.event,
  V1ArtifactsType: MODELS.artifacts,
};

const GENERIC = /^([A-Za-z_][A-Za-z0-9_]*)\s*\[(.*)\]$/;

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0,
    cur = '';
  for (const ch of s) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const never = (why: string): PyType => ({ k: 'never', why });

/** A Python type expression, as pydantic would evaluate it in Polyaxon's namespace. */
function expression(t: string, depth = 0): PyType {
  const s = t.trim();
  if (depth > 8) return never('the type is nested too deeply');
  if (NAMES[s]) return NAMES[s];
  const m = GENERIC.exec(s);
  if (!m) return never(`Polyaxon cannot resolve the type \`${s}\``);
  const args = splitArgs(m[2]).map(a => expression(a, depth + 1));
  const bad = args.find(a => a.k === 'never');
  if (bad) return bad;
  switch (m[1]) {
    case 'List':
    case 'list':
      return args.length === 1 ? { k: 'list', item: args[0] } : never(`\`${s}\` needs one item type`);
    case 'Dict':
    case 'dict':
      return args.length === 2 ? { k: 'dict', key: args[0], value: args[1] } : never(`\`${s}\` needs a key and a value type`);
    case 'Optional':
      return args.length === 1 ? { k: 'optional', inner: args[0] } : never(`\`${s}\` needs one type`);
    default:
      return never(`Polyaxon cannot resolve the type \`${s}\` (${m[1]} is not available to it)`);
  }
}

/** The class ConfigParser.parse validates against, and whether string values are read as JSON first. */
function resolveIoType(type: string, isList: boolean): { t: PyType; loadable: boolean } {
  const base = MAPPED[type] ?? expression(type);
  // an unresolvable type fails even for an empty list
  const t: PyType = isList && base.k !== 'never' ? { k: 'list', item: base } : base;
  return { t, loadable: isList || !NON_LOADABLE.has(type.trim()) };
}

type Conversion = { ok: true; value: unknown } | { ok: false; why: string };

/** ConfigParser.parse(type)(value, is_list): the parsed value, or why Polyaxon cannot convert it. */
export function convertIoValue(type: string, value: unknown, isList: boolean): Conversion {
  const { t, loadable } = resolveIoType(type, isList);
  if (t.k === 'never') return { ok: false, why: t.why };
  let v = value;
  if (loadable && typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return { ok: false, why: 'Polyaxon reads a string value of this type as JSON, and it is not JSON' };
    }
  }
  const why = check(t, v);
  if (why !== undefined) return { ok: false, why };
  // GenericStr turns numbers, lists and mappings into their JSON text (what validation then sees)
  if (t.k === 'genericStr') return { ok: true, value: genericStr(v) };
  if (t.k === 'list' && t.item?.k === 'genericStr' && Array.isArray(v)) return { ok: true, value: v.map(genericStr) };
  return { ok: true, value: v };
}

function genericStr(v: unknown): unknown {
  if (v === null || typeof v === 'string') return v;
  if (v instanceof PyDate) return v.toISOString().slice(0, 10);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Set);
const TEMPLATE = /\{\{\s*(.+)\s*\}\}/;
const BOOL_STR = new Set(['0', 'off', 'f', 'false', 'n', 'no', '1', 'on', 't', 'true', 'y', 'yes']);
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp']);

/** pydantic v2 lax validation of a plain value; undefined when it passes, else why not. */
function check(t: PyType, v: unknown): string | undefined {
  switch (t.k) {
    case 'any':
    case 'genericStr':
      return undefined;
    case 'never':
      return t.why;
    case 'ref':
      return typeof v === 'string' && TEMPLATE.test(v) ? undefined : 'it must be a `{{ … }}` template';
    case 'str':
    case 'strictStr':
      return typeof v === 'string' ? undefined : 'it must be a string';
    case 'enum':
      return typeof v === 'string' && t.values.includes(v)
        ? undefined
        : `it must be one of ${t.values
            .slice(0, 8)
            .map(x => `\`${x}\``)
            .join(', ')}, …`;
    case 'int':
      if (typeof v === 'boolean') return undefined;
      if (typeof v === 'number') return Number.isInteger(v) ? undefined : 'it must be an integer';
      if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return undefined;
      return 'it must be an integer';
    case 'strictInt':
      return typeof v === 'number' && Number.isInteger(v) ? undefined : 'it must be an integer';
    case 'float':
      if (typeof v === 'boolean' || typeof v === 'number') return undefined;
      if (typeof v === 'string' && v.trim() !== '' && (!Number.isNaN(Number(v)) || /^\s*[-+]?(inf|infinity|nan)\s*$/i.test(v))) return undefined;
      return 'it must be a number';
    case 'bool':
      if (typeof v === 'boolean' || v === 0 || v === 1) return undefined;
      if (typeof v === 'string' && BOOL_STR.has(v.trim().toLowerCase())) return undefined;
      return 'it must be true or false';
    case 'optional':
      return v === null ? undefined : check(t.inner, v);
    case 'union':
      return t.of.some(o => check(o, v) === undefined) ? undefined : check(t.of[0], v);
    case 'list': {
      const items = Array.isArray(v) ? v : v instanceof Set ? [...v] : undefined;
      if (!items) return 'it must be a list';
      if (!t.item) return undefined;
      for (let i = 0; i < items.length; i++) {
        const w = check(t.item, items[i]);
        if (w) return `item ${i + 1}: ${w}`;
      }
      return undefined;
    }
    case 'dict': {
      if (!isObj(v)) return 'it must be a mapping';
      for (const [k, x] of Object.entries(v)) {
        if (t.key && check(t.key, k)) return `key \`${k}\`: ${check(t.key, k)}`;
        if (t.value) {
          const w = check(t.value, x);
          if (w) return `key \`${k}\`: ${w}`;
        }
      }
      return undefined;
    }
    case 'date':
      if (v instanceof PyDate) return undefined;
      if (v instanceof Date) return v.getTime() % 86_400_000 === 0 ? undefined : 'it must be a date (a datetime with a time is not one)';
      if (typeof v === 'number' && Number.isInteger(v)) return v % 86_400 === 0 ? undefined : 'a number here is a Unix time, and it must fall on midnight';
      if (
        typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
        new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
      ) {
        return undefined;
      }
      return 'it must be a date (`YYYY-MM-DD`)';
    case 'uuid': {
      if (typeof v !== 'string') return 'it must be a UUID';
      const hex = v
        .trim()
        .replace(/^urn:uuid:/i, '')
        .replace(/^\{(.*)\}$/, '$1')
        .replace(/-/g, '');
      return /^[0-9a-f]{32}$/i.test(hex) ? undefined : 'it must be a UUID';
    }
    case 'uri': {
      if (typeof v !== 'string') return 'it must be a URL';
      const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(v.trim());
      if (!m) return 'it must be a URL with a scheme (e.g. `https://…`)';
      if (SPECIAL_SCHEMES.has(m[1].toLowerCase()) && !/^\/*[^/?#\s]+/.test(m[2])) return 'the URL has no host';
      return undefined;
    }
    case 'image':
      return imageWhy(v);
    case 'gcs':
    case 's3':
      return bucketWhy(t.k, v);
    case 'wasb': {
      const s = String(v);
      const u = urlParts(s);
      if (!u) return 'it must be a `wasbs://<container>@<account>.blob.core.windows.net/…` URL';
      if (u.scheme === 'wasb' || u.scheme === 'wasbs') {
        return /^[^@]+@[^.]+\.blob\.core\.windows\.net/.test(u.netloc) ? undefined : 'it must be of the form `<container>@<account>.blob.core.windows.net`';
      }
      if (u.scheme === 'https') {
        return /^[^@]+\.blob\.core\.windows\.net/.test(u.netloc) ? undefined : 'it must be of the form `<container>.blob.core.windows.net`';
      }
      return 'it must be a `wasbs://` URL';
    }
    case 'timedelta':
      return typeof v === 'number' ? undefined : 'it must be a duration in seconds';
    case 'model':
      return modelWhy(t, v);
  }
}

/** The first problem of a mapping against a V1*Type model, with the field it is about. */
export function modelProblem(t: PyType & { k: 'model' }, v: unknown): { field?: string; why: string; kind: 'unknown' | 'missing' | 'type' } | undefined {
  if (!isObj(v)) return { why: `it must be a mapping (${t.name})`, kind: 'type' };
  const byName = new Map<string, string>();
  for (const [name, f] of Object.entries(t.fields)) {
    byName.set(name, name);
    if (f.alias) byName.set(f.alias, name);
  }
  for (const k of Object.keys(v)) {
    if (!byName.has(k)) {
      return {
        field: k,
        kind: 'unknown',
        why: `\`${k}\` is not a field of ${t.name} (fields: ${Object.entries(t.fields)
          .map(([n, f]) => f.alias ?? n)
          .join(', ')})`,
      };
    }
  }
  for (const [name, f] of Object.entries(t.fields)) {
    const key = f.alias !== undefined && f.alias in v ? f.alias : name;
    const x = v[key];
    if (x === undefined || x === null) {
      if (f.required) return { field: f.alias ?? name, kind: 'missing', why: `${t.name} needs \`${f.alias ?? name}\`` };
      continue;
    }
    const w = check(f.t, x);
    if (w) return { field: key, kind: 'type', why: `\`${key}\`: ${w}` };
  }
  return undefined;
}

const modelWhy = (t: PyType & { k: 'model' }, v: unknown) => modelProblem(t, v)?.why;

/** clipped validate_image. */
function imageWhy(value: unknown): string | undefined {
  let image = value;
  if (isObj(image)) image = image.name;
  if (image === undefined || image === null || image === '' || image === false || image === 0) return 'an image is required';
  if (typeof image !== 'string') return 'an image must be a string';
  if (TEMPLATE.test(image)) return undefined;
  if (image.includes(' ')) return `\`${image}\` is not a docker image (it has a space)`;
  const parts = pyStrip(image, 'https://').split(':');
  if (parts.length > 3) return `\`${image}\` is not a docker image`;
  if (parts.length === 3 && (!parts[1].includes('/') || parts[1].startsWith('/'))) return `\`${image}\` is not a docker image`;
  return undefined;
}

/** Python's str.strip(chars): drops any of those characters from both ends. */
function pyStrip(s: string, chars: string): string {
  let a = 0,
    b = s.length;
  while (a < b && chars.includes(s[a])) a++;
  while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** urllib.parse.urlparse's scheme and netloc (enough for the bucket checks). */
function urlParts(s: string): { scheme: string; netloc: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(s);
  if (!m) return { scheme: '', netloc: '' };
  const rest = m[2];
  const netloc = rest.startsWith('//') ? rest.slice(2).split(/[/?#]/)[0] : '';
  return { scheme: m[1].toLowerCase(), netloc };
}

function bucketWhy(kind: 'gcs' | 's3', value: unknown): string | undefined {
  const schemes = kind === 'gcs' ? ['gs', 'gcs'] : ['s3'];
  let v = value;
  if (isObj(v)) {
    const bucket = v.bucket;
    if (!bucket) return 'a bucket mapping needs a `bucket`';
    v = typeof bucket === 'string' && !bucket.includes('://') ? `${schemes[0]}://${bucket}` : bucket;
  }
  const u = urlParts(typeof v === 'string' ? v : pyStr(v));
  if (!u || !schemes.includes(u.scheme)) return `it must be a \`${schemes[0]}://bucket/path\` URL`;
  if (!u.netloc) return 'the URL must include a bucket name';
  return undefined;
}

const pyStr = (v: unknown): string =>
  v === true ? 'True' : v === false ? 'False' : v === null ? 'None' : typeof v === 'object' ? JSON.stringify(v) : String(v);
