// `run`, discriminated on `run.kind` (cli/polyaxon/_flow/run/runtime.py V1Runtime). Each kind is its own
// pydantic model with extra="forbid": job.py, service.py, dag.py, kubeflow/{mpi,pytorch,tf}_job.py,
// dask/dask.py, ray/ray.py; notifier/cleaner/tuner reuse the job's fields.
import type { Ctx } from './context';
import { DOCS } from './docs';
import { checkObject, describeNode, type At, type Fields, type ObjSpec, type T } from './fields';
import { ENVIRONMENT, POD_FIELDS } from './common';
import { CONTAINER, VOLUME } from './k8s';
import { isMap, isNullNode, lastPair, scalarValue, type YamlNode } from './nodes';
import { suggest } from './keys';
import type { YAMLMap } from 'yaml';

export const RUN_KINDS = ['job', 'service', 'dag', 'mpijob', 'pytorchjob', 'tfjob', 'daskcluster', 'raycluster', 'notifier', 'cleaner', 'tuner'] as const;
/** V1RunKind values that exist but cannot be a component's run (run/enums.py). */
const OTHER_RUN_KINDS = ['matrix', 'schedule', 'watchdog', 'builder'];

const BOOL_REF = { t: 'bool', ref: true } as const;
const INT_REF = { t: 'strictInt', ref: true } as const;

const JOB_FIELDS: Fields = { kind: 'str', ...POD_FIELDS };

/** Misplaced keys seen in real files, with where they belong. */
const POD_HINTS: Record<string, string> = {
  matrix: 'a matrix is not part of a run: define it on an operation (`kind: operation`, top-level `matrix:`) that runs this component.',
  image: 'the image belongs to the container: `container: {image: …}`.',
  command: 'the command belongs to the container: `container: {command: […]}`.',
  args: 'the args belong to the container: `container: {args: […]}`.',
  resources: 'resources belong to the container: `container: {resources: …}`.',
  env: 'environment variables belong to the container: `container: {env: […]}`.',
  inputs: 'inputs are declared at the top level of the component, not inside `run`.',
  outputs: 'outputs are declared at the top level of the component, not inside `run`.',
  params: 'params belong to an operation, not to a run.',
};
const JOB_HINTS: Record<string, string> = { ...POD_HINTS, ports: '`ports` is a service field; use `kind: service` to expose ports.' };

const SERVICE_FIELDS: Fields = {
  ...JOB_FIELDS,
  // List[StrictInt] or a template: `ports: ['{{port}}']` fails in Polyaxon, `ports: '{{ports}}'` passes
  ports: { t: { seqOf: 'strictInt' }, ref: true },
  rewritePath: BOOL_REF,
  isExternal: BOOL_REF,
  replicas: INT_REF,
};

const replica = (label: string, extra: Fields = {}): ObjSpec => ({
  label,
  docs: DOCS.distributed,
  fields: { replicas: INT_REF, ...POD_FIELDS, ...extra },
  hints: POD_HINTS,
});
const KF_REPLICA = (name: string): T => ({ obj: replica(`replica \`${name}\``) });

const SCHEDULING_POLICY: ObjSpec = {
  label: 'schedulingPolicy',
  docs: DOCS.distributed,
  fields: { minAvailable: 'int', queue: 'str', minResources: 'map', priorityClass: 'str', scheduleTimeoutSeconds: 'int' },
};
const CLEAN_POD_POLICY = { t: { enum: ['All', 'Running', 'None', 'all', 'running', 'none'] } } as const;

const RAY_REPLICA: ObjSpec = replica('ray replica', {
  groupName: 'str',
  minReplicas: INT_REF,
  maxReplicas: INT_REF,
  rayStartParams: 'map',
});

const DAG_FIELDS = (dagOps: T, dagComponents: T): Fields => ({
  kind: 'str',
  // lint iterates the operations: a DAG without them fails ("'NoneType' object is not iterable")
  operations: { t: dagOps, required: true },
  // a template passes the model but lint then iterates it ("'str' object has no attribute …"): no `ref`
  components: { t: dagComponents },
  concurrency: { t: 'posInt', ref: true },
  earlyStopping: { t: 'seq', ref: true },
  environment: { t: { obj: ENVIRONMENT } },
  connections: { t: 'strList', ref: true },
  volumes: { t: { seqOf: { obj: VOLUME } } },
});

// Replicas, DAG operations, volumes: a `{{ }}` template passes the model, but lint then reads it as an
// object ("'str' object has no attribute 'obj_to_dict'"), so none of them takes one here.

export interface RunKindHooks {
  /** checks `run.operations` (full operations) — given by operation.ts to avoid an import cycle */
  dagOperations: T;
  dagComponents: T;
  earlyStopping: T;
}

let specs: Record<string, ObjSpec> | undefined;

/** Specs per kind, built once (they need the DAG hooks from the operation module). */
export function runSpecs(h: RunKindHooks): Record<string, ObjSpec> {
  if (specs) return specs;
  const dagFields = DAG_FIELDS(h.dagOperations, h.dagComponents);
  dagFields.earlyStopping = { t: h.earlyStopping, ref: true };
  specs = {
    job: { label: 'run (job)', docs: DOCS.job, fields: JOB_FIELDS, hints: JOB_HINTS },
    notifier: { label: 'run (notifier)', docs: DOCS.job, fields: JOB_FIELDS, hints: JOB_HINTS },
    cleaner: { label: 'run (cleaner)', docs: DOCS.job, fields: JOB_FIELDS, hints: JOB_HINTS },
    tuner: { label: 'run (tuner)', docs: DOCS.job, fields: JOB_FIELDS, hints: JOB_HINTS },
    service: { label: 'run (service)', docs: DOCS.service, fields: SERVICE_FIELDS, hints: POD_HINTS },
    dag: { label: 'run (dag)', docs: DOCS.dag, fields: dagFields },
    mpijob: {
      label: 'run (mpijob)',
      docs: DOCS.distributed,
      fields: {
        kind: 'str',
        cleanPodPolicy: CLEAN_POD_POLICY,
        schedulingPolicy: { obj: SCHEDULING_POLICY },
        slotsPerWorker: INT_REF,
        launcher: { t: KF_REPLICA('launcher') },
        worker: { t: KF_REPLICA('worker') },
      },
    },
    pytorchjob: {
      label: 'run (pytorchjob)',
      docs: DOCS.distributed,
      fields: {
        kind: 'str',
        cleanPodPolicy: CLEAN_POD_POLICY,
        schedulingPolicy: { obj: SCHEDULING_POLICY },
        elasticPolicy: 'map',
        nProcPerNode: { t: 'any' },
        master: { t: KF_REPLICA('master') },
        worker: { t: KF_REPLICA('worker') },
      },
    },
    tfjob: {
      label: 'run (tfjob)',
      docs: DOCS.distributed,
      fields: {
        kind: 'str',
        cleanPodPolicy: CLEAN_POD_POLICY,
        schedulingPolicy: { obj: SCHEDULING_POLICY },
        enableDynamicWorker: BOOL_REF,
        successPolicy: 'str',
        chief: { t: KF_REPLICA('chief') },
        ps: { t: KF_REPLICA('ps') },
        worker: { t: KF_REPLICA('worker') },
        evaluator: { t: KF_REPLICA('evaluator') },
      },
    },
    daskcluster: {
      label: 'run (daskcluster)',
      docs: DOCS.distributed,
      fields: {
        kind: 'str',
        worker: { t: { obj: replica('dask worker') } },
        scheduler: { t: { obj: replica('dask scheduler') } },
        // container, sidecars and volumes are in the JSON Schema (protos) but not in V1DaskCluster: lint refuses them
        minReplicas: INT_REF,
        maxReplicas: INT_REF,
      },
    },
    raycluster: {
      label: 'run (raycluster)',
      docs: DOCS.distributed,
      fields: {
        kind: 'str',
        entrypoint: 'str',
        runtimeEnv: { t: 'map', ref: true },
        metadata: { t: 'map', ref: true },
        rayVersion: 'str',
        head: { t: { obj: RAY_REPLICA } },
        workers: { t: { mapOf: { obj: RAY_REPLICA } } },
        enableInTreeAutoscaling: BOOL_REF,
        autoscalerOptions: { t: 'map', ref: true },
      },
    },
  };
  return specs;
}

/**
 * Checks `run` and returns its kind. `required` is false for a runPatch (every field optional).
 */
export function checkRun(ctx: Ctx, node: YamlNode | null, at: At, h: RunKindHooks, required = true): string | undefined {
  if (isNullNode(node)) {
    if (required) {
      ctx.error(
        'missing-run',
        'A component needs a `run` section with a `kind` (job, service, dag, …).',
        { node, fallback: at.keyNode, path: at.path },
        DOCS.component,
      );
    }
    return undefined;
  }
  if (!isMap(node)) {
    ctx.error(
      'wrong-type',
      `\`run\` must be a mapping with a \`kind\` (job, service, dag, …); found ${describeNode(node)}.`,
      { node, path: at.path },
      DOCS.component,
    );
    return undefined;
  }
  const kindPair = lastPair(node as YAMLMap, 'kind');
  const kindNode = (kindPair?.value ?? null) as YamlNode | null;
  const kind = scalarValue(kindNode);
  if (kind === undefined || kind === null) {
    ctx.error(
      'missing-run-kind',
      `\`run\` needs a \`kind\`: one of ${RUN_KINDS.join(', ')}.`,
      { node: kindPair?.key as YamlNode | undefined, fallback: at.keyNode ?? node, path: [...at.path, 'kind'] },
      DOCS.component,
    );
    return undefined;
  }
  const spec = typeof kind === 'string' ? runSpecs(h)[kind] : undefined;
  if (!spec) {
    const k = String(kind);
    const near = suggest(k, RUN_KINDS);
    const msg = OTHER_RUN_KINDS.includes(k)
      ? `\`${k}\` is not a run kind of a component; use one of ${RUN_KINDS.join(', ')}.`
      : near
        ? `Unknown run kind \`${k}\`; did you mean \`${near}\`?`
        : `Unknown run kind \`${k}\`; use one of ${RUN_KINDS.join(', ')}.`;
    ctx.error(
      'unknown-run-kind',
      msg,
      { node: kindNode, path: [...at.path, 'kind'], suggestion: OTHER_RUN_KINDS.includes(k) ? undefined : near },
      DOCS.component,
    );
    return undefined;
  }
  checkObject(ctx, node, spec, { ...at, docs: spec.docs });
  return kind as string;
}

export { CONTAINER };
