import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/commands';
import { run } from '../../src/cli/run';
import { tempDir } from './helpers/tmp';

interface Result {
  code: number;
  out: string;
  err: string;
}

describe('CLI polyaxon-hub', () => {
  let t: ReturnType<typeof tempDir>;
  let store: string;
  beforeEach(() => {
    t = tempDir();
    store = path.join(t.dir, 'hub.json');
  });
  afterEach(() => t.cleanup());

  async function cli(...argv: string[]): Promise<Result> {
    let out = '';
    let err = '';
    const code = await run(['--store', store, ...argv], {
      out: s => {
        out += `${s}\n`;
      },
      err: s => {
        err += `${s}\n`;
      },
      env: { HOME: t.dir },
      cwd: t.dir,
    });
    return { code, out, err };
  }
  async function json(...argv: string[]): Promise<unknown> {
    const r = await cli('--json', ...argv);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out);
  }

  it('runs the org/member/team/project contract end to end', async () => {
    assert.equal((await cli('--as', 'jane', 'org', 'create', 'acme', '--description', 'Acme ML')).code, 0);
    assert.deepEqual(await json('--as', 'jane', 'org', 'list'), [{ name: 'acme', role: 'owner', isPublic: false, members: 1, description: 'Acme ML' }]);
    assert.equal((await cli('--as', 'jane', 'member', 'add', 'acme', 'bob', '--role', 'viewer')).code, 0);
    assert.equal((await cli('--as', 'jane', 'member', 'role', 'acme', 'bob', 'member')).code, 0);
    assert.equal((await cli('--as', 'jane', 'project', 'create', 'acme', 'churn', '--description', 'Churn', '--tag', 'tabular', '--tag', 'a,b')).code, 0);
    assert.equal((await cli('--as', 'jane', 'team', 'create', 'acme', 'ml')).code, 0);
    assert.equal((await cli('--as', 'jane', 'team', 'member', 'add', 'acme', 'ml', 'bob', '--role', 'admin')).code, 0);
    assert.equal((await cli('--as', 'jane', 'team', 'grant', 'acme', 'ml', 'churn', '--role', 'admin')).code, 0);
    assert.deepEqual(await json('--as', 'jane', 'team', 'quota', 'acme', 'ml', '--storage', '10GiB', '--model-versions', '50'), {
      storageBytes: 10 * 1024 ** 3,
      modelVersions: 50,
    });
    assert.deepEqual(await json('team', 'quota', 'acme', 'ml', '--storage', 'none', '--as', 'jane'), { modelVersions: 50 });
    const project = (await json('--as', 'bob', 'project', 'show', 'acme', 'churn')) as { tags: string[]; yourActions: string[] };
    assert.deepEqual(project.tags, ['tabular', 'a', 'b']);
    assert.ok(project.yourActions.includes('project.delete'), 'bob is admin on churn through team ml');
    assert.deepEqual(
      ((await json('--as', 'bob', 'project', 'list', 'acme')) as { name: string }[]).map(p => p.name),
      ['churn'],
    );
    const refused = await cli('--as', 'bob', 'org', 'delete', 'acme');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /Deleting acme needs role owner; you are member/);
    const notEmpty = await cli('--as', 'jane', 'org', 'delete', 'acme');
    assert.equal(notEmpty.code, 1);
    assert.match(notEmpty.err, /still holds 1 team, 1 project/);
    assert.equal((await cli('--as', 'jane', 'project', 'delete', 'acme', 'churn')).code, 0);
    assert.equal((await cli('--as', 'jane', 'member', 'remove', 'acme', 'bob')).code, 0);
    assert.deepEqual(await json('--as', 'jane', 'org', 'delete', 'acme', '--cascade'), { deleted: 'acme', with: { teams: 1 } });
  });

  it("audit list shows an org's events to admins and up; teams are hidden from outsiders", async () => {
    await cli('--as', 'jane', 'org', 'create', 'acme');
    await cli('--as', 'jane', 'team', 'create', 'acme', 'ml');
    await cli('--as', 'jane', 'member', 'add', 'acme', 'bob', '--role', 'member');
    await cli('--as', 'jane', 'member', 'add', 'acme', 'eve', '--role', 'outsider');
    const events = (await json('--as', 'jane', 'audit', 'list', 'acme', '--limit', '2')) as { action: string; target: string; who: string }[];
    assert.deepEqual(
      events.map(e => [e.who, e.action, e.target]),
      [
        ['jane', 'member.add', 'acme/eve'],
        ['jane', 'member.add', 'acme/bob'],
      ],
    );
    const denied = await cli('--as', 'bob', 'audit', 'list', 'acme');
    assert.equal(denied.code, 1);
    assert.match(denied.err, /Viewing the activity \(audit log\) of acme needs role admin or higher; you are member/);
    assert.deepEqual(
      ((await json('--as', 'bob', 'team', 'list', 'acme')) as { name: string }[]).map(t => t.name),
      ['ml'],
    );
    assert.deepEqual(await json('--as', 'eve', 'team', 'list', 'acme'), []);
    assert.match((await cli('--as', 'eve', 'team', 'show', 'acme', 'ml')).err, /Viewing acme needs role viewer or higher; you are outsider/);
  });

  it('exit 2 on usage errors, with the usage of the command', async () => {
    for (const argv of [
      ['org', 'create'],
      ['org', 'create', 'a', 'b'],
      ['org', 'frobnicate'],
      ['nope'],
      ['org', 'create', 'x', '--bogus'],
      ['member', 'add', 'acme', 'bob'],
      ['team', 'quota', 'acme', 'ml', '--storage', 'lots'],
      ['org', 'create', 'x', '--role', 'admin'],
      ['org'],
      [],
    ]) {
      const r = await cli(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.out}${r.err}`);
      assert.ok(r.err.length > 0, argv.join(' '));
      assert.equal(r.out, '', 'nothing on stdout');
    }
    assert.match((await cli('member', 'add', 'acme', 'bob')).err, /Missing --role ROLE/);
  });

  it('--help works on every command and group, on stdout, exit 0', async () => {
    const general = await cli('--help');
    assert.equal(general.code, 0);
    assert.match(general.out, /POLYAXON_HUB_STORE/);
    assert.match(general.out, /globalStorage[/\\]polyaxon-hub\.polyaxon-hub/);
    for (const c of COMMANDS) {
      const r = await cli(...c.path, '--help');
      assert.equal(r.code, 0, c.path.join(' '));
      assert.match(r.out, new RegExp(`Usage: polyaxon-hub ${c.path.join(' ')}`));
    }
    for (const group of ['org', 'member', 'team', 'team member', 'project', 'project member', 'store']) {
      const r = await cli(...group.split(' '), '--help');
      assert.equal(r.code, 0, group);
      assert.match(r.out, /Subcommands:/);
    }
  });

  it('org update with a refused part changes nothing (a manager may edit the description, not the visibility)', async () => {
    await cli('--as', 'jane', 'org', 'create', 'acme', '--description', 'before');
    await cli('--as', 'jane', 'member', 'add', 'acme', 'max', '--role', 'manager');
    const refused = await cli('--as', 'max', 'org', 'update', 'acme', '--description', 'after', '--public');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /Changing the visibility of acme needs role owner; you are manager/);
    const org = (await json('--as', 'jane', 'org', 'show', 'acme')) as { description: string; isPublic: boolean };
    assert.deepEqual([org.description, org.isPublic], ['before', false]);
    assert.equal((await cli('--as', 'max', 'org', 'update', 'acme', '--description', 'after')).code, 0);
    assert.equal(((await json('--as', 'jane', 'org', 'update', 'acme', '--description', 'both', '--public')) as { isPublic: boolean }).isPublic, true);
  });

  it('--json prints one JSON document, also for refusals', async () => {
    await cli('--as', 'jane', 'org', 'create', 'acme');
    const r = await cli('--json', '--as', 'bob', 'project', 'create', 'acme', 'p');
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.out), {
      error: { code: 'denied', message: 'Creating projects in acme needs role admin or higher; you are not a member of acme.' },
    });
  });

  it('store backups and store restore bring back a damaged store', async () => {
    await cli('--as', 'jane', 'org', 'create', 'one');
    await cli('--as', 'jane', 'org', 'create', 'two');
    fs.writeFileSync(store, '{"schemaVersion": 2, "orgs": [');
    const broken = await cli('--as', 'jane', 'org', 'list');
    assert.equal(broken.code, 1);
    assert.match(broken.err, new RegExp(`${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be read: it is not valid JSON.*polyaxon-hub store restore`));
    const backups = (await json('store', 'backups')) as { name: string; ok: boolean }[];
    assert.deepEqual(
      backups.map(b => [b.name.endsWith('.latest.json'), b.ok]),
      [
        [true, true],
        [false, true],
      ],
      'the copy of the last write, then the state before it',
    );
    const restored = (await json('store', 'restore')) as { restored: { name: string }; keptCurrentAs: string };
    assert.equal(restored.restored.name, backups[0].name);
    assert.equal(fs.readFileSync(restored.keptCurrentAs, 'utf8'), '{"schemaVersion": 2, "orgs": [');
    assert.deepEqual(
      ((await json('--as', 'jane', 'org', 'list')) as { name: string }[]).map(o => o.name),
      ['one', 'two'],
      'the last change is kept',
    );
    assert.equal((await cli('store', 'restore', '--backup', 'nope')).code, 1);
  });

  it('the bundled dist/cli.js runs with a shebang, and its exit codes are 0/1/2', () => {
    const bin = path.join(process.cwd(), 'dist', 'cli.js');
    assert.match(fs.readFileSync(bin, 'utf8').split('\n')[0], /^#!\/usr\/bin\/env node/);
    const go = (...argv: string[]) => spawnSync(bin, argv, { encoding: 'utf8', env: { ...process.env, POLYAXON_HUB_STORE: store, POLYAXON_HUB_USER: 'jane' } });
    assert.equal(go('--help').status, 0);
    assert.equal(go('org', 'create', 'acme').status, 0);
    const dup = go('org', 'create', 'acme');
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /already exists/);
    assert.equal(go('org', 'create').status, 2);
    assert.equal(JSON.parse(go('--json', 'whoami').stdout).username, 'jane');
    assert.equal(JSON.parse(go('store', 'path', '--json').stdout).path, store);
  });
});
