import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createOrg } from '../../src/core/orgs';
import { SCHEMA_VERSION } from '../../src/core/model';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { StoreError } from '../../src/core/store/storeError';
import { backupFiles } from '../../src/core/store/files';
import { cliDefaultStorePath, defaultStorePath, resolveStorePath, vscodeGlobalStorageDir } from '../../src/core/store/paths';
import { fixture, tempDir } from './helpers/tmp';

const jane = { username: 'jane' };

describe('store: file format and migrations', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('reads a version-1 file as the current version without writing it', async () => {
    const file = path.join(t.dir, 'polyaxon-hub.json');
    fs.copyFileSync(fixture('store', 'v1.json'), file);
    const before = fs.readFileSync(file);
    const db = await new JsonFileStore(file).read();
    assert.equal(db.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(
      db.orgs.map(o => [o.name, o.description, o.isPublic, o.members]),
      [
        [
          'acme',
          'Acme ML',
          false,
          [
            { user: 'jane', role: 'owner' },
            { user: 'bob', role: 'member' },
          ],
        ],
        ['lab', '', false, [{ user: 'bob', role: 'owner' }]],
      ],
    );
    assert.equal(db.orgs[1].createdBy, 'bob', 'creator taken from the owner when v1 did not record it');
    assert.deepEqual(db.teams, []);
    assert.deepEqual(db.components, []);
    const churn = db.projects[0];
    assert.deepEqual(
      [churn.org, churn.name, churn.tags, churn.readme, churn.isPublic, churn.teams, churn.members, churn.connections],
      ['acme', 'churn', ['tabular'], '', false, [], [], []],
    );
    assert.deepEqual(db.audit[1], { who: 'jane', action: 'member.add', target: 'acme/bob', when: '2025-03-01T09:02:00.000Z', details: { role: 'member' } });
    assert.deepEqual(
      db.users.map(u => u.username),
      ['jane', 'bob'],
    );
    assert.deepEqual(fs.readFileSync(file), before, 'a read never writes');
  });

  it('writes the current version on the first mutation and keeps the v1 file as a backup', async () => {
    const file = path.join(t.dir, 'polyaxon-hub.json');
    fs.copyFileSync(fixture('store', 'v1.json'), file);
    await createOrg(new JsonFileStore(file), jane, 'newco');
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(written.schemaVersion, SCHEMA_VERSION);
    assert.equal(written.organizations, undefined);
    assert.deepEqual(
      written.orgs.map((o: { name: string }) => o.name),
      ['acme', 'lab', 'newco'],
    );
    const backups = backupFiles(file);
    assert.equal(backups.length, 1);
    assert.deepEqual(fs.readFileSync(backups[0]), fs.readFileSync(fixture('store', 'v1.json')));
  });

  it('fills fields a hand-edited file lacks', async () => {
    const file = path.join(t.dir, 's.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ schemaVersion: SCHEMA_VERSION, orgs: [{ name: 'acme' }], projects: [{ org: 'acme', name: 'p' }], teams: [{ org: 'acme', name: 't' }] }),
    );
    const db = await new JsonFileStore(file).read();
    assert.deepEqual([db.orgs[0].members, db.projects[0].tags, db.projects[0].members, db.teams[0].quota, db.users], [[], [], [], {}, []]);
  });

  it('a missing file reads as empty and is created by the first mutation', async () => {
    const file = path.join(t.dir, 'deep', 'er', 'store.json');
    const store = new JsonFileStore(file);
    assert.deepEqual((await store.read()).orgs, []);
    assert.equal(fs.existsSync(file), false);
    await createOrg(store, jane, 'acme');
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).orgs[0].name, 'acme');
  });

  it('a refused change writes nothing', async () => {
    const file = path.join(t.dir, 's.json');
    const store = new JsonFileStore(file);
    await createOrg(store, jane, 'acme');
    const before = fs.readFileSync(file);
    await assert.rejects(createOrg(store, jane, 'ACME'), /already exists/);
    await assert.rejects(
      store.mutate(db => {
        db.orgs = [];
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(fs.readFileSync(file), before);
    assert.equal(backupFiles(file).length, 0, 'no backup either: nothing was replaced');
  });

  it('keeps the last 5 good files as backups', async () => {
    const file = path.join(t.dir, 's.json');
    const store = new JsonFileStore(file);
    for (let i = 0; i < 9; i++) await createOrg(store, jane, `org${i}`);
    const backups = backupFiles(file);
    assert.equal(backups.length, 5);
    const counts = backups.map(b => JSON.parse(fs.readFileSync(b, 'utf8')).orgs.length);
    assert.deepEqual(counts, [8, 7, 6, 5, 4], 'newest first, each the state before a write');
  });

  it('a change that changes nothing (an identical republish from CI) neither rewrites the file nor rotates the backups', async () => {
    const file = path.join(t.dir, 's.json');
    const store = new JsonFileStore(file);
    for (let i = 0; i < 3; i++) await createOrg(store, jane, `org${i}`);
    const before = fs.readFileSync(file);
    const backups = backupFiles(file).map(b => [path.basename(b), fs.readFileSync(b, 'utf8')]);
    assert.equal(backups.length, 2);
    for (let i = 0; i < 6; i++) assert.equal(await store.mutate(db => db.orgs.length), 3);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.deepEqual(
      backupFiles(file).map(b => [path.basename(b), fs.readFileSync(b, 'utf8')]),
      backups,
      'the backups of earlier states were pushed out',
    );
  });

  it('serialises concurrent mutations within one process', async () => {
    const store = new JsonFileStore(path.join(t.dir, 's.json'));
    await Promise.all(Array.from({ length: 40 }, (_, i) => createOrg(store, jane, `o${i}`)));
    assert.equal((await store.read()).orgs.length, 40);
  });
});

describe('store: damaged files are refused, never overwritten, and restorable', () => {
  let t: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(async () => {
    t = tempDir();
    file = path.join(t.dir, 'polyaxon-hub.json');
    const store = new JsonFileStore(file);
    await createOrg(store, jane, 'first');
    await createOrg(store, jane, 'second');
    await createOrg(store, jane, 'third');
  });
  afterEach(() => t.cleanup());

  const damaged: [string, (good: string) => string, string, RegExp][] = [
    ['truncated', good => good.slice(0, Math.floor(good.length / 2)), 'store-corrupt', /not valid JSON/],
    ['empty', () => '', 'store-corrupt', /empty/],
    ['not JSON', () => '<<<<<<< HEAD\n{}\n', 'store-corrupt', /not valid JSON/],
    ['a JSON array', () => '[]', 'store-corrupt', /does not hold a JSON object/],
    ['not a store', () => '{"name": "package", "version": "1.0.0"}', 'store-corrupt', /not a version number/],
    ['without a version', () => '{"orgs": []}', 'store-corrupt', /no schemaVersion/],
    [
      'from the future',
      good => JSON.stringify({ ...JSON.parse(good), schemaVersion: SCHEMA_VERSION + 1 }),
      'store-future',
      new RegExp(`newer Polyaxon Hub \\(schema version ${SCHEMA_VERSION + 1}\\)`),
    ],
    [
      'with a record that is not one',
      good => JSON.stringify({ ...JSON.parse(good), projects: [42] }),
      'store-corrupt',
      /projects\[0\] is not a record with a name/,
    ],
    ['with a damaged collection', good => JSON.stringify({ ...JSON.parse(good), orgs: 'x' }), 'store-corrupt', /"orgs" is not a list/],
  ];
  for (const [name, damage, code, reason] of damaged) {
    it(`${name}: read and mutate refuse with the path and the way out; the bytes stay; restore brings back the last good file`, async () => {
      const good = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, damage(good));
      const bad = fs.readFileSync(file);
      const store = new JsonFileStore(file);
      const refused = (e: unknown) =>
        e instanceof StoreError &&
        e.code === code &&
        reason.test(e.message) &&
        e.message.includes(file) &&
        e.message.includes('polyaxon-hub store restore') &&
        e.message.includes('has not been changed');
      await assert.rejects(store.read(), refused);
      await assert.rejects(createOrg(store, jane, 'fourth'), refused);
      await assert.rejects(
        store.mutate(() => undefined),
        refused,
      );
      assert.deepEqual(fs.readFileSync(file), bad, 'byte-identical after');
      assert.deepEqual(
        fs.readdirSync(t.dir).filter(n => n.endsWith('.tmp')),
        [],
        'no temp file left',
      );

      const { restored, keptCurrentAs } = await store.restoreBackup();
      assert.equal(restored.ok, true);
      assert.deepEqual(
        (await store.read()).orgs.map(o => o.name),
        ['first', 'second', 'third'],
        'the last good change is kept (the latest copy)',
      );
      assert.ok(keptCurrentAs && keptCurrentAs.includes('.rejected'));
      assert.deepEqual(fs.readFileSync(keptCurrentAs), bad, 'the damaged file is kept, not destroyed');
      await createOrg(store, jane, 'fourth');
      assert.equal((await store.read()).orgs.length, 4);
    });
  }

  it('lists backups with their state and restores a chosen one', async () => {
    const store = new JsonFileStore(file);
    const backups = await store.listBackups();
    assert.deepEqual(
      backups.map(b => [b.name.includes('.latest.'), b.ok]),
      [
        [true, true],
        [false, true],
        [false, true],
      ],
      'the latest copy, then the rolling backups',
    );
    fs.writeFileSync(backups[0].path, '{"trunc');
    fs.writeFileSync(backups[1].path, '{"trunc');
    const listed = await store.listBackups();
    assert.deepEqual(
      listed.map(b => b.ok),
      [false, false, true],
    );
    assert.match(listed[1].problem ?? '', /not valid JSON/);
    await assert.rejects(store.restoreBackup(listed[1].name), /cannot be restored/);
    await assert.rejects(store.restoreBackup('nope.json'), /no backup named "nope.json"/);
    fs.writeFileSync(file, '{');
    const { restored } = await store.restoreBackup();
    assert.equal(restored.name, listed[2].name, 'skips the damaged newer ones');
    assert.deepEqual(
      (await store.read()).orgs.map(o => o.name),
      ['first'],
    );
    const again = await store.restoreBackup((await store.listBackups()).find(b => b.ok)?.name);
    assert.ok(again.restored.ok);
  });

  it('a deleted store starts afresh, and the backups of the old one are archived, not pruned away', async () => {
    const store = new JsonFileStore(file);
    fs.rmSync(file);
    assert.deepEqual((await store.read()).orgs, []);
    for (let i = 0; i < 7; i++) await createOrg(store, jane, `new${i}`);
    const archived = fs.readdirSync(path.join(t.dir, 'backups')).filter(n => n.includes('.before-'));
    assert.equal(archived.length, 1);
    const old = fs.readdirSync(path.join(t.dir, 'backups', archived[0])).sort();
    assert.equal(old.length, 3, 'two rolling backups and the latest copy');
    assert.deepEqual(
      JSON.parse(fs.readFileSync(path.join(t.dir, 'backups', archived[0], old[2]), 'utf8')).orgs.map((o: { name: string }) => o.name),
      ['first', 'second', 'third'],
    );
    const newest = path.join(t.dir, 'backups', archived[0], old[1]);
    await store.restoreBackup(newest);
    assert.deepEqual(
      (await store.read()).orgs.map(o => o.name),
      ['first', 'second'],
    );
  });

  it('restore with no backup says so', async () => {
    const other = new JsonFileStore(path.join(t.dir, 'lonely.json'));
    fs.writeFileSync(other.location, '{');
    await assert.rejects(other.restoreBackup(), /No good backup/);
  });
});

describe('store: locks', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  function deadPid(): number {
    return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout as unknown as number;
  }

  it('recovers at once a lock left by a dead process on this host', async () => {
    const file = path.join(t.dir, 's.json');
    fs.mkdirSync(`${file}.lock`);
    fs.writeFileSync(`${file}.lock/owner.json`, JSON.stringify({ pid: Number(deadPid()), host: os.hostname(), nonce: 'x', since: 'then' }));
    const started = Date.now();
    await createOrg(new JsonFileStore(file), jane, 'acme');
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    assert.equal(fs.existsSync(`${file}.lock`), false, 'released');
  });

  it('recovers a stale lock (not refreshed for staleMs) of unknown owner', async () => {
    const file = path.join(t.dir, 's.json');
    fs.mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    await createOrg(new JsonFileStore(file, { staleMs: 2000 }), jane, 'acme');
    assert.equal((await new JsonFileStore(file).read()).orgs.length, 1);
  });

  it('a writer that lost its lock before committing redoes the mutation on a fresh read, and writes once', async () => {
    const file = path.join(t.dir, 's.json');
    const store = new JsonFileStore(file);
    await createOrg(store, jane, 'acme');
    let runs = 0;
    await store.mutate(db => {
      runs++;
      // simulate another process recovering our lock (judged stale) while we work
      if (runs === 1) fs.renameSync(`${file}.lock`, `${file}.lock.broken-test`);
      db.orgs[0].description = `run ${runs}`;
    });
    assert.equal(runs, 2);
    assert.equal((await store.read()).orgs[0].description, 'run 2');
    assert.equal(backupFiles(file).length, 1, 'one write (the first createOrg had nothing to back up)');
    assert.deepEqual(
      fs.readdirSync(t.dir).filter(n => n.endsWith('.tmp')),
      [],
    );
  });

  it('refuses an asynchronous change', async () => {
    const store = new JsonFileStore(path.join(t.dir, 's.json'));
    await assert.rejects(
      store.mutate(async db => {
        db.orgs = [];
      }),
      /must be synchronous/,
    );
    assert.equal(fs.existsSync(store.location), false);
  });

  it('waits for a live lock and then reports who holds it', async () => {
    const file = path.join(t.dir, 's.json');
    fs.mkdirSync(`${file}.lock`);
    fs.writeFileSync(`${file}.lock/owner.json`, JSON.stringify({ pid: process.ppid, host: os.hostname(), nonce: 'x', since: 'earlier' }));
    await assert.rejects(
      createOrg(new JsonFileStore(file, { timeoutMs: 300 }), jane, 'acme'),
      (e: unknown) =>
        e instanceof StoreError && e.code === 'store-locked' && e.message.includes(`process ${process.ppid}`) && e.message.includes(`${file}.lock`),
    );
  });
});

describe('store: change notification', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('fires after its own writes and after writes by another store on the same file', async () => {
    const file = path.join(t.dir, 's.json');
    const a = new JsonFileStore(file);
    const b = new JsonFileStore(file, { pollMs: 0 });
    let ownEvents = 0;
    a.onDidChange(() => ownEvents++);
    await createOrg(a, jane, 'one');
    assert.equal(ownEvents, 1);
    const seen = new Promise<void>(resolve => b.onDidChange(resolve));
    await createOrg(a, jane, 'two');
    await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error('no change event within 3 s')), 3000))]);
    a.dispose();
    b.dispose();
  });

  it('sees a write by another process (the CLI)', async () => {
    const file = path.join(t.dir, 's.json');
    const store = new JsonFileStore(file);
    await createOrg(store, jane, 'one');
    const seen = new Promise<void>(resolve => store.onDidChange(resolve));
    const cli = path.join(process.cwd(), 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, '--store', file, '--as', 'jane', 'org', 'create', 'two'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error('no change event within 3 s')), 3000))]);
    store.dispose();
  });
});

describe('store: default locations', () => {
  it('the extension and the CLI agree on the default store', () => {
    const env = { XDG_CONFIG_HOME: '/x/config' };
    const globalStorage = vscodeGlobalStorageDir(env, 'linux', '/home/u');
    assert.equal(globalStorage, '/x/config/Code/User/globalStorage/polyaxon-hub.polyaxon-hub');
    assert.equal(cliDefaultStorePath(env), defaultStorePath(globalStorage));
    assert.equal(vscodeGlobalStorageDir({}, 'linux', '/home/u'), '/home/u/.config/Code/User/globalStorage/polyaxon-hub.polyaxon-hub');
    assert.equal(vscodeGlobalStorageDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Application Support/Code/User/globalStorage/polyaxon-hub.polyaxon-hub');
    assert.equal(
      vscodeGlobalStorageDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'),
      'C:\\Users\\u\\AppData\\Roaming\\Code\\User\\globalStorage\\polyaxon-hub.polyaxon-hub',
    );
    assert.equal(cliDefaultStorePath({ POLYAXON_HUB_STORE: '/shared/team' }), '/shared/team/polyaxon-hub.json');
    assert.equal(cliDefaultStorePath({ POLYAXON_HUB_STORE: '/shared/team/hub.json' }), '/shared/team/hub.json');
    assert.equal(resolveStorePath('', '/g'), '/g/polyaxon-hub.json');
  });
});
