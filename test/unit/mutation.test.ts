// The one mutation envelope (src/core/mutation.ts): ensure user → permission check → apply → one audit event.
import * as assert from 'node:assert/strict';
import { HubError } from '../../src/core/errors';
import { publishComponent } from '../../src/core/hub/publish';
import { changed, mutation, unchanged } from '../../src/core/mutation';
import { addMember, createOrg, renameOrg } from '../../src/core/orgs';
import { MemoryStore } from '../../src/core/store/memoryStore';

const jane = { username: 'jane', displayName: 'Jane' };
const COMPONENT = 'version: 1.1\nkind: component\nname: train\nrun:\n  kind: job\n  container:\n    image: python:3.11\n';

describe('mutation envelope', () => {
  it('records a first-time actor, runs the check on the fresh read, and writes exactly one audit event at one instant', async () => {
    const store = new MemoryStore();
    const org = await createOrg(store, jane, 'acme');
    const db = await store.read();
    assert.deepEqual(
      db.users.map(u => [u.username, u.displayName, u.createdAt]),
      [['jane', 'Jane', org.createdAt]],
    );
    assert.deepEqual(
      db.audit.map(e => [e.who, e.action, e.target, e.when]),
      [['jane', 'org.create', 'acme', org.createdAt]],
    );
  });

  it('a refusal writes nothing, not even the first-time user', async () => {
    const store = new MemoryStore();
    await createOrg(store, jane, 'acme');
    const before = JSON.stringify(await store.read());
    await assert.rejects(addMember(store, { username: 'mallory' }, 'acme', 'eve', 'owner'), (e: unknown) => e instanceof HubError && e.code === 'denied');
    assert.equal(JSON.stringify(await store.read()), before);
  });

  it('a change that changes nothing records nothing: no audit event, no first-time user', async () => {
    const store = new MemoryStore();
    await createOrg(store, jane, 'acme');
    await addMember(store, jane, 'acme', 'ci', 'member');
    await publishComponent(store, jane, { org: 'acme', content: COMPONENT, version: 'v1' });
    const before = JSON.stringify(await store.read());
    const again = await publishComponent(store, { username: 'ci', email: 'ci@example.com' }, { org: 'acme', content: COMPONENT, version: 'v1' });
    assert.equal(again.status, 'unchanged');
    await renameOrg(store, jane, 'acme', 'acme');
    assert.equal(JSON.stringify(await store.read()), before, 'the invited ci user stays invited, with no e-mail; no event');
  });

  it('refuses to write a change that passed no permission check', async () => {
    const store = new MemoryStore();
    const before = JSON.stringify(await store.read());
    await assert.rejects(
      mutation(store, jane, ({ db }) => {
        db.orgs.push({ name: 'sneaky', description: '', isPublic: false, members: [], createdBy: 'jane', createdAt: '', updatedAt: '' });
        return changed(undefined, 'org.create', 'sneaky');
      }),
      /passed no permission check; nothing was written/,
    );
    assert.equal(JSON.stringify(await store.read()), before);
    assert.equal(await mutation(store, jane, () => unchanged(42)), 42, 'an unchanged outcome needs no check');
  });
});
