// A picker with no org to offer tells the user why in the words the core uses for the refusal itself, so the
// palette ("Creating projects in acme needs role admin or higher; you are viewer.") and the CLI agree.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ACTIONS, check, refusalInOrgs } from '../../src/core/access';
import { HubError } from '../../src/core/errors';
import { emptyDatabase, ORG_ROLES, type Database } from '../../src/core/model';
import { run } from '../../src/cli/run';
import { formatBytes, formatQuotaBytes, parseByteSize, unitsOf } from '../../src/core/units';
import { plural } from '../../src/core/plural';
import { tempDir } from './helpers/tmp';

const T = '2026-01-01T00:00:00.000Z';

function oneOrg(): Database {
  const db = emptyDatabase();
  db.orgs.push({
    name: 'acme',
    description: '',
    isPublic: false,
    createdBy: 'owner',
    createdAt: T,
    updatedAt: T,
    members: ORG_ROLES.map(role => ({ user: role, role })),
  });
  return db;
}

describe('Refusals when no organization allows an action', () => {
  it('with one membership: word for word the refusal check gives, for every org-level action and role', () => {
    const db = oneOrg();
    let compared = 0;
    for (const action of ACTIONS) {
      for (const role of ORG_ROLES) {
        let thrown: unknown;
        try {
          check(db, role, action, { org: 'acme' });
        } catch (e) {
          thrown = e;
        }
        if (!thrown) continue;
        assert.ok(thrown instanceof HubError);
        assert.equal(refusalInOrgs(action, [{ org: 'acme', role }]), thrown.message);
        compared++;
      }
    }
    assert.ok(compared > 50, `only ${compared} refusals compared`);
  });

  it('names the org, the role needed and the role held', () => {
    assert.equal(refusalInOrgs('project.create', [{ org: 'acme', role: 'viewer' }]), 'Creating projects in acme needs role admin or higher; you are viewer.');
  });

  it('with several memberships: the role held in each; with none: says so instead of "no organization where you may"', () => {
    assert.equal(
      refusalInOrgs('team.manage', [
        { org: 'acme', role: 'viewer' },
        { org: 'beta', role: 'member' },
        { org: 'gamma', role: 'admin' },
      ]),
      'Managing the teams of acme, beta and gamma needs role manager or higher; you are viewer in acme, member in beta and admin in gamma.',
    );
    const none = refusalInOrgs('componentVersion.write', []);
    assert.match(none, /^Publishing to an organization needs role member or higher there; you are not a member of any organization yet/);
  });

  it('the CLI prints the same refusal for the same request', async () => {
    const t = tempDir('phub-refusal-');
    try {
      const store = path.join(t.dir, 'hub.json');
      const cli = async (...argv: string[]) => {
        let err = '';
        const code = await run(['--store', store, ...argv], { out: () => undefined, err: s => (err += `${s}\n`), env: { HOME: t.dir }, cwd: t.dir });
        return { code, err: err.trim() };
      };
      assert.equal((await cli('--as', 'jane', 'org', 'create', 'acme')).code, 0);
      assert.equal((await cli('--as', 'jane', 'member', 'add', 'acme', 'vic', '--role', 'viewer')).code, 0);
      const refused = await cli('--as', 'vic', 'project', 'create', 'acme', 'vision');
      assert.equal(refused.code, 1);
      assert.equal(refused.err, `polyaxon-hub: ${refusalInOrgs('project.create', [{ org: 'acme', role: 'viewer' }])}`);
    } finally {
      t.cleanup();
    }
  });
});

describe('Sizes and counts as people read them', () => {
  it('a quota reads back in the units it was written in (one parser, one formatter)', () => {
    for (const [typed, shown] of [
      ['5 GB', '5 GB'],
      ['10GiB', '10 GiB'],
      ['500MB', '500 MB'],
      ['512 MiB', '512 MiB'],
      ['1000', '1 kB'],
      ['1.5 KiB', '1.5 KiB'],
      ['100', '100 B'],
    ]) {
      const parsed = parseByteSize(typed);
      assert.ok(parsed.bytes !== undefined, typed);
      assert.equal(formatQuotaBytes(parsed.bytes, parsed.bytes, { exact: false }), shown, typed);
      assert.deepEqual(parseByteSize(shown), parsed, `${shown} parses back to the same size`);
    }
    // usage is shown in the units of its limit; other sizes in binary units
    assert.equal(formatQuotaBytes(1_234_567, 5e9, { exact: false }), '1.2 MB');
    assert.equal(formatQuotaBytes(1_234_567, 10 * 1024 ** 3, { exact: false }), '1.2 MiB');
    assert.equal(formatBytes(12_000, { exact: false }), '11.7 KiB');
    assert.equal(formatBytes(10 * 1024 ** 3), '10 GiB (10737418240 bytes)');
    assert.equal(unitsOf(5e9), 'decimal');
    assert.equal(unitsOf(1024), 'binary');
  });

  it('singular and plural', () => {
    assert.equal(plural(1, 'member'), '1 member');
    assert.equal(plural(2, 'member'), '2 members');
    assert.equal(plural(0, 'team'), '0 teams');
  });
});
