// A file nested far deeper than any Polyaxon file (hostile or broken) gets one clear error from the single
// core entry, validatePolyaxonYaml, before any parse: the editor's diagnostics, publish and the CLI all call
// it, so none of them ends in "Maximum call stack size exceeded".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateFile, validatePolyaxonYaml } from '../../src/core/hub/validator';
import { validateComponent } from '../../src/core/hub/validateComponent';
import { MAX_YAML_DEPTH } from '../../src/core/hub/validator/yamlDepth';
import { tempDir } from './helpers/tmp';

const HEAD = 'version: 1.1\nkind: component\nrun:\n  kind: job\n  container:\n    image: x\n    env:\n';
/** a block mapping `levels` deep under `env`, one space per level */
const deepBlock = (levels: number) => HEAD + Array.from({ length: levels }, (_x, i) => `${' '.repeat(6 + i)}k${i}:\n`).join('');
/** a flow list `levels` deep, on one line */
const deepFlow = (levels: number) => `${HEAD}      - ${'['.repeat(levels)}1${']'.repeat(levels)}\n`;
/** compact block sequences `- - - … x`, `levels` deep on one line */
const deepDashes = (levels: number) => `${HEAD.replace('    env:\n', '    args:\n')}      ${'- '.repeat(levels)}x\n`;

describe('validator: files nested too deep to parse', () => {
  for (const [form, text] of [
    ['20,000-level flow list', deepFlow(20_000)],
    ['20,000-level compact sequence', deepDashes(20_000)],
    ['5,000-level block mapping', deepBlock(5_000)],
  ] as const) {
    it(`refuses a ${form} with one clear error, without overflowing the stack`, () => {
      const r = validatePolyaxonYaml(text);
      assert.equal(r.valid, false);
      assert.deepEqual(
        r.problems.map(p => [p.severity, p.code]),
        [['error', 'yaml-syntax']],
      );
      assert.match(r.problems[0].message, new RegExp(`nests more than ${MAX_YAML_DEPTH} levels deep \\(line \\d+\\)`));
      assert.ok(!/internal error|call stack/i.test(r.problems[0].message));
    });
  }

  it('names the line where the nesting passes the limit', () => {
    const text = deepBlock(1_000);
    const line = validatePolyaxonYaml(text).problems[0].range.start.line;
    // k0 (line 7) sits at depth 4 (the top level, run, container, env): k{n} at depth 4 + n, so k{limit - 3} is the first too deep
    assert.equal(line, 7 + MAX_YAML_DEPTH - 3);
    assert.equal(text.split('\n')[line].trim(), `k${MAX_YAML_DEPTH - 3}:`);
  });

  it('still reads a file nested just under the limit', () => {
    const r = validatePolyaxonYaml(deepBlock(MAX_YAML_DEPTH - 10));
    assert.ok(!r.problems.some(p => /nests more than/.test(p.message)), JSON.stringify(r.problems.slice(0, 2)));
  });

  it('publish (validateComponent) and the CLI (validateFile) give the same problem as the editor', () => {
    const text = deepFlow(20_000);
    const editor = validatePolyaxonYaml(text);
    assert.deepEqual(validateComponent(undefined, 'u', text), editor);
    const { dir, cleanup } = tempDir('plx-deep-');
    try {
      const file = path.join(dir, 'deep.yaml');
      fs.writeFileSync(file, text);
      assert.deepEqual(validateFile(file).result, editor);
    } finally {
      cleanup();
    }
  });
});
