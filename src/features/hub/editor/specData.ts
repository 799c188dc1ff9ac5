// What completion and hover say about Polyaxon YAML keys and values. Descriptions are condensed from
// the titles in Polyaxon's published JSON Schema (../shared/reference/polyaxonfile.schema.json) and
// its docs; only the handful of keys a component author types is kept here, not the 444 KB schema.
const DOCS = 'https://polyaxon.com/docs';

export interface KeyInfo {
  description: string;
  docs?: string;
  snippet?: string;
}
export type KeyTable = Readonly<Record<string, KeyInfo>>;

const COMPONENT_DOCS = `${DOCS}/core/specification/component/`;
const OPERATION_DOCS = `${DOCS}/core/specification/operation/`;
const IO_DOCS = `${DOCS}/core/specification/io/`;
const TYPES_DOCS = `${DOCS}/core/specification/types/`;

const SHARED_TOP: KeyTable = {
  version: { description: 'Spec version. Must be `1.1`.', docs: COMPONENT_DOCS, snippet: 'version: 1.1' },
  kind: {
    description: 'What this file is: `component` (a reusable definition) or `operation` (a run of one).',
    docs: COMPONENT_DOCS,
    snippet: 'kind: ${1|component,operation|}',
  },
  name: { description: 'A slug (letters, digits, `-`, `_`) or a `{{ }}` template.', docs: COMPONENT_DOCS },
  description: { description: 'What it does, shown in the Component Hub.', docs: COMPONENT_DOCS },
  tags: { description: 'A list of tags, e.g. `[training, pytorch]`.', docs: COMPONENT_DOCS, snippet: 'tags: [$1]' },
  presets: { description: 'Names of presets to apply when running.', docs: `${DOCS}/core/scheduling-presets/` },
  queue: { description: 'The queue to schedule runs on (`agent/queue` or `queue`).', docs: `${DOCS}/core/scheduling-strategies/queue-routing/` },
  namespace: { description: "The Kubernetes namespace; the agent's namespace by default.", docs: COMPONENT_DOCS },
  cache: { description: 'Cache settings: `disable`, `ttl`, `io`, `sections`.', docs: `${DOCS}/core/specification/cache/` },
  termination: { description: 'When to stop: `maxRetries`, `ttl`, `timeout`.', docs: `${DOCS}/core/specification/termination/` },
  plugins: {
    description:
      'Plugins to enable: `auth`, `docker`, `shm`, `collectArtifacts`, `collectLogs`, `collectResources`, `syncStatuses`, `autoResume`, `sidecar`, `notifications`…',
    docs: `${DOCS}/core/specification/plugins/`,
  },
  build: { description: 'A build to run before this run (`hubRef` required).', docs: `${DOCS}/automation/builds/` },
  hooks: { description: 'Operations to trigger after this run (`hubRef`, `trigger`, `conditions`, `params`).', docs: `${DOCS}/automation/hooks/` },
  isApproved: { description: 'Set `false` to require an approval before the run starts.', docs: COMPONENT_DOCS },
  cost: { description: 'A cost (float) assigned to each run.', docs: COMPONENT_DOCS },
  template: { description: 'Marks the file as a template: `enabled`, `fields`, `description`.', docs: `${DOCS}/core/specification/template/` },
};

/** Top-level keys of `kind: component` (camelCase only: snake_case is "Unexpected section" there). */
export const COMPONENT_KEYS: KeyTable = {
  ...SHARED_TOP,
  mount: { description: 'Artifacts and connections to mount.', docs: COMPONENT_DOCS },
  inputs: {
    description: 'The inputs the component accepts: a list of IO definitions (`name`, `type`, `value`, `isOptional`…).',
    docs: IO_DOCS,
    snippet: 'inputs:\n- name: ${1:lr}\n  type: ${2:float}',
  },
  outputs: {
    description: 'The outputs the component produces: a list of IO definitions.',
    docs: IO_DOCS,
    snippet: 'outputs:\n- name: ${1:loss}\n  type: ${2:float}',
  },
  run: {
    description:
      'What runs: a `kind` (`job`, `service`, `dag`, `tfjob`, `pytorchjob`, `mpijob`, `daskcluster`, `raycluster`, `notifier`, `cleaner`, `tuner`) and its fields. Required.',
    docs: COMPONENT_DOCS,
    snippet: 'run:\n  kind: ${1|job,service,dag,tfjob,pytorchjob,mpijob,daskcluster,raycluster,notifier,cleaner,tuner|}',
  },
};

/** Top-level keys of `kind: operation`. */
export const OPERATION_KEYS: KeyTable = {
  ...SHARED_TOP,
  hubRef: {
    description: 'The component to run, from a hub: `[owner/]name[:version]`. Exactly one of `component`, `hubRef`, `dagRef`, `pathRef`, `urlRef`.',
    docs: `${DOCS}/management/component-hub/`,
  },
  pathRef: { description: 'The component to run, from a file path relative to this file.', docs: OPERATION_DOCS },
  urlRef: { description: 'The component to run, from a URL.', docs: OPERATION_DOCS },
  dagRef: { description: 'The component to run, by name of a component of the enclosing DAG.', docs: OPERATION_DOCS },
  component: { description: 'The component to run, written inline.', docs: OPERATION_DOCS },
  params: { description: 'Values for the component inputs: `name: {value: …}` or `{ref: …, value: …}`.', docs: `${DOCS}/core/specification/params/` },
  matrix: {
    description: 'Run many: `kind` `random`, `grid`, `bayes`, `hyperband`, `hyperopt`, `iterative`, `mapping`.',
    docs: `${DOCS}/automation/optimization-engine/`,
  },
  joins: { description: 'Queries over other runs whose results feed params.', docs: `${DOCS}/automation/joins/` },
  schedule: { description: 'Run on a `cron`, an `interval` or at a `datetime`.', docs: `${DOCS}/automation/schedules/` },
  dependencies: { description: 'Names of the DAG operations this one waits for.', docs: `${DOCS}/automation/flow-engine/specification/` },
  trigger: {
    description: 'When to start after dependencies: `all_succeeded`, `all_failed`, `all_done`, `one_succeeded`, `one_failed`, `one_done`.',
    docs: `${DOCS}/automation/flow-engine/specification/`,
  },
  conditions: { description: 'A template expression that must be true for the run to start.', docs: `${DOCS}/automation/flow-engine/specification/` },
  skipOnUpstreamSkip: { description: 'Skip this run if an upstream run was skipped.', docs: `${DOCS}/automation/flow-engine/specification/` },
  events: { description: 'Event triggers: run statuses of other operations.', docs: `${DOCS}/automation/events/` },
  runPatch: { description: 'Overrides merged into the component’s `run` section.', docs: OPERATION_DOCS },
  patchStrategy: { description: '`replace`, `isnull`, `post_merge` (default) or `pre_merge`.', docs: OPERATION_DOCS },
  isPreset: { description: 'Marks this file as a preset.', docs: OPERATION_DOCS },
};

/** Fields of an input/output definition. */
export const IO_KEYS: KeyTable = {
  name: {
    description: 'The name, used as `{{ name }}` in templates and as a param name. Required; not `globals`, `params` or `connections`; unique.',
    docs: IO_DOCS,
  },
  description: { description: 'What it is for.', docs: IO_DOCS },
  type: {
    description:
      'The type: `int`, `float`, `bool`, `str`, `dict`, `list`, `uri`, `path`, `git`, `image`, `s3`, `gcs`, `wasb`, `artifacts`, … or `List[T]` / `Dict[K,V]`.',
    docs: TYPES_DOCS,
  },
  value: { description: 'The default value. Makes the input optional; must parse as its `type`.', docs: IO_DOCS },
  isOptional: { description: 'Whether a value may be left out. `false` together with a `value` is an error.', docs: IO_DOCS },
  isList: { description: 'The value is a list of `type`.', docs: IO_DOCS },
  isFlag: { description: 'Passed as a bare `--name` flag when true. Only for `bool`.', docs: IO_DOCS },
  argFormat: { description: 'How the value is passed, e.g. `--lr={{ lr }}`.', docs: IO_DOCS },
  connection: { description: 'The connection this input/output is used with.', docs: IO_DOCS },
  toInit: { description: 'Turn the value into an init container (e.g. a git or artifacts input).', docs: IO_DOCS },
  toEnv: { description: 'The environment variable that receives the value.', docs: IO_DOCS },
  validation: {
    description:
      'Constraints: `gt`, `ge`, `lt`, `le`, `multipleOf`, `minDigits`, `maxDigits`, `decimalPlaces`, `regex`, `minLength`, `maxLength`, `contains`, `excludes`, `options`, `minItems`, `maxItems`, `keys`, `containsKeys`, `excludesKeys`.',
    docs: `${DOCS}/core/specification/validation/`,
  },
  delayValidation: { description: 'Deprecated: validate the value only at run time.', docs: IO_DOCS },
  options: { description: 'Deprecated: use `validation.options`.', docs: IO_DOCS },
};

/** The IO types Polyaxon knows (generic hints `List[T]`, `Dict[K,V]` are accepted too). */
export const IO_TYPES: Readonly<Record<string, string>> = {
  any: 'Any value.',
  int: 'An integer.',
  float: 'A number.',
  bool: 'true or false.',
  str: 'A string.',
  dict: 'A mapping.',
  dict_of_dicts: 'A mapping of mappings.',
  list: 'A list.',
  uri: 'A URI, optionally with user:password.',
  auth: '`user:password`.',
  gcs: 'A Google Cloud Storage path `gs://bucket/path`.',
  s3: 'An S3 path `s3://bucket/key`.',
  wasb: 'An Azure blob path `wasbs://container@account.blob.core.windows.net/path`.',
  dockerfile: 'A dockerfile spec (`image`, `run`, `env`…).',
  git: 'A git repository (`url`, `revision`, `flags`).',
  image: 'A container image name.',
  event: 'An event reference.',
  artifacts: 'Files and dirs of a run’s artifacts (`files`, `dirs`).',
  path: 'A path.',
  metric: 'A metric (a number).',
  metadata: 'Metadata.',
  date: 'A date `YYYY-MM-DD`.',
  datetime: 'A datetime (ISO 8601).',
  file: 'A file spec (`filename`, `content`).',
  tensorboard: 'A TensorBoard spec (`uuids`, `useNames`, `paths`, `plugins`).',
  uuid: 'A UUID.',
};

/** Run kinds and the fields each accepts. */
export const RUN_KINDS: Readonly<Record<string, KeyInfo & { fields: KeyTable }>> = {
  job: {
    description: 'A batch job: one container that runs to completion.',
    docs: `${DOCS}/experimentation/jobs/specification/`,
    fields: runFields({
      container: { description: 'The main container (`image`, `command`, `args`, `env`, `resources`…).' },
      connections: { description: 'Names of connections to mount.' },
      environment: { description: 'Pod settings: `nodeSelector`, `affinity`, `tolerations`, `labels`, `annotations`, `serviceAccountName`, `restartPolicy`…' },
      init: { description: 'Init steps: `git`, `dockerfile`, `file`, `artifacts`, `paths`, `connection`, `container`.' },
      sidecars: { description: 'Extra containers running beside the main one.' },
      volumes: { description: 'Kubernetes volumes.' },
    }),
  },
  service: {
    description: 'A long-running service exposing ports (a notebook, a dashboard, an API).',
    docs: `${DOCS}/experimentation/services/specification/`,
    fields: runFields({
      container: { description: 'The main container.' },
      connections: { description: 'Names of connections to mount.' },
      environment: { description: 'Pod settings.' },
      init: { description: 'Init steps.' },
      sidecars: { description: 'Extra containers.' },
      volumes: { description: 'Kubernetes volumes.' },
      ports: { description: 'Ports to expose: a list of integers.' },
      replicas: { description: 'Number of replicas.' },
      rewritePath: { description: 'Rewrite the path of the proxied requests.' },
      isExternal: { description: 'Expose the service outside the cluster.' },
    }),
  },
  dag: {
    description: 'A pipeline of operations with dependencies.',
    docs: `${DOCS}/automation/flow-engine/specification/`,
    fields: runFields({
      operations: { description: 'The operations of the graph.' },
      components: { description: 'Components the operations refer to by `dagRef`.' },
      concurrency: { description: 'How many operations run at once.' },
      earlyStopping: { description: 'Policies that stop the DAG early.' },
      environment: { description: 'Pod settings shared by the operations.' },
      connections: { description: 'Connections.' },
      volumes: { description: 'Volumes.' },
    }),
  },
  tfjob: {
    description: 'Distributed TensorFlow (Kubeflow TFJob).',
    docs: `${DOCS}/experimentation/distributed/`,
    fields: runFields({
      chief: { description: 'Chief replica.' },
      ps: { description: 'Parameter-server replicas.' },
      worker: { description: 'Worker replicas.' },
      evaluator: { description: 'Evaluator replica.' },
      cleanPodPolicy: { description: '`All`, `Running` or `None`.' },
      schedulingPolicy: { description: 'Gang-scheduling settings.' },
      enableDynamicWorker: { description: 'Allow workers to join dynamically.' },
      successPolicy: { description: 'When the job counts as succeeded.' },
    }),
  },
  pytorchjob: {
    description: 'Distributed PyTorch (Kubeflow PyTorchJob).',
    docs: `${DOCS}/experimentation/distributed/`,
    fields: runFields({
      master: { description: 'Master replica.' },
      worker: { description: 'Worker replicas.' },
      cleanPodPolicy: { description: '`All`, `Running` or `None`.' },
      schedulingPolicy: { description: 'Gang-scheduling settings.' },
      elasticPolicy: { description: 'Elastic training settings.' },
      nProcPerNode: { description: 'Processes per node.' },
    }),
  },
  mpijob: {
    description: 'Distributed MPI (Kubeflow MPIJob).',
    docs: `${DOCS}/experimentation/distributed/`,
    fields: runFields({
      launcher: { description: 'Launcher replica.' },
      worker: { description: 'Worker replicas.' },
      slotsPerWorker: { description: 'Slots per worker.' },
      cleanPodPolicy: { description: '`All`, `Running` or `None`.' },
      schedulingPolicy: { description: 'Gang-scheduling settings.' },
    }),
  },
  daskcluster: {
    description: 'A Dask cluster.',
    docs: `${DOCS}/experimentation/distributed/`,
    fields: runFields({
      scheduler: { description: 'Scheduler pod.' },
      worker: { description: 'Worker pods.' },
      container: { description: 'The main container.' },
      minReplicas: { description: 'Autoscaling minimum.' },
      maxReplicas: { description: 'Autoscaling maximum.' },
      sidecars: { description: 'Extra containers.' },
      volumes: { description: 'Volumes.' },
    }),
  },
  raycluster: {
    description: 'A Ray cluster.',
    docs: `${DOCS}/experimentation/distributed/`,
    fields: runFields({
      head: { description: 'The head group.' },
      workers: { description: 'Worker groups.' },
      entrypoint: { description: 'e.g. `python path/to/run.py`.' },
      rayVersion: { description: 'Must equal the image’s Ray version.' },
      runtimeEnv: { description: 'pip packages, env vars.' },
      metadata: { description: 'Metadata.' },
      enableInTreeAutoscaling: { description: 'In-tree autoscaling.' },
      autoscalerOptions: { description: 'Autoscaler options.' },
    }),
  },
  notifier: {
    description: 'Sends a notification (used by hooks).',
    docs: `${DOCS}/automation/hooks/`,
    fields: runFields({
      container: { description: 'The container that notifies.' },
      connections: { description: 'Connections.' },
      environment: { description: 'Pod settings.' },
      init: { description: 'Init steps.' },
      sidecars: { description: 'Extra containers.' },
      volumes: { description: 'Volumes.' },
    }),
  },
  cleaner: {
    description: 'Cleans up artifacts (internal).',
    docs: COMPONENT_DOCS,
    fields: runFields({
      container: { description: 'The cleaning container.' },
      connections: { description: 'Connections.' },
      environment: { description: 'Pod settings.' },
      volumes: { description: 'Volumes.' },
    }),
  },
  tuner: {
    description: 'Runs a tuner component for a matrix (internal).',
    docs: `${DOCS}/automation/optimization-engine/`,
    fields: runFields({
      hubRef: { description: 'The tuner component (required).' },
      params: { description: 'Params.' },
      presets: { description: 'Presets.' },
      queue: { description: 'Queue.' },
      namespace: { description: 'Namespace.' },
    }),
  },
};

function runFields(fields: KeyTable): KeyTable {
  return { kind: { description: 'The run kind.', docs: COMPONENT_DOCS }, ...fields };
}
