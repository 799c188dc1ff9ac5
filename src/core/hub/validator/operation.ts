// `kind: operation` files and DAG operations (V1Operation, cli/polyaxon/_flow/operations/operation.py;
// schedules/, joins/, events/, trigger_policies.py). See reference/polyaxon-operation.md.
import type { YAMLMap, YAMLSeq } from 'yaml';
import type { Ctx } from './context';
import { DOCS } from './docs';
import { checkObject, describeNode, field, isRefNode, isRefString, laxBool, type At, type Fields, type ObjSpec, type T } from './fields';
import { BASE_FIELDS, checkParams, NAME_FIELD, PATCH_STRATEGIES, TEMPLATE } from './common';
import { MATRIX } from './matrix';
import { checkComponentBody, runHooks } from './component';
import { deref, entries, isMap, isNullNode, lastPair, isSeq, scalarValue, type Entry, type YamlNode } from './nodes';
import { runSpecs } from './runKinds';
import { checkReference } from './refs';

const BOOL_REF = { t: 'bool', ref: true } as const;
const INT_REF = { t: 'strictInt', ref: true } as const;
const DATETIME_REF = { t: { custom: checkDatetime, expect: 'a date-time' }, ref: true } as const;

export const TRIGGERS = ['all_succeeded', 'all_failed', 'all_done', 'one_succeeded', 'one_failed', 'one_done'] as const;

export const EVENT_KINDS = [
  ...[
    'created',
    'resuming',
    'compiled',
    'on_schedule',
    'queued',
    'scheduled',
    'starting',
    'running',
    'processing',
    'stopping',
    'failed',
    'stopped',
    'succeeded',
    'skipped',
    'warning',
    'unschedulable',
    'upstream_failed',
    'retrying',
    'unknown',
    'done',
  ].map(s => `run_status_${s}`),
  'run_approved_actor',
  'run_invalidated_actor',
  'run_new_artifacts',
  'connection_git_commit',
  'connection_dataset_version',
  'connection_registry_image',
  'alert_info',
  'alert_warning',
  'alert_critical',
  'model_version_new_metric',
  'project_custom_event',
  'org_custom_event',
];

function checkDatetime(ctx: Ctx, node: YamlNode, at: At): void {
  const v = scalarValue(node);
  if (v instanceof Date) return;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return;
  if (typeof v === 'number') return; // a timestamp
  ctx.error('wrong-type', `Expected a date-time (e.g. 2024-01-31T10:00:00Z); found ${describeNode(node)}.`, { node, path: at.path }, DOCS.schedules);
}

function checkFrequency(ctx: Ctx, node: YamlNode, at: At): void {
  const v = scalarValue(node);
  if (typeof v === 'number') return;
  if (
    typeof v === 'string' &&
    (/^\s*\d+(\.\d+)?\s*$/.test(v) || /^P/i.test(v.trim()) || /^\d+:\d{1,2}(:\d{1,2}(\.\d+)?)?$/.test(v.trim()) || /^\d+ days?,/.test(v.trim()))
  ) {
    return;
  }
  ctx.error(
    'wrong-type',
    `\`frequency\` must be a number of seconds or a duration such as \`01:30:00\` or \`PT1H30M\`; found ${describeNode(node)}.`,
    { node, path: at.path },
    DOCS.schedules,
  );
}

const SCHEDULE_COMMON: Fields = { kind: 'str', startAt: DATETIME_REF, endAt: DATETIME_REF, maxRuns: INT_REF, dependsOnPast: BOOL_REF };
const SCHEDULES: Record<string, ObjSpec> = {
  cron: { label: 'schedule (cron)', docs: DOCS.schedules, fields: { ...SCHEDULE_COMMON, cron: { t: 'str', required: true } } },
  interval: {
    label: 'schedule (interval)',
    docs: DOCS.schedules,
    fields: { ...SCHEDULE_COMMON, frequency: { t: { custom: checkFrequency, expect: 'a duration' }, ref: true, required: true } },
  },
  datetime: { label: 'schedule (datetime)', docs: DOCS.schedules, fields: { kind: 'str', startAt: { ...DATETIME_REF, required: true } } },
};

const SCHEDULE: T = {
  expect: 'a mapping (schedule)',
  custom(ctx, node, at) {
    if (!isMap(node)) {
      ctx.error(
        'wrong-type',
        `\`schedule\` must be a mapping with a \`kind\` (cron, interval or datetime); found ${describeNode(node)}.`,
        { node, path: at.path },
        DOCS.schedules,
      );
      return;
    }
    const kindPair = lastPair(node as YAMLMap, 'kind');
    const kind = scalarValue((kindPair?.value ?? null) as YamlNode | null);
    const spec = typeof kind === 'string' ? SCHEDULES[kind] : undefined;
    if (!spec) {
      ctx.error(
        kind === undefined ? 'missing-key' : 'invalid-value',
        `${kind === undefined ? '`schedule` needs a `kind`' : `Unknown schedule kind \`${String(kind)}\``}: use cron, interval or datetime.`,
        { node: (kindPair?.value ?? null) as YamlNode | null, fallback: at.keyNode ?? node, path: [...at.path, 'kind'] },
        DOCS.schedules,
      );
      return;
    }
    checkObject(ctx, node, spec, at);
  },
};

const JOIN: ObjSpec = {
  label: 'join',
  docs: DOCS.joins,
  fields: {
    query: { t: 'str', required: true },
    ref: 'str',
    sort: 'str',
    limit: INT_REF,
    offset: INT_REF,
    params: { t: { custom: (ctx, node, at) => checkParams(ctx, node, at, false), expect: 'a mapping of params' } },
  },
};

const EVENT_TRIGGER: ObjSpec = {
  label: 'event trigger',
  docs: DOCS.events,
  fields: { kinds: { t: { seqOf: { enum: EVENT_KINDS } }, ref: true, required: true }, ref: { t: 'str', required: true } },
};

const OPERATION_FIELDS: Fields = {
  ...BASE_FIELDS,
  name: NAME_FIELD,
  // no template: lint iterates the params (`'str' object has no attribute 'items'`)
  params: { t: { custom: (ctx, node, at) => checkParams(ctx, node, at, true), expect: 'a mapping of params' } },
  // no template here: V1Operation.matrix is a tagged union of mappings (`matrix: "{{ m }}"` fails)
  matrix: { t: MATRIX },
  joins: { t: { seqOf: { obj: JOIN } }, ref: true },
  // no template: V1Operation.schedule is a union of mappings, with no RefField
  schedule: { t: SCHEDULE },
  events: { t: { seqOf: { obj: EVENT_TRIGGER } }, ref: true },
  dependencies: { t: 'strList', ref: true },
  trigger: { t: { enum: TRIGGERS }, ref: true },
  conditions: 'str',
  skipOnUpstreamSkip: 'bool',
  hubRef: 'str',
  dagRef: 'str',
  urlRef: 'str',
  pathRef: 'str',
  component: { t: { custom: (ctx, node, at) => checkComponentBody(ctx, node, at, 'inline'), expect: 'a component' } },
  isPreset: 'bool',
  patchStrategy: { enum: PATCH_STRATEGIES },
  runPatch: 'map',
  template: { obj: TEMPLATE },
  strictParams: { t: 'bool', deprecated: '`strictParams` is a Polyaxon 2.18+ field; older CLIs (such as 2.16) reject it.' },
};

const OPERATION_HINTS: Record<string, string> = {
  inputs: 'an operation has no inputs; declare them in its component (`component: {inputs: …}`) and pass values with `params`.',
  outputs: 'an operation has no outputs; declare them in its component (`component: {outputs: …}`).',
  run: "an operation has no `run`; put it in its component (`component: {run: …}`) or use `runPatch` to patch the referenced component's run.",
  contexts: '`contexts` is not an operation field.',
  connections: "an operation has no `connections`; set them in the component's `run`.",
  operations: "an operation has no `operations`; a DAG's operations go in `component.run.operations`.",
  container: "a container belongs in the component's `run`, or in `runPatch`.",
  environment: "an environment belongs in the component's `run`, or in `runPatch`.",
};

export const OPERATION_SPEC: ObjSpec = {
  label: 'operation',
  docs: DOCS.operation,
  fields: OPERATION_FIELDS,
  hints: OPERATION_HINTS,
  after: (ctx, map, list, at) => checkOperationRules(ctx, map, list, at),
};

/** Named DAG operation; its label carries its name. */
export function checkDagOperation(ctx: Ctx, node: YamlNode | null, at: At, name: string | undefined): Entry[] | undefined {
  const label = name ? `operation \`${name}\`` : 'operation';
  return checkObject(ctx, node, { ...OPERATION_SPEC, label }, { ...at, label });
}

const REF_KEYS = ['hubRef', 'dagRef', 'urlRef', 'pathRef'] as const;

/** The reference rule and reference resolution (operation.py validator; _polyaxonfile/check.py). */
function checkOperationRules(ctx: Ctx, map: YAMLMap, list: Entry[], at: At): void {
  const preset = laxBool(scalarValue(field(list, 'isPreset')?.value ?? null)) === true;
  const refs = REF_KEYS.map(k => ({ k, e: field(list, k) })).filter(r => r.e && truthy(scalarValue(r.e.value)));
  const component = field(list, 'component');
  const hasComponent = !!component && !isNullNode(component.value);
  const topLevel = at.path.length === 0;
  if (!preset) {
    const count = refs.length || (hasComponent ? 1 : 0);
    if (count === 0) {
      ctx.error(
        'reference-count',
        `${cap(at.label)} needs exactly one of \`component\`, \`hubRef\`, \`pathRef\`, \`urlRef\` or \`dagRef\`; it has none.`,
        { node: topLevel ? (field(list, 'kind')?.keyNode ?? null) : null, fallback: at.keyNode ?? map, path: at.path },
        DOCS.operation,
      );
    } else if (refs.length > 1) {
      for (const r of refs.slice(1)) {
        ctx.error(
          'reference-count',
          `${cap(at.label)} has more than one reference (${refs.map(x => `\`${x.k}\``).join(', ')}); keep only one.`,
          { node: r.e?.keyNode, path: [...at.path, r.e?.key ?? r.k] },
          DOCS.operation,
        );
      }
    }
  } else if (!hasComponent && refs.length === 0 && topLevel) {
    ctx.error(
      'reference-count',
      'A preset file needs a `component` or a reference (hubRef, pathRef, urlRef); "Operation found without component".',
      { node: field(list, 'isPreset')?.keyNode, path: [...at.path, 'isPreset'] },
      DOCS.operation,
    );
  }
  if (topLevel && !hasComponent && refs.length === 1 && refs[0].k === 'dagRef') {
    ctx.error(
      'reference-count',
      'A top-level operation cannot use `dagRef` without a `component` ("Operation found without component"); `dagRef` names a component of a DAG and works only inside `run.operations`.',
      { node: refs[0].e?.keyNode, path: ['dagRef'] },
      DOCS.operation,
    );
  }
  if (hasComponent && refs.length > 0 && !preset) {
    const r = refs[0];
    ctx.warn(
      'reference-ignored',
      `Both \`component\` and \`${r.k}\` are set: Polyaxon runs the inline component and ignores \`${r.k}\`. Remove one of them.`,
      { node: r.e?.keyNode, path: [...at.path, r.e?.key ?? r.k] },
      DOCS.operation,
    );
  }
  if (!hasComponent) {
    for (const r of refs) if (r.k !== 'dagRef' || !topLevel) checkReference(ctx, r.k, r.e as Entry, at);
  }
  if (hasComponent && isMap(component.value)) checkParamsAgainstInputs(ctx, list, component.value as YAMLMap, at);
  // runPatch is checked against the inline component's run kind, every field optional (run/patch.py). Lint
  // itself accepts any mapping: V1Operation's validator looks the component up in pydantic's ValidationInfo
  // as if it were a dict, finds none, and never calls validate_run_patch. The patch fails only when a run
  // applies it, so what we find there is a warning (`run-patch`)
  const patch = field(list, 'runPatch');
  if (patch && isMap(patch.value) && hasComponent && !preset && isMap(component.value)) {
    const run = field(checkedEntries(component.value as YAMLMap), 'run');
    const kind = run && isMap(run.value) ? scalarValue((lastPair(run.value as YAMLMap, 'kind')?.value as YamlNode) ?? null) : undefined;
    const spec = typeof kind === 'string' ? runSpecs(runHooks())[kind] : undefined;
    // the distributed kinds also accept a single-replica shape: only job-like kinds are checked here
    if (spec && ['job', 'service', 'notifier', 'cleaner', 'tuner'].includes(kind as string)) {
      const from = ctx.problems.length;
      checkObject(
        ctx,
        patch.value,
        { ...spec, label: `runPatch (${String(kind)})` },
        { path: [...at.path, patch.key], label: 'runPatch', keyNode: patch.keyNode },
      );
      for (const p of ctx.problems.slice(from)) {
        if (p.severity !== 'error') continue;
        p.severity = 'warning';
        p.code = 'run-patch';
        p.message = `${p.message} (\`polyaxon check --lint\` accepts any runPatch mapping; the run fails when Polyaxon applies this patch.)`;
      }
    }
  }
}

/**
 * Plain `polyaxon check` (not --lint) refuses params that match no input/output and required inputs
 * without a param (ops_params.py validate_params); here both are warnings, because lint accepts them.
 * Matrix and join params count as given.
 */
function checkParamsAgainstInputs(ctx: Ctx, list: Entry[], component: YAMLMap, at: At): void {
  const given = new Map<string, Entry>();
  const paramsE = field(list, 'params');
  if (paramsE && isRefNode(paramsE.value)) return;
  if (paramsE && isMap(paramsE.value)) for (const e of entries(ctx.doc, paramsE.value as YAMLMap)) given.set(e.key, e);
  const matrixE = field(list, 'matrix');
  if (matrixE && !isNullNode(matrixE.value)) {
    if (!isMap(matrixE.value)) return;
    const m = entries(ctx.doc, matrixE.value as YAMLMap);
    const mp = field(m, 'params')?.value ?? null;
    if (mp && isMap(mp)) for (const e of entries(ctx.doc, mp as YAMLMap)) given.set(e.key, e);
    const values = field(m, 'values')?.value ?? null;
    if (values && isSeq(values)) {
      for (const v of (values as YAMLSeq).items) {
        const vm = deref(ctx.doc, v);
        if (vm && isMap(vm)) for (const e of entries(ctx.doc, vm as YAMLMap)) given.set(e.key, e);
      }
    }
    if ((mp && isRefNode(mp)) || (values && !isSeq(values))) return;
  }
  const joinsE = field(list, 'joins');
  if (joinsE && !isNullNode(joinsE.value)) {
    if (!isSeq(joinsE.value)) return;
    for (const j of (joinsE.value as YAMLSeq).items) {
      const jm = deref(ctx.doc, j);
      const jp = jm && isMap(jm) ? (field(entries(ctx.doc, jm as YAMLMap), 'params')?.value ?? null) : null;
      if (jp && isMap(jp)) for (const e of entries(ctx.doc, jp as YAMLMap)) given.set(e.key, e);
      else if (jp) return;
    }
  }
  const ce = entries(ctx.doc, component);
  const declared = new Map<string, boolean>(); // name → required
  for (const section of ['inputs', 'outputs']) {
    const node = field(ce, section)?.value ?? null;
    if (node && !isSeq(node)) return;
    for (const raw of node ? (node as YAMLSeq).items : []) {
      const io = deref(ctx.doc, raw);
      if (!io || !isMap(io)) return;
      const ie = entries(ctx.doc, io as YAMLMap);
      const name = scalarValue(field(ie, 'name')?.value ?? null);
      if (typeof name !== 'string') return;
      const opt = field(ie, 'isOptional');
      const required = section === 'inputs' && !ie.some(e => e.key === 'value') && !(opt && laxBool(scalarValue(opt.value)) === true);
      declared.set(name, required);
    }
  }
  for (const [name, e] of given) {
    if (declared.has(name) || !paramsE || !(paramsE.value && isMap(paramsE.value))) continue;
    const contextOnly =
      e.value && isMap(e.value) ? laxBool(scalarValue(field(entries(ctx.doc, e.value as YAMLMap), 'contextOnly')?.value ?? null)) === true : false;
    if (contextOnly || !entries(ctx.doc, paramsE.value as YAMLMap).some(p => p.key === name)) continue;
    ctx.warn(
      'param-unexpected',
      `Param \`${name}\` matches no input or output of the component; \`polyaxon run\` refuses it ("Received unexpected params"). Declare it as an input, or mark it \`contextOnly: true\`.`,
      { node: e.keyNode, path: [...at.path, 'params', name] },
      DOCS.params,
    );
  }
  for (const [name, required] of declared) {
    if (required && !given.has(name)) {
      ctx.warn(
        'param-missing',
        `Input \`${name}\` is required but no param gives it a value; \`polyaxon run\` refuses the operation ("Input ${name} is required, no param was passed"). Add it under \`params\`.`,
        { node: paramsE?.keyNode ?? field(list, 'component')?.keyNode ?? null, path: [...at.path, 'params'] },
        DOCS.params,
      );
    }
  }
}

function checkedEntries(map: YAMLMap): Entry[] {
  const out = new Map<string, Entry>();
  // the last of duplicate keys wins, as in PyYAML
  for (const p of map.items) {
    const key = String(scalarValue(p.key as YamlNode) ?? '');
    out.set(key, { key, keyNode: p.key as YamlNode, value: p.value as YamlNode, merged: false });
  }
  return [...out.values()];
}

/** Python truthiness of a ref value: empty strings and nulls do not count. */
const truthy = (v: unknown): boolean => v !== null && v !== undefined && v !== '' && v !== false && v !== 0;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export { isRefString };
