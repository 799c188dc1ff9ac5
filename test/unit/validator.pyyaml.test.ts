// The YAML layer reads files as PyYAML's safe_load does (Polyaxon's parser), one test per class of
// difference the differential fuzz found (issue 11), each with the exact range of the problem.
import * as assert from 'node:assert/strict';
import { validatePolyaxonYaml, type Problem } from '../../src/core/hub/validator';
import { parsePyYaml, pyyamlData, PyFloat, relaxFlowIndentation } from '../../src/core/hub/validator/pyyaml';

const at = (p: Problem | undefined) => p && [p.range.start.line, p.range.start.column, p.range.end.line, p.range.end.column];
const data = (text: string) => pyyamlData(parsePyYaml(text).doc) as Map<string, unknown>;
const JOB = (extra = '', run = '  kind: job\n  container:\n    image: x\n') => `version: 1.1\nkind: component\n${extra}run:\n${run}`;

describe('validator: the YAML layer reads like PyYAML', () => {
  it("resolves scalars with PyYAML's YAML 1.1 rules: 1e3 and 08 are strings, y/n are strings, yes/on are booleans, 017 is octal", () => {
    const d = data('a: 1e3\nb: 1.0e+3\nc: 08\nd: y\ne: yes\nf: on\ng: 017\nh: 1_000\ni: 190:20:30\nj: .5\nk: -.5\nl: 0x1F\nm: 0o17\nn: ~\n');
    assert.equal(d.get('a'), '1e3');
    assert.deepEqual(d.get('b'), new PyFloat(1000));
    assert.equal(d.get('c'), '08');
    assert.equal(d.get('d'), 'y');
    assert.equal(d.get('e'), true);
    assert.equal(d.get('f'), true);
    assert.equal(d.get('g'), 15);
    assert.equal(d.get('h'), 1000);
    assert.equal(d.get('i'), 685230);
    assert.deepEqual(d.get('j'), new PyFloat(0.5));
    assert.equal(d.get('k'), '-.5');
    assert.equal(d.get('l'), 31);
    assert.equal(d.get('m'), '0o17');
    assert.equal(d.get('n'), null);
  });

  it('keeps the last of duplicate keys, as PyYAML does, and only warns', () => {
    const r = validatePolyaxonYaml(JOB('', '  kind: Y\n  kind: job\n  container:\n    image: x\n'));
    assert.equal(r.valid, true, JSON.stringify(r.problems));
    assert.deepEqual(
      r.problems.map(p => [p.code, p.severity]),
      [['duplicate-key', 'warning']],
    );
    const bad = validatePolyaxonYaml(JOB('', '  kind: job\n  kind: Y\n'));
    assert.deepEqual(
      bad.problems.filter(p => p.severity === 'error').map(p => p.code),
      ['unknown-run-kind'],
    );
  });

  it("loads a multi-line flow collection continued at or left of its key's column, and keeps exact ranges", () => {
    const text = JOB('tags: [a,\nb]\n', '  kind: job\n  container:\n    image: x\n    command: ["a",\n    "b"]\n    args: [\n  1]\n');
    assert.deepEqual(data(text).get('tags'), ['a', 'b']);
    const r = validatePolyaxonYaml(text);
    assert.equal(r.valid, true, JSON.stringify(r.problems));
    // a problem after the relaxed lines points into the file as written
    const bad = validatePolyaxonYaml(`${text}  foo: 1\n`);
    const e = bad.problems.find(p => p.code === 'unknown-key');
    assert.deepEqual(at(e), [12, 2, 12, 5]);
    const relaxed = relaxFlowIndentation('a: [1,\n2]\nb: 3\n');
    assert.equal(relaxed.text, 'a: [1,\n 2]\nb: 3\n');
    assert.equal(relaxed.toOriginal(relaxed.text.indexOf('b')), 'a: [1,\n2]\nb: 3\n'.indexOf('b'));
  });

  it("refuses a tab outside quoted and block scalars, as PyYAML's scanner does", () => {
    const r = validatePolyaxonYaml('version: 1.1\nkind:\tcomponent\nrun: {kind: job}\n');
    assert.equal(r.valid, false);
    assert.deepEqual(
      r.problems.map(p => p.code),
      ['yaml-syntax'],
    );
    assert.deepEqual(at(r.problems[0]), [1, 5, 1, 6]);
    assert.equal(validatePolyaxonYaml('version: 1.1\nkind: component\ndescription: "a\tb"\nrun: {kind: job}\n').valid, true);
    assert.equal(validatePolyaxonYaml('version: 1.1\nkind: component\ndescription: |\n  a\tb\nrun: {kind: job}  # c\td\n').valid, true);
  });

  it('refuses an unquoted {{ }} template (a mapping used as a key: PyYAML\'s "unhashable key")', () => {
    const r = validatePolyaxonYaml(JOB('description: {{ x }}\n'));
    assert.deepEqual(
      r.problems.map(p => p.code),
      ['yaml-unloadable'],
    );
    assert.deepEqual(at(r.problems[0]), [2, 14, 2, 19]);
  });

  it('reads repeated `...` document ends as one document, as PyYAML does, but refuses a second document', () => {
    for (const end of ['...\n...\n', '...\n\n# c\n... # d\n', '...\n...']) {
      const r = validatePolyaxonYaml(JOB('', `  kind: job\n  container:\n    image: x\n${end}`));
      assert.equal(r.valid, true, `${JSON.stringify(end)}: ${JSON.stringify(r.problems)}`);
    }
    for (const end of ['...\n---\n', '...\nb: 2\n', '...\n... x\n']) {
      const r = validatePolyaxonYaml(JOB('', `  kind: job\n  container:\n    image: x\n${end}`));
      assert.deepEqual(
        r.problems.map(p => p.code),
        ['yaml-syntax'],
        JSON.stringify(end),
      );
    }
  });

  it('refuses a date that does not exist and a bare `=`, which PyYAML cannot construct', () => {
    assert.deepEqual(
      validatePolyaxonYaml(JOB('description: 2020-13-45\n')).problems.map(p => p.code),
      ['yaml-unloadable'],
    );
    assert.deepEqual(
      validatePolyaxonYaml(JOB('description: =\n')).problems.map(p => p.code),
      ['yaml-unloadable'],
    );
  });

  it("accepts container keys that clipped's to_snake_case maps onto V1Container fields (Command, WorkingDir, COMMAND)", () => {
    const r = validatePolyaxonYaml(
      JOB('', '  kind: job\n  container:\n    Image: x\n    Command: [a]\n    WorkingDir: /w\n    COMMAND: [b]\n    working_dir: /v\n'),
    );
    assert.equal(r.valid, true, JSON.stringify(r.problems));
    const bad = validatePolyaxonYaml(JOB('', '  kind: job\n  container:\n    workingdir: /w\n'));
    assert.deepEqual(
      bad.problems.map(p => p.code),
      ['unknown-key'],
    );
  });

  it('refuses a float port even when it is integral (`4000.0`), and `1e3` (a string)', () => {
    for (const ports of ['[4000.0]', '[1e3]']) {
      const r = validatePolyaxonYaml(JOB('', `  kind: service\n  ports: ${ports}\n`));
      assert.deepEqual(
        r.problems.map(p => p.code),
        ['wrong-type'],
        ports,
      );
    }
    assert.equal(validatePolyaxonYaml(JOB('', '  kind: service\n  ports: [4000, 0x1F, 1_000]\n')).valid, true);
  });
});
