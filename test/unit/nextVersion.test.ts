import * as assert from 'node:assert/strict';
import { nextVersionName } from '../../src/features/hub/commands/nextVersion';

describe('the version the publish box offers', () => {
  it('is v1 for a new component, and v1 when no version ends in a number', () => {
    assert.equal(nextVersionName([]), 'v1');
    assert.equal(nextVersionName(['latest']), 'v1');
  });

  it('is the newest numbered version plus one, in its own style', () => {
    assert.equal(nextVersionName(['v2', 'v1']), 'v3');
    assert.equal(nextVersionName(['latest', '1.0.2', '1.0.1']), '1.0.3');
    assert.equal(nextVersionName(['rc9']), 'rc10');
  });

  it('never offers a name in use', () => {
    // v2 is the newest, but a v3 was published before it
    assert.equal(nextVersionName(['v2', 'v3', 'v1']), 'v4');
    assert.equal(nextVersionName(['latest', 'v1']), 'v2');
    assert.equal(nextVersionName(['notes', 'v1']), 'v2');
  });
});
