// IO types and values. Polyaxon checks an IO's `value` only when both `type` and `value` are given
// (cli/polyaxon/_flow/io/io.py validate_io), with clipped's lax ConfigParser: "12" is an int, 12.5 is
// truncated to an int, "true"/"t"/"1" are bools, a number is a str. Type names: cli/polyaxon/types.py
// and the docs' types page; any Python hint such as `List[float]` or `Dict[str, int]` is accepted too.
import { laxBool, laxFloat } from './fields';

export const KNOWN_TYPES = [
  'any', 'int', 'float', 'bool', 'str', 'dict', 'dict_of_dicts', 'uri', 'auth', 'list', 'gcs', 's3', 'wasb',
  'dockerfile', 'git', 'image', 'event', 'artifacts', 'path', 'metric', 'metadata', 'date', 'datetime', 'file',
  'tensorboard', 'uuid',
] as const;
const KNOWN = new Set<string>(KNOWN_TYPES);

/** Python spellings Polyaxon maps onto its own names. */
const ALIASES: Record<string, string> = {
  integer: 'int', string: 'str', boolean: 'bool', number: 'float', Any: 'any', object: 'any',
  List: 'list', Dict: 'dict',
};

export type ParsedType =
  | { kind: 'simple'; name: string }
  | { kind: 'list'; item: ParsedType }
  | { kind: 'dict'; value: ParsedType }
  | { kind: 'optional'; inner: ParsedType }
  | { kind: 'opaque'; text: string };

const GENERIC_RE = /^\s*(typing\.)?([A-Za-z_][A-Za-z0-9_]*)\s*\[(.*)\]\s*$/;

/** Splits `a, Dict[b, c]` at top-level commas. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Parses a type string; undefined when it is not one Polyaxon or Python typing would know. */
export function parseType(text: string, depth = 0): ParsedType | undefined {
  const t = text.trim();
  if (depth > 8 || t === '') return undefined;
  if (KNOWN.has(t)) return { kind: 'simple', name: t };
  if (ALIASES[t] && !['string', 'integer', 'boolean', 'number', 'object'].includes(t)) return { kind: 'simple', name: ALIASES[t] };
  if (['list', 'dict', 'tuple', 'set', 'Tuple', 'Set'].includes(t)) return { kind: 'simple', name: t.toLowerCase() === 'dict' ? 'dict' : 'list' };
  const m = GENERIC_RE.exec(t);
  if (!m) return undefined;
  const head = m[2];
  const args = splitArgs(m[3]);
  switch (head) {
    case 'List': case 'list': case 'Set': case 'set': case 'Sequence': {
      const item = args.length === 1 ? parseType(args[0], depth + 1) : undefined;
      return item ? { kind: 'list', item } : args.length === 1 ? { kind: 'list', item: { kind: 'opaque', text: args[0] } } : undefined;
    }
    case 'Tuple': case 'tuple': return { kind: 'opaque', text: t };
    case 'Dict': case 'dict': case 'Mapping': {
      if (args.length !== 2) return undefined;
      const value = parseType(args[1], depth + 1) ?? { kind: 'opaque', text: args[1] };
      return { kind: 'dict', value };
    }
    case 'Optional': {
      const inner = args.length === 1 ? parseType(args[0], depth + 1) : undefined;
      return inner ? { kind: 'optional', inner } : undefined;
    }
    case 'Union': return { kind: 'opaque', text: t };
    default: return undefined;
  }
}

/** A common misspelling's intended type (for the "unknown type" warning). */
export function typeHint(text: string): string | undefined {
  return ALIASES[text.trim()] ?? ALIASES[text.trim().toLowerCase()];
}

const INT_STR = /^\s*[-+]?\d+(\.\d+)?\s*$/;
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function jsonOf(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('[') || s.startsWith('{'))) return v;
  try { return JSON.parse(s); } catch { return v; }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Parses a value as a type the way clipped's ConfigParser would; returns the parsed value or an
 * explanation of why it does not parse. Types we cannot judge (uri, s3, image…) pass.
 */
export function parseValue(type: ParsedType, v: unknown, isList = false): { ok: true; value: unknown } | { ok: false; why: string } {
  if (isList) {
    const arr = jsonOf(v);
    if (!Array.isArray(arr)) return { ok: false, why: 'with `isList: true` it must be a list' };
    const out: unknown[] = [];
    for (let i = 0; i < arr.length; i++) {
      const r = parseValue(type, arr[i]);
      if (!r.ok) return { ok: false, why: `item ${i + 1}: ${r.why}` };
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  switch (type.kind) {
    case 'opaque': return { ok: true, value: v };
    case 'optional': return v === null ? { ok: true, value: v } : parseValue(type.inner, v);
    case 'list': return parseValue(type.item, v, true);
    case 'dict': {
      const obj = jsonOf(v);
      if (!isPlainObject(obj)) return { ok: false, why: 'it must be a mapping' };
      for (const [k, item] of Object.entries(obj)) {
        const r = parseValue(type.value, item);
        if (!r.ok) return { ok: false, why: `key \`${k}\`: ${r.why}` };
      }
      return { ok: true, value: obj };
    }
    case 'simple': return parseSimple(type.name, v);
  }
}

function parseSimple(name: string, v: unknown): { ok: true; value: unknown } | { ok: false; why: string } {
  const bad = (why: string) => ({ ok: false as const, why });
  switch (name) {
    case 'int':
      if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: Math.trunc(v) } : bad('it must be an integer');
      if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
      if (typeof v === 'string' && INT_STR.test(v)) return { ok: true, value: Math.trunc(Number(v)) };
      return bad('it must be an integer');
    case 'float': case 'metric': {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        const f = laxFloat(v);
        if (f !== undefined) return { ok: true, value: f };
      }
      return bad('it must be a number');
    }
    case 'bool': {
      const b = typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? laxBool(v) : undefined;
      return b === undefined ? bad('it must be true or false') : { ok: true, value: b };
    }
    case 'str':
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return { ok: true, value: String(v) };
      return bad('it must be a single value (a string), not a list or a mapping');
    case 'dict': {
      const obj = jsonOf(v);
      return isPlainObject(obj) ? { ok: true, value: obj } : bad('it must be a mapping');
    }
    case 'dict_of_dicts': {
      const obj = jsonOf(v);
      if (!isPlainObject(obj)) return bad('it must be a mapping of mappings');
      for (const [k, item] of Object.entries(obj)) if (!isPlainObject(item)) return bad(`key \`${k}\` must map to a mapping`);
      return { ok: true, value: obj };
    }
    case 'list': {
      const arr = jsonOf(v);
      if (Array.isArray(arr)) return { ok: true, value: arr };
      // clipped splits a comma-separated string into a list
      return typeof arr === 'string' ? { ok: true, value: arr.split(',').map(s => s.trim()) } : bad('it must be a list');
    }
    case 'uuid':
      return typeof v === 'string' && UUID_RE.test(v.trim()) ? { ok: true, value: v } : bad('it must be a UUID');
    default:
      return { ok: true, value: v };
  }
}
