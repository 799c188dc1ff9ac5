// The store's files keep what their owner set (issue 10, item 4): mode and owner survive a write, a
// symlinked store is written through (the lock on the target), a read-only store is refused, new
// stores and their backups are private, and restoring after damage keeps the last change.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createOrg } from '../../src/core/orgs';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { StoreError } from '../../src/core/store/storeError';
import { tempDir } from './helpers/tmp';

const jane = { username: 'jane' };
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

describe('store files: modes, owners, links, read-only stores', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => {
    for (const p of [t.dir, ...fs.readdirSync(t.dir).map(n => path.join(t.dir, n))]) {
      try {
        fs.chmodSync(p, 0o755);
      } catch {
        /* gone */
      }
    }
    t.cleanup();
  });

  it('creates a new store 0600 in a 0700 folder, with backups and the latest copy likewise', async function () {
    if (!posix) this.skip();
    const file = path.join(t.dir, 'new', 'deeper', 'hub.json');
    const store = new JsonFileStore(file);
    await createOrg(store, jane, 'acme');
    await createOrg(store, jane, 'beta');
    assert.equal(mode(file), 0o600);
    assert.equal(mode(path.dirname(file)), 0o700);
    assert.equal(mode(path.join(t.dir, 'new')), 0o700);
    const backups = path.join(path.dirname(file), 'backups');
    assert.equal(mode(backups), 0o700);
    const names = fs.readdirSync(backups);
    assert.equal(names.length, 2, 'one rolling backup and the latest copy');
    for (const n of names) assert.equal(mode(path.join(backups, n)), 0o600, n);
  });

  it('keeps the mode and the owner of the file it replaces', async function () {
    if (!posix) this.skip();
    const file = path.join(t.dir, 'hub.json');
    const store = new JsonFileStore(file);
    await createOrg(store, jane, 'acme');
    fs.chmodSync(file, 0o640);
    await createOrg(store, jane, 'beta');
    assert.equal(mode(file), 0o640, 'a 0640 store stays 0640');
    fs.chmodSync(file, 0o600);
    await createOrg(store, jane, 'gamma');
    assert.equal(mode(file), 0o600, 'a 0600 store stays 0600 (it used to become 0644)');
    if (process.getuid?.() === 0) {
      fs.chownSync(file, 1234, 2345);
      await createOrg(store, jane, 'delta');
      const s = fs.statSync(file);
      assert.deepEqual([s.uid, s.gid], [1234, 2345], "root writing a user's store leaves it theirs");
    }
    assert.deepEqual(
      (await store.read()).orgs.map(o => o.name),
      ['acme', 'beta', 'gamma', ...(process.getuid?.() === 0 ? ['delta'] : [])],
    );
  });

  it('writes through a symlinked store path, locking and backing up the target', async function () {
    if (!posix) this.skip();
    const shared = path.join(t.dir, 'team-share');
    fs.mkdirSync(shared);
    const target = path.join(shared, 'polyaxon-hub.json');
    const link = path.join(t.dir, 'mine', 'hub.json');
    fs.mkdirSync(path.dirname(link));
    fs.symlinkSync(path.relative(path.dirname(link), target), link); // dangling until the first write
    const mineStore = new JsonFileStore(link);
    const theirs = new JsonFileStore(target);
    await createOrg(mineStore, jane, 'acme');
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link stays a link');
    assert.deepEqual(
      (await theirs.read()).orgs.map(o => o.name),
      ['acme'],
      'the target changed: both users see it',
    );
    let lockSeen: string[] = [];
    await mineStore.mutate(() => {
      lockSeen = [fs.existsSync(`${target}.lock`) ? 'target' : '', fs.existsSync(`${link}.lock`) ? 'link' : ''].filter(Boolean);
    });
    assert.deepEqual(lockSeen, ['target'], 'the lock is on the target, so writers through the link and to the file exclude each other');
    await createOrg(theirs, jane, 'beta');
    await createOrg(mineStore, jane, 'gamma');
    assert.deepEqual(
      (await mineStore.read()).orgs.map(o => o.name),
      ['acme', 'beta', 'gamma'],
    );
    assert.ok(fs.readdirSync(path.join(shared, 'backups')).length >= 2, 'backups sit beside the target');
    assert.equal(fs.existsSync(path.join(path.dirname(link), 'backups')), false);
    assert.deepEqual(
      (await mineStore.listBackups()).map(b => b.ok),
      (await theirs.listBackups()).map(b => b.ok),
    );
  });

  it('refuses a read-only store with a clear error and leaves it as it was', async function () {
    if (!posix) this.skip();
    const file = path.join(t.dir, 'hub.json');
    const store = new JsonFileStore(file);
    await createOrg(store, jane, 'acme');
    fs.chmodSync(file, 0o444);
    const before = fs.readFileSync(file);
    const inode = fs.statSync(file).ino;
    const refused = (e: unknown) =>
      e instanceof StoreError &&
      e.code === 'store-readonly' &&
      e.message.includes(file) &&
      /read-only \(mode 0444\)/.test(e.message) &&
      e.message.includes('has not been changed') &&
      e.message.includes('chmod u+w');
    await assert.rejects(createOrg(store, jane, 'beta'), refused);
    await assert.rejects(store.restoreBackup(), refused);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.equal(fs.statSync(file).ino, inode, 'not replaced by a rename');
    assert.equal(mode(file), 0o444);
    assert.deepEqual(
      fs.readdirSync(t.dir).filter(n => n.endsWith('.lock') || n.endsWith('.tmp')),
      [],
      'no lock or temp file left',
    );
    fs.chmodSync(file, 0o644);
    await createOrg(store, jane, 'beta');
  });

  it('restore on a good file goes back one change; after damage in place it keeps the last change', async () => {
    const file = path.join(t.dir, 'hub.json');
    const store = new JsonFileStore(file);
    for (const name of ['a', 'b', 'c']) await createOrg(store, jane, name);
    await store.restoreBackup();
    assert.deepEqual(
      (await store.read()).orgs.map(o => o.name),
      ['a', 'b'],
      'the latest copy equals the file, so the state before the last write',
    );
    await createOrg(store, jane, 'd');
    const fd = fs.openSync(file, 'r+'); // damage in place: same inode, as an editor or `: > file` would
    fs.ftruncateSync(fd, 10);
    fs.closeSync(fd);
    await assert.rejects(store.read(), { code: 'store-corrupt' });
    await store.restoreBackup();
    assert.deepEqual(
      (await store.read()).orgs.map(o => o.name),
      ['a', 'b', 'd'],
      'the last good change survives',
    );
  });
});
