// ShownTree (src/host/shownTree.ts) over a small tree of plain items: a check refreshes only the topmost lists that
// changed, naming the node VS Code asked with; the whole tree only when the top level changed or a list cannot be
// read; lists asked for while a check runs are still checked by the next one; checks run one at a time.
import * as assert from 'node:assert/strict';
import { ShownTree } from '../../src/host/shownTree';

interface Item {
  id: string;
  label: string;
}

/** org → teams → team rows, as plain data the test changes between checks */
function fixture() {
  const data: Record<string, Item[]> = {
    '': [
      { id: 'org:a', label: 'a' },
      { id: 'org:b', label: 'b' },
    ],
    'org:a': [{ id: 'org:a/teams', label: 'Teams' }],
    'org:b': [{ id: 'org:b/teams', label: 'Teams' }],
    'org:a/teams': [{ id: 'org:a/teams/x', label: 'x' }],
    'org:b/teams': [{ id: 'org:b/teams/y', label: 'y' }],
  };
  const fired: (Item | 'whole tree')[] = [];
  let gate: { id: string; open: Promise<void> } | undefined;
  let failing = false;
  const reads: string[] = [];
  let onRead: ((id: string) => void) | undefined;
  const tree = new ShownTree<Item>(
    async node => {
      if (gate && gate.id === (node?.id ?? '')) await gate.open;
      if (failing) throw new Error('the store cannot be read');
      const list = (data[node?.id ?? ''] ?? []).map(i => ({ ...i }));
      reads.push(node?.id ?? '');
      onRead?.(node?.id ?? '');
      return list;
    },
    node => fired.push(node ?? 'whole tree'),
  );
  /** asks for the tree down to both teams lists, as VS Code does for expanded rows; returns the objects given */
  const show = async () => {
    const [a, b] = await tree.children(undefined);
    const [teamsA] = await tree.children(a);
    const [teamsB] = await tree.children(b);
    await tree.children(teamsA);
    await tree.children(teamsB);
    return { a, b, teamsA, teamsB };
  };
  return {
    data,
    fired,
    tree,
    show,
    /** holds reads of one node's children (the top level: '') until the returned function is called */
    hold: (id: string) => {
      let open!: () => void;
      gate = { id, open: new Promise(r => (open = r)) };
      return () => {
        gate = undefined;
        open();
      };
    },
    fail: (on: boolean) => (failing = on),
    reads,
    /** called after each read, with the id of the node read */
    whenRead: (callback: (id: string) => void) => (onRead = callback),
  };
}

describe('ShownTree: refresh only what changed', () => {
  it('refreshes nothing when nothing shown changed', async () => {
    const f = fixture();
    await f.show();
    await f.tree.check();
    assert.deepEqual(f.fired, []);
  });

  it('refreshes the one list that changed, naming the very node it was asked with', async () => {
    const f = fixture();
    const { teamsB } = await f.show();
    f.data['org:b/teams'] = [{ id: 'org:b/teams/y', label: 'y (renamed)' }];
    await f.tree.check();
    assert.equal(f.fired.length, 1);
    assert.equal(f.fired[0], teamsB, 'the object VS Code holds, not a fresh copy');
  });

  it('refreshes the whole tree when the top level changed, or a list cannot be read', async () => {
    const f = fixture();
    await f.show();
    f.data[''] = [...f.data[''], { id: 'org:c', label: 'c' }];
    await f.tree.check();
    assert.deepEqual(f.fired, ['whole tree']);
    await f.show();
    f.fail(true);
    await f.tree.check();
    assert.deepEqual(f.fired, ['whole tree', 'whole tree']);
  });

  it('a list that could not be read is read again by the next check, and refreshed once it reads', async () => {
    const f = fixture();
    const [a] = await f.tree.children(undefined);
    f.fail(true);
    await assert.rejects(f.tree.children(a));
    f.fail(false);
    await f.tree.check();
    assert.deepEqual(f.fired, [a], 'the failed list is asked for again');
    await f.tree.children(a);
    await f.tree.check();
    assert.deepEqual(f.fired, [a], 'and only until it reads');
  });

  it('a list asked for while a check runs is still checked by the next one', async () => {
    const f = fixture();
    const [a, b] = await f.tree.children(undefined);
    await f.tree.children(b);
    const open = f.hold('org:b');
    const running = f.tree.check(); // past the top level, holding on its read of org b
    await new Promise(r => setImmediate(r));
    const [teamsA] = await f.tree.children(a); // asked for after the check read the top level
    await f.tree.children(teamsA);
    open();
    await running;
    f.data['org:a/teams'] = [];
    await f.tree.check();
    assert.deepEqual(f.fired, [teamsA], 'the Teams list shown during the first check was forgotten');
  });

  it('a change during a check runs one more check after it', async () => {
    const f = fixture();
    const { teamsA } = await f.show();
    const open = f.hold('');
    const first = f.tree.check();
    const second = f.tree.check(); // while the first runs: one more after it
    // the change lands after the first check read org a's teams: only a check after it can see it
    f.whenRead(id => {
      if (id === 'org:b/teams') f.data['org:a/teams'] = [{ id: 'org:a/teams/z', label: 'z' }];
    });
    f.reads.length = 0;
    open();
    await Promise.all([first, second]);
    assert.deepEqual(f.fired, [teamsA]);
    assert.equal(f.reads.filter(id => id === '').length, 2, 'two checks, one after the other');
  });
});
