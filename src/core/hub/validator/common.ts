// Sections shared by components, operations and run kinds: environment, init, cache, termination,
// plugins, build, hooks, template, mount, params. Sources: cli/polyaxon/_flow/{environment,init,cache,
// termination,plugins,builds,hooks,templates,params}/ and _schemas/types/mounts.py (CLI v2.16.4).
import type { Ctx } from './context';
import { DOCS } from './docs';
import { checkObject, describeNode, isRefNode, type At, type FieldSpec, type Fields, type ObjSpec, type T, field } from './fields';
import { AFFINITY, CONTAINER, HOST_ALIAS, POD_DNS_CONFIG, SECURITY_CONTEXT, TOLERATION, VOLUME } from './k8s';
import { toCamel } from './keys';
import { entries, isMap, isNullNode, isScalar, keyText, toJS, type Scalar, type YAMLMap, type YamlNode } from './nodes';
import { MODELS, modelProblem } from './convert';

const BOOL_REF = { t: 'bool', ref: true } as const;
const INT_REF = { t: 'strictInt', ref: true } as const;

export const PATCH_STRATEGIES = ['replace', 'isnull', 'post_merge', 'pre_merge'] as const;

export const ENVIRONMENT: ObjSpec = {
  label: 'environment',
  docs: DOCS.environment,
  fields: {
    labels: 'strMap',
    annotations: 'strMap',
    nodeSelector: 'strMap',
    affinity: { obj: AFFINITY },
    tolerations: { seqOf: { obj: TOLERATION } },
    nodeName: 'str',
    serviceAccountName: 'str',
    hostAliases: { seqOf: { obj: HOST_ALIAS } },
    securityContext: { obj: SECURITY_CONTEXT },
    imagePullSecrets: 'strList',
    hostNetwork: 'bool',
    hostPID: 'bool',
    dnsPolicy: 'str',
    dnsConfig: { obj: POD_DNS_CONFIG },
    schedulerName: 'str',
    priorityClassName: 'str',
    priority: 'int',
    restartPolicy: { enum: ['Always', 'OnFailure', 'Never'] },
  },
};

/**
 * An init source (`file`, `git`, …) is a `{{ }}` template or the same V1*Type model an IO value of that
 * type converts to (convert.ts MODELS): unknown fields, a missing `content`, `filename: [a]` all fail.
 */
const initSource = (model: (typeof MODELS)[keyof typeof MODELS]): FieldSpec => ({
  ref: true,
  t: {
    expect: `a mapping (${model.name})`,
    custom(ctx, node, at) {
      const name = String(at.path[at.path.length - 1]);
      if (!isMap(node)) {
        ctx.error(
          'wrong-type',
          `\`${name}\` in ${at.label} must be a mapping (${model.name}) or a \`{{ … }}\` template; found ${describeNode(node)}.`,
          { node, path: at.path },
          DOCS.init,
        );
        return;
      }
      const p = modelProblem(model, toJS(ctx.doc, node));
      if (!p) return;
      const e = p.field !== undefined ? entries(ctx.doc, node as YAMLMap).find(x => x.key === p.field) : undefined;
      const code = p.kind === 'missing' ? 'missing-key' : p.kind === 'unknown' ? 'unknown-key' : 'wrong-type';
      ctx.error(
        code,
        `Init \`${name}\`: ${p.why}.`,
        {
          node: e ? (code === 'unknown-key' ? e.keyNode : e.value) : null,
          fallback: at.keyNode ?? node,
          path: p.field !== undefined ? [...at.path, p.field] : at.path,
        },
        DOCS.init,
      );
    },
  },
});
/** V1Init.paths: a string, or a list of strings and [from, to] lists. */
const INIT_PATHS: T = {
  expect: 'a string or a list of paths',
  custom(ctx, node, at) {
    if (isScalar(node) && typeof (node as Scalar).value === 'string') return;
    const v = toJS(ctx.doc, node);
    const ok = Array.isArray(v) && v.every(x => typeof x === 'string' || (Array.isArray(x) && x.every(y => typeof y === 'string')));
    if (!ok) {
      ctx.error(
        'wrong-type',
        `\`paths\` in ${at.label} must be a string or a list of paths (strings, or [from, to] lists of strings); found ${describeNode(node)}.`,
        { node, path: at.path },
        DOCS.init,
      );
    }
  },
};

const INIT_SOURCES = ['artifacts', 'paths', 'git', 'dockerfile', 'file', 'tensorboard', 'lineageRef', 'modelRef', 'artifactRef'];

/** V1Init (_flow/init/__init__.py) and its typed sources (_schemas/types/). */
export const INIT: ObjSpec = {
  label: 'init',
  docs: DOCS.init,
  fields: {
    artifacts: initSource(MODELS.artifacts),
    paths: { t: INIT_PATHS, ref: true },
    git: initSource(MODELS.git),
    dockerfile: initSource(MODELS.dockerfile),
    file: initSource(MODELS.file),
    tensorboard: initSource(MODELS.tensorboard),
    lineageRef: { t: 'str', ref: true },
    artifactRef: { t: 'str', ref: true },
    modelRef: { t: 'str', ref: true },
    connection: 'str',
    path: 'str',
    container: { obj: CONTAINER },
  },
  after(ctx, map, list, at) {
    // init/__init__.py validate_init: one source per init entry; a git source needs a url or a connection
    const set = list.filter(e => INIT_SOURCES.includes(toCamel(e.key)) && !isNullNode(e.value));
    if (set.length > 1) {
      ctx.error(
        'init-sources',
        `An init entry takes one source; this one has ${set.map(e => `\`${e.key}\``).join(', ')}. Split it into separate init entries.`,
        { node: set[1].keyNode, path: [...at.path, set[1].key] },
        DOCS.init,
      );
    }
    const git = field(list, 'git');
    if (git && isMap(git.value) && !field(list, 'connection') && !field(entries(ctx.doc, git.value as YAMLMap), 'url')) {
      ctx.error(
        'missing-key',
        'An init `git` without a `url` needs a `connection` (the repository to clone).',
        { node: git.keyNode, path: [...at.path, git.key] },
        DOCS.init,
      );
    }
    void map;
  },
};

/** Fields of a job-like pod (V1Job, V1KFReplica, V1DaskReplica, V1RayReplica). */
export const POD_FIELDS: Fields = {
  // environment and init take a template in the model, but lint then reads them as objects and fails
  // ("'str' object has no attribute 'obj_to_dict'"): no `ref` for them
  environment: { t: { obj: ENVIRONMENT } },
  connections: { t: 'strList', ref: true },
  volumes: { t: { seqOf: { obj: VOLUME } } },
  init: { t: { seqOf: { obj: INIT } } },
  sidecars: { t: { seqOf: { obj: CONTAINER } } },
  // a template string here fails in Polyaxon's k8s validator (it expects a dict), so no `ref`
  container: { obj: CONTAINER },
};

export const CACHE: ObjSpec = {
  label: 'cache',
  docs: DOCS.cache,
  fields: { disable: BOOL_REF, ttl: INT_REF, io: 'strList', sections: { seqOf: { enum: ['containers', 'init', 'connections'] } } },
};

export const TERMINATION: ObjSpec = {
  label: 'termination',
  docs: DOCS.termination,
  fields: {
    maxRetries: INT_REF,
    ttl: INT_REF,
    timeout: INT_REF,
    culling: { obj: { label: 'culling', fields: { timeout: 'int' } } },
    probe: 'map',
    podFailurePolicy: 'map',
  },
};

export const PLUGINS: ObjSpec = {
  label: 'plugins',
  docs: DOCS.plugins,
  fields: {
    auth: BOOL_REF,
    docker: BOOL_REF,
    shm: BOOL_REF,
    tmux: BOOL_REF,
    sandbox: BOOL_REF,
    ssh: BOOL_REF,
    mountArtifactsStore: BOOL_REF,
    collectArtifacts: BOOL_REF,
    collectLogs: BOOL_REF,
    collectResources: BOOL_REF,
    syncStatuses: BOOL_REF,
    autoResume: BOOL_REF,
    externalHost: BOOL_REF,
    logLevel: 'str',
    sidecar: 'map',
    notifications: { seqOf: { obj: { label: 'notification', fields: { connections: 'strList', trigger: 'str' } } } },
  },
};

const PARAM_KEYS = ['value', 'ref', 'toInit', 'to_init', 'toEnv', 'to_env', 'contextOnly', 'context_only', 'connection'];

/** V1Param (cli/polyaxon/_flow/params/params.py): with a `ref`, the value must be a string. */
export const PARAM: ObjSpec = {
  label: 'param',
  docs: DOCS.params,
  fields: { value: 'any', ref: 'str', contextOnly: 'bool', connection: 'str', toInit: 'bool', toEnv: 'str' },
  after(ctx, _map, list, at) {
    const ref = field(list, 'ref');
    const value = field(list, 'value');
    if (ref && !isNullNode(ref.value) && value && !isNullNode(value.value)) {
      const v = value.value as YamlNode;
      if (!isScalar(v) || typeof (v as Scalar).value !== 'string') {
        ctx.error(
          'param-ref-value',
          `With a \`ref\`, the \`value\` of ${at.label} must be a string (e.g. \`outputs.loss\`); found ${describeNode(v)}.`,
          { node: v, path: [...at.path, 'value'] },
          DOCS.params,
        );
      }
    }
  },
};

/**
 * Operation params (ops_params.py): a non-mapping, or a mapping with none of the V1Param keys, is
 * short for `{value: X}`; a mapping with one of them is a long-form V1Param.
 */
export function checkParams(ctx: Ctx, node: YamlNode | null, at: At, shortForm: boolean): void {
  // a `{{ }}` template passes the model, but lint then calls .items() on it: only a mapping works
  if (isNullNode(node)) return;
  if (!isMap(node)) {
    ctx.error(
      'wrong-type',
      `\`params\` in ${at.label} must be a mapping of param names to values; found ${describeNode(node)}.`,
      { node, path: at.path },
      DOCS.params,
    );
    return;
  }
  for (const e of entries(ctx.doc, node as YAMLMap)) {
    checkOneParam(ctx, e.key, e.keyNode, e.value, { ...at, path: [...at.path, e.key] }, shortForm);
  }
}

function checkOneParam(ctx: Ctx, name: string, keyNode: YamlNode | null, value: YamlNode | null, at: At, shortForm: boolean): void {
  if (shortForm) {
    if (!value || !isMap(value)) return;
    const keys = (value as YAMLMap).items.map(p => keyText(p.key as YamlNode | null));
    if (keys.length === 0 || !keys.some(k => PARAM_KEYS.includes(k))) return;
  } else if (isNullNode(value)) {
    return;
  }
  checkObject(ctx, value, PARAM, { path: at.path, label: `param \`${name}\``, keyNode, docs: DOCS.params }, name);
}

/** Hook, build and join params have no short form (params.py). */
const LONG_PARAMS: T = { expect: 'a mapping of params', custom: (ctx, node, at) => checkParams(ctx, node, at, false) };

export const BUILD: ObjSpec = {
  label: 'build',
  docs: DOCS.build,
  fields: {
    hubRef: { t: 'str', required: true },
    connection: 'str',
    presets: 'strListOrCsv',
    queue: 'str',
    namespace: 'str',
    cache: { obj: CACHE },
    params: { t: LONG_PARAMS },
    runPatch: 'map',
    patchStrategy: { enum: PATCH_STRATEGIES },
  },
};

export const HOOK_TRIGGERS = ['failed', 'stopped', 'succeeded', 'skipped', 'upstream_failed', 'done'] as const;

export const HOOK: ObjSpec = {
  label: 'hook',
  docs: DOCS.hooks,
  fields: {
    hubRef: { t: 'str', required: true },
    connection: 'str',
    trigger: { enum: HOOK_TRIGGERS },
    conditions: 'str',
    queue: 'str',
    namespace: 'str',
    presets: 'strListOrCsv',
    params: { t: LONG_PARAMS },
    disableDefaults: BOOL_REF,
  },
};

export const TEMPLATE: ObjSpec = {
  label: 'template',
  docs: DOCS.template,
  fields: { enabled: BOOL_REF, description: 'str', fields: 'strList' },
};

const MOUNT_OBJ: ObjSpec = {
  label: 'mount',
  docs: DOCS.mount,
  exactKeys: true,
  fields: { from: 'str', to: 'str', path_from: 'str', path_to: 'str' },
};

/** `mount`: strings `"host:container"` or `{from, to}` objects. */
export const MOUNT_ITEM: T = {
  expect: 'a string or a mapping (from, to)',
  custom(ctx, node, at) {
    if (isScalar(node) && typeof (node as Scalar).value === 'string') return;
    if (isMap(node)) {
      checkObject(ctx, node, MOUNT_OBJ, at);
      return;
    }
    ctx.error(
      'wrong-type',
      `Each \`mount\` entry must be a string (\`host:container\`) or a mapping with \`from\`/\`to\`; found ${describeNode(node)}.`,
      { node, path: at.path },
      DOCS.mount,
    );
  },
};

/** clipped NAME_REGEX: a slug, or a `{{ … }}` template. */
const NAME_RE = /^[-a-zA-Z0-9_]+$/;

export const NAME_FIELD: FieldSpec = {
  t: {
    expect: 'a slug',
    custom(ctx, node, at) {
      const v = isScalar(node) ? (node as Scalar).value : undefined;
      if (isRefNode(node)) return;
      if (typeof v !== 'string' || !NAME_RE.test(v)) {
        const suggestion =
          typeof v === 'string'
            ? v
                .trim()
                .toLowerCase()
                .replace(/[^-a-z0-9_]+/g, '-')
                .replace(/^-+|-+$/g, '')
            : '';
        ctx.error(
          'invalid-name',
          `The name ${typeof v === 'string' ? `\`${v}\`` : `${describeNode(node)} (not a string)`} is not valid: use only letters, digits, \`-\` and \`_\`${suggestion ? ` (e.g. \`${suggestion}\`)` : ''}, or a \`{{ … }}\` template.`,
          { node, path: at.path, suggestion: suggestion || undefined },
          DOCS.component,
        );
      }
    },
  },
};

/** BaseComponent fields (cli/polyaxon/_flow/component/base.py), shared by components and operations. */
export const BASE_FIELDS: Fields = {
  version: 'float',
  kind: 'str',
  description: 'str',
  tags: 'strListOrCsv',
  presets: 'strListOrCsv',
  queue: 'str',
  namespace: 'str',
  cache: { t: { obj: CACHE }, ref: true },
  // lint reads termination as an object: no template
  termination: { t: { obj: TERMINATION } },
  plugins: { t: { obj: PLUGINS }, ref: true },
  build: { t: { obj: BUILD }, ref: true },
  hooks: { t: { seqOf: { obj: HOOK } }, ref: true },
  isApproved: BOOL_REF,
  cost: { t: 'float', ref: true },
  mount: { seqOf: MOUNT_ITEM },
};
