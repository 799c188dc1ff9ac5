// In a real VS Code extension host: a change underneath refreshes only what it changed of what the tree shows.
// VS Code forgets every item of a tree refreshed from its top (a context menu opened then acts on nothing), so a
// change that no row shows must not refresh the tree at all, and a change to one list must name that list's node,
// the very object VS Code was given, and serve it the list that was compared.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually } from './helpers/eventually';
import { api, nextRefresh } from './helpers/organizationsTree';
import { withSetting } from './helpers/settings';
// the extension's classes live in its own bundle, not this one: nodes are told apart by `kind`
import type { GroupItem, OrganizationsNode, OrganizationsTree } from '../../src/features/orgs/organizationsTree';

describe('Trees refresh only what changed (in the extension host)', function () {
  this.timeout(120_000);
  const org = `refresh-${Date.now()}`;

  before(async () => {
    // the tree's own view hidden: VS Code asking for rows of its own at any moment (a test before may have shown
    // the view) would make what was shown, and so what a check must refresh, a matter of timing
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const { session } = await api();
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
    await session.hub.projects.create(org, 'vision', { description: 'images' });
    await session.hub.teams.create(org, 'research', 'reads papers');
  });

  /** The org's Teams node and its rows, asked for as VS Code asks (which records them as shown). */
  async function teamsShown(tree: OrganizationsTree): Promise<{ group: GroupItem; rows: OrganizationsNode[] }> {
    const orgNode = (await tree.getChildren()).find(n => n.kind === 'org' && n.org === org);
    assert.ok(orgNode, `${org} is not in the tree`);
    const group = (await tree.getChildren(orgNode)).find((n): n is GroupItem => n.kind === 'group' && n.group === 'teams');
    assert.ok(group, 'the org has a Teams node');
    return { group, rows: await tree.getChildren(group) };
  }

  it('a change no row shows refreshes nothing; a team description refreshes the Teams node alone', async () => {
    const { session, orgs } = await api();
    const tree = orgs.organizations;
    const { group, rows } = await teamsShown(tree);
    assert.equal(rows.length, 1);
    const refreshed = nextRefresh(tree);
    // the readme is on the project page, in no tree row: the check that follows finds every list as it was
    await session.hub.projects.update(org, 'vision', { readme: `# Vision\n\nread at ${Date.now()}` });
    await session.nextChange(5000);
    // checks run in order: had the readme refreshed anything, that refresh would come first
    await session.hub.teams.update(org, 'research', { description: 'reads and writes papers' });
    const first = await refreshed;
    assert.ok(first !== 'whole tree', 'the whole tree was refreshed');
    assert.equal(first, group, 'the Teams node VS Code was given is the one refreshed');
    const team = (await tree.getChildren(group))[0];
    assert.equal(team.kind, 'team');
    assert.match(String(team.tooltip), /reads and writes papers/);
  });

  it('a tree whose store could not be read is read again once the store is mended', async () => {
    const { orgs } = await api();
    const tree = orgs.organizations;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phub-mended-'));
    const file = path.join(dir, 'polyaxon-hub.json');
    const wholeTreeAt: number[] = [];
    const sub = tree.onDidChangeTreeData(node => {
      if (!node) wholeTreeAt.push(Date.now());
    });
    try {
      await withSetting('storePath', file, async () => {
        await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'mended' });
        await eventually(async () => (await tree.getChildren()).some(n => n.kind === 'org' && n.org === 'mended'), 'the new org in the tree');
        const good = fs.readFileSync(file);
        fs.writeFileSync(file, '{"schemaVersion": 2, "orgs": [ truncated');
        await eventually(async () => (await tree.getChildren()).length === 0, 'an empty tree while the store cannot be read');
        const mended = Date.now();
        fs.writeFileSync(file, good);
        await eventually(() => wholeTreeAt.some(t => t >= mended), 'the tree asked for again once the store reads');
        assert.ok((await tree.getChildren()).some(n => n.kind === 'org' && n.org === 'mended'));
      });
    } finally {
      sub.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refresh() (a reveal right after a write) reads the whole tree again, changed or not', async () => {
    const { orgs } = await api();
    const tree = orgs.organizations;
    await teamsShown(tree);
    const refreshed = nextRefresh(tree);
    tree.refresh();
    assert.equal(await refreshed, 'whole tree');
  });
});
