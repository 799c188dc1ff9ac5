// `kind: component` (V1Component: cli/polyaxon/_flow/component/{base,component}.py), also used for an
// operation's inline `component` and for the `components` of a DAG.
import type { YAMLMap, YAMLSeq } from 'yaml';
import type { IOSummary } from '../../model';
import type { Ctx } from './context';
import { DOCS } from './docs';
import { checkObject, describeNode, field, type At, type Fields, type ObjSpec, type T } from './fields';
import { BASE_FIELDS, NAME_FIELD, TEMPLATE } from './common';
import { checkIoList } from './io';
import { EARLY_STOPPING } from './matrix';
import { deref, isMap, isNullNode, lastPair, isSeq, scalarValue, type Entry, type YamlNode } from './nodes';
import { checkRun, type RunKindHooks } from './runKinds';
import { checkDagOperation } from './operation';
import { checkDagGraph } from './dag';
import type { ComponentSummary } from './problems';

const COMPONENT_FIELDS: Fields = {
  ...BASE_FIELDS,
  name: NAME_FIELD,
  inputs: 'any',
  outputs: 'any',
  run: 'any',
  template: { obj: TEMPLATE },
  strictParams: { t: 'bool', deprecated: '`strictParams` is a Polyaxon 2.18+ field; older CLIs (such as 2.16) reject it.' },
};

const OPERATION_ONLY = 'belongs to an operation (`kind: operation`) that runs this component, not to the component itself.';
const COMPONENT_HINTS: Record<string, string> = {
  params: `\`params\` ${OPERATION_ONLY}`,
  matrix: `\`matrix\` ${OPERATION_ONLY}`,
  joins: `\`joins\` ${OPERATION_ONLY}`,
  schedule: `\`schedule\` ${OPERATION_ONLY}`,
  events: `\`events\` ${OPERATION_ONLY}`,
  dependencies: `\`dependencies\` ${OPERATION_ONLY}`,
  trigger: `\`trigger\` ${OPERATION_ONLY}`,
  conditions: `\`conditions\` ${OPERATION_ONLY}`,
  runPatch: `\`runPatch\` ${OPERATION_ONLY}`,
  hubRef: `\`hubRef\` ${OPERATION_ONLY}`,
  pathRef: `\`pathRef\` ${OPERATION_ONLY}`,
  urlRef: `\`urlRef\` ${OPERATION_ONLY}`,
  dagRef: `\`dagRef\` ${OPERATION_ONLY}`,
  component: 'a component file does not nest another `component`; use `kind: operation` to wrap one.',
  isPreset: `\`isPreset\` ${OPERATION_ONLY}`,
  patchStrategy: `\`patchStrategy\` ${OPERATION_ONLY}`,
  skipOnUpstreamSkip: `\`skipOnUpstreamSkip\` ${OPERATION_ONLY}`,
  connections: '`connections` belongs inside `run` (e.g. `run: {kind: job, connections: [...]}`).',
  environment: '`environment` belongs inside `run` (or inside a replica of a distributed run).',
  container: '`container` belongs inside `run`.',
  init: '`init` belongs inside `run`.',
  sidecars: '`sidecars` belongs inside `run`.',
  volumes: '`volumes` belongs inside `run`.',
  ports: "`ports` belongs inside a service's `run`.",
  operations: "a DAG's `operations` belong inside `run` (`run: {kind: dag, operations: [...]}`).",
  contexts: '`contexts` is not a component field.',
  secretResources: 'not a field of Polyaxon v1.1; use `connections` in `run`.',
};

const COMPONENT_SPEC: ObjSpec = { label: 'component', docs: DOCS.component, fields: COMPONENT_FIELDS, hints: COMPONENT_HINTS };

let hooks: RunKindHooks | undefined;
/** Lets the run kinds check a DAG's operations and components without importing this module. */
export function runHooks(): RunKindHooks {
  hooks ??= {
    dagOperations: { custom: checkDagOperations, expect: 'a list of operations' },
    dagComponents: { custom: checkDagComponents, expect: 'a list of components' },
    earlyStopping: EARLY_STOPPING,
  };
  return hooks;
}

export type ComponentMode = 'file' | 'inline' | 'dag';

/**
 * Checks a component mapping. 'file' is a `kind: component` file (the section gate already ran);
 * 'inline' is an operation's `component`; 'dag' an entry of a DAG's `components`.
 */
export function checkComponentBody(ctx: Ctx, node: YamlNode | null, at: At, mode: ComponentMode, label?: string): ComponentSummary | undefined {
  const spec = label ? { ...COMPONENT_SPEC, label } : COMPONENT_SPEC;
  const list = checkObject(ctx, node, spec, { ...at, label: spec.label, docs: DOCS.component });
  if (!list) return undefined; // not a mapping (reported), or empty
  if (mode !== 'file') {
    const kind = field(list, 'kind');
    if (kind && !isNullNode(kind.value) && scalarValue(kind.value) !== 'component') {
      ctx.error(
        'invalid-value',
        `The \`kind\` of ${spec.label} must be \`component\` (or be left out); found ${describeNode(kind.value)}.`,
        { node: kind.value, path: [...at.path, 'kind'] },
        DOCS.component,
      );
    }
  }
  const inputs = ioOf(ctx, list, 'inputs', at);
  const outputs = ioOf(ctx, list, 'outputs', at);
  const runE = field(list, 'run');
  const runKind = checkRun(ctx, runE?.value ?? null, { path: [...at.path, 'run'], label: 'run', keyNode: runE?.keyNode ?? at.keyNode ?? node }, runHooks());
  if (runKind === 'dag' && runE && isMap(runE.value)) checkDagGraph(ctx, runE.value as YAMLMap, [...at.path, 'run']);
  return summaryOf(list, runKind, inputs, outputs);
}

function ioOf(ctx: Ctx, list: Entry[], section: 'inputs' | 'outputs', at: At): IOSummary[] {
  const e = field(list, section);
  return e ? checkIoList(ctx, e.value, section, { path: [...at.path, e.key], label: section, keyNode: e.keyNode, docs: DOCS.io }) : [];
}

function summaryOf(list: Entry[], runKind: string | undefined, inputs: IOSummary[], outputs: IOSummary[]): ComponentSummary {
  const name = scalarValue(field(list, 'name')?.value ?? null);
  const description = scalarValue(field(list, 'description')?.value ?? null);
  const tagsNode = field(list, 'tags')?.value ?? null;
  let tags: string[] = [];
  if (tagsNode && isSeq(tagsNode)) tags = (tagsNode as YAMLSeq).items.map(i => scalarValue(i as YamlNode)).filter((t): t is string => typeof t === 'string');
  else if (typeof scalarValue(tagsNode) === 'string') {
    tags = (scalarValue(tagsNode) as string)
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
  }
  return {
    name: typeof name === 'string' ? name : undefined,
    description: typeof description === 'string' ? description : undefined,
    tags,
    runKind,
    inputs,
    outputs,
  };
}

function checkDagOperations(ctx: Ctx, node: YamlNode, at: At): void {
  if (!isSeq(node)) {
    ctx.error('wrong-type', `\`operations\` of a DAG must be a list of operations; found ${describeNode(node)}.`, { node, path: at.path }, DOCS.dag);
    return;
  }
  (node as YAMLSeq).items.forEach((raw, i) => {
    const item = deref(ctx.doc, raw);
    const name = item && isMap(item) ? scalarValue(deref(ctx.doc, lastPair(item as YAMLMap, 'name')?.value) ?? null) : undefined;
    checkDagOperation(ctx, item, { ...at, path: [...at.path, i], keyNode: item ?? node }, typeof name === 'string' ? name : undefined);
  });
}

function checkDagComponents(ctx: Ctx, node: YamlNode, at: At): void {
  if (!isSeq(node)) {
    ctx.error('wrong-type', `\`components\` of a DAG must be a list of components; found ${describeNode(node)}.`, { node, path: at.path }, DOCS.dag);
    return;
  }
  (node as YAMLSeq).items.forEach((raw, i) => {
    const item = deref(ctx.doc, raw);
    const name = item && isMap(item) ? scalarValue(deref(ctx.doc, lastPair(item as YAMLMap, 'name')?.value) ?? null) : undefined;
    checkComponentBody(
      ctx,
      item,
      { ...at, path: [...at.path, i], keyNode: item ?? node },
      'dag',
      typeof name === 'string' ? `component \`${name}\`` : `component ${i + 1}`,
    );
  });
}

export type { T };
