// The file store hands the same parsed records to reads of the same bytes (store.read() in jsonFileStore.ts): these
// prove no write can go unseen, whatever the file's inode, size and mtime say.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createOrg } from '../../src/core/orgs';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { tempDir } from './helpers/tmp';

const jane = { username: 'jane' };

/** dev, inode, size and mtime in nanoseconds: what a stat-keyed cache would compare */
function identity(file: string): string {
  const s = fs.statSync(file, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
}

/** the same text with one org's description replaced by one of the same length */
function sameSizeEdit(text: string, from: string, to: string): string {
  assert.equal(from.length, to.length);
  assert.ok(text.includes(`"${from}"`));
  return text.replace(`"${from}"`, `"${to}"`);
}

describe('store: reads share parsed records only while the bytes are the same', () => {
  let t: ReturnType<typeof tempDir>;
  let file: string;
  let store: JsonFileStore;
  beforeEach(async () => {
    t = tempDir();
    file = path.join(t.dir, 's.json');
    store = new JsonFileStore(file, { pollMs: 0 });
    await createOrg(store, jane, 'acme', 'first');
  });
  afterEach(() => {
    store.dispose();
    t.cleanup();
  });

  /** reads twice: from the second read of the same bytes on, the store hands out its kept, frozen records */
  async function readKept() {
    await store.read();
    return store.read();
  }

  it('an unchanged file is not parsed again: the same frozen records come back', async () => {
    const first = await store.read();
    assert.ok(!Object.isFrozen(first), 'a store read once (a CLI command) pays for no freezing: the records are its own');
    const a = await store.read();
    const b = await store.read();
    assert.notEqual(first, a);
    assert.equal(a, b, 'the third read reuses the second parse');
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.orgs) && Object.isFrozen(a.orgs[0]) && Object.isFrozen(a.orgs[0].members[0]));
    assert.throws(() => {
      (a.orgs[0] as { description: string }).description = 'changed by a reader';
    }, TypeError);
    assert.throws(() => a.orgs.push(a.orgs[0]), TypeError);
    assert.equal((await readKept()).orgs[0].description, 'first');
  });

  it("sees this store's own writes at once", async () => {
    await readKept();
    await createOrg(store, jane, 'beta');
    assert.deepEqual(
      (await store.read()).orgs.map(o => o.name),
      ['acme', 'beta'],
    );
  });

  it('sees a write by another process (the CLI, through its own lock and rename)', async () => {
    assert.equal((await readKept()).orgs.length, 1);
    const cli = path.join(process.cwd(), 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, '--store', file, '--as', 'jane', 'org', 'create', 'two'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      (await store.read()).orgs.map(o => o.name),
      ['acme', 'two'],
    );
  });

  it('sees a same-size rewrite in place by another process that leaves inode, size and mtime as they were', async () => {
    // a whole second, so the file system can store it exactly (coarse timestamps: FAT 2 s, HFS+ 1 s)
    const stamp = new Date('2026-01-01T00:00:00.000Z');
    fs.utimesSync(file, stamp, stamp);
    assert.equal((await readKept()).orgs[0].description, 'first');
    const before = identity(file);
    const edited = sameSizeEdit(fs.readFileSync(file, 'utf8'), 'first', 'other');
    const script = `const fs=require('fs');fs.writeFileSync(${JSON.stringify(file)},${JSON.stringify(edited)});const t=new Date(${stamp.getTime()});fs.utimesSync(${JSON.stringify(file)},t,t);`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(identity(file), before, 'the rewrite is invisible to (dev, ino, size, mtimeNs)');
    assert.equal((await store.read()).orgs[0].description, 'other');
  });

  it('sees two same-size writes within one mtime tick (a file system whose clock has not moved)', async () => {
    const stamp = new Date('2026-01-01T00:00:00.000Z');
    const write = (text: string) => {
      fs.writeFileSync(file, text);
      fs.utimesSync(file, stamp, stamp);
    };
    const original = fs.readFileSync(file, 'utf8');
    write(original);
    assert.equal((await readKept()).orgs[0].description, 'first');
    const identities = new Set<string>([identity(file)]);
    for (const word of ['aaaaa', 'bbbbb', 'first', 'ccccc']) {
      write(sameSizeEdit(original, 'first', word));
      identities.add(identity(file));
      assert.equal((await store.read()).orgs[0].description, word);
    }
    assert.equal(identities.size, 1, 'every state had the same identity');
  });

  it('sees a rename that puts a same-size file with the same mtime in place', async () => {
    const stamp = new Date('2026-01-01T00:00:00.000Z');
    fs.utimesSync(file, stamp, stamp);
    assert.equal((await readKept()).orgs[0].description, 'first');
    const temp = `${file}.other`;
    fs.writeFileSync(temp, sameSizeEdit(fs.readFileSync(file, 'utf8'), 'first', 'renam'));
    fs.utimesSync(temp, stamp, stamp);
    fs.renameSync(temp, file);
    assert.equal((await store.read()).orgs[0].description, 'renam');
  });

  it('a file removed reads as an empty store, and a file put back is read again', async () => {
    const text = fs.readFileSync(file, 'utf8');
    await readKept();
    fs.rmSync(file);
    assert.deepEqual((await store.read()).orgs, []);
    fs.writeFileSync(file, text);
    assert.equal((await store.read()).orgs[0].name, 'acme');
  });
});
