// `matrix` of an operation and `earlyStopping`, discriminated on `kind`
// (cli/polyaxon/_flow/matrix/*.py, matrix/params.py, early_stopping/*, optimization/*).
import type { YAMLMap, YAMLSeq } from 'yaml';
import type { Ctx } from './context';
import { DOCS } from './docs';
import { checkObject, describeNode, field, isRefNode, type At, type Fields, type ObjSpec, type T } from './fields';
import { suggest, quoteList } from './keys';
import { deref, entries, isMap, isNullNode, lastPair, isScalar, isSeq, scalarValue, type Scalar, type YamlNode } from './nodes';
import { PARAM } from './common';

const POS_INT_REF = { t: 'posInt', ref: true } as const;
const INT_REF = { t: 'strictInt', ref: true } as const;

export const HP_KINDS = [
  'choice',
  'pchoice',
  'range',
  'daterange',
  'datetimerange',
  'linspace',
  'logspace',
  'geomspace',
  'uniform',
  'quniform',
  'loguniform',
  'qloguniform',
  'normal',
  'qnormal',
  'lognormal',
  'qlognormal',
] as const;
const DISTRIBUTIONS = new Set(['pchoice', 'uniform', 'quniform', 'loguniform', 'qloguniform', 'normal', 'qnormal', 'lognormal', 'qlognormal']);

/** Named fields of each hyperparameter's value, in the order the list/string forms map onto them. */
const HP_SHAPE: Record<string, { fields: string[]; required: number; noString?: boolean; ordered?: [string, string] }> = {
  range: { fields: ['start', 'stop', 'step'], required: 3, ordered: ['start', 'stop'] },
  daterange: { fields: ['start', 'stop', 'step'], required: 3, noString: true },
  datetimerange: { fields: ['start', 'stop', 'step'], required: 3, noString: true },
  linspace: { fields: ['start', 'stop', 'num'], required: 3, ordered: ['start', 'stop'] },
  geomspace: { fields: ['start', 'stop', 'num'], required: 3, ordered: ['start', 'stop'] },
  logspace: { fields: ['start', 'stop', 'num', 'base'], required: 3, ordered: ['start', 'stop'] },
  uniform: { fields: ['low', 'high', 'size'], required: 2 },
  loguniform: { fields: ['low', 'high', 'size'], required: 2 },
  quniform: { fields: ['low', 'high', 'q', 'size'], required: 3 },
  qloguniform: { fields: ['low', 'high', 'q', 'size'], required: 3 },
  normal: { fields: ['loc', 'scale', 'size'], required: 2 },
  lognormal: { fields: ['loc', 'scale', 'size'], required: 2 },
  qnormal: { fields: ['loc', 'scale', 'q', 'size'], required: 3 },
  qlognormal: { fields: ['loc', 'scale', 'q', 'size'], required: 3 },
};

/**
 * The value PyYAML would have produced: the `yaml` package reads `0:10:1` as a base-60 integer, but
 * PyYAML's YAML 1.1 resolver needs a leading 1-9, so for Polyaxon it stays the string "0:10:1".
 */
export function pyScalar(n: YamlNode | null): unknown {
  if (!n || !isScalar(n)) return undefined;
  const s = n as Scalar;
  if (s.format === 'TIME' && typeof s.source === 'string' && /^[-+]?0/.test(s.source)) return s.source;
  return s.value;
}

function hpError(ctx: Ctx, node: YamlNode | null, fallback: YamlNode | null, at: At, msg: string, suggestion?: string): void {
  ctx.error('invalid-hyperparameter', msg, { node, fallback, path: at.path, suggestion }, DOCS.matrix);
}

/** Hyperparameter kinds whose model has no default for `value` (matrix/params.py). */
const VALUE_REQUIRED = new Set(['choice', 'datetimerange']);

/** One hyperparameter `{kind, value}` (matrix/params.py). */
function checkHp(ctx: Ctx, name: string, keyNode: YamlNode | null, node: YamlNode | null, at: At, matrixKind: string): void {
  // a `{{ }}` template is no hyperparameter: the tagged union wants a mapping with a `kind`
  if (!node || !isMap(node)) {
    hpError(
      ctx,
      node,
      keyNode,
      at,
      `Hyperparameter \`${name}\` must be a mapping with \`kind\` and \`value\` (e.g. \`{kind: choice, value: [1, 2]}\`); found ${describeNode(node)}.`,
    );
    return;
  }
  const list = entries(ctx.doc, node as YAMLMap);
  const kindE = field(list, 'kind');
  const kind = scalarValue(kindE?.value ?? null);
  if (typeof kind !== 'string' || !(HP_KINDS as readonly string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? suggest(kind, HP_KINDS) : undefined;
    hpError(
      ctx,
      kindE?.value ?? null,
      keyNode,
      { ...at, path: [...at.path, 'kind'] },
      kind === undefined || kind === null
        ? `Hyperparameter \`${name}\` needs a \`kind\`: one of ${quoteList(HP_KINDS)}.`
        : `Unknown hyperparameter kind \`${String(kind)}\` for \`${name}\`${hint ? `; did you mean \`${hint}\`?` : `; use one of ${quoteList(HP_KINDS)}.`}`,
      hint,
    );
    return;
  }
  for (const e of list) {
    if (e.key !== 'kind' && e.key !== 'value') {
      ctx.error(
        'unknown-key',
        `Unknown key \`${e.key}\` in hyperparameter \`${name}\`; only \`kind\` and \`value\` are allowed.`,
        { node: e.keyNode, path: [...at.path, e.key] },
        DOCS.matrix,
      );
    }
  }
  if (matrixKind === 'grid' && DISTRIBUTIONS.has(kind)) {
    hpError(
      ctx,
      kindE?.value ?? null,
      keyNode,
      at,
      `\`${name}\` defines a distribution (\`${kind}\`), which cannot be used with grid search; use choice, range, linspace, logspace or geomspace.`,
    );
  }
  if (matrixKind === 'bayes' && DISTRIBUTIONS.has(kind) && kind !== 'uniform') {
    hpError(ctx, kindE?.value ?? null, keyNode, at, `Bayesian optimization accepts only the \`uniform\` distribution; \`${name}\` uses \`${kind}\`.`);
  }
  const valueE = list.find(e => e.key === 'value');
  const vat = { ...at, path: [...at.path, 'value'] };
  // Polyaxon drops null fields before the model sees them, so `value: null` is a missing value. Most models
  // default `value` to None, but V1HpChoice and V1HpDateTimeRange declare it without a default
  // (`Optional[...]` with no `= None`): pydantic then requires it
  if (!valueE || isNullNode(valueE.value)) {
    if (VALUE_REQUIRED.has(kind)) {
      ctx.error(
        'missing-key',
        `Hyperparameter \`${name}\` (${kind}) needs a \`value\`${kind === 'choice' ? ' (the list of options, e.g. `[1, 2]`)' : ' (`[start, stop, step]`)'}.`,
        { node: valueE?.keyNode ?? null, fallback: keyNode, path: vat.path },
        DOCS.matrix,
      );
    }
    return;
  }
  const v = valueE.value;
  if (isRefNode(v)) return;
  if (kind === 'choice') {
    if (!isSeq(v)) hpError(ctx, v, valueE.keyNode, vat, `The value of \`${name}\` (choice) must be a list of options; found ${describeNode(v)}.`);
    return;
  }
  if (kind === 'pchoice') {
    checkPChoice(ctx, name, v, valueE.keyNode, vat);
    return;
  }
  const shape = HP_SHAPE[kind];
  let values: Record<string, unknown> | undefined;
  const raw = pyScalar(v);
  if (isSeq(v)) {
    const items = (v as YAMLSeq).items.map(i => pyScalar(deref(ctx.doc, i)) ?? null);
    if (items.length < shape.required || items.length > shape.fields.length) {
      hpError(
        ctx,
        v,
        valueE.keyNode,
        vat,
        `The value of \`${name}\` (${kind}) expects a list of ${shape.required}${shape.fields.length > shape.required ? ` or ${shape.fields.length}` : ''} elements (${shape.fields.join(', ')}); found ${items.length}.`,
      );
      return;
    }
    values = Object.fromEntries(items.map((x, i) => [shape.fields[i], x]));
  } else if (isMap(v)) {
    values = {};
    for (const e of entries(ctx.doc, v as YAMLMap)) {
      if (!shape.fields.includes(e.key)) {
        ctx.error(
          'unknown-key',
          `Unknown key \`${e.key}\` in the value of \`${name}\` (${kind}); expected ${quoteList(shape.fields)}.`,
          { node: e.keyNode, path: [...vat.path, e.key] },
          DOCS.matrix,
        );
      } else values[e.key] = pyScalar(e.value);
    }
    const missing = shape.fields.slice(0, shape.required).filter(f => values?.[f] === undefined || values?.[f] === null);
    if (missing.length) {
      hpError(ctx, v, valueE.keyNode, vat, `The value of \`${name}\` (${kind}) is missing ${quoteList(missing)}.`);
      return;
    }
  } else if (typeof raw === 'string' && !shape.noString) {
    const parts = raw.split(':');
    if (parts.length < shape.required || parts.length > shape.fields.length) {
      hpError(
        ctx,
        v,
        valueE.keyNode,
        vat,
        `The value of \`${name}\` (${kind}) expects \`${shape.fields.slice(0, shape.required).join(':')}\` (${shape.required} numbers separated by \`:\`); found \`${raw}\`.`,
      );
      return;
    }
    values = Object.fromEntries(parts.map((x, i) => [shape.fields[i], Number(x)]));
    if (parts.some(p => p.trim() === '' || Number.isNaN(Number(p)))) {
      hpError(ctx, v, valueE.keyNode, vat, `The value of \`${name}\` (${kind}) must be numbers separated by \`:\`; found \`${raw}\`.`);
      return;
    }
  } else {
    hpError(
      ctx,
      v,
      valueE.keyNode,
      vat,
      `The value of \`${name}\` (${kind}) must be a list [${shape.fields.join(', ')}]${shape.noString ? '' : ', a string `a:b:c`'} or a mapping; found ${describeNode(v)}.`,
    );
    return;
  }
  if (shape.ordered && values) {
    const [a, b] = shape.ordered;
    const x = values[a],
      y = values[b];
    if (typeof x === 'number' && typeof y === 'number' && !(x < y)) {
      hpError(ctx, v, valueE.keyNode, vat, `In \`${name}\` (${kind}), \`${a}\` (${x}) must be less than \`${b}\` (${y}).`);
    }
  }
  if (kind === 'range' && values && values.step === 0) hpError(ctx, v, valueE.keyNode, vat, `In \`${name}\` (range), \`step\` cannot be 0.`);
  if (kind.startsWith('q') && values && values.q === 0) hpError(ctx, v, valueE.keyNode, vat, `In \`${name}\` (${kind}), \`q\` cannot be 0.`);
}

function checkPChoice(ctx: Ctx, name: string, v: YamlNode | null, keyNode: YamlNode | null, at: At): void {
  if (!isSeq(v)) {
    hpError(ctx, v, keyNode, at, `The value of \`${name}\` (pchoice) must be a list of \`[value, probability]\` pairs; found ${describeNode(v)}.`);
    return;
  }
  let sum = 0;
  for (const raw of (v as YAMLSeq).items) {
    const item = deref(ctx.doc, raw);
    if (isRefNode(item)) continue;
    const pair = isSeq(item) ? (item as YAMLSeq).items.map(i => scalarValue(deref(ctx.doc, i))) : undefined;
    const p = pair?.[1];
    if (!pair || pair.length !== 2 || typeof p !== 'number' || Number.isInteger(p) || p < 0 || p >= 1) {
      hpError(
        ctx,
        item,
        v,
        at,
        `Each entry of \`${name}\` (pchoice) must be \`[value, probability]\` with a probability 0 ≤ p < 1 written as a decimal (e.g. 0.5); found ${describeNode(item)}.`,
      );
      return;
    }
    sum += p;
  }
  if (sum > 1 + 1e-9) hpError(ctx, v, keyNode, at, `The probabilities of \`${name}\` (pchoice) add up to ${sum}; they must not exceed 1.`);
}

function hpParams(matrixKind: string): T {
  return {
    expect: 'a mapping of hyperparameters',
    custom(ctx, node, at) {
      if (!isMap(node)) {
        ctx.error(
          'wrong-type',
          `\`params\` of the matrix must be a mapping of hyperparameters (name → {kind, value}); found ${describeNode(node)}.`,
          { node, path: at.path },
          DOCS.matrix,
        );
        return;
      }
      for (const e of entries(ctx.doc, node as YAMLMap)) {
        checkHp(ctx, e.key, e.keyNode, e.value, { ...at, path: [...at.path, e.key] }, matrixKind);
      }
    },
  };
}

const OPTIMIZATION = { enum: ['maximize', 'minimize'] } as const;
const METRIC: ObjSpec = { label: 'metric', docs: DOCS.matrix, fields: { name: { t: 'str', required: true }, optimization: OPTIMIZATION } };
const RESOURCE: ObjSpec = { label: 'resource', docs: DOCS.matrix, fields: { name: { t: 'str', required: true }, type: { enum: ['int', 'float'] } } };
const TUNER: ObjSpec = {
  label: 'tuner',
  docs: DOCS.matrix,
  fields: {
    hubRef: { t: 'str', required: true },
    presets: 'strListOrCsv',
    queue: 'str',
    namespace: 'str',
    params: { t: { mapOf: { obj: PARAM } }, ref: true },
  },
};

const POLICY_COMMON: Fields = { kind: 'str', evaluationInterval: 'int', minInterval: 'int', minSamples: 'int' };
const POLICIES: Record<string, ObjSpec> = {
  median: { label: 'median stopping policy', docs: DOCS.earlyStopping, fields: POLICY_COMMON },
  truncation: {
    label: 'truncation stopping policy',
    docs: DOCS.earlyStopping,
    fields: { ...POLICY_COMMON, percent: { t: 'float', required: true }, evaluationInterval: { t: 'int', required: true }, includeSucceeded: 'bool' },
  },
  diff: {
    label: 'diff stopping policy',
    docs: DOCS.earlyStopping,
    fields: { ...POLICY_COMMON, percent: { t: 'float', required: true }, evaluationInterval: { t: 'int', required: true } },
  },
};

function discriminated(label: string, table: Record<string, ObjSpec>, docs: string): T {
  return {
    expect: `a mapping (${label})`,
    custom(ctx, node, at) {
      if (!isMap(node)) {
        ctx.error('wrong-type', `${label} must be a mapping with a \`kind\`; found ${describeNode(node)}.`, { node, path: at.path }, docs);
        return;
      }
      const kindPair = lastPair(node as YAMLMap, 'kind');
      const kindNode = (kindPair?.value ?? null) as YamlNode | null;
      const kind = scalarValue(kindNode);
      const spec = typeof kind === 'string' ? table[kind] : undefined;
      if (!spec) {
        const names = Object.keys(table);
        const hint = typeof kind === 'string' ? suggest(kind, names) : undefined;
        ctx.error(
          kind === undefined || kind === null ? 'missing-key' : 'invalid-value',
          kind === undefined || kind === null
            ? `${capital(label)} needs a \`kind\`: one of ${quoteList(names)}.`
            : `Unknown ${label} kind \`${String(kind)}\`${hint ? `; did you mean \`${hint}\`?` : `; use one of ${quoteList(names)}.`}`,
          { node: kindNode, fallback: at.keyNode ?? node, path: [...at.path, 'kind'], suggestion: hint },
          docs,
        );
        return;
      }
      checkObject(ctx, node, spec, at);
    },
  };
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const POLICY = discriminated('stopping policy', POLICIES, DOCS.earlyStopping);

const EARLY_STOPPING_KINDS: Record<string, ObjSpec> = {
  metric_early_stopping: {
    label: 'metric early stopping',
    docs: DOCS.earlyStopping,
    fields: {
      kind: 'str',
      metric: { t: 'str', required: true },
      value: { t: 'float', ref: true, required: true },
      optimization: { t: { custom: checkOptimization, expect: '`maximize`, `minimize` or a number' }, required: true },
      policy: { t: POLICY, ref: true },
    },
  },
  failure_early_stopping: {
    label: 'failure early stopping',
    docs: DOCS.earlyStopping,
    fields: { kind: 'str', percent: { t: 'float', ref: true, required: true } },
  },
};

function checkOptimization(ctx: Ctx, node: YamlNode, at: At): void {
  const v = scalarValue(node);
  if (v === 'maximize' || v === 'minimize' || typeof v === 'number') return;
  ctx.error(
    'invalid-value',
    `\`optimization\` must be \`maximize\` or \`minimize\`; found ${describeNode(node)}.`,
    { node, path: at.path },
    DOCS.earlyStopping,
  );
}

export const EARLY_STOPPING: T = { seqOf: discriminated('early stopping', EARLY_STOPPING_KINDS, DOCS.earlyStopping) };

const UTILITY_FUNCTION: ObjSpec = {
  label: 'utilityFunction',
  docs: DOCS.matrix,
  fields: {
    acquisitionFunction: { enum: ['ucb', 'ei', 'poi'] },
    kappa: 'float',
    eps: 'float',
    numWarmup: 'int',
    numIterations: 'int',
    gaussianProcess: {
      obj: { label: 'gaussianProcess', fields: { kernel: { enum: ['rbf', 'matern'] }, lengthScale: 'float', nu: 'float', numRestartsOptimizer: 'int' } },
    },
  },
  after(ctx, map, list, at) {
    const af = scalarValue(field(list, 'acquisitionFunction')?.value ?? null) ?? 'ucb';
    const need = af === 'ucb' ? 'kappa' : af === 'ei' || af === 'poi' ? 'eps' : undefined;
    const e = need ? field(list, need) : undefined;
    if (need && (!e || isNullNode(e.value))) {
      ctx.error(
        'missing-key',
        `The acquisition function \`${String(af)}\` requires \`${need}\` in utilityFunction.`,
        { node: map, path: [...at.path, need] },
        DOCS.matrix,
      );
    }
  },
};

const COMMON: Fields = { kind: 'str', concurrency: POS_INT_REF, earlyStopping: { t: EARLY_STOPPING, ref: true } };

const MATRIX_KINDS: Record<string, ObjSpec> = {
  grid: {
    label: 'matrix (grid)',
    docs: DOCS.matrix,
    fields: { ...COMMON, params: { t: hpParams('grid'), ref: true, required: true }, numRuns: POS_INT_REF, seed: INT_REF },
  },
  random: {
    label: 'matrix (random)',
    docs: DOCS.matrix,
    fields: { ...COMMON, params: { t: hpParams('random'), ref: true, required: true }, numRuns: { ...POS_INT_REF, required: true }, seed: INT_REF },
  },
  hyperband: {
    label: 'matrix (hyperband)',
    docs: DOCS.matrix,
    fields: {
      ...COMMON,
      params: { t: hpParams('hyperband'), ref: true },
      maxIterations: 'posInt',
      eta: { t: 'float', ref: true },
      resource: { obj: RESOURCE },
      metric: { obj: METRIC },
      resume: { t: 'bool', ref: true },
      seed: INT_REF,
      tuner: { obj: TUNER },
    },
  },
  bayes: {
    label: 'matrix (bayes)',
    docs: DOCS.matrix,
    fields: {
      ...COMMON,
      params: { t: hpParams('bayes'), ref: true, required: true },
      numInitialRuns: { ...POS_INT_REF, required: true },
      maxIterations: { ...POS_INT_REF, required: true },
      metric: { t: { obj: METRIC }, required: true },
      utilityFunction: { obj: UTILITY_FUNCTION },
      seed: INT_REF,
      tuner: { obj: TUNER },
    },
  },
  hyperopt: {
    label: 'matrix (hyperopt)',
    docs: DOCS.matrix,
    fields: {
      ...COMMON,
      params: { t: hpParams('hyperopt'), ref: true, required: true },
      metric: { t: { obj: METRIC }, required: true },
      algorithm: { enum: ['tpe', 'rand', 'anneal'] },
      maxIterations: INT_REF,
      numRuns: POS_INT_REF,
      seed: INT_REF,
      tuner: { obj: TUNER },
    },
    after(ctx, _map, list, at) {
      const e = field(list, 'numRuns');
      if (e && isNullNode(e.value)) {
        ctx.error(
          'wrong-type',
          '`numRuns` of a hyperopt matrix cannot be null; give a positive integer or remove it.',
          { node: e.keyNode, path: [...at.path, e.key] },
          DOCS.matrix,
        );
      }
    },
  },
  iterative: {
    label: 'matrix (iterative)',
    docs: DOCS.matrix,
    fields: {
      ...COMMON,
      params: { t: hpParams('iterative'), ref: true },
      maxIterations: { ...POS_INT_REF, required: true },
      seed: INT_REF,
      tuner: { obj: TUNER },
    },
  },
  mapping: {
    label: 'matrix (mapping)',
    docs: DOCS.matrix,
    fields: { ...COMMON, values: { t: { seqOf: 'map' }, ref: true, required: true } },
  },
};

export const MATRIX: T = discriminated('matrix', MATRIX_KINDS, DOCS.matrix);
export const MATRIX_KIND_NAMES = Object.keys(MATRIX_KINDS);
