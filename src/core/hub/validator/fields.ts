// Field tables as data, and the one walker that checks a mapping against a table. Each Polyaxon model
// (pydantic, `extra="forbid"`) becomes an ObjSpec: its keys, each key's type, which are required.
// Tables are compiled into lookup maps once, on first use, never per call.
import type { YAMLMap } from 'yaml';
import type { Ctx } from './context';
import { pySnake, quoteList, suggest, toSnake } from './keys';
import { deref, entries, isMap, isNullNode, isScalar, isSeq, type Entry, type Scalar, type YAMLSeq, type YamlNode } from './nodes';
import type { ProblemPath } from './problems';
import { PY_FLOAT } from './pyyaml';

/** Where a value sits: for messages ("in input `lr`") and ranges. */
export interface At {
  path: ProblemPath;
  /** human label of the enclosing object, e.g. "input `lr`", "run (job)" */
  label: string;
  /** the key whose value is being checked; underlined when the value itself is missing */
  keyNode?: YamlNode | null;
  docs?: string;
  /** keys already reported by the caller (the top-level section gate) */
  ignoreKeys?: ReadonlySet<string>;
}

export type CustomCheck = (ctx: Ctx, node: YamlNode, at: At) => void;

export type T =
  | 'any'
  | 'str'
  | 'bool'
  | 'int'
  | 'strictInt'
  | 'posInt'
  | 'float'
  | 'strictFloat'
  | 'map'
  | 'seq'
  | 'strList'
  | 'strListOrCsv'
  | 'strMap'
  | { enum: readonly string[] }
  | { obj: ObjSpec }
  | { seqOf: T }
  | { mapOf: T }
  | { custom: CustomCheck; expect: string };

export interface FieldSpec {
  t: T;
  /** a `{{ … }}` template string is accepted instead (clipped RefField) */
  ref?: boolean;
  required?: boolean;
  /** message for a deprecated key (a warning; the key still works) */
  deprecated?: string;
}

export type Fields = Record<string, T | FieldSpec>;

export interface ObjSpec {
  /** "input", "run (job)", "container"… */
  label: string;
  docs?: string;
  fields: Fields;
  /** only the spellings listed (the top-level section gate); otherwise snake_case is accepted too */
  exactKeys?: boolean;
  /** a Kubernetes object: any key whose clipped to_snake_case is a field's snake_case name is that field */
  k8sKeys?: boolean;
  /** a better message for a known misplaced key, e.g. `matrix` in a job's run */
  hints?: Record<string, string>;
  /** extra rules after the keys are checked */
  after?: (ctx: Ctx, map: YAMLMap, list: Entry[], at: At) => void;
}

interface Compiled {
  index: Map<string, string>;
  snake: Map<string, string>;
  fields: Map<string, FieldSpec>;
  names: string[];
  required: string[];
}
// keyed by the fields table, which copies of a spec (with another label) share
const compiled = new WeakMap<Fields, Compiled>();

export function compile(spec: ObjSpec): Compiled {
  let c = compiled.get(spec.fields);
  if (!c) {
    const index = new Map<string, string>();
    const snake = new Map<string, string>();
    const fields = new Map<string, FieldSpec>();
    for (const [name, f] of Object.entries(spec.fields)) {
      const fs: FieldSpec = typeof f === 'string' || !('t' in f) ? { t: f as T } : f;
      fields.set(name, fs);
      index.set(name, name);
      if (!spec.exactKeys) index.set(toSnake(name), name);
      if (spec.k8sKeys) snake.set(toSnake(name), name);
    }
    c = { index, snake, fields, names: Object.keys(spec.fields), required: [...fields].filter(([, f]) => f.required).map(([n]) => n) };
    compiled.set(spec.fields, c);
  }
  return c;
}

const REF_RE = /\{\{\s*(.+)\s*\}\}/;
/** clipped types/ref_or_obj.py: a string holding a `{{ … }}` template. */
export const isRefString = (v: unknown): v is string => typeof v === 'string' && REF_RE.test(v);
export const isRefNode = (n: YamlNode | null): boolean => !!n && isScalar(n) && isRefString((n as Scalar).value);

const TRUE_STR = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_STR = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** pydantic's lax bool. */
export function laxBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE_STR.has(s)) return true;
    if (FALSE_STR.has(s)) return false;
  }
  return undefined;
}

/** pydantic's lax int: ints, integral floats, integer strings. */
export function laxInt(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*[-+]?\d+(_\d+)*\s*$/.test(v)) return Number(v.replace(/_/g, ''));
  return undefined;
}

/** pydantic's lax float: numbers and numeric strings. */
function laxFloat(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const s = v.trim().toLowerCase();
    if (['inf', '+inf', 'infinity', '-inf', '-infinity', 'nan'].includes(s)) return s.startsWith('-') ? -Infinity : Infinity;
    const n = Number(s.replace(/_/g, ''));
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

export function describeType(t: T): string {
  if (typeof t === 'string') {
    switch (t) {
      case 'any':
        return 'any value';
      case 'str':
        return 'a string';
      case 'bool':
        return 'true or false';
      case 'int':
      case 'strictInt':
        return 'an integer';
      case 'posInt':
        return 'a positive integer';
      case 'float':
      case 'strictFloat':
        return 'a number';
      case 'map':
        return 'a mapping';
      case 'seq':
        return 'a list';
      case 'strList':
        return 'a list of strings';
      case 'strListOrCsv':
        return 'a list of strings (or a comma-separated string)';
      case 'strMap':
        return 'a mapping with string keys';
    }
  }
  if ('enum' in t) return `one of ${quoteList(t.enum)}`;
  if ('obj' in t) return `a mapping (${t.obj.label})`;
  if ('seqOf' in t) {
    const item = t.seqOf;
    if (typeof item === 'string') return `a list of ${describeType(item).replace(/^an? /, '')}s`.replace(/ss$/, 's');
    if ('obj' in item) return `a list of mappings (${item.obj.label})`;
    if ('enum' in item) return `a list of values, each ${describeType(item)}`;
    return `a list (each item ${describeType(item)})`;
  }
  if ('mapOf' in t) return 'a mapping';
  return t.expect;
}

export function describeNode(n: YamlNode | null): string {
  if (!n || isNullNode(n)) return 'empty';
  if (isMap(n)) return 'a mapping';
  if (isSeq(n)) return 'a list';
  if (isScalar(n)) {
    const s = n as Scalar;
    const v = s.value;
    const src = s.source ?? String(v);
    const shown = src.length > 40 ? `${src.slice(0, 37)}…` : src;
    if (typeof v === 'string') return `the string \`${shown}\``;
    if (typeof v === 'number') return `the number ${shown}`;
    if (typeof v === 'boolean') return `\`${shown}\``;
    if (v instanceof Date) return `the date \`${shown}\``;
    return `\`${shown}\``;
  }
  return 'an alias';
}

const SCALAR_TYPES = new Set(['str', 'bool', 'int', 'strictInt', 'posInt', 'float', 'strictFloat']);

/** PyYAML made a Python float of it (`4000.0`): StrictInt refuses it even though it is integral. */
const isPyFloat = (n: YamlNode): boolean => isScalar(n) && (n as Scalar).format === PY_FLOAT;

function scalarOk(t: string, v: unknown, n: YamlNode): boolean {
  switch (t) {
    case 'str':
      return typeof v === 'string';
    case 'bool':
      return laxBool(v) !== undefined;
    case 'int':
      return laxInt(v) !== undefined;
    case 'strictInt':
      return typeof v === 'number' && Number.isInteger(v) && !isPyFloat(n);
    case 'posInt': {
      const i = laxInt(v);
      return i !== undefined && i > 0;
    }
    case 'float':
      return laxFloat(v) !== undefined;
    case 'strictFloat':
      return typeof v === 'number';
    case 'strListOrCsv':
      return typeof v === 'string';
    default:
      return false;
  }
}

function wrongType(ctx: Ctx, node: YamlNode, t: T, at: At, name: string): void {
  ctx.error('wrong-type', `\`${name}\` in ${at.label} must be ${describeType(t)}; found ${describeNode(node)}.`, { node, path: at.path }, at.docs);
}

/**
 * Checks one value against a type. `name` is the key shown in messages.
 * A null value is accepted: every optional pydantic field here is `Optional[...] = None`.
 */
export function checkValue(ctx: Ctx, node: YamlNode | null, t: T, at: At, name: string, ref = false): void {
  if (isNullNode(node)) return;
  const n = node as YamlNode;
  if (ref && isScalar(n) && isRefString((n as Scalar).value)) return;
  if (typeof t === 'string') {
    switch (t) {
      case 'any':
        return;
      case 'map':
        if (!isMap(n)) wrongType(ctx, n, t, at, name);
        return;
      case 'seq':
        if (!isSeq(n)) wrongType(ctx, n, t, at, name);
        return;
      case 'strMap':
        if (!isMap(n)) {
          wrongType(ctx, n, t, at, name);
          return;
        }
        // Dict[StrictStr, GenericStr]: the keys must be strings; GenericStr turns any value into one but
        // passes None through to its strict str schema, which refuses it
        for (const e of entries(ctx.doc, n as YAMLMap)) {
          const k = e.keyNode;
          if (!k || !isScalar(k) || typeof (k as Scalar).value !== 'string') {
            ctx.error(
              'wrong-type',
              `The keys of \`${name}\` in ${at.label} must be strings; found ${describeNode(k)} (quote it).`,
              { node: k, fallback: n, path: [...at.path, e.key] },
              at.docs,
            );
          } else if (isNullNode(e.value)) {
            ctx.error(
              'wrong-type',
              `\`${e.key}\` in \`${name}\` of ${at.label} needs a value: Polyaxon takes any value as a string here, but not null.`,
              { node: e.value ?? e.keyNode, fallback: n, path: [...at.path, e.key] },
              at.docs,
            );
          }
        }
        return;
      case 'strList':
      case 'strListOrCsv':
        if (isSeq(n)) {
          (n as YAMLSeq).items.forEach((item, i) => {
            const it = deref(ctx.doc, item);
            if (!it || !isScalar(it) || typeof (it as Scalar).value !== 'string') {
              ctx.error(
                'wrong-type',
                `Item ${i + 1} of \`${name}\` in ${at.label} must be a string; found ${describeNode(it)}.`,
                { node: it, fallback: n, path: [...at.path, i] },
                at.docs,
              );
            }
          });
          return;
        }
        if (!(t === 'strListOrCsv' && isScalar(n) && typeof (n as Scalar).value === 'string')) wrongType(ctx, n, t, at, name);
        return;
      default:
        if (!isScalar(n) || !scalarOk(t, (n as Scalar).value, n)) wrongType(ctx, n, t, at, name);
        return;
    }
  }
  if ('enum' in t) {
    const v = isScalar(n) ? (n as Scalar).value : undefined;
    if (typeof v !== 'string' || !t.enum.includes(v)) {
      const hint = typeof v === 'string' ? suggest(v, t.enum) : undefined;
      ctx.error(
        'invalid-value',
        `\`${name}\` in ${at.label} must be ${describeType(t)}; found ${describeNode(n)}.${hint ? ` Did you mean \`${hint}\`?` : ''}`,
        { node: n, path: at.path, suggestion: hint },
        at.docs,
      );
    }
    return;
  }
  if ('obj' in t) {
    checkObject(ctx, n, t.obj, { ...at, docs: t.obj.docs ?? at.docs }, name);
    return;
  }
  if ('seqOf' in t) {
    if (!isSeq(n)) {
      wrongType(ctx, n, t, at, name);
      return;
    }
    const items = (n as YAMLSeq).items;
    for (let i = 0; i < items.length; i++) {
      checkValue(ctx, deref(ctx.doc, items[i]), t.seqOf, { ...at, path: [...at.path, i], keyNode: n }, `${name}[${i}]`);
    }
    return;
  }
  if ('mapOf' in t) {
    if (!isMap(n)) {
      wrongType(ctx, n, t, at, name);
      return;
    }
    for (const e of entries(ctx.doc, n as YAMLMap)) {
      checkValue(ctx, e.value, t.mapOf, { ...at, path: [...at.path, e.key], keyNode: e.keyNode }, `${name}.${e.key}`);
    }
    return;
  }
  t.custom(ctx, n, at);
}

/**
 * Checks a mapping against an ObjSpec: unknown keys, required keys, each value's type, then the
 * spec's own rules. Returns the entries (for callers that read more), or undefined if not a mapping.
 */
export function checkObject(ctx: Ctx, node: YamlNode | null, spec: ObjSpec, at: At, name?: string): Entry[] | undefined {
  const docs = spec.docs ?? at.docs;
  if (!node || !isMap(node)) {
    if (!isNullNode(node)) {
      const what = name ? `\`${name}\`${at.label && at.label !== spec.label ? ` in ${at.label}` : ''}` : capitalize(spec.label);
      ctx.error('wrong-type', `${what} must be a mapping; found ${describeNode(node)}.`, { node, fallback: at.keyNode, path: at.path }, docs);
    }
    return undefined;
  }
  const c = compile(spec);
  const list = entries(ctx.doc, node as YAMLMap);
  const ignore = at.ignoreKeys;
  for (const e of list) {
    if (ignore?.has(e.key)) continue;
    const canonical = c.index.get(e.key) ?? (spec.k8sKeys ? c.snake.get(pySnake(e.key)) : undefined);
    if (canonical === undefined) {
      const special = spec.hints?.[e.key];
      const path = [...at.path, e.key];
      if (special) {
        ctx.error('unknown-key', `Unknown key \`${e.key}\` in ${spec.label}: ${special}`, { node: e.keyNode, path }, docs);
        continue;
      }
      const hint = suggest(e.key, c.names);
      ctx.error(
        'unknown-key',
        `Unknown key \`${e.key}\` in ${spec.label}; ${hint ? `did you mean \`${hint}\`?` : `allowed keys: ${quoteList(c.names)}.`}`,
        { node: e.keyNode, path, suggestion: hint },
        docs,
      );
      continue;
    }
    const f = c.fields.get(canonical) as FieldSpec;
    if (f.deprecated) ctx.warn('deprecated', f.deprecated, { node: e.keyNode, path: [...at.path, e.key] }, docs);
    // most k8s keys are 'any': nothing to check, nothing to allocate
    if (f.t === 'any' || isNullNode(e.value)) continue;
    // fast path: a well-typed scalar needs no location object
    if (typeof f.t === 'string' && SCALAR_TYPES.has(f.t) && isScalar(e.value)) {
      const v = (e.value as Scalar).value;
      if (scalarOk(f.t, v, e.value as YamlNode) || (f.ref && isRefString(v))) continue;
    }
    checkValue(ctx, e.value, f.t, { path: [...at.path, e.key], label: spec.label, keyNode: e.keyNode, docs }, e.key, f.ref);
  }
  for (const fname of c.required) {
    const e = list.find(x => (c.index.get(x.key) ?? (spec.k8sKeys ? c.snake.get(pySnake(x.key)) : undefined)) === fname);
    if (!e || isNullNode(e.value)) {
      ctx.error(
        'missing-key',
        `${capitalize(spec.label)} needs \`${fname}\`${e ? ' (it is empty)' : ''}.`,
        { node: e?.keyNode, fallback: at.keyNode ?? node, path: [...at.path, fname] },
        docs,
      );
    }
  }
  spec.after?.(ctx, node as YAMLMap, list, { ...at, label: spec.label, docs, ignoreKeys: undefined });
  return list;
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Value of a field whichever spelling was used. */
export function field(list: Entry[], camel: string): Entry | undefined {
  const snake = toSnake(camel);
  for (const e of list) if (e.key === camel || e.key === snake) return e;
  return undefined;
}
