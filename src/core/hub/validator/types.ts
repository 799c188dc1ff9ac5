// IO type names (cli/polyaxon/types.py and the docs' types page, plus Python hints such as `List[float]`),
// for the "unknown type" warning and completion. How a `value` converts to its type: convert.ts.

export const KNOWN_TYPES = [
  'any',
  'int',
  'float',
  'bool',
  'str',
  'dict',
  'dict_of_dicts',
  'uri',
  'auth',
  'list',
  'gcs',
  's3',
  'wasb',
  'dockerfile',
  'git',
  'image',
  'event',
  'artifacts',
  'path',
  'metric',
  'metadata',
  'date',
  'datetime',
  'file',
  'tensorboard',
  'uuid',
] as const;
const KNOWN = new Set<string>(KNOWN_TYPES);

/** Python spellings Polyaxon maps onto its own names. */
const ALIASES: Record<string, string> = {
  integer: 'int',
  string: 'str',
  boolean: 'bool',
  number: 'float',
  Any: 'any',
  object: 'any',
  List: 'list',
  Dict: 'dict',
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
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
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
    case 'List':
    case 'list':
    case 'Set':
    case 'set':
    case 'Sequence': {
      const item = args.length === 1 ? parseType(args[0], depth + 1) : undefined;
      return item ? { kind: 'list', item } : args.length === 1 ? { kind: 'list', item: { kind: 'opaque', text: args[0] } } : undefined;
    }
    case 'Tuple':
    case 'tuple':
      return { kind: 'opaque', text: t };
    case 'Dict':
    case 'dict':
    case 'Mapping': {
      if (args.length !== 2) return undefined;
      const value = parseType(args[1], depth + 1) ?? { kind: 'opaque', text: args[1] };
      return { kind: 'dict', value };
    }
    case 'Optional': {
      const inner = args.length === 1 ? parseType(args[0], depth + 1) : undefined;
      return inner ? { kind: 'optional', inner } : undefined;
    }
    case 'Union':
      return { kind: 'opaque', text: t };
    default:
      return undefined;
  }
}

/** A common misspelling's intended type (for the "unknown type" warning). */
export function typeHint(text: string): string | undefined {
  return ALIASES[text.trim()] ?? ALIASES[text.trim().toLowerCase()];
}
