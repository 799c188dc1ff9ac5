// The first error is the one Polyaxon reports (issue 11, item 5): its section checks before its model,
// the model's fields in pydantic's order, extra keys and after-validators behind a model's fields, and
// what lint reads after the model last. Each case's message is what `polyaxon check --lint` says.
import * as assert from 'node:assert/strict';
import { validatePolyaxonYaml } from '../../src/core/hub/validator';

const first = (text: string) => {
  const e = validatePolyaxonYaml(text).problems.find(p => p.severity === 'error');
  return e && [e.code, ...(e.path ?? [])];
};

describe('validator: problems in the order Polyaxon reports them', () => {
  it('kind before version, both before an unexpected section ("The Polyaxonfile `kind` must be specified.")', () => {
    assert.deepEqual(first('version: 2\nfoo: 1\nrun: {kind: job}\n'), ['missing-kind', 'kind']);
    assert.deepEqual(first('foo: 1\nkind: component\nrun: {kind: job}\n'), ['missing-version', 'version']);
    // "Unexpected section `environment` …", although the error in `inputs` comes first in the file
    assert.deepEqual(first('version: 1.1\nkind: component\ninputs: [{name: a, isFlag: x}]\nenvironment: {}\nrun: {kind: job}\n'), [
      'unknown-section',
      'environment',
    ]);
  });

  it('the model\'s fields in its order: `inputs` before a missing `run` ("inputs.0.name | Field required")', () => {
    assert.deepEqual(first('version: 1.1\nkind: component\ninputs: [{type: int}]\n'), ['missing-key', 'inputs', 0, 'name']);
    // V1Service declares container before ports ("run.service.container | Value error …")
    assert.deepEqual(first('version: 1.1\nkind: component\nrun:\n  kind: service\n  ports: [x]\n  container: 1\n'), ['wrong-type', 'run', 'container']);
  });

  it('a model\'s extra keys after its fields\' errors, in the file\'s order ("run.service.ports.list[int].0", "run.raycluster.ports")', () => {
    assert.deepEqual(first('version: 1.1\nkind: component\nrun:\n  kind: service\n  entrypoint: x\n  ports: [x]\n'), ['wrong-type', 'run', 'ports', 0]);
    assert.deepEqual(first('version: 1.1\nkind: component\nrun:\n  kind: raycluster\n  ports: [1]\n  container: {image: x}\n'), [
      'unknown-key',
      'run',
      'ports',
    ]);
  });

  it('an operation\'s one-reference rule after its fields, a DAG\'s missing operations after the model ("…dagRef | Input should be a valid string")', () => {
    const dag = (ops: string) => `version: 1.1\nkind: component\nrun:\n  kind: dag\n${ops}`;
    assert.deepEqual(first(dag('  operations:\n  - name: a\n    dagRef: 1\n')), ['wrong-type', 'run', 'operations', 0, 'dagRef']);
    assert.deepEqual(first(dag('  ports: [1]\n')), ['unknown-key', 'run', 'ports']);
  });
});
