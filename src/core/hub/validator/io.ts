// Inputs and outputs (V1IO, cli/polyaxon/_flow/io/io.py).
import type { YAMLMap, YAMLSeq } from 'yaml';
import type { IOSummary } from '../../model';
import type { Ctx } from './context';
import { DOCS } from './docs';
import { checkObject, describeNode, field, laxBool, type At, type ObjSpec } from './fields';
import { deref, isMap, isNullNode, lastPair, isScalar, isSeq, scalarValue, toJS, type Entry, type Scalar, type YamlNode } from './nodes';
import { parseType, typeHint } from './types';
import { convertIoValue } from './convert';

/** io.py IO_NAME_BLACK_LIST: names taken by the run context. */
export const RESERVED_IO_NAMES = ['globals', 'params', 'connections'];

const NUM_REF = { t: 'strictFloat', ref: true } as const;
const INT_REF = { t: 'strictInt', ref: true } as const;
const STRS_REF = { t: 'strList', ref: true } as const;

export const VALIDATION: ObjSpec = {
  label: 'validation',
  docs: DOCS.validation,
  fields: {
    delay: { t: 'bool', ref: true },
    gt: NUM_REF,
    ge: NUM_REF,
    lt: NUM_REF,
    le: NUM_REF,
    multipleOf: NUM_REF,
    minDigits: INT_REF,
    maxDigits: INT_REF,
    decimalPlaces: INT_REF,
    regex: 'str',
    minLength: INT_REF,
    maxLength: INT_REF,
    contains: 'any',
    excludes: 'any',
    options: 'any',
    minItems: INT_REF,
    maxItems: INT_REF,
    keys: STRS_REF,
    containsKeys: STRS_REF,
    excludesKeys: STRS_REF,
  },
};

const IO_FIELDS = {
  name: { t: 'str', required: true },
  description: 'str',
  type: 'str',
  value: 'any',
  isOptional: 'bool',
  isList: { t: 'bool', deprecated: '`isList` is deprecated; use a `List[T]` type instead (e.g. `type: List[float]`).' },
  isFlag: 'bool',
  argFormat: 'str',
  connection: 'str',
  toInit: 'bool',
  toEnv: 'str',
  validation: { obj: VALIDATION },
  delayValidation: { t: 'bool', deprecated: '`delayValidation` is deprecated; use `validation: {delay: true}`.' },
  options: { t: 'any', deprecated: '`options` is deprecated; use `validation: {options: [...]}`.' },
} as const;

function ioSpec(which: 'input' | 'output'): ObjSpec {
  return { label: which, docs: DOCS.io, fields: IO_FIELDS, after: (ctx, map, list, at) => checkIoRules(ctx, map, list, at) };
}
const INPUT = ioSpec('input');
const OUTPUT = ioSpec('output');

/** Checks `inputs` or `outputs` and returns their summaries. */
export function checkIoList(ctx: Ctx, node: YamlNode | null, section: 'inputs' | 'outputs', at: At): IOSummary[] {
  const out: IOSummary[] = [];
  if (isNullNode(node)) return out;
  if (!isSeq(node)) {
    ctx.error(
      'wrong-type',
      `\`${section}\` must be a list of ${section === 'inputs' ? 'inputs' : 'outputs'} (each with a \`name\`); found ${describeNode(node)}.`,
      { node, fallback: at.keyNode, path: at.path },
      DOCS.io,
    );
    return out;
  }
  const which = section === 'inputs' ? 'input' : 'output';
  const seen = new Map<string, YamlNode | null>();
  (node as YAMLSeq).items.forEach((raw, i) => {
    const item = deref(ctx.doc, raw);
    const path = [...at.path, i];
    if (!item || !isMap(item)) {
      ctx.error(
        'wrong-type',
        `Each entry of \`${section}\` must be a mapping with at least a \`name\`; entry ${i + 1} is ${describeNode(item)}.`,
        { node: item, fallback: node, path },
        DOCS.io,
      );
      return;
    }
    const nameEntry = lastPair(item as YAMLMap, 'name');
    const nameNode = nameEntry ? deref(ctx.doc, nameEntry.value) : null;
    const name = typeof scalarValue(nameNode) === 'string' ? (scalarValue(nameNode) as string) : undefined;
    const label = name ? `${which} \`${name}\`` : `${which} ${i + 1}`;
    const list = checkObject(ctx, item, { ...(which === 'input' ? INPUT : OUTPUT), label }, { path, label, keyNode: item, docs: DOCS.io });
    if (name !== undefined) {
      if (seen.has(name)) {
        // Polyaxon's lint accepts it and keeps both; a run would see only one: a warning
        ctx.warn(
          'io-duplicate-name',
          `Duplicate ${which} name \`${name}\`: Polyaxon's lint accepts it, but a run sees only one value; give each ${which} a unique name.`,
          { node: nameNode, path: [...path, 'name'] },
          DOCS.io,
        );
      }
      seen.set(name, nameNode);
    }
    if (list && name !== undefined) out.push(summarize(ctx, name, list));
  });
  return out;
}

function summarize(ctx: Ctx, name: string, list: Entry[]): IOSummary {
  const s: IOSummary = { name, isOptional: false };
  const type = scalarValue(field(list, 'type')?.value ?? null);
  if (typeof type === 'string') s.type = type;
  const desc = scalarValue(field(list, 'description')?.value ?? null);
  if (typeof desc === 'string') s.description = desc;
  const value = list.find(e => e.key === 'value');
  const opt = field(list, 'isOptional');
  s.isOptional = opt ? laxBool(scalarValue(opt.value)) === true : value !== undefined;
  if (value) s.value = toJS(ctx.doc, value.value);
  return s;
}

/** io.py: handle_validation (before) and validate_io (after). */
function checkIoRules(ctx: Ctx, _map: YAMLMap, list: Entry[], at: At): void {
  const nameE = field(list, 'name');
  const name = scalarValue(nameE?.value ?? null);
  if (typeof name === 'string' && RESERVED_IO_NAMES.includes(name)) {
    ctx.error(
      'io-reserved-name',
      `\`${name}\` cannot be used as an input/output name: \`globals\`, \`params\` and \`connections\` are taken by the run context. Choose another name.`,
      { node: nameE?.value, path: [...at.path, 'name'] },
      DOCS.io,
    );
  }

  const valueE = list.find(e => e.key === 'value');
  const optE = field(list, 'isOptional');
  const rawOptional = optE ? scalarValue(optE.value) : undefined;
  // before-validator: a `value` key (even null) with isOptional literally false; after-validator:
  // isOptional that coerces to false with a non-null value
  // `isOptional: null` with a value is "not optional" too (validate_io: `if not is_optional and value is not None`)
  const contradicts =
    !!valueE && !!optE && (rawOptional === false || ((laxBool(rawOptional) === false || isNullNode(optE.value)) && !isNullNode(valueE.value)));
  if (contradicts && optE) {
    ctx.error(
      'io-not-optional-with-value',
      `${cap(at.label)} has a \`value\` but \`isOptional: false\`; a value makes it optional. Remove \`isOptional: false\` or remove the value.`,
      { node: optE.keyNode, path: [...at.path, optE.key] },
      DOCS.io,
    );
  }

  const typeE = field(list, 'type');
  const typeText = scalarValue(typeE?.value ?? null);
  const flagE = field(list, 'isFlag');
  if (flagE && laxBool(scalarValue(flagE.value)) === true && typeText !== 'bool') {
    ctx.error(
      'io-flag-not-bool',
      `${cap(at.label)} is a flag (\`isFlag: true\`) but its type is ${typeof typeText === 'string' ? `\`${typeText}\`` : 'not set'}; a flag must have \`type: bool\`.`,
      { node: flagE.keyNode, path: [...at.path, flagE.key] },
      DOCS.io,
    );
  }

  if (typeof typeText !== 'string') return;
  const hasValue = !!valueE && !isNullNode(valueE.value);
  if (!parseType(typeText) && !hasValue) {
    // lint checks a type only when a value is given: an unknown one alone is a warning
    const hint = typeHint(typeText);
    ctx.warn(
      'io-unknown-type',
      `Unknown type \`${typeText}\` for ${at.label}${hint ? `; did you mean \`${hint}\`?` : '. Known types: int, float, bool, str, dict, list, path, uri, image, … or a hint such as `List[float]`.'}`,
      { node: typeE?.value, path: [...at.path, 'type'], suggestion: hint },
      DOCS.types,
    );
    return;
  }
  if (!hasValue || !valueE) return;
  // Polyaxon converts the value even when it is a `{{ }}` template, and even under --lint (convert.ts)
  const raw = toJS(ctx.doc, valueE.value);
  const listE = field(list, 'isList');
  const isList = listE ? laxBool(scalarValue(listE.value)) === true : false;
  const r = convertIoValue(typeText, raw, isList);
  if (!r.ok) {
    const hint = typeHint(typeText);
    ctx.error(
      'io-value-type',
      `The value of ${at.label} does not convert to its type \`${typeText}\`${isList ? ' (a list: `isList: true`)' : ''}: ${r.why}; found ${describeNode(valueE.value)}.${hint ? ` Did you mean the type \`${hint}\`?` : ''}`,
      { node: valueE.value, path: [...at.path, 'value'] },
      DOCS.types,
    );
    return;
  }
  // the deprecated `options` becomes validation.options (io.py handle_validation)
  const valE = field(list, 'validation');
  const optionsE = field(list, 'options');
  const rules = valE && isMap(valE.value) ? (toJS(ctx.doc, valE.value) as Record<string, unknown>) : {};
  if (optionsE && !isNullNode(optionsE.value)) rules.options = toJS(ctx.doc, optionsE.value);
  if (!Object.keys(rules).length) return;
  checkValidation(rules, r.value, (msg: string) =>
    ctx.error('io-validation', `The value of ${at.label} fails its validation: ${msg}.`, { node: valueE.value, path: [...at.path, 'value'] }, DOCS.validation),
  );
}

/** Python's `==` on plain values: True == 1, 1 == 1.0, '1' != 1. */
function pyEquals(a: unknown, b: unknown): boolean {
  const num = (x: unknown) => (typeof x === 'boolean' ? Number(x) : x);
  const x = num(a),
    y = num(b);
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return x === y;
  return JSON.stringify(x) === JSON.stringify(y);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** V1Validation.run_validation on the parsed value (numbers, lengths, options, items). */
function checkValidation(rules: Record<string, unknown>, value: unknown, fail: (msg: string) => void): void {
  const get = (k: string): unknown => rules[k] ?? rules[k.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)];
  const num = (k: string) => {
    const v = get(k);
    return typeof v === 'number' ? v : undefined;
  };
  const items = Array.isArray(value) ? value : value && typeof value === 'object' && !(value instanceof Date) ? Object.values(value) : [value];
  for (const v of items) {
    const bounds = ['gt', 'ge', 'lt', 'le', 'multipleOf'].filter(k => num(k) !== undefined);
    // Python compares a string (or a list) with a number only to raise a TypeError: the file is refused
    if (bounds.length && (typeof v === 'string' || (typeof v === 'object' && v !== null))) {
      return fail(`\`${String(v)}\` is not a number, so it cannot be compared with \`${bounds[0]}\``);
    }
    if (typeof v === 'number' || typeof v === 'boolean') {
      const x = Number(v);
      const gt = num('gt'),
        ge = num('ge'),
        lt = num('lt'),
        le = num('le'),
        mo = num('multipleOf');
      if (gt !== undefined && !(x > gt)) return fail(`\`${v}\` must be greater than ${gt}`);
      if (ge !== undefined && !(x >= ge)) return fail(`\`${v}\` must be greater than or equal to ${ge}`);
      if (lt !== undefined && !(x < lt)) return fail(`\`${v}\` must be less than ${lt}`);
      if (le !== undefined && !(x <= le)) return fail(`\`${v}\` must be less than or equal to ${le}`);
      if (mo !== undefined && mo !== 0 && Math.abs(x % mo) > 1e-9 && Math.abs((x % mo) - mo) > 1e-9) return fail(`\`${v}\` must be a multiple of ${mo}`);
    }
    // a regex on a non-string, a length of a number: Python raises, and the file is refused
    if (typeof get('regex') === 'string' && typeof v !== 'string') return fail(`\`${String(v)}\` is not a string, so it cannot match \`regex\``);
    if ((num('minLength') !== undefined || num('maxLength') !== undefined) && (typeof v === 'number' || typeof v === 'boolean')) {
      return fail(`\`${String(v)}\` has no length`);
    }
    if (typeof v === 'string') {
      const minL = num('minLength'),
        maxL = num('maxLength');
      if (minL !== undefined && v.length < minL) return fail(`\`${v}\` must have at least ${minL} characters`);
      if (maxL !== undefined && v.length > maxL) return fail(`\`${v}\` must have at most ${maxL} characters`);
      const re = get('regex');
      if (typeof re === 'string') {
        let rx: RegExp | undefined;
        try {
          rx = new RegExp(`^(?:${re})`);
        } catch {
          rx = undefined;
        } // Python-only syntax: not judged
        if (rx && !rx.test(v)) return fail(`\`${v}\` must match the regex \`${re}\``);
      }
    }
    const options = get('options');
    if (Array.isArray(options) && !options.some(o => pyEquals(o, v))) {
      return fail(`\`${String(v)}\` must be one of ${options.map(o => `\`${String(o)}\``).join(', ')}`);
    }
    // Python's `value not in options` on a string is a substring test (and fails for a non-string value)
    if (typeof options === 'string' && (typeof v !== 'string' || !options.includes(v))) {
      return fail(`\`${String(v)}\` must be one of the values \`${options}\``);
    }
  }
  if (Array.isArray(value) || (value && typeof value === 'object' && !(value instanceof Date))) {
    const n = Array.isArray(value) ? value.length : Object.keys(value).length;
    const minI = num('minItems'),
      maxI = num('maxItems');
    if (minI !== undefined && n < minI) return fail(`it must have at least ${minI} items`);
    if (maxI !== undefined && n > maxI) return fail(`it must have at most ${maxI} items`);
  }
}

export { isScalar };
export type { Scalar };
