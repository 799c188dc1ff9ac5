// One focused case per rule, with the exact range of the offending key or value.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  formatProblem,
  looksLikePolyaxonFile,
  toCliJson,
  validateFilesReport,
  validatePolyaxonYaml,
  type Problem,
  type ValidateOptions,
} from '../../src/core/hub/validator';

const v = (text: string, o?: ValidateOptions) => validatePolyaxonYaml(text, o);
const errors = (text: string, o?: ValidateOptions) => v(text, o).problems.filter(p => p.severity === 'error');
const warnings = (text: string, o?: ValidateOptions) => v(text, o).problems.filter(p => p.severity === 'warning');
const codes = (ps: Problem[]) => ps.map(p => p.code);
/** 0-based [line, column] of the problem's start and end */
const at = (p: Problem | undefined) => p && [p.range.start.line, p.range.start.column, p.range.end.line, p.range.end.column];

const JOB = `version: 1.1
kind: component
name: train
run:
  kind: job
  container:
    image: python:3.11
    command: [python, train.py]
`;
/** a valid component with the given extra top-level lines inserted after `name:` */
const comp = (extra: string, run = '  kind: job\n  container:\n    image: x\n') => `version: 1.1\nkind: component\nname: train\n${extra}run:\n${run}`;

describe('validator: file-level rules', () => {
  it('accepts a minimal job component', () => {
    const r = v(JOB);
    assert.equal(r.valid, true, JSON.stringify(r.problems));
    assert.equal(r.kind, 'component');
    assert.equal(r.summary?.runKind, 'job');
    assert.equal(r.summary?.name, 'train');
  });

  it('requires kind, and checks kind before version', () => {
    const e = errors('version: 1.1\nname: x\nrun: {kind: job}\n');
    assert.deepEqual(codes(e), ['missing-kind']);
    const e2 = errors('kind: job\nrun: {kind: job}\n');
    assert.ok(codes(e2).includes('unknown-kind'));
    assert.deepEqual(at(e2.find(p => p.code === 'unknown-kind')), [0, 6, 0, 9]);
  });

  it('requires version 1.1 (a number)', () => {
    assert.deepEqual(codes(errors('kind: component\nrun: {kind: job}\n')), ['missing-version']);
    const e = errors('version: 1.0\nkind: component\nrun: {kind: job}\n');
    assert.deepEqual(codes(e), ['unsupported-version']);
    assert.deepEqual(at(e[0]), [0, 9, 0, 12]);
    assert.match(e[0].message, /`1\.0`/);
    assert.deepEqual(codes(errors('version: "1.1"\nkind: component\nrun: {kind: job}\n')), ['unsupported-version']);
    assert.equal(v('version: 1.10\nkind: component\nrun: {kind: job}\n').valid, true);
  });

  it('rejects unknown sections with the range of the key', () => {
    const e = errors(comp('secretResources: [a]\n'));
    assert.deepEqual(codes(e), ['unknown-section']);
    assert.deepEqual(at(e[0]), [3, 0, 3, 15]);
    assert.match(e[0].message, /Unexpected section `secretResources`/);
    assert.equal(e[0].docs, 'https://polyaxon.com/docs/core/specification/component/');
  });

  it('accepts only camelCase at the top level, both spellings inside', () => {
    const e = errors(comp('is_approved: true\n'));
    assert.deepEqual(codes(e), ['snake-case-section']);
    assert.match(e[0].message, /`isApproved`/);
    assert.equal(e[0].suggestion, 'isApproved');
    assert.equal(v(comp('isApproved: true\ntermination:\n  max_retries: 2\n  maxRetries: 3\n')).valid, true);
  });

  it('says where a misplaced section belongs', () => {
    const e = errors(comp('environment:\n  nodeSelector: {a: b}\n'));
    assert.match(e[0].message, /belongs inside `run`/);
    const e2 = errors(comp('params:\n  lr: 0.1\n'));
    assert.match(e2[0].message, /operation/);
  });

  it('checks the name', () => {
    const e = errors(JOB.replace('name: train', 'name: My Train'));
    assert.deepEqual(codes(e), ['invalid-name']);
    assert.deepEqual(at(e[0]), [2, 6, 2, 14]);
    assert.match(e[0].message, /my-train/);
    assert.equal(e[0].suggestion, 'my-train');
    assert.equal(v(JOB.replace('name: train', 'name: "{{ globals.name }}"')).valid, true);
    assert.equal(v(JOB.replace('name: train', 'name: train_v-2')).valid, true);
  });

  it('checks section types (tags, cost, termination, plugins, cache, hooks, build, mount)', () => {
    assert.equal(v(comp('tags: a, b\ncost: 1.5\n')).valid, true);
    assert.deepEqual(codes(errors(comp('tags: [a, {b: 1}]\n'))), ['wrong-type']);
    assert.deepEqual(codes(errors(comp('termination:\n  maxRetries: "2"\n'))), ['wrong-type']);
    assert.equal(v(comp('termination:\n  maxRetries: "{{ retries }}"\n')).valid, true);
    assert.deepEqual(codes(errors(comp('plugins:\n  collectLog: false\n'))), ['unknown-key']);
    assert.match(errors(comp('plugins:\n  collectLog: false\n'))[0].message, /did you mean `collectLogs`/);
    assert.deepEqual(codes(errors(comp('hooks:\n  - trigger: succeeded\n'))), ['missing-key']);
    assert.deepEqual(codes(errors(comp('hooks:\n  - hubRef: slack\n    trigger: finished\n'))), ['invalid-value']);
    assert.deepEqual(codes(errors(comp('build:\n  connection: docker\n'))), ['missing-key']);
    assert.equal(v(comp('mount:\n  - ./src:/code\n  - {from: ./a, to: /b}\n')).valid, true);
    assert.deepEqual(codes(errors(comp('mount:\n  - {source: ./a}\n'))), ['unknown-key']);
  });

  it('reports YAML syntax errors with their position, and never throws', () => {
    const e = errors('version: 1.1\nkind: component\nrun: [a, b\n');
    assert.ok(e.length > 0 && e.every(p => p.code === 'yaml-syntax'));
    for (const t of ['', '---\n', '- a\n- b\n', 'just text', '{', '*x', 'a: &x [*x]', '\u0000\u0001', 'kind: component\n<<: {version: 1.1}\n']) {
      const r = v(t);
      assert.equal(r.valid, false, t);
      assert.ok(r.problems.length > 0, t);
      assert.ok(!r.problems.some(p => p.code === 'internal-error'), t);
    }
    assert.doesNotThrow(() => validatePolyaxonYaml(undefined as unknown as string));
    assert.doesNotThrow(() => validatePolyaxonYaml(42 as unknown as string));
  });

  it('honours YAML merge keys and aliases as PyYAML does', () => {
    const t = 'version: 1.1\nkind: component\nx-defaults: &d {image: a}\n';
    assert.deepEqual(codes(errors(t + 'run: {kind: job}\n')), ['unknown-section']);
    const ok = 'version: 1.1\nkind: component\nrun:\n  kind: job\n  container: &c\n    image: a\n  sidecars: [*c]\n';
    assert.equal(v(ok).valid, true);
  });

  it('stays fast on an alias bomb', () => {
    let t = 'version: 1.1\nkind: component\nx0: &a0 [a, a]\n';
    for (let i = 1; i < 25; i++) t += `x${i}: &a${i} [*a${i - 1}, *a${i - 1}]\n`;
    t += 'tags: *a24\nrun: {kind: job}\n';
    const t0 = Date.now();
    const r = v(t);
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(r.valid, false); // x0… are unknown sections
  });

  it('warns on duplicate keys (PyYAML keeps the last)', () => {
    const w = warnings(JOB + 'name: again\n');
    assert.ok(codes(w).includes('duplicate-key'));
  });
});

describe('validator: run kinds', () => {
  it('requires run and its kind', () => {
    assert.deepEqual(codes(errors('version: 1.1\nkind: component\nname: x\n')), ['missing-run']);
    assert.deepEqual(codes(errors(comp('', '  container: {image: x}\n'))), ['missing-run-kind']);
    const e = errors(comp('', '  kind: jobs\n'));
    assert.deepEqual(codes(e), ['unknown-run-kind']);
    assert.match(e[0].message, /did you mean `job`/);
    assert.equal(e[0].suggestion, 'job');
  });

  it('underlines a misplaced block on its first line only', () => {
    const e = errors('version: 1.1\nkind: component\nrun:\n  - kind: job\n  - container: {}\n');
    assert.deepEqual(codes(e), ['wrong-type']);
    assert.deepEqual(at(e[0]), [3, 2, 3, 13]);
  });

  it('accepts every run kind with its own fields', () => {
    const runs: Record<string, string> = {
      job: '  kind: job\n  connections: [a]\n  init: [{git: {url: x}}]\n  sidecars: [{image: b}]\n  volumes: [{name: v, emptyDir: {}}]\n  container: {image: x}\n',
      service: '  kind: service\n  ports: [8888]\n  rewritePath: true\n  isExternal: false\n  replicas: 2\n  container: {image: x}\n',
      dag: '  kind: dag\n  concurrency: 2\n  operations:\n    - name: a\n      dagRef: t\n    - name: b\n      dagRef: t\n      dependencies: [a]\n  components:\n    - name: t\n      run: {kind: job, container: {image: x}}\n',
      mpijob: '  kind: mpijob\n  slotsPerWorker: 2\n  launcher: {replicas: 1, container: {image: x}}\n  worker: {replicas: 2}\n',
      pytorchjob: '  kind: pytorchjob\n  master: {replicas: 1}\n  worker: {replicas: 2}\n',
      tfjob: '  kind: tfjob\n  chief: {replicas: 1}\n  ps: {replicas: 1}\n  worker: {replicas: 2}\n  evaluator: {replicas: 1}\n',
      daskcluster: '  kind: daskcluster\n  minReplicas: 1\n  worker: {replicas: 2}\n  scheduler: {replicas: 1}\n',
      raycluster:
        '  kind: raycluster\n  rayVersion: "2.5"\n  head: {container: {image: r}}\n  workers:\n    small: {replicas: 1, minReplicas: 1, maxReplicas: 3}\n',
      notifier: '  kind: notifier\n  container: {image: x}\n',
      cleaner: '  kind: cleaner\n  container: {image: x}\n',
      tuner: '  kind: tuner\n  container: {image: x}\n',
    };
    for (const [kind, run] of Object.entries(runs)) {
      const r = v(comp('', run));
      assert.equal(r.valid, true, `${kind}: ${JSON.stringify(r.problems.map(p => p.message))}`);
      assert.equal(r.summary?.runKind, kind);
    }
  });

  it('rejects run.job.matrix with a message that says where it belongs', () => {
    const e = errors(comp('', '  kind: job\n  matrix:\n    kind: grid\n  container: {image: x}\n'));
    assert.deepEqual(codes(e), ['unknown-key']);
    assert.deepEqual(at(e[0]), [5, 2, 5, 8]);
    assert.match(e[0].message, /operation/);
  });

  it('rejects fields of another kind and unknown container keys', () => {
    assert.deepEqual(codes(errors(comp('', '  kind: job\n  ports: [80]\n'))), ['unknown-key']);
    const e = errors(comp('', '  kind: job\n  container:\n    image: x\n    imagePullPolicyy: Always\n'));
    assert.deepEqual(codes(e), ['unknown-key']);
    assert.match(e[0].message, /did you mean `imagePullPolicy`/);
    assert.equal(v(comp('', '  kind: job\n  container:\n    image: x\n    volume_mounts: []\n')).valid, true);
    assert.deepEqual(codes(errors(comp('', '  kind: tfjob\n  workers: {replicas: 2}\n'))), ['unknown-key']);
  });

  it('checks environment and init like Polyaxon (string label keys, any label value, one source per init)', () => {
    // Dict[StrictStr, GenericStr]: `gpu: true` passes, a key `1` does not
    const e = errors(comp('', '  kind: job\n  environment:\n    nodeSelector: {gpu: true}\n    labels: {1: a}\n    restartPolicy: Sometimes\n'));
    assert.deepEqual(codes(e), ['wrong-type', 'invalid-value']);
    assert.match(e[0].message, /quote it/);
    assert.deepEqual(e[0].path, ['run', 'environment', 'labels', '1']);
    assert.deepEqual(codes(errors(comp('', '  kind: job\n  environment:\n    securityContext: {privilegedd: true}\n'))), ['unknown-key']);
    assert.equal(v(comp('', '  kind: job\n  environment:\n    securityContext: {Privileged: true, run_as_user: 1}\n')).valid, true);
    assert.deepEqual(codes(errors(comp('', '  kind: job\n  init:\n    - {git: {url: x}, artifacts: {dirs: [a]}}\n'))), ['init-sources']);
    assert.deepEqual(codes(errors(comp('', '  kind: job\n  init:\n    - {git: {revision: main}}\n'))), ['missing-key']);
    assert.equal(v(comp('', '  kind: job\n  init:\n    - {git: {revision: main}, connection: repo}\n    - {artifacts: {dirs: "{{ uuids }}"}}\n')).valid, true);
  });

  it('wants integer service ports (a template is fine for the whole list only)', () => {
    const e = errors(comp('', '  kind: service\n  ports: ["{{port}}"]\n'));
    assert.deepEqual(codes(e), ['wrong-type']);
    assert.deepEqual(at(e[0]), [5, 10, 5, 20]);
    assert.equal(v(comp('', '  kind: service\n  ports: "{{ ports }}"\n')).valid, true);
  });

  it('wants operations in a DAG, and warns about cycles and unknown components', () => {
    assert.deepEqual(codes(errors(comp('', '  kind: dag\n  components: []\n'))), ['missing-key']);
    const cyc = comp(
      '',
      '  kind: dag\n  operations:\n    - {name: a, dagRef: t, dependencies: [b]}\n    - {name: b, dagRef: t, dependencies: [a]}\n  components:\n    - {name: t, run: {kind: job}}\n',
    );
    const r = v(cyc);
    assert.equal(r.valid, true);
    assert.ok(codes(r.problems).includes('dag-cycle'));
    assert.ok(codes(warnings(comp('', '  kind: dag\n  operations:\n    - {name: a, dagRef: nope}\n'))).includes('dag-unknown-component'));
  });
});

describe('validator: inputs and outputs', () => {
  const io = (lines: string) => comp(`inputs:\n${lines}`);

  it('suggests `value` for `default`, with the key range', () => {
    const e = errors(io('  - name: lr\n    type: float\n    default: 0.1\n'));
    assert.deepEqual(codes(e), ['unknown-key']);
    assert.equal(e[0].message, 'Unknown key `default` in input `lr`; did you mean `value`?');
    assert.equal(e[0].suggestion, 'value');
    assert.deepEqual(at(e[0]), [6, 4, 6, 11]);
    assert.equal(e[0].docs, 'https://polyaxon.com/docs/core/specification/io/');
    assert.deepEqual(e[0].path, ['inputs', 0, 'default']);
  });

  it("requires a name that is not reserved; a duplicate name is only a warning (Polyaxon's lint keeps both)", () => {
    assert.deepEqual(codes(errors(io('  - type: int\n'))), ['missing-key']);
    assert.deepEqual(codes(errors(io('  - name: params\n'))), ['io-reserved-name']);
    const r = v(io('  - name: a\n  - name: a\n'));
    assert.equal(r.valid, true);
    const w = r.problems.filter(p => p.code === 'io-duplicate-name');
    assert.equal(w.length, 1);
    assert.equal(w[0].severity, 'warning');
    assert.deepEqual(at(w[0]), [5, 10, 5, 11]);
    assert.deepEqual(codes(errors(comp('inputs: {name: a}\n'))), ['wrong-type']);
  });

  it('rejects isOptional: false with a value', () => {
    const e = errors(io('  - name: lr\n    type: float\n    value: 0.1\n    isOptional: false\n'));
    assert.deepEqual(codes(e), ['io-not-optional-with-value']);
    assert.deepEqual(at(e[0]), [7, 4, 7, 14]);
    assert.equal(v(io('  - name: lr\n    type: float\n    value: 0.1\n    isOptional: true\n')).valid, true);
  });

  it('allows isFlag only for bool', () => {
    assert.deepEqual(codes(errors(io('  - name: f\n    type: str\n    isFlag: true\n'))), ['io-flag-not-bool']);
    assert.equal(v(io('  - name: f\n    type: bool\n    isFlag: true\n')).valid, true);
  });

  // each case checked against polyaxon 2.16.4's ConfigParser (the differential test judges thousands more)
  it('converts a value to its type as Polyaxon does, including List[T], Dict[K,V] and templates', () => {
    const ok = [
      'int|3',
      'int|"3"',
      'float|"0.5"',
      'float|1',
      'bool|"true"',
      'bool|1',
      'str|3',
      'dict|{a: 1}',
      'List[int]|[1, "2"]',
      'Dict[str, float]|{a: 1.5}',
      'list|[1, 2]',
      'path|/data',
      'uuid|"0b8d8a6b-3b0e-4a5c-9c2e-1a2b3c4d5e6f"',
      'Optional[int]|2',
      'str|[1, 2]',
      'str|"{{ x }}"',
      'image|"{{ x }}"',
      'path|"{{ x }}"',
    ];
    for (const c of ok) {
      const [type, value] = c.split('|');
      const r = v(io(`  - name: x\n    type: ${type}\n    value: ${value}\n`));
      assert.equal(r.valid, true, `${c}: ${JSON.stringify(r.problems.map(p => p.message))}`);
    }
    // a template is converted too, even under --lint: `{{ x }}` is no integer
    const bad = [
      'int|abc',
      'float|fast',
      'bool|maybe',
      'dict|[1]',
      'List[int]|[1, x]',
      'Dict[str, int]|{a: b}',
      'uuid|nope',
      'int|"{{ x }}"',
      'List[str]|"{{ x }}"',
      'string|hello',
    ];
    for (const c of bad) {
      const [type, value] = c.split('|');
      const e = errors(io(`  - name: x\n    type: ${type}\n    value: ${value}\n`));
      assert.deepEqual(codes(e), ['io-value-type'], c);
      assert.deepEqual(e[0].range.start, { line: 6, column: 11 }, c);
    }
    assert.deepEqual(codes(errors(io('  - name: x\n    type: float\n    isList: true\n    value: 0.1\n'))), ['io-value-type']);
  });

  it('warns on an unknown type without a value; with a value it is an error, as in Polyaxon', () => {
    const r = v(io('  - name: x\n    type: string\n'));
    assert.equal(r.valid, true);
    assert.deepEqual(codes(r.problems), ['io-unknown-type']);
    assert.match(r.problems[0].message, /did you mean `str`/);
    const e = errors(io('  - name: x\n    type: string\n    value: hello\n'));
    assert.deepEqual(codes(e), ['io-value-type']);
    assert.match(e[0].message, /Did you mean the type `str`/);
  });

  it('enforces the deprecated `options` on the value, like validation.options', () => {
    assert.deepEqual(codes(errors(io('  - name: x\n    type: str\n    value: c\n    options: [a, b]\n'))), ['io-validation']);
    assert.equal(v(io('  - name: x\n    type: str\n    value: a\n    options: [a, b]\n')).valid, true);
  });

  it('checks an init source against its Polyaxon model (file.filename a string, content required, no unknown fields)', () => {
    const init = (entry: string) => comp('', `  kind: job\n  init:\n${entry}  container:\n    image: x\n`);
    assert.equal(v(init('    - file: {filename: a.py, content: x}\n')).valid, true);
    const e = errors(init('    - file: {filename: [a], content: x}\n'));
    assert.deepEqual(codes(e), ['wrong-type']);
    assert.deepEqual(e[0].path, ['run', 'init', 0, 'file', 'filename']);
    assert.deepEqual(codes(errors(init('    - file: {filename: a}\n'))), ['missing-key']);
    assert.deepEqual(codes(errors(init('    - git: {url: x, foo: 1}\n'))), ['unknown-key']);
    assert.equal(v(init('    - artifacts: {dirs: "{{ d }}"}\n')).valid, true);
  });

  it('checks validation keys and applies them to the value', () => {
    assert.deepEqual(codes(errors(io('  - name: x\n    type: int\n    validation: {min: 1}\n'))), ['unknown-key']);
    assert.deepEqual(codes(errors(io('  - name: x\n    type: int\n    value: 0\n    validation: {gt: 1}\n'))), ['io-validation']);
    assert.deepEqual(codes(errors(io('  - name: x\n    type: str\n    value: c\n    validation: {options: [a, b]}\n'))), ['io-validation']);
    assert.equal(v(io('  - name: x\n    type: float\n    value: 0.5\n    validation: {ge: 0, le: 1, delay: true}\n')).valid, true);
    assert.ok(codes(warnings(io('  - name: x\n    type: str\n    options: [a]\n'))).includes('deprecated'));
  });

  it('summarises inputs and outputs', () => {
    const r = v(
      comp(
        'description: d\ntags: [a, b]\ninputs:\n  - {name: lr, type: float, value: 0.1, description: rate}\n  - {name: data, type: path}\noutputs:\n  - {name: acc, type: float}\n',
      ),
    );
    assert.deepEqual(r.summary, {
      name: 'train',
      description: 'd',
      tags: ['a', 'b'],
      runKind: 'job',
      inputs: [
        { name: 'lr', type: 'float', isOptional: true, value: 0.1, description: 'rate' },
        { name: 'data', type: 'path', isOptional: false },
      ],
      outputs: [{ name: 'acc', type: 'float', isOptional: false }],
    });
  });
});

describe('validator: operation files', () => {
  const op = (body: string) => `version: 1.1\nkind: operation\n${body}`;
  const INLINE = 'component:\n  run:\n    kind: job\n    container: {image: x}\n';

  it('needs exactly one reference', () => {
    assert.equal(v(op('hubRef: tensorboard:single-run\n')).valid, true);
    assert.equal(v(op(INLINE)).valid, true);
    assert.deepEqual(codes(errors(op('name: x\n'))), ['reference-count']);
    const e = errors(op('hubRef: a\npathRef: ./b.yaml\n'));
    assert.deepEqual(codes(e), ['reference-count']);
    assert.deepEqual(at(e[0]), [3, 0, 3, 7]);
    // Polyaxon counts `component` only when no *Ref is set, so both together pass
    assert.equal(v(op(`hubRef: a\n${INLINE}`)).valid, true);
    assert.deepEqual(codes(v(op(`hubRef: a\n${INLINE}`)).problems), ['reference-ignored']);
    assert.equal(v(op(`isPreset: true\nqueue: q\n${INLINE}`)).valid, true);
    // a preset with no component at all: "Operation found without component"
    assert.deepEqual(codes(errors(op('isPreset: true\nqueue: q\n'))), ['reference-count']);
  });

  it('rejects component-only fields and snake_case sections', () => {
    assert.deepEqual(codes(errors(op('hubRef: a\ninputs: []\n'))), ['unknown-key']);
    assert.deepEqual(codes(errors(op('hub_ref: a\n'))), ['snake-case-section']);
  });

  it('warns (does not fail) when a reference is missing or unreadable', () => {
    const missing = v(op('hubRef: acme/train:v9\n'), { resolveRef: r => (r.kind === 'hubRef' ? 'missing' : 'found') });
    assert.equal(missing.valid, true);
    assert.deepEqual(codes(missing.problems), ['reference-missing']);
    assert.deepEqual(at(missing.problems[0]), [2, 8, 2, 21]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-'));
    fs.writeFileSync(path.join(dir, 'comp.yaml'), JOB);
    const fileName = path.join(dir, 'op.yaml');
    assert.deepEqual(v(op('pathRef: ./comp.yaml\n'), { fileName }).problems, []);
    const r = v(op('pathRef: ./nope.yaml\n'), { fileName });
    assert.equal(r.valid, true);
    assert.deepEqual(codes(r.problems), ['reference-unreadable']);
    fs.writeFileSync(path.join(dir, 'op2.yaml'), 'version: 1.1\nkind: operation\nhubRef: x\n');
    assert.deepEqual(codes(v(op('pathRef: op2.yaml\n'), { fileName }).problems), ['reference-kind']);
    assert.doesNotThrow(() =>
      v(op('hubRef: a\n'), {
        resolveRef: () => {
          throw new Error('offline');
        },
      }),
    );
  });

  it('checks params (short and long form)', () => {
    assert.equal(v(op(`params:\n  lr: 0.1\n  cfg: {a: 1}\n  data: {ref: ops.prep, value: outputs.path}\n${INLINE}`)).valid, true);
    assert.deepEqual(codes(errors(op(`params:\n  x: {ref: ops.a, value: 1}\n${INLINE}`))), ['param-ref-value']);
    assert.deepEqual(codes(errors(op(`params:\n  x: {value: 1, default: 2}\n${INLINE}`))), ['unknown-key']);
  });

  it('warns (lint does not fail) about params that match no input, and required inputs without a param', () => {
    const comp2 = 'component:\n  inputs:\n    - {name: lr, type: float}\n    - {name: bs, type: int, value: 32}\n  run: {kind: job}\n';
    const r = v(op(`params:\n  lr: 0.1\n  lrr: 0.2\n  ctx: {value: 1, contextOnly: true}\n${comp2}`));
    assert.equal(r.valid, true);
    assert.deepEqual(codes(r.problems), ['param-unexpected']);
    assert.deepEqual(at(r.problems[0]), [4, 2, 4, 5]);
    assert.deepEqual(codes(v(op(comp2)).problems), ['param-missing']);
    assert.deepEqual(v(op(`matrix:\n  kind: mapping\n  values: [{lr: 0.1}]\n${comp2}`)).problems, []);
  });

  it('checks matrix kinds and hyperparameters', () => {
    const m = (body: string) => op(`matrix:\n${body}${INLINE}`);
    assert.equal(v(m('  kind: grid\n  params:\n    lr: {kind: choice, value: [0.1, 0.2]}\n    n: {kind: range, value: 0:10:1}\n')).valid, true);
    assert.equal(v(m('  kind: random\n  numRuns: 5\n  params:\n    lr: {kind: uniform, value: [0, 1]}\n')).valid, true);
    assert.equal(v(m('  kind: mapping\n  values: [{a: 1}, {a: 2}]\n')).valid, true);
    assert.equal(
      v(
        m(
          '  kind: bayes\n  numInitialRuns: 2\n  maxIterations: 5\n  metric: {name: loss, optimization: minimize}\n  utilityFunction: {acquisitionFunction: ei, eps: 0.1}\n  params:\n    lr: {kind: uniform, value: [0, 1]}\n',
        ),
      ).valid,
      true,
    );
    assert.deepEqual(codes(errors(m('  kind: gird\n'))), ['invalid-value']);
    assert.deepEqual(codes(errors(m('  kind: grid\n  params:\n    lr: {kind: uniform, value: [0, 1]}\n'))), ['invalid-hyperparameter']);
    assert.deepEqual(codes(errors(m('  kind: random\n  params:\n    lr: {kind: choice, value: [1]}\n'))), ['missing-key']);
    assert.deepEqual(codes(errors(m('  kind: grid\n  params:\n    lr: {kind: linspace, value: 5:1:3}\n'))), ['invalid-hyperparameter']);
    assert.deepEqual(codes(errors(m('  kind: random\n  numRuns: 3\n  params:\n    lr: {kind: pchoice, value: [[a, 0.5], [b, 1]]}\n'))), [
      'invalid-hyperparameter',
    ]);
    assert.deepEqual(
      codes(
        errors(
          m(
            '  kind: bayes\n  numInitialRuns: 2\n  maxIterations: 5\n  metric: {name: loss}\n  utilityFunction: {acquisitionFunction: ucb}\n  params:\n    lr: {kind: uniform, value: [0, 1]}\n',
          ),
        ),
      ),
      ['missing-key'],
    );
    assert.deepEqual(
      codes(
        errors(
          m('  kind: grid\n  params:\n    lr: {kind: choice, value: [1]}\n  earlyStopping:\n    - {kind: metric_early_stopping, metric: loss, value: 0.1}\n'),
        ),
      ),
      ['missing-key'],
    );
  });

  it('checks schedules, joins, events, trigger and dependencies', () => {
    assert.equal(v(op(`schedule: {kind: cron, cron: "0 0 * * *"}\n${INLINE}`)).valid, true);
    assert.equal(v(op(`schedule: {kind: interval, frequency: 3600, startAt: 2024-01-01T00:00:00Z}\n${INLINE}`)).valid, true);
    assert.deepEqual(codes(errors(op(`schedule: {kind: cron}\n${INLINE}`))), ['missing-key']);
    assert.deepEqual(codes(errors(op(`schedule: {kind: weekly}\n${INLINE}`))), ['invalid-value']);
    assert.equal(v(op(`joins:\n  - query: "metrics.loss:<0.1"\n    limit: 5\n    params: {runs: {value: globals.uuid}}\n${INLINE}`)).valid, true);
    assert.deepEqual(codes(errors(op(`joins:\n  - sort: created_at\n${INLINE}`))), ['missing-key']);
    assert.deepEqual(codes(errors(op(`trigger: all_succeded\n${INLINE}`))), ['invalid-value']);
    assert.match(errors(op(`trigger: all_succeded\n${INLINE}`))[0].message, /did you mean `all_succeeded`/i);
    assert.equal(v(op(`events:\n  - {kinds: [run_status_succeeded], ref: ops.a}\ndependencies: [a]\n${INLINE}`)).valid, true);
    assert.deepEqual(codes(errors(op(`events:\n  - {kinds: [run_status_finished], ref: ops.a}\n${INLINE}`))), ['invalid-value']);
  });

  it('checks an inline component, and warns about a runPatch its run kind cannot take (lint accepts any runPatch mapping)', () => {
    assert.deepEqual(codes(errors(op('component:\n  kind: operation\n  run: {kind: job}\n'))), ['invalid-value']);
    assert.deepEqual(codes(errors(op('component:\n  inputs: [{name: a, default: 1}]\n  run: {kind: job}\n'))), ['unknown-key']);
    assert.deepEqual(v(op(`runPatch:\n  environment: {nodeSelector: {a: b}}\n${INLINE}`)).problems, []);
    for (const patch of ['enviroment: {}', 'environment: {foo: 1}', 'container: {foo: 1}']) {
      const r = v(op(`runPatch:\n  ${patch}\n${INLINE}`));
      assert.equal(r.valid, true, patch);
      assert.deepEqual(
        r.problems.map(p => [p.severity, p.code]),
        [['warning', 'run-patch']],
        patch,
      );
      assert.match(r.problems[0].message, /accepts any runPatch mapping; the run fails when Polyaxon applies this patch/);
    }
    assert.equal(v(op(`runPatch:\n  enviroment: {}\n${INLINE}`)).problems[0].suggestion, 'environment');
    assert.deepEqual(codes(errors(op(`runPatch: x\n${INLINE}`))), ['wrong-type']);
  });

  it('refuses a template for an operation schedule (no RefField there), and a null label value (GenericStr passes None to a strict str)', () => {
    assert.deepEqual(codes(errors(op(`schedule: "{{ s }}"\n${INLINE}`))), ['wrong-type']);
    assert.equal(v(op(`schedule: {kind: cron, cron: "{{ c }}"}\n${INLINE}`)).valid, true);
    const labels = (value: string) => comp('', `  kind: job\n  environment:\n    labels: {a: ${value}}\n  container: {image: x}\n`);
    assert.deepEqual(codes(errors(labels('null'))), ['wrong-type']);
    for (const value of ['1', 'true', '[1]', '"x"', '2020-01-01']) assert.equal(v(labels(value)).valid, true, value);
  });
});

describe('validator: helpers', () => {
  it('looksLikePolyaxonFile finds a top-level kind', () => {
    assert.equal(looksLikePolyaxonFile(JOB), true);
    assert.equal(looksLikePolyaxonFile('version: 1.1\nkind: "operation"  # op\n'), true);
    assert.equal(looksLikePolyaxonFile('apiVersion: v1\nkind: Pod\n'), false);
    assert.equal(looksLikePolyaxonFile('run:\n  kind: job\n'), false);
    assert.equal(looksLikePolyaxonFile('version: 1.1\r\nkind: component\r\n'), true);
  });

  it('handles CRLF files with the same ranges', () => {
    const e = errors(comp('inputs:\n  - {name: lr, default: 1}\n').replace(/\n/g, '\r\n'));
    assert.deepEqual(codes(e), ['unknown-key']);
    assert.deepEqual(at(e[0]), [4, 15, 4, 22]);
  });

  it('validates files for the CLI: lines, --json shape and exit code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plx-'));
    fs.writeFileSync(path.join(dir, 'good.yaml'), JOB);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), comp('inputs:\n  - {name: lr, default: 1}\n'));
    const good = validateFilesReport([path.join(dir, 'good.yaml')]);
    assert.equal(good.exitCode, 0);
    assert.deepEqual(good.lines, []);
    const r = validateFilesReport([path.join(dir, 'good.yaml'), path.join(dir, 'bad.yaml'), path.join(dir, 'missing.yaml')]);
    assert.equal(r.exitCode, 1);
    assert.deepEqual(
      r.json.map(j => [path.basename(j.file), j.valid, j.errors.map(e => [e.line, e.column])]),
      [
        ['good.yaml', true, []],
        ['bad.yaml', false, [[5, 16]]],
        ['missing.yaml', false, [[1, 1]]],
      ],
    );
    assert.match(r.lines[1], /missing\.yaml:1:1: error: Cannot read .*no such file/);
  });

  it('formats problems 1-based for the CLI', () => {
    const r = v(comp('inputs:\n  - {name: lr, default: 1}\n'));
    const p = r.problems[0];
    assert.equal(formatProblem('c.yaml', p), 'c.yaml:5:16: error: Unknown key `default` in input `lr`; did you mean `value`? [unknown-key]');
    assert.deepEqual(toCliJson('c.yaml', r).errors, [{ message: p.message, line: 5, column: 16, code: 'unknown-key' }]);
  });
});

// classes the differential fuzz against `polyaxon check --lint` found (issue 11); each verdict checked with Polyaxon 2.16.4
describe('validator: lint details found by the differential fuzz', () => {
  const io = (lines: string) => comp(`inputs:\n${lines}`);

  it('refuses a template where lint later reads an object (environment, init, params, DAG components, a hyperparameter)', () => {
    assert.deepEqual(codes(errors(comp('', '  kind: job\n  environment: "{{ x }}"\n'))), ['wrong-type']);
    assert.deepEqual(codes(errors(comp('', '  kind: job\n  init: "{{ x }}"\n'))), ['wrong-type']);
    assert.deepEqual(codes(errors(comp('', '  kind: dag\n  operations: []\n  components: "{{ x }}"\n'))), ['wrong-type']);
    const op = (body: string) => `version: 1.1\nkind: operation\nhubRef: x\n${body}`;
    assert.deepEqual(codes(errors(op('params: "{{ p }}"\n'))), ['wrong-type']);
    assert.deepEqual(codes(errors(op('matrix: "{{ m }}"\n'))), ['wrong-type']);
    assert.deepEqual(codes(errors(op('matrix:\n  kind: grid\n  params:\n    lr: "{{ x }}"\n'))), ['invalid-hyperparameter']);
  });

  it('treats `isOptional: null` with a value as not optional', () => {
    assert.deepEqual(codes(errors(io('  - name: x\n    type: int\n    value: 1\n    isOptional: null\n'))), ['io-not-optional-with-value']);
  });

  it('refuses a numeric validation bound on a value that is not a number (Python cannot compare them)', () => {
    assert.deepEqual(codes(errors(io('  - name: x\n    type: str\n    value: abc\n    validation: {gt: 0}\n'))), ['io-validation']);
    assert.deepEqual(codes(errors(io('  - name: x\n    type: bool\n    value: false\n    validation: {gt: 0}\n'))), ['io-validation']);
    assert.equal(v(io('  - name: x\n    type: List[int]\n    value: [1, 2]\n    validation: {gt: 0}\n')).valid, true);
  });

  it("a string `options` is a substring test, as Python's `in`", () => {
    assert.equal(v(io('  - name: x\n    type: str\n    value: ab\n    options: abc\n')).valid, true);
    assert.deepEqual(codes(errors(io('  - name: x\n    type: str\n    value: x\n    options: abc\n'))), ['io-validation']);
  });

  it('refuses a template for replicas, DAG operations, sidecars, volumes and termination; accepts it for cache, plugins, build, hooks', () => {
    for (const run of [
      '  kind: mpijob\n  launcher: "{{ x }}"\n',
      '  kind: daskcluster\n  scheduler: "{{ x }}"\n',
      '  kind: raycluster\n  head: "{{ x }}"\n',
      '  kind: dag\n  operations: "{{ x }}"\n',
      '  kind: job\n  sidecars: "{{ x }}"\n',
      '  kind: job\n  volumes: "{{ x }}"\n',
    ]) {
      assert.equal(v(comp('', run)).valid, false, run);
    }
    assert.equal(v(comp('termination: "{{ x }}"\n')).valid, false);
    for (const k of ['cache', 'plugins', 'build', 'hooks']) assert.equal(v(comp(`${k}: "{{ x }}"\n`)).valid, true, k);
  });

  it("checks init paths (a string or a list of paths) and a file's artifact kind", () => {
    const init = (entry: string) => comp('', `  kind: job\n  init:\n${entry}`);
    assert.equal(v(init('    - paths: abc\n')).valid, true);
    assert.equal(v(init('    - paths: [a, [b, c]]\n')).valid, true);
    assert.deepEqual(codes(errors(init('    - paths: on\n'))), ['wrong-type']);
    assert.deepEqual(codes(errors(init('    - file: {content: x, kind: nope}\n'))), ['wrong-type']);
    assert.equal(v(init('    - file: {content: x, kind: csv}\n')).valid, true);
  });

  it('compares options with Python equality, and refuses regex and length rules on values without them', () => {
    assert.equal(v(io('  - name: x\n    type: bool\n    value: true\n    options: [1, 2]\n')).valid, true);
    assert.deepEqual(codes(errors(io('  - name: x\n    type: str\n    value: "1"\n    options: [1, 2]\n'))), ['io-validation']);
    assert.deepEqual(codes(errors(io('  - name: x\n    type: float\n    value: 1.5\n    validation: {regex: "^a"}\n'))), ['io-validation']);
    assert.deepEqual(codes(errors(io('  - name: x\n    type: bool\n    value: true\n    validation: {minLength: 3}\n'))), ['io-validation']);
  });

  it('refuses an unresolvable type even for an empty list value, and accepts a hyperparameter without a value', () => {
    assert.deepEqual(codes(errors(io('  - name: x\n    type: "{{ t }}"\n    isList: true\n    value: []\n'))), ['io-value-type']);
    const op = 'version: 1.1\nkind: operation\nhubRef: x\nmatrix:\n  kind: random\n  numRuns: 2\n  params:\n    lr: {kind: normal}\n';
    assert.equal(v(op).valid, true, JSON.stringify(v(op).problems));
  });

  it('requires the value of a choice and a datetimerange hyperparameter (their models give it no default); `value: null` is no value', () => {
    const hb = (hp: string) =>
      `version: 1.1\nkind: operation\nhubRef: x\nmatrix:\n  kind: hyperband\n  maxIterations: 10\n  eta: 3\n  resource: {name: steps, type: int}\n  metric: {name: loss, optimization: minimize}\n  params:\n    loss:\n${hp}`;
    for (const kind of ['choice', 'datetimerange']) {
      const e = errors(hb(`      kind: ${kind}\n`));
      assert.deepEqual(codes(e), ['missing-key'], kind);
      assert.deepEqual(e[0].path, ['matrix', 'params', 'loss', 'value']);
      assert.deepEqual(at(e[0]), [10, 4, 10, 8]);
      const nulled = errors(hb(`      kind: ${kind}\n      value: null\n`));
      assert.deepEqual(codes(nulled), ['missing-key'], kind);
      assert.deepEqual(at(nulled[0]), [12, 6, 12, 11]);
    }
    for (const kind of ['uniform', 'linspace', 'pchoice', 'daterange']) {
      assert.equal(v(hb(`      kind: ${kind}\n`)).valid, true, kind);
      assert.equal(v(hb(`      kind: ${kind}\n      value: null\n`)).valid, true, kind);
    }
  });

  it('refuses container, sidecars and volumes in a daskcluster run (not fields of V1DaskCluster)', () => {
    assert.deepEqual(codes(errors(comp('', '  kind: daskcluster\n  container: {image: x}\n'))), ['unknown-key']);
  });
});
