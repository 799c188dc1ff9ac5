// The parser setup that reads a file the way Polyaxon does: PyYAML's `safe_load` (YAML 1.1). The `yaml`
// package gives exact ranges, but on its own it reads some scalars differently (`1e3`, `08`, `y`) and
// refuses flow collections that PyYAML loads; this module closes both gaps:
// - PYYAML_TAGS: the implicit resolvers of PyYAML 6 (resolver.py) and its constructors (constructor.py);
// - relaxFlowIndentation: PyYAML ignores indentation inside `[ … ]`/`{ … }` and multi-line quoted
//   scalars, the `yaml` package does not; continuation lines there are indented (whitespace that the
//   scalar folding drops anyway), and an offset map keeps every range pointing into the original text.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type ScalarTag, type Tags } from 'yaml';

const TAG = (name: string) => `tag:yaml.org,2002:${name}`;

// PyYAML resolver.py, verbatim (re.X whitespace removed)
const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP_RE =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const TIMESTAMP_PARTS =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

/** A PyYAML `datetime.date` (no time part): kept apart from a datetime, as Python does. */
export class PyDate extends Date {
  readonly dateOnly = true;
}

/** construct_yaml_int: `_` dropped, 0b / 0x / leading-0 octal / base-60. */
function constructInt(src: string): number {
  let s = src.replace(/_/g, '');
  let sign = 1;
  if (s[0] === '-') sign = -1;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  if (s === '0') return 0;
  if (s.startsWith('0b')) return sign * parseInt(s.slice(2), 2);
  if (s.startsWith('0x')) return sign * parseInt(s.slice(2), 16);
  if (s.includes(':')) return sign * s.split(':').reduce((acc, d) => acc * 60 + Number(d), 0);
  if (s[0] === '0') return sign * parseInt(s, 8);
  return sign * Number(s);
}

/** construct_yaml_float. */
function constructFloat(src: string): number {
  let s = src.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (s[0] === '-') sign = -1;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  if (s === '.inf') return sign * Infinity;
  if (s === '.nan') return NaN;
  if (s.includes(':')) return sign * s.split(':').reduce((acc, d) => acc * 60 + Number(d), 0);
  return sign * Number(s);
}

/** construct_yaml_timestamp; an impossible date (month 13) fails the whole load, as datetime() does. */
function constructTimestamp(src: string, onError: (msg: string) => void): Date | string {
  const m = TIMESTAMP_PARTS.exec(src);
  if (!m) return src;
  const [, y, mo, d, h, mi, s, frac, tz, tzSign, tzH, tzM] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1) {
    onError(`the date \`${src}\` does not exist (PyYAML: "day is out of range for month" or similar)`);
    return src;
  }
  if (h === undefined) return new PyDate(Date.UTC(year, month - 1, day));
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    onError(`the time in \`${src}\` does not exist`);
    return src;
  }
  let ms = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), Math.floor(Number(`0.${frac ?? '0'}`) * 1000));
  if (tz && tz !== 'Z') ms -= (tzSign === '-' ? -1 : 1) * (Number(tzH) * 60 + Number(tzM ?? 0)) * 60_000;
  return new Date(ms);
}

/** Scalar.format of a PyYAML float: a JS number cannot tell 4000.0 from 4000, Python (and StrictInt) can. */
export const PY_FLOAT = 'PYFLOAT';

const scalar = (name: string, test: RegExp, resolve: ScalarTag['resolve'], identify: (v: unknown) => boolean, format?: string): ScalarTag => ({
  tag: TAG(name),
  default: true,
  test,
  resolve,
  identify,
  ...(format ? { format } : {}),
});

/** Plain scalars that PyYAML's safe constructor refuses (`=` is the YAML 1.1 value key, `<<` outside a key). */
const REFUSED_PLAIN: ScalarTag = {
  tag: TAG('value'),
  default: true,
  test: /^=$/,
  identify: () => false,
  resolve: (src, onError) => {
    onError('`=` on its own is the YAML 1.1 "value" key, which PyYAML cannot load; quote it (`"="`)');
    return src;
  },
};

const PYYAML_SCALARS: ScalarTag[] = [
  // PyYAML tries them in this order for a given first character
  scalar(
    'bool',
    BOOL_RE,
    s => /^(?:yes|true|on)$/i.test(s),
    v => typeof v === 'boolean',
  ),
  scalar(
    'float',
    FLOAT_RE,
    s => constructFloat(s),
    v => typeof v === 'number' && !Number.isInteger(v),
    PY_FLOAT,
  ),
  scalar(
    'int',
    INT_RE,
    s => constructInt(s),
    v => typeof v === 'number' && Number.isInteger(v),
  ),
  scalar(
    'null',
    NULL_RE,
    () => null,
    v => v === null,
  ),
  scalar(
    'timestamp',
    TIMESTAMP_RE,
    (s, onError) => constructTimestamp(s, onError),
    v => v instanceof Date,
  ),
  REFUSED_PLAIN,
];

/**
 * A plain scalar whose first character starts no implicit type is a string, as in PyYAML, whose resolvers are
 * looked up by first character. Tried first, it spares most scalars (`python`, `image`, `/app`) the tests of every
 * other tag. The characters are those of the patterns above and of `<<` (merge) and `=`.
 */
const PLAIN_STRING: ScalarTag = {
  tag: TAG('str'),
  default: true,
  test: /^[^-+.0-9~nNyYtTfFoO=<]/,
  resolve: s => s,
  // never chosen to write a value: the `yaml` package's own str tag does that
  identify: () => false,
};

const REPLACED = new Set(['bool', 'float', 'int', 'null', 'timestamp'].map(TAG));

/** The YAML 1.1 tags of the `yaml` package with the scalar resolvers swapped for PyYAML's. */
function pyyamlTags(tags: Tags): Tags {
  const kept = tags.filter(t => typeof t === 'string' || !REPLACED.has(t.tag));
  // scalars first: the `yaml` package tries default tags in order
  return [PLAIN_STRING, ...PYYAML_SCALARS, ...kept];
}

const PARSE_OPTIONS = { version: '1.1', customTags: pyyamlTags, merge: true } as const;

/** A parsed file: the document of the relaxed text, and the map from its offsets back to the file's. */
interface PyYamlParse {
  doc: Document;
  /** offset in the parsed (relaxed) text → offset in the original text */
  toOriginal: (offset: number) => number;
  /** what stops PyYAML from loading the file, at offsets of the original text; empty when it loads */
  errors: PyYamlError[];
}

interface PyYamlError {
  /** yaml-syntax: PyYAML's scanner or parser fails ("Received non valid yaml"); yaml-unloadable: its constructor does */
  code: 'yaml-syntax' | 'yaml-unloadable';
  start: number;
  end: number;
  message: string;
  /** the `yaml` package's error code, when it found it */
  yamlCode?: string;
}

export function parsePyYaml(text: string): PyYamlParse {
  const relaxed = relaxFlowIndentation(text);
  const doc = parseDocument(relaxed.text, PARSE_OPTIONS);
  const map = relaxed.toOriginal;
  const errors: PyYamlError[] = [];
  for (const e of doc.errors) {
    // PyYAML keeps the last of duplicate keys: a warning, reported by the validator
    if (e.code === 'DUPLICATE_KEY') continue;
    if (e.code === 'MULTIPLE_DOCS' && onlyDocumentEnds(relaxed.text.slice(e.pos[0]))) continue;
    const unloadable = e.code === 'TAG_RESOLVE_FAILED' || e.code === 'BAD_ALIAS' || (e.code as string) === 'ALIAS_PROPS';
    errors.push({
      code: unloadable ? 'yaml-unloadable' : 'yaml-syntax',
      start: map(e.pos[0]),
      end: map(e.pos[1]),
      message: e.message.split('\n')[0],
      yamlCode: e.code,
    });
  }
  for (const t of relaxed.tabs) {
    if (!errors.some(e => e.start === t)) {
      errors.push({
        code: 'yaml-syntax',
        start: t,
        end: t + 1,
        message:
          'a tab character here cannot start any token (PyYAML allows tabs only inside quoted scalars, block scalars and comments; indent and separate with spaces)',
      });
    }
  }
  if (!errors.length) unhashableKeys(doc, map, errors);
  errors.sort((a, b) => a.start - b.start);
  return { doc, toOriginal: map, errors };
}

const DOCUMENT_END_LINE = /^(?:\.\.\.(?:[ \t]+#.*)?|[ \t]*(?:#.*)?)[ \t]*\r?$/;

/**
 * True when what follows the document holds only more `...` markers, comments and blank lines: PyYAML's
 * parser skips repeated document ends (parse_document_start), the `yaml` package counts each as a document.
 */
function onlyDocumentEnds(rest: string): boolean {
  return rest.split('\n').every(l => DOCUMENT_END_LINE.test(l));
}

/** A mapping or a list used as a key (`{{ x }}` unquoted is one): PyYAML's "found unhashable key". */
function unhashableKeys(doc: Document, map: (o: number) => number, errors: PyYamlError[]): void {
  const seen = new Set<unknown>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (isMap(n)) {
      for (const p of n.items) {
        if (isMap(p.key) || isSeq(p.key)) {
          const r = (p.key as { range?: [number, number, number] }).range;
          errors.push({
            code: 'yaml-unloadable',
            start: map(r?.[0] ?? 0),
            end: map(r?.[1] ?? 0),
            message:
              'a mapping or a list cannot be a key (PyYAML: "found unhashable key"); an unquoted `{{ … }}` template is a mapping: quote it (`"{{ … }}"`)',
          });
        }
        walk(p.key);
        walk(p.value);
      }
    } else if (isSeq(n)) {
      for (const i of n.items) walk(i);
    }
  };
  walk(doc.contents);
}

const identity = (o: number) => o;

/**
 * Indents the continuation lines of multi-line flow collections and quoted scalars past the column
 * of the line they started on (PyYAML does not look at indentation there; the `yaml` package does).
 * Returns the text unchanged (and the identity map) when nothing needed it — the common case.
 */
export function relaxFlowIndentation(text: string): { text: string; toOriginal: (offset: number) => number; tabs: number[] } {
  const tabs: number[] = [];
  if (!/[[{"'\t]/.test(text)) return { text, toOriginal: identity, tabs };
  const lines = text.split('\n');
  // inserts[i] = spaces added at the start of line i
  const inserts: { at: number; n: number }[] = [];
  let depth = 0; // flow nesting carried over from previous lines
  let quote: '"' | "'" | null = null; // a quoted scalar carried over
  let startIndent = 0; // column of the block the open construct began in
  let blockIndent = -1; // inside a block scalar: lines indented more than this are its content
  let offset = 0;
  for (const line of lines) {
    const indent = line.length - line.replace(/^[ ]+/, '').length;
    const blank = line.trim() === '';
    if (blockIndent >= 0) {
      if (blank || indent > blockIndent) {
        offset += line.length + 1;
        continue;
      }
      blockIndent = -1;
    }
    const open = depth > 0 || quote !== null;
    if (open && !blank && indent <= startIndent) inserts.push({ at: offset, n: startIndent + 1 - indent });
    // the column of the line's first token after any `- ` entries: the block the flow must be right of
    if (!open) startIndent = (/^[ ]*(?:-[ ]+)*/.exec(line) as RegExpExecArray)[0].length;
    // scan the line
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (quote === '"') {
        if (c === '\\') {
          i += 2;
          continue;
        }
        if (c === '"') quote = null;
        i++;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") {
          i += 2;
          continue;
        }
        if (c === "'") quote = null;
        i++;
        continue;
      }
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      // PyYAML's scanner skips only spaces between tokens: a tab outside a quoted or block scalar
      // (indentation, after `key:`, at the end of a line) "cannot start any token"
      if (c === '\t') {
        tabs.push(offset + i);
        i++;
        continue;
      }
      if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:-]/.test(line[i - 1]) || depth > 0)) {
        // a quote starts a scalar only at the start of a token
        const prev = line.slice(0, i).trimEnd();
        if (i === 0 || prev === '' || /[[{,:-]$/.test(prev) || /[?:-]$/.test(prev)) {
          quote = c;
          i++;
          continue;
        }
      }
      if (c === '[' || c === '{') {
        const prev = line.slice(0, i).trimEnd();
        // a flow collection starts a value (after `key:`, `- `, another flow indicator) or a line
        if (depth > 0 || prev === '' || /(^|\s)-$/.test(prev) || /:$/.test(prev) || /^-$/.test(prev)) depth++;
      } else if ((c === ']' || c === '}') && depth > 0) {
        depth--;
      }
      i++;
    }
    // `key: |` / `key: >-`: the following more-indented lines are a block scalar
    if (depth === 0 && quote === null && /(^|[\s:-])[|>][-+0-9]*\s*(#.*)?$/.test(line.replace(/\s+#.*$/, ''))) blockIndent = indent;
    offset += line.length + 1;
  }
  if (!inserts.length) return { text, toOriginal: identity, tabs };
  let out = '';
  let prev = 0;
  // where each run of inserted spaces sits in the relaxed text, and the total shift after it
  const starts: number[] = [];
  const after: number[] = [];
  let shift = 0;
  for (const ins of inserts) {
    out += text.slice(prev, ins.at) + ' '.repeat(ins.n);
    prev = ins.at;
    starts.push(ins.at + shift);
    shift += ins.n;
    after.push(shift);
  }
  out += text.slice(prev);
  const toOriginal = (o: number): number => {
    let lo = 0,
      hi = starts.length - 1,
      k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= o) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return o;
    const before = k > 0 ? after[k - 1] : 0;
    // inside the inserted spaces: the start of that line in the original
    return o < starts[k] + (after[k] - before) ? starts[k] - before : o - after[k];
  };
  return { text: out, toOriginal, tabs };
}

/** A Python float in pyyamlData's output (4000.0 is not the int 4000 there). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** The data PyYAML would build, for the YAML-layer differential test: last duplicate key wins, merges applied. */
export function pyyamlData(doc: Document): unknown {
  // aliases of aliases can make a tiny file exponentially large: past the budget, values read as empty
  let budget = 200_000;
  const walk = (n: unknown, depth: number): unknown => {
    if (depth > 200 || --budget < 0) return undefined;
    if (isAlias(n)) {
      try {
        return walk(n.resolve(doc), depth + 1);
      } catch {
        return undefined;
      }
    }
    if (isScalar(n)) return n.format === PY_FLOAT && typeof n.value === 'number' ? new PyFloat(n.value) : n.value;
    if (isSeq(n)) return n.items.map(i => walk(i, depth + 1));
    if (isMap(n)) {
      const out = new Map<unknown, unknown>();
      const merged = new Map<unknown, unknown>();
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const key = walk(p.key, depth + 1);
        if (key === '<<' && isScalar(p.key) && (p.key as { type?: string }).type === 'PLAIN') {
          const src = walk(p.value, depth + 1);
          const sources = Array.isArray(src) ? src : [src];
          for (const s of sources) if (s instanceof Map) for (const [k, v] of s) if (!merged.has(k)) merged.set(k, v);
          continue;
        }
        out.set(keyId(key), [key, walk(p.value, depth + 1)]);
      }
      const result = new Map<unknown, unknown>();
      for (const [k, v] of merged) if (!out.has(keyId(k))) result.set(keyId(k), [k, v]);
      for (const [id, kv] of out) result.set(id, kv);
      return new Map([...result.values()].map(kv => kv as [unknown, unknown]));
    }
    return undefined;
  };
  return walk(doc.contents, 0);
}

/** Python dict identity of a key: 1 == 1.0 == True; strings by value. */
function keyId(k: unknown): unknown {
  if (typeof k === 'boolean') return k ? 1 : 0;
  if (k instanceof Date) return `date:${k.getTime()}`;
  return k;
}
