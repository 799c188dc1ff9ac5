// Realistic edits of real Polyaxon files, for the differential tests against Polyaxon and PyYAML:
// the mistakes and variations people make while typing a component or an operation (key typos and case
// changes, deleted and unknown keys at every depth, type changes, YAML 1.1 scalars, flow lists and flow
// mappings with odd indentation, tabs, duplicate keys, templates in typed fields, IO types/values/flags/
// options, ports, run kinds and their fields, init sections, container field spellings, a run's environment
// and a container's resources/env/mounts, top-level sections (termination, plugins, cache, hooks, build, …),
// operation params/matrix/joins/schedules and refs/patch strategy).
// Seeded (mulberry32): the same seed gives the same mutants on every machine. Each edit is recorded
// (kind + its own seed) so a disagreement can be reduced to the fewest edits that still show it.
import { prng } from '../../../bench/fuzz';

export interface Edit {
  kind: EditKind;
  seed: number;
}
export interface Mutant {
  source: string;
  edits: Edit[];
  text: string;
}

type Lines = string[];
type EditFn = (lines: Lines, rnd: () => number, file: FileInfo) => Lines | null;
interface FileInfo {
  name: string;
  isOperation: boolean;
}

/** A `key: value` line (or `- key: value`), with where its block ends. */
interface KeyLine {
  i: number;
  indent: number;
  col: number;
  dash: boolean;
  key: string;
  rest: string;
  end: number;
  path: string[];
}

const KEY_RE = /^(\s*)(- +)?([A-Za-z_<][\w.<-]*)\s*:(?:\s+(.*))?$/;

function keyLines(lines: Lines): KeyLine[] {
  const out: KeyLine[] = [];
  const stack: { col: number; key: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = KEY_RE.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].length;
    const col = indent + (m[2]?.length ?? 0);
    while (stack.length && stack[stack.length - 1].col >= col) stack.pop();
    const path = stack.map(s => s.key);
    let end = i + 1;
    while (
      end < lines.length &&
      (lines[end].trim() === '' || indentOf(lines[end]) > col || (indentOf(lines[end]) === col && /^\s*- /.test(lines[end]) && !m[2]))
    ) {
      end++;
    }
    while (end > i + 1 && lines[end - 1].trim() === '') end--;
    out.push({ i, indent, col, dash: !!m[2], key: m[3], rest: (m[4] ?? '').replace(/\s+#.*$/, ''), end, path });
    stack.push({ col, key: m[3] });
  }
  return out;
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const pick = <T>(rnd: () => number, a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
const pad = (n: number) => ' '.repeat(Math.max(0, n));

function setValue(lines: Lines, k: KeyLine, value: string): Lines {
  const head = `${pad(k.indent)}${k.dash ? '- ' : ''}${k.key}:`;
  const body = value.includes('\n') ? value.split('\n').map(l => pad(k.col + 2) + l) : null;
  return [...lines.slice(0, k.i), body ? head : `${head} ${value}`, ...(body ?? []), ...lines.slice(k.end)];
}

function replaceKey(lines: Lines, k: KeyLine, key: string): Lines {
  const out = lines.slice();
  out[k.i] = `${pad(k.indent)}${k.dash ? '- ' : ''}${key}:${lines[k.i].slice(lines[k.i].indexOf(':') + 1)}`;
  return out;
}

function insertAt(lines: Lines, at: number, add: string[]): Lines {
  return [...lines.slice(0, at), ...add, ...lines.slice(at)];
}

const within = (k: KeyLine, ...names: string[]) => names.some(n => k.path.includes(n));

// ---- value pools
const YAML11 = [
  'yes',
  'no',
  'y',
  'n',
  'Y',
  'N',
  'on',
  'off',
  'On',
  'OFF',
  'true',
  'False',
  '~',
  'null',
  'Null',
  '',
  '1e3',
  '1.0e+3',
  '1.0e3',
  '1E3',
  '0x1F',
  '0o17',
  '017',
  '08',
  '1_000',
  '1:30',
  '190:20:30',
  '1:30.5',
  '.inf',
  '-.inf',
  '.NaN',
  '.5',
  '-.5',
  '+1',
  '1.',
  '0.0',
  '-0',
  '2020-01-01',
  '2020-1-1',
  '2001-12-14t21:59:43.10-05:00',
  '2020-13-45',
  '12:30:00',
  '=',
  '0b101',
  '1,000',
  '3.14',
  '-7',
  '007',
];
const TYPE_VALUES = [
  '"x"',
  "'text'",
  '1',
  '-3',
  '2.5',
  '0',
  'true',
  'false',
  '[]',
  '{}',
  '[1, 2]',
  '[a, b]',
  '{a: 1}',
  '{a: {b: 1}}',
  '"1"',
  '"2.5"',
  '"true"',
  '"[1, 2]"',
  '\'{"a": 1}\'',
  'null',
  '4000.0',
  '1e3',
  '"{{ x }}"',
  "'{{ inputs.x }}'",
  '{{ x }}',
  '"s3://bucket/path"',
  '"gs://b/p"',
  '"https://github.com/a/b"',
  '"2020-01-01"',
  '2020-01-01',
  '"2020-01-01 10:00:00"',
  '"550e8400-e29b-41d4-a716-446655440000"',
  '"not-a-uuid"',
  '{name: x}',
  '{url: "https://x.y"}',
  '[{a: 1}]',
  '"a,b"',
  '"/tmp/x"',
  '"image:tag"',
  'yes',
  'no',
  '"-5"',
  '12.0',
  '"12.7"',
  '{user: a, password: b}',
  '{uuid: x}',
  '{files: [a]}',
  '{dirs: [a], files: [b]}',
  '[x]',
];
const IO_TYPES = [
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
  'List[int]',
  'List[str]',
  'List[float]',
  'Dict[str, int]',
  'Dict[str, Any]',
  'Optional[int]',
  'Union[int, str]',
  'integer',
  'string',
  'boolean',
  'number',
  'Int',
  'STR',
  'foo',
  '"{{ t }}"',
  'List[foo]',
  'tuple',
  'List',
];
const UNKNOWN_KEYS = ['foo', 'default', 'Image', 'extra', 'defaultValue', 'required', 'optional', 'type_', 'kind2', 'x-note', 'meta', 'labels', 'id'];
const TEMPLATES = ['"{{ x }}"', "'{{ inputs.x }}'", '"{{ x }}abc"', '{{ x }}', '"{{x}}"', '"{{ globals.uuid }}"', '"{{ params.p.value }}"', '"{{"', '"{ x }"'];
const PORTS = [
  '[6006]',
  '[4000.0]',
  '[1e3]',
  '["8888"]',
  "['{{port}}']",
  '"{{ ports }}"',
  '[]',
  '6006',
  '[6006, "{{ port }}"]',
  '[0x1F]',
  '[1_000]',
  '[8888, 8889]',
  '[true]',
  '["a"]',
  '[-1]',
  '[65536]',
  '{a: 1}',
  '[8_888]',
  '[017]',
];
const RUN_KINDS = [
  'job',
  'service',
  'dag',
  'mpijob',
  'pytorchjob',
  'tfjob',
  'daskcluster',
  'raycluster',
  'notifier',
  'cleaner',
  'tuner',
  'matrix',
  'schedule',
  'Job',
  'jobs',
  'builder',
  'watchdog',
];
const RUN_FIELDS = [
  'ports: [8000]',
  'rewritePath: true',
  'isExternal: false',
  'replicas: 2',
  'operations: []',
  'concurrency: 2',
  'earlyStopping: []',
  'connections: [a]',
  'volumes: []',
  'init: []',
  'sidecars: []',
  'environment: {}',
  'cleanPodPolicy: All',
  'slotsPerWorker: 1',
  'worker: {replicas: 2}',
  'master: {replicas: 1}',
  'scheduler: {}',
  'head: {}',
  'entrypoint: x',
  'minReplicas: 1',
  'matrix: {kind: grid}',
  'schedulingPolicy: {minAvailable: 1}',
  'components: []',
  'enableDynamicWorker: true',
  'successPolicy: x',
  'nProcPerNode: 2',
  'rayVersion: "2.0"',
  'workers: {}',
  'runtimeEnv: {}',
];
const INIT_ENTRIES = [
  ['- file:', '    filename: "script.py"', '    content: "print(1)"'],
  ['- file:', '    filename: 123', '    content: x'],
  ['- file:', '    filename: [a]', '    content: x'],
  ['- file:', '    filename: "{{ f }}"', '    content: x'],
  ['- file:', '    content: x', '    chmod: "+x"'],
  ['- file:', '    filename: run.sh', '    content: echo', '    kind: file'],
  ['- git:', '    url: "https://github.com/polyaxon/polyaxon"'],
  ['- git:', '    revision: main'],
  ['- git:', '    url: 123'],
  ['- git: {url: "{{ repo }}"}'],
  ['- git: "https://github.com/a/b"'],
  ['- artifacts:', '    files: ["a.txt"]'],
  ['- artifacts:', '    dirs: x'],
  ['- artifacts: {files: [a], dirs: [b]}'],
  ['- artifacts: [a]'],
  ['- paths: [a, b]'],
  ['- paths: [[a, b]]'],
  ['- paths: a'],
  ['- dockerfile:', '    image: python:3', '    run: ["pip install x"]'],
  ['- dockerfile: {image: 1}'],
  ['- tensorboard: {uuids: "{{ uuids }}", port: 6006}'],
  ['- tensorboard: {port: "x"}'],
  ['- connection: repo'],
  ['- lineageRef: "{{ ref }}"'],
  ['- modelRef: x', '  path: /tmp'],
  ['- container: {name: x, image: y}'],
  ['- file: {filename: a}', '  git: {url: b}'],
  ['- foo: bar'],
  ['- {}'],
];
const CONTAINER_KEYS: Record<string, string[]> = {
  command: ['Command', 'commands', 'cmd', 'COMMAND'],
  args: ['Args', 'arg', 'arguments'],
  image: ['Image', 'images', 'img', 'IMAGE'],
  workingDir: ['WorkingDir', 'working_dir', 'workdir', 'workingdir', 'working-dir'],
  imagePullPolicy: ['image_pull_policy', 'ImagePullPolicy', 'pullPolicy'],
  env: ['Env', 'environment', 'envs'],
  resources: ['Resources', 'resource'],
  name: ['Name'],
  volumeMounts: ['volume_mounts', 'VolumeMounts', 'volumemounts'],
};
const PARAM_VALUES = [
  '{value: 1}',
  '1',
  '"x"',
  '{value: "{{ x }}"}',
  '{ref: ops.a, value: outputs.x}',
  '{ref: ops.a, value: 1}',
  '{value: [1, 2]}',
  '{contextOnly: true, value: 2}',
  '{toInit: true, value: x}',
  '{connection: c, value: x}',
  '{value: 1, foo: 2}',
  '[1, 2]',
  '{a: 1}',
  '{}',
  'null',
  '{value: null}',
];
const MATRIX_BLOCKS = [
  ['matrix:', '  kind: grid', '  params:', '    lr:', '      kind: choice', '      value: [0.1, 0.2]'],
  ['matrix:', '  kind: random', '  numRuns: 5', '  params:', '    lr:', '      kind: uniform', '      value: [0, 1]'],
  ['matrix:', '  kind: random', '  params:', '    lr: {kind: linspace, value: "0:1:5"}'],
  ['matrix:', '  kind: grid', '  params:', '    lr: {kind: range, value: [0, 10, 1]}'],
  ['matrix:', '  kind: grid', '  params:', '    lr: {kind: range, value: 0:10:1}'],
  [
    'matrix:',
    '  kind: hyperband',
    '  maxIterations: 10',
    '  eta: 3',
    '  resource: {name: steps, type: int}',
    '  metric: {name: loss, optimization: minimize}',
    '  params:',
    '    lr: {kind: choice, value: [1, 2]}',
  ],
  [
    'matrix:',
    '  kind: bayes',
    '  numInitialRuns: 2',
    '  maxIterations: 4',
    '  metric: {name: loss, optimization: maximize}',
    '  params:',
    '    lr: {kind: uniform, value: [0, 1]}',
  ],
  ['matrix:', '  kind: mapping', '  values:', '    - lr: 0.1', '    - lr: 0.2'],
  ['matrix:', '  kind: grid', '  params:', '    lr: {kind: choise, value: [1]}'],
  ['matrix:', '  kind: grid', '  params:', '    lr: [1, 2]'],
  ['matrix:', '  kind: grid', '  concurrency: "{{ c }}"', '  params:', '    lr: {kind: pchoice, value: [[1, 0.5], [2, 0.5]]}'],
  ['matrix:', '  kind: iterative', '  maxIterations: 3', '  params:', '    lr: {kind: choice, value: [1]}'],
  ['matrix:', '  kind: grid'],
  ['matrix: "{{ m }}"'],
  ['matrix:', '  kind: grid', '  params:', '    d: {kind: daterange, value: ["2019-06-22", "2019-07-25", 1]}'],
  ['matrix:', '  kind: random', '  numRuns: 0', '  params:', '    lr: {kind: normal, value: [0, 1]}'],
];
const JOIN_BLOCKS = [
  ['joins:', '  - query: "metrics.loss:<0.1"', '    sort: "-metrics.loss"', '    limit: 5', '    params:', '      uuids: {value: globals.uuid}'],
  ['joins:', '  - query: "status:succeeded"', '    params:', '      x: 1'],
  ['joins:', '  - sort: x'],
  ['joins:', '  - query: a', '    limit: "5"'],
  ['joins: {query: a}'],
];
const SCHEDULE_BLOCKS = [
  ['schedule:', '  kind: cron', '  cron: "0 0 * * *"'],
  ['schedule:', '  kind: interval', '  frequency: 3600', '  startAt: "2021-01-01T00:00:00"'],
  ['schedule:', '  kind: datetime', '  startAt: "2021-01-01 10:00:00"'],
  ['schedule:', '  kind: cron'],
  ['schedule:', '  kind: interval', '  frequency: "1h"'],
  ['schedule:', '  kind: weekly', '  cron: x'],
  ['schedule:', '  kind: cron', '  cron: "* * * * *"', '  maxRuns: 3', '  dependsOnPast: true'],
  ['schedule:', '  kind: datetime', '  startAt: 2021-01-01'],
];

/** Top-level sections of a component or an operation (V1Component, V1Operation), right and wrong. */
const SECTION_LINES = [
  ['termination:', '  maxRetries: 2', '  ttl: 3600', '  timeout: 600'],
  ['termination:', '  maxRetries: "3"'],
  ['termination:', '  max_retries: 2'],
  ['termination: {timeout: "1h"}'],
  ['termination: 3'],
  ['plugins:', '  auth: true', '  docker: false', '  shm: true', '  collectLogs: true', '  collectArtifacts: true', '  syncStatuses: true'],
  ['plugins:', '  externalHost: yes', '  mountArtifactsStore: true'],
  ['plugins:', '  logLevel: INFO', '  sidecar: {syncInterval: 10}'],
  ['plugins:', '  auth: maybe'],
  ['plugins: {colectLogs: true}'],
  ['cache:', '  disable: true', '  ttl: 3600', '  io: [lr]'],
  ['cache: {disable: "no"}'],
  ['cache: {sections: [init]}'],
  ['hooks:', '  - hubRef: slack', '    trigger: succeeded', '    connection: slack-conn'],
  ['hooks:', '  - trigger: sometimes'],
  ['hooks: {hubRef: x}'],
  ['build:', '  hubRef: kaniko', '  connection: docker-connection', '  params:', '    destination: {value: "img:1"}'],
  ['build: {connection: c}'],
  ['queue: agent/queue'],
  ['queue: 1'],
  ['presets: [a, b]'],
  ['presets: a'],
  ['namespace: ns'],
  ['isApproved: false'],
  ['isApproved: "no"'],
  ['is_approved: true'],
  ['cost: 2.5'],
  ['cost: cheap'],
  ['mount: [a]'],
  ['template: {description: x}'],
  ['template: {enabled: true, fields: [name]}'],
];
const OPERATION_LINES = [
  ['patchStrategy: replace'],
  ['patchStrategy: post_merge'],
  ['patchStrategy: merge'],
  ['isPreset: true'],
  ['runPatch:', '  container:', '    resources: {limits: {cpu: 1}}'],
  ['runPatch: x'],
  ['hubRef: tensorboard:v1'],
  ['pathRef: ./component.yaml'],
  ['urlRef: https://example.com/c.yaml'],
  ['dagRef: x'],
  ['hubRef: 12'],
  ['events:', '  - kinds: [run_status_done]', '    ref: ops.a'],
  ['trigger: all_succeeded'],
  ['conditions: "{{ x > 1 }}"'],
  ['skipOnUpstreamSkip: true'],
  ['dependencies: [a]'],
];
/** Fields of a run's environment (V1Environment) and of a container's resources and env. */
const ENVIRONMENT_LINES = [
  ['environment:', '  nodeSelector: {node: gpu}'],
  ['environment:', '  labels: {team: ml}', '  annotations: {a: b}'],
  ['environment:', '  tolerations:', '    - key: gpu', '      operator: Exists', '      effect: NoSchedule'],
  ['environment:', '  restartPolicy: Never'],
  ['environment:', '  restartPolicy: Sometimes'],
  ['environment:', '  serviceAccountName: sa', '  imagePullSecrets: [regcred]'],
  ['environment:', '  hostNetwork: true', '  priorityClassName: high'],
  ['environment:', '  node_selector: {a: b}'],
  ['environment:', '  nodeSelector: [a]'],
  ['environment:', '  affinity: {nodeAffinity: {}}'],
  ['environment:', '  securityContext: {runAsUser: 1000}'],
  ['environment: x'],
];
const CONTAINER_LINES = [
  ['resources:', '  limits: {cpu: 1, memory: 1Gi, nvidia.com/gpu: 1}', '  requests: {cpu: "500m"}'],
  ['resources: {limits: {cpu: 1.5}}'],
  ['resources: {limit: {cpu: 1}}'],
  ['resources: 2'],
  ['env:', '  - name: A', '    value: "1"'],
  ['env:', '  - name: A', '    value: 1'],
  ['env: {A: 1}'],
  ['env:', '  - name: A', '    valueFrom: {secretKeyRef: {name: s, key: k}}'],
  ['imagePullPolicy: Always'],
  ['imagePullPolicy: Sometimes'],
  ['workingDir: /code'],
  ['ports:', '  - containerPort: 8080'],
  ['volumeMounts:', '  - name: data', '    mountPath: /data'],
  ['volumeMounts: [{name: data}]'],
  ['stdin: true'],
  ['securityContext: {privileged: "true"}'],
];

// ---- the edits
const EDITS = {
  /** a typo or case change in a key */
  keyTypo(lines, rnd) {
    const ks = keyLines(lines);
    if (!ks.length) return null;
    const k = pick(rnd, ks);
    const s = k.key;
    const p = Math.floor(rnd() * s.length);
    const variants = [
      s.slice(0, p) + s.slice(p + 1),
      s.slice(0, p) + s[p] + s.slice(p),
      s.slice(0, p) + (s[p + 1] ?? '') + s[p] + s.slice(p + 2),
      s[0].toUpperCase() + s.slice(1),
      s.toLowerCase(),
      s.toUpperCase(),
      s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
      s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
      `${s}s`,
      s.replace(/s$/, ''),
    ];
    const key = pick(rnd, variants);
    return key && key !== s ? replaceKey(lines, k, key) : null;
  },
  /** a key and its block removed, at any depth */
  deleteKey(lines, rnd) {
    const ks = keyLines(lines);
    if (!ks.length) return null;
    const k = pick(rnd, ks);
    if (k.dash) {
      // keep the list item: the next key of the item takes the dash
      const rest = lines.slice(k.i + 1, k.end);
      const out = [...lines.slice(0, k.i), ...lines.slice(k.end)];
      const next = out[k.i];
      if (next !== undefined && indentOf(next) === k.col && !/^\s*-/.test(next)) out[k.i] = `${pad(k.indent)}- ${next.trimStart()}`;
      void rest;
      return out;
    }
    return [...lines.slice(0, k.i), ...lines.slice(k.end)];
  },
  /** an unknown key beside an existing one */
  unknownKey(lines, rnd) {
    const ks = keyLines(lines);
    if (!ks.length) return null;
    const k = pick(rnd, ks);
    return insertAt(lines, k.end, [`${pad(k.col)}${pick(rnd, UNKNOWN_KEYS)}: ${pick(rnd, ['x', '1', 'true', '[a]', '{}', ''])}`]);
  },
  /** a value replaced by another of another type */
  typeChange(lines, rnd) {
    const ks = keyLines(lines).filter(k => k.key !== 'kind' || rnd() < 0.2);
    if (!ks.length) return null;
    const k = pick(rnd, ks);
    const v = pick(rnd, [...TYPE_VALUES, '\n- a\n- b', '\na: 1\nb: x', '\n- name: x']);
    return setValue(lines, k, v);
  },
  /** a YAML 1.1 scalar where a value was */
  yaml11Scalar(lines, rnd) {
    const ks = keyLines(lines).filter(k => k.rest !== '' && !/^[[{|>]/.test(k.rest));
    if (!ks.length) return null;
    return setValue(lines, pick(rnd, ks), pick(rnd, YAML11));
  },
  /** a block list rewritten as a multi-line flow list, its continuation at an odd column */
  flowOddIndent(lines, rnd) {
    const ks = keyLines(lines).filter(
      k => k.rest === '' && k.end > k.i + 1 && lines.slice(k.i + 1, k.end).every(l => /^\s*- [^:{}[\]#]+$/.test(l) || l.trim() === ''),
    );
    if (!ks.length) {
      // or an existing one-line flow collection split over lines
      const fs = keyLines(lines).filter(k => /^\[.*,.*\]$|^\{.*,.*\}$/.test(k.rest));
      if (!fs.length) return null;
      const k = pick(rnd, fs);
      const inner = k.rest
        .slice(1, -1)
        .split(',')
        .map(s => s.trim());
      const col = pick(rnd, [0, k.indent, k.col, k.col + 2, Math.max(0, k.indent - 2)]);
      const open = k.rest[0],
        close = k.rest[k.rest.length - 1];
      const body = [
        `${pad(k.indent)}${k.dash ? '- ' : ''}${k.key}: ${open}${inner[0]},`,
        ...inner.slice(1).map((x, j) => `${pad(col)}${x}${j === inner.length - 2 ? close : ','}`),
      ];
      return [...lines.slice(0, k.i), ...body, ...lines.slice(k.end)];
    }
    const k = pick(rnd, ks);
    const items = lines
      .slice(k.i + 1, k.end)
      .filter(l => l.trim())
      .map(l => l.trim().slice(2).trim());
    const col = pick(rnd, [0, k.indent, k.col, k.col + 2, Math.max(0, k.indent - 2), k.col + 1]);
    const closeOwn = rnd() < 0.3;
    const body = [`${pad(k.indent)}${k.dash ? '- ' : ''}${k.key}: [${items[0]},`];
    items.slice(1).forEach((x, j) => body.push(`${pad(col)}${x}${j === items.length - 2 && !closeOwn ? ']' : ','}`));
    if (items.length === 1) body[0] = body[0].replace(/,$/, closeOwn ? '' : ']');
    if (closeOwn || (items.length === 1 && closeOwn)) body.push(`${pad(col)}]`);
    return [...lines.slice(0, k.i), ...body, ...lines.slice(k.end)];
  },
  /** a tab in the indentation or after a colon */
  tabs(lines, rnd) {
    const ks = keyLines(lines);
    if (!ks.length) return null;
    const k = pick(rnd, ks);
    const out = lines.slice();
    const l = out[k.i];
    switch (Math.floor(rnd() * 4)) {
      case 0:
        out[k.i] = l.replace(/^ {2}/, '\t');
        break;
      case 1:
        out[k.i] = l.replace(/: /, ':\t');
        break;
      case 2:
        out[k.i] = `${l}\t`;
        break;
      default:
        out[k.i] = l.replace(/^(\s*)/, '$1\t');
        break;
    }
    return out[k.i] === l ? null : out;
  },
  /** a key given twice in the same mapping, with another value */
  duplicateKey(lines, rnd) {
    const ks = keyLines(lines).filter(k => !k.dash);
    if (!ks.length) return null;
    const k = pick(rnd, ks);
    const copy = [`${pad(k.col)}${k.key}: ${pick(rnd, [k.rest || 'x', ...TYPE_VALUES.slice(0, 12), ...YAML11.slice(0, 6)])}`];
    // right after the block, or before it
    return rnd() < 0.6 ? insertAt(lines, k.end, copy) : insertAt(lines, k.i, copy);
  },
  /** a `{{ }}` template in a typed field */
  templateTyped(lines, rnd) {
    const ks = keyLines(lines).filter(k => k.key !== 'kind' && k.key !== 'version');
    if (!ks.length) return null;
    return setValue(lines, pick(rnd, ks), pick(rnd, TEMPLATES));
  },
  /** an input/output's type, value, flag, options or optional-ness */
  ioEdit(lines, rnd) {
    const ios = keyLines(lines).filter(k => k.dash && k.key === 'name' && within(k, 'inputs', 'outputs'));
    if (!ios.length) return null;
    const io = pick(rnd, ios);
    const item = keyLines(lines).filter(k => k.i >= io.i && k.i < io.end && k.col === io.col);
    const set = (key: string, value: string): Lines => {
      const e = item.find(x => x.key === key);
      return e ? setValue(lines, e, value) : insertAt(lines, io.end, [`${pad(io.col)}${key}: ${value}`]);
    };
    switch (Math.floor(rnd() * 10)) {
      case 0:
        return set('type', pick(rnd, IO_TYPES));
      case 1:
      case 2:
        return set('value', pick(rnd, TYPE_VALUES));
      case 3:
        return set('isFlag', pick(rnd, ['true', 'false', 'yes', '"true"', '1', 'x']));
      case 4:
        return set('options', pick(rnd, ['[a, b]', '[1, 2]', '["x"]', '[]', 'a', '[true]']));
      case 5:
        return set('isOptional', pick(rnd, ['false', 'true', 'no', '"false"', '0', 'maybe']));
      case 6:
        return set('isList', pick(rnd, ['true', 'false']));
      case 8: {
        const [key, values] = pick(rnd, [
          ['toInit', ['true', 'false', '"yes"']],
          ['toEnv', ['LR', '"{{ x }}"', '1', 'true']],
          ['argFormat', ['"--lr={{ lr }}"', '1', '[a]']],
          ['connection', ['repo', '1']],
          ['delayValidation', ['true', 'x']],
          ['description', ['"the learning rate"', '1', '[a]']],
        ] as const);
        return set(key, pick(rnd, values));
      }
      case 7:
        return set(
          'validation',
          pick(rnd, ['{gt: 0}', '{options: [1, 2]}', '{minLength: 3}', '{regex: "^a"}', '{le: 1.5}', '{delay: true}', '{foo: 1}', '{maxItems: 1}']),
        );
      default: {
        const ty = item.find(x => x.key === 'type');
        const withType = ty ? setValue(lines, ty, pick(rnd, IO_TYPES)) : lines;
        const again = keyLines(withType).filter(k => k.i >= io.i && k.i < io.end + 1 && k.col === io.col);
        const v = again.find(x => x.key === 'value');
        return v
          ? setValue(withType, v, pick(rnd, TYPE_VALUES))
          : insertAt(withType, io.end + (ty ? 0 : 0), [`${pad(io.col)}value: ${pick(rnd, TYPE_VALUES)}`]);
      }
    }
  },
  /** a service's ports */
  ports(lines, rnd) {
    const ps = keyLines(lines).filter(k => k.key === 'ports' && within(k, 'run'));
    if (ps.length) return setValue(lines, pick(rnd, ps), pick(rnd, PORTS));
    const runs = keyLines(lines).filter(k => k.key === 'kind' && k.path[k.path.length - 1] === 'run');
    if (!runs.length) return null;
    const r = pick(rnd, runs);
    return insertAt(lines, r.i + 1, [`${pad(r.col)}ports: ${pick(rnd, PORTS)}`]);
  },
  /** another run kind, or another kind's field in this run */
  runKind(lines, rnd) {
    const runs = keyLines(lines).filter(k => k.key === 'kind' && k.path[k.path.length - 1] === 'run');
    if (!runs.length) return null;
    const r = pick(rnd, runs);
    if (rnd() < 0.5) return setValue(lines, r, pick(rnd, RUN_KINDS));
    return insertAt(lines, r.i + 1, [`${pad(r.col)}${pick(rnd, RUN_FIELDS)}`]);
  },
  /** an init section in a job-like run */
  initSection(lines, rnd) {
    const runs = keyLines(lines).filter(k => k.key === 'kind' && k.path[k.path.length - 1] === 'run');
    if (!runs.length) return null;
    const r = pick(rnd, runs);
    const existing = keyLines(lines).find(k => k.key === 'init' && k.i > r.i && k.col === r.col);
    const entry = pick(rnd, INIT_ENTRIES).map(l => pad(r.col + 2) + l);
    if (existing && existing.rest === '') return insertAt(lines, existing.i + 1, entry);
    return insertAt(lines, r.i + 1, [`${pad(r.col)}init:`, ...entry]);
  },
  /** a container key spelled another way */
  containerSpelling(lines, rnd) {
    const ks = keyLines(lines).filter(k => within(k, 'container', 'sidecars') && CONTAINER_KEYS[k.key] && k.path[k.path.length - 1] !== 'env');
    if (!ks.length) return null;
    const k = pick(rnd, ks);
    return replaceKey(lines, k, pick(rnd, CONTAINER_KEYS[k.key]));
  },
  /** an operation's params, matrix, joins or schedule */
  operationEdit(lines, rnd, file) {
    const ks = keyLines(lines);
    const top = ks.filter(k => k.indent === 0 && !k.dash);
    const params = ks.find(k => k.key === 'params' && k.indent === 0);
    const choice = Math.floor(rnd() * 5);
    if (!file.isOperation && choice > 0) return null;
    if (choice <= 1) {
      const name = pick(rnd, ['lr', 'x', 'epochs', 'image', 'foo']);
      const v = pick(rnd, PARAM_VALUES);
      if (params && params.rest === '') return insertAt(lines, params.i + 1, [`  ${name}: ${v}`]);
      if (params) return setValue(lines, params, pick(rnd, ['{lr: 0.1}', '[a]', '"{{ p }}"', '{}', 'x']));
      return file.isOperation ? [...lines, 'params:', `  ${name}: ${v}`] : null;
    }
    const blocks = choice === 2 ? MATRIX_BLOCKS : choice === 3 ? JOIN_BLOCKS : SCHEDULE_BLOCKS;
    const head = choice === 2 ? 'matrix' : choice === 3 ? 'joins' : 'schedule';
    const existing = top.find(k => k.key === head);
    const block = pick(rnd, blocks);
    if (existing) return [...lines.slice(0, existing.i), ...block, ...lines.slice(existing.end)];
    return [...lines, ...block];
  },
  /** a top-level section of a component or an operation added, replaced, or given a wrong value */
  sectionEdit(lines, rnd, file) {
    const ks = keyLines(lines);
    const pool = file.isOperation && rnd() < 0.5 ? OPERATION_LINES : SECTION_LINES;
    const block = pick(rnd, pool);
    const head = block[0].slice(0, block[0].indexOf(':'));
    // in an operation, a component section goes to the inline component half the time
    const comp = file.isOperation && pool === SECTION_LINES && rnd() < 0.5 ? ks.find(k => k.key === 'component' && k.indent === 0 && k.rest === '') : undefined;
    const col = comp ? 2 : 0;
    const at = comp ? comp.i + 1 : 0;
    const body = block.map(l => pad(col) + l);
    const existing = ks.find(k => k.key === head && k.col === col && (comp ? k.i > comp.i && k.i < comp.end : true));
    if (existing) return [...lines.slice(0, existing.i), ...body, ...lines.slice(existing.end)];
    if (comp) return insertAt(lines, at, body);
    // after `kind:` at the top
    const kind = ks.find(k => k.key === 'kind' && k.indent === 0);
    return insertAt(lines, kind ? kind.end : lines.length, body);
  },
  /** a run's environment, or a container's resources, env, ports or mounts */
  environmentEdit(lines, rnd) {
    const ks = keyLines(lines);
    if (rnd() < 0.5) {
      const runs = ks.filter(k => k.key === 'kind' && k.path[k.path.length - 1] === 'run');
      if (!runs.length) return null;
      const r = pick(rnd, runs);
      const block = pick(rnd, ENVIRONMENT_LINES).map(l => pad(r.col) + l);
      const existing = ks.find(k => k.key === 'environment' && k.col === r.col && k.i > r.i);
      if (existing) return [...lines.slice(0, existing.i), ...block, ...lines.slice(existing.end)];
      return insertAt(lines, r.i + 1, block);
    }
    const containers = ks.filter(k => k.key === 'container' && k.rest === '' && k.end > k.i + 1);
    if (!containers.length) return null;
    const c = pick(rnd, containers);
    const first = ks.find(k => k.i > c.i && k.i < c.end);
    if (!first) return null;
    const block = pick(rnd, CONTAINER_LINES);
    const head = block[0].slice(0, block[0].indexOf(':'));
    const body = block.map(l => pad(first.col) + l);
    const existing = ks.find(k => k.key === head && k.col === first.col && k.i > c.i && k.i < c.end);
    if (existing) return [...lines.slice(0, existing.i), ...body, ...lines.slice(existing.end)];
    return insertAt(lines, first.i, body);
  },
  /** a block mapping of scalars rewritten as a multi-line flow mapping, its continuation at an odd column */
  flowMapping(lines, rnd) {
    const ks = keyLines(lines);
    const maps = ks.filter(k => {
      if (k.rest !== '' || k.end <= k.i + 1) return false;
      const inner = ks.filter(x => x.i > k.i && x.i < k.end);
      return (
        inner.length > 0 &&
        inner.length === lines.slice(k.i + 1, k.end).filter(l => l.trim() && !/^\s*#/.test(l)).length &&
        inner.every(x => !x.dash && x.col === inner[0].col && x.rest !== '' && !/^[|>]/.test(x.rest))
      );
    });
    if (!maps.length) return null;
    const k = pick(rnd, maps);
    const inner = ks.filter(x => x.i > k.i && x.i < k.end).map(x => `${x.key}: ${x.rest}`);
    const col = pick(rnd, [0, k.indent, k.col, k.col + 1, k.col + 2, Math.max(0, k.indent - 2)]);
    const closeOwn = rnd() < 0.3;
    const body = [`${pad(k.indent)}${k.dash ? '- ' : ''}${k.key}: {${inner[0]}${inner.length === 1 && !closeOwn ? '}' : ','}`];
    inner.slice(1).forEach((x, j) => body.push(`${pad(col)}${x}${j === inner.length - 2 && !closeOwn ? '}' : ','}`));
    if (closeOwn) body.push(`${pad(col)}}`);
    return [...lines.slice(0, k.i), ...body, ...lines.slice(k.end)];
  },
  // ---- the older, blunter line edits, still useful at the YAML layer
  deleteLine(lines, rnd) {
    const at = Math.floor(rnd() * lines.length);
    return [...lines.slice(0, at), ...lines.slice(at + 1)];
  },
  duplicateLine(lines, rnd) {
    const at = Math.floor(rnd() * lines.length);
    return insertAt(lines, at, [lines[at] ?? '']);
  },
  reindent(lines, rnd) {
    const at = Math.floor(rnd() * lines.length);
    const d = pick(rnd, [-2, -1, 1, 2]);
    const out = lines.slice();
    const l = out[at] ?? '';
    out[at] = d > 0 ? pad(d) + l : l.slice(Math.min(-d, indentOf(l)));
    return out;
  },
} satisfies Record<string, EditFn>;

export type EditKind = keyof typeof EDITS;

/** How often each edit is picked: the realistic ones dominate. */
const WEIGHTS: [EditKind, number][] = [
  ['keyTypo', 8],
  ['deleteKey', 8],
  ['unknownKey', 6],
  ['typeChange', 8],
  ['yaml11Scalar', 8],
  ['flowOddIndent', 6],
  ['tabs', 3],
  ['duplicateKey', 6],
  ['templateTyped', 6],
  ['ioEdit', 14],
  ['ports', 4],
  ['runKind', 5],
  ['initSection', 5],
  ['containerSpelling', 5],
  ['operationEdit', 6],
  ['sectionEdit', 5],
  ['environmentEdit', 4],
  ['flowMapping', 3],
  ['deleteLine', 1],
  ['duplicateLine', 1],
  ['reindent', 2],
];
const TOTAL = WEIGHTS.reduce((a, [, w]) => a + w, 0);

function pickKind(rnd: () => number): EditKind {
  let x = rnd() * TOTAL;
  for (const [k, w] of WEIGHTS) {
    x -= w;
    if (x < 0) return k;
  }
  return WEIGHTS[0][0];
}

/** Applies recorded edits (each with its own seed) to a text. */
export function applyEdits(text: string, edits: Edit[], file: FileInfo): string {
  let lines = text.split('\n');
  for (const e of edits) {
    const next = EDITS[e.kind](lines, prng(e.seed), file);
    if (next) lines = next;
  }
  return lines.join('\n');
}

export const EDIT_KINDS = WEIGHTS.map(([k]) => k);

/**
 * `count` mutants spread evenly over `files` (round-robin), 1–3 edits each; deterministic for a seed.
 * A mutant equal to its source is re-drawn, so every mutant is an edit.
 */
export function mutants(files: { name: string; text: string }[], count: number, seed: number): Mutant[] {
  const rnd = prng(seed);
  const out: Mutant[] = [];
  for (let i = 0; i < count; i++) {
    const f = files[i % files.length];
    const info = { name: f.name, isOperation: /^kind:\s*operation\s*$/m.test(f.text) };
    for (let attempt = 0; attempt < 20; attempt++) {
      const n = 1 + Math.floor(rnd() * 3);
      const edits: Edit[] = Array.from({ length: n }, () => ({ kind: pickKind(rnd), seed: Math.floor(rnd() * 2 ** 31) }));
      const text = applyEdits(f.text, edits, info);
      if (text !== f.text || attempt === 19) {
        out.push({ source: f.name, edits, text });
        break;
      }
    }
  }
  return out;
}

export function fileInfo(name: string, text: string): FileInfo {
  return { name, isOperation: /^kind:\s*operation\s*$/m.test(text) };
}

/** The lines that differ (a longest-common-subsequence line diff), each hunk with its line number. */
export function lineDiff(a: string, b: string): string {
  const x = a.split('\n'),
    y = b.split('\n');
  const n = x.length,
    m = y.length;
  // lcs[i][j] = LCS length of x[i..] and y[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0,
    j = 0,
    inHunk = false;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      i++;
      j++;
      inHunk = false;
      continue;
    }
    if (!inHunk) {
      out.push(`@@ line ${j + 1}`);
      inHunk = true;
    }
    if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${y[j++]}`);
    else out.push(`- ${x[i++]}`);
  }
  return out.join('\n');
}
