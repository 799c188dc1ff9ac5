// In a real VS Code extension host: managing members, teams and projects through the commands, a denied
// role, and a damaged store that is refused, left byte-identical and restored from a backup.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HubSession } from '../../src/host/session';
import { withSetting } from './helpers/settings';

async function session(): Promise<HubSession> {
  const extension = vscode.extensions.getExtension<{ session: HubSession }>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return (await extension.activate()).session;
}

describe('Managing an organization (in the extension host)', () => {
  const org = `mgmt-${Date.now()}`;

  before(async () => {
    await session();
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
  });

  it('adds a member, changes their role, and builds a team with project access', async () => {
    const s = await session();
    await vscode.commands.executeCommand('polyaxonHub.member.add', { org, user: 'alice', role: 'viewer' });
    await vscode.commands.executeCommand('polyaxonHub.member.changeRole', { org, user: 'alice', role: 'member' });
    await vscode.commands.executeCommand('polyaxonHub.project.create', { org, name: 'vision', description: 'image models' });
    await vscode.commands.executeCommand('polyaxonHub.team.create', { org, name: 'research' });
    await vscode.commands.executeCommand('polyaxonHub.team.addMember', { org, team: 'research', user: 'alice', role: 'member' });
    await vscode.commands.executeCommand('polyaxonHub.team.grantProject', { org, team: 'research', project: 'vision', role: 'admin' });
    await vscode.commands.executeCommand('polyaxonHub.team.setQuota', { org, team: 'research', storageBytes: 1_000_000, modelVersions: 20 });
    const db = await s.store.read();
    assert.deepEqual(
      db.orgs.find(o => o.name === org)?.members.find(m => m.user === 'alice'),
      { user: 'alice', role: 'member' },
    );
    assert.ok(
      db.users.some(u => u.username === 'alice' && u.invited),
      'alice was not recorded as invited',
    );
    const team = db.teams.find(t => t.org === org && t.name === 'research');
    assert.ok(team);
    assert.deepEqual(team.projects, [{ project: 'vision', role: 'admin' }]);
    assert.equal(team.quota.modelVersions, 20);
    assert.ok(db.audit.some(e => e.action === 'member.role' && e.target === `${org}/alice`));
  });

  it('refuses what a viewer may not do, naming the role needed, and changes nothing', async () => {
    const s = await session();
    await vscode.commands.executeCommand('polyaxonHub.member.add', { org, user: 'victor', role: 'viewer' });
    const before = JSON.stringify(await s.store.read());
    const result = await withSetting('user', 'victor', async () => {
      assert.equal((await session()).user.username, 'victor');
      return vscode.commands.executeCommand('polyaxonHub.project.create', { org, name: 'sneaky' });
    });
    assert.equal(result, undefined);
    assert.equal(JSON.stringify(await s.store.read()), before);
  });

  it('deletes an org that holds projects only with the explicit cascade', async () => {
    const s = await session();
    await vscode.commands.executeCommand('polyaxonHub.org.delete', { org, confirmed: true, cascade: false });
    assert.ok(
      (await s.store.read()).orgs.some(o => o.name === org),
      'deleted without cascade',
    );
    await vscode.commands.executeCommand('polyaxonHub.org.delete', { org, confirmed: true, cascade: true });
    const db = await s.store.read();
    assert.ok(!db.orgs.some(o => o.name === org));
    assert.ok(!db.projects.some(p => p.org === org) && !db.teams.some(t => t.org === org));
  });
});

describe('A damaged store (in the extension host)', () => {
  it('is refused and left as it is, then restored from its backup', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phub-damaged-'));
    const file = path.join(dir, 'polyaxon-hub.json');
    await withSetting('storePath', file, async () => {
      const s = await session();
      assert.equal(s.store.location, file);
      await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'first' });
      await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'second' });
      fs.writeFileSync(file, '{"schemaVersion": 2, "orgs": [ truncated');
      const damaged = fs.readFileSync(file);
      assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'third' }), undefined);
      assert.deepEqual(fs.readFileSync(file), damaged, 'the damaged file was overwritten');
      const restored = await vscode.commands.executeCommand<string>('polyaxonHub.store.restore', { newest: true });
      assert.ok(restored, 'nothing was restored');
      const names = (await s.store.read()).orgs.map(o => o.name);
      assert.ok(names.includes('first'), `restored store holds ${names.join(', ')}`);
      // a readable store: the command goes through hub.backups.restore, which asks first (here confirmed) and audits
      await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'later' });
      const again = await vscode.commands.executeCommand<string>('polyaxonHub.store.restore', { newest: true, confirmed: true });
      assert.ok(again, 'a readable store was not restored');
      const db = await s.store.read();
      assert.ok(!db.orgs.some(o => o.name === 'later'), 'the restore did not go back past "later"');
      assert.ok(
        db.audit.some(e => e.action === 'store.restore' && e.target === 'later'),
        'the restore of a readable store is not audited',
      );
    });
  });
});
