// The order of a file's problems: the error Polyaxon would report comes first, so the CLI's first line
// and publish's refusal name what `polyaxon check` names. Polyaxon stops at the first failing step:
// the YAML, then its section checks (get_kind, then specs/base.py check_data: version, unexpected
// sections), then the pydantic model, whose errors come in the model's field order, with a model's
// extra keys and its after-validators (an operation's one reference) after all of its fields, then
// what lint reads after the model (a DAG's operations). Within those steps the file's own order
// decides. (The Problems panel sorts by position anyway; this order is for the text outputs.)
import type { Problem } from './problems';

/** check_data's steps, in order; every other problem is the model's. */
const SECTION_STEP: Record<string, number> = {
  'missing-kind': 1,
  'unknown-kind': 1,
  'missing-version': 2,
  'unsupported-version': 2,
  'unknown-section': 3,
  'snake-case-section': 3,
};
const MODEL_STEP = 4;
const AFTER_MODEL_STEP = 5;

/** V1Component's and V1Operation's fields, in pydantic's order (the model_fields of polyaxon 2.16.4). */
const BASE_FIELDS = ['version', 'kind', 'name', 'description', 'tags', 'presets', 'queue', 'namespace', 'cache', 'termination', 'plugins', 'build', 'hooks'];
const COMMON_TAIL = ['isApproved', 'cost', 'mount'];
const FIELD_ORDER: Record<string, string[]> = {
  component: [...BASE_FIELDS, ...COMMON_TAIL, 'inputs', 'outputs', 'run', 'template'],
  operation: [
    ...BASE_FIELDS,
    ...COMMON_TAIL,
    'schedule',
    'events',
    'matrix',
    'joins',
    'dependencies',
    'trigger',
    'conditions',
    'skipOnUpstreamSkip',
    'params',
    'hubRef',
    'dagRef',
    'urlRef',
    'pathRef',
    'component',
    'patchStrategy',
    'isPreset',
    'runPatch',
    'template',
  ],
};
/** The run models' fields (V1Job, V1Service, …): the shared ones first, as each model declares them. */
const RUN_ORDER = ['kind', 'environment', 'connections', 'volumes', 'init', 'sidecars', 'container', 'ports', 'rewritePath', 'isExternal', 'replicas'];

function rank(order: string[] | undefined, key: string | number | undefined): number {
  const i = order && typeof key === 'string' ? order.indexOf(key) : -1;
  return i < 0 ? (order?.length ?? 0) : i;
}

/** A DAG without operations passes the model (they are optional) and fails when lint iterates them. */
const readAfterModel = (p: Problem) => p.code === 'missing-key' && p.path?.[p.path.length - 1] === 'operations';

function sortKey(p: Problem, kind: string | undefined): number[] {
  const position = [p.range.start.line, p.range.start.column];
  if (p.code === 'yaml-syntax' || p.code === 'yaml-unloadable') return [0, 0, 0, ...position];
  const step = p.severity !== 'error' ? MODEL_STEP : (SECTION_STEP[p.code] ?? (readAfterModel(p) ? AFTER_MODEL_STEP : MODEL_STEP));
  if (step !== MODEL_STEP) return [step, 0, 0, ...position];
  // an unknown key has no place in the field order: extra keys come in the file's order
  const path = p.code === 'unknown-key' ? (p.path ?? []).slice(0, -1) : (p.path ?? []);
  const top = path.length ? rank(kind ? FIELD_ORDER[kind] : undefined, path[0]) : (FIELD_ORDER[kind ?? '']?.length ?? 0);
  // the run of a component, or of an operation's inline component
  const runAt = path[0] === 'run' ? 1 : path[0] === 'component' && path[1] === 'run' ? 2 : -1;
  const run = runAt < 0 ? 0 : path.length > runAt ? rank(RUN_ORDER, path[runAt]) : RUN_ORDER.length;
  return [step, top, run, ...position];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Problems pydantic finds after a model's fields: its extra keys and its after-validators. */
const AFTER_FIELDS = new Set(['unknown-key', 'reference-count']);

const isPrefix = (prefix: readonly (string | number)[], path: readonly (string | number)[]) =>
  prefix.length <= path.length && prefix.every((k, i) => path[i] === k);

/** The problems in the order Polyaxon would report them (see the top of this file); a new array. */
export function orderLikePolyaxon(problems: Problem[], kind: string | undefined): Problem[] {
  const keyed = problems.map(p => ({ p, key: sortKey(p, kind) }));
  keyed.sort((a, b) => compare(a.key, b.key));
  const out = keyed.map(k => k.p);
  // pydantic reports a model's extra keys, then its after-validators, behind every error of its fields:
  // each moves behind the last field error found inside the same object
  for (let i = out.length - 1; i >= 0; i--) {
    const u = out[i];
    const object =
      u.severity !== 'error' || !u.path ? undefined : u.code === 'unknown-key' ? u.path.slice(0, -1) : u.code === 'reference-count' ? u.path : undefined;
    if (!object) continue;
    let last = -1;
    for (let j = i + 1; j < out.length; j++) {
      const e = out[j];
      if (e.severity === 'error' && !AFTER_FIELDS.has(e.code) && !(e.code in SECTION_STEP) && !readAfterModel(e) && e.path && isPrefix(object, e.path)) {
        last = j;
      }
    }
    if (last > i) out.splice(last, 0, ...out.splice(i, 1));
  }
  return out;
}
