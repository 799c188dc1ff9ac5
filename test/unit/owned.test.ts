// Owned records (src/core/owned.ts): a collection added later follows org and project renames and deletes.
import * as assert from 'node:assert/strict';
import { emptyDatabase, type Database } from '../../src/core/model';
import { deleteOwned, holdingsOf, renameOwned } from '../../src/core/owned';

function db(): Database {
  const d = emptyDatabase();
  d.teams.push({ org: 'acme', name: 't', description: '', members: [], projects: [], quota: {}, createdBy: 'j', createdAt: '', updatedAt: '' });
  // only the owner fields matter here
  d.models = [
    { org: 'acme', project: 'p', name: 'm1' },
    { org: 'acme', name: 'm2' },
    { org: 'other', project: 'p', name: 'm3' },
  ] as unknown as Database['models'];
  d.audit.push({ who: 'j', action: 'org.create', target: 'acme', when: '', details: { org: 'acme' } });
  return d;
}

describe('owned records', () => {
  it('counts what an org and a project hold, in every collection but users, orgs and audit', () => {
    assert.deepEqual(holdingsOf(db(), { org: 'acme' }), { teams: 1, models: 2 });
    assert.deepEqual(holdingsOf(db(), { org: 'acme', project: 'p' }), { models: 1 });
    assert.deepEqual(holdingsOf(db(), { org: 'nobody' }), {});
  });

  it('renames carry every owned record; other owners and the audit log keep their names', () => {
    const d = db();
    assert.deepEqual(renameOwned(d, { org: 'acme' }, 'acme2'), { teams: 1, models: 2 });
    assert.deepEqual(
      d.models.map(m => [m.org, m.project]),
      [
        ['acme2', 'p'],
        ['acme2', undefined],
        ['other', 'p'],
      ],
    );
    assert.equal(d.teams[0].org, 'acme2');
    assert.equal(d.audit[0].target, 'acme');
    assert.deepEqual(renameOwned(d, { org: 'acme2', project: 'p' }, 'q'), { models: 1 });
    assert.deepEqual(
      d.models.map(m => [m.org, m.project]),
      [
        ['acme2', 'q'],
        ['acme2', undefined],
        ['other', 'p'],
      ],
    );
  });

  it('deletes remove exactly the owned records', () => {
    const d = db();
    assert.deepEqual(deleteOwned(d, { org: 'acme', project: 'p' }), { models: 1 });
    assert.deepEqual(
      d.models.map(m => m.name),
      ['m2', 'm3'],
    );
    assert.deepEqual(deleteOwned(d, { org: 'acme' }), { teams: 1, models: 1 });
    assert.deepEqual([d.teams.length, d.models.map(m => m.name), d.audit.length], [0, ['m3'], 1]);
  });
});
