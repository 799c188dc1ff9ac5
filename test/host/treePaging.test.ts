// In a real VS Code extension host: a long list in the Organizations tree (the extension's own tree, as registered)
// shows a page of rows and a "Show more…" row; its command, run through VS Code, asks VS Code for that node's
// children again (onDidChangeTreeData with the very node) and they are then one page longer; a store change
// refreshes the tree and keeps the pages the user opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, nextRefresh } from './helpers/organizationsTree';
import { projectRecord } from '../unit/helpers/records';
// the extension's classes live in its own bundle, not this one: nodes are told apart by `kind`
import type { GroupItem } from '../../src/features/orgs/organizationsTree';
import { TREE_PAGE } from '../../src/host/treePaging';

describe('Organizations tree: long lists a page at a time (in the extension host)', () => {
  const org = `large-${Date.now()}`;
  const count = TREE_PAGE + 5;

  before(async () => {
    const { session } = await api();
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
    const now = new Date().toISOString();
    // one write for all of them: the test is about the tree, not about creating projects
    await session.store.mutate(db => {
      for (let i = 0; i < count; i++) {
        db.projects.push(projectRecord(org, `p${String(i).padStart(3, '0')}`, 'tester', now));
      }
    });
  });

  it('shows a page of projects and "Show more…", whose command shows the rest', async () => {
    const { orgs } = await api();
    const tree = orgs.organizations;
    const orgNode = (await tree.getChildren()).find(n => n.kind === 'org' && n.org === org);
    assert.ok(orgNode, `${org} is not in the tree`);
    const group = (await tree.getChildren(orgNode)).find((n): n is GroupItem => n.kind === 'group' && n.group === 'projects');
    assert.ok(group);
    assert.equal(group.count, count);

    const first = await tree.getChildren(group);
    assert.equal(first.length, TREE_PAGE + 1);
    const more = first[first.length - 1];
    assert.ok(more.kind === 'more', `the last row is ${String(more.label)}`);
    assert.equal(more.label, 'Show more…');
    assert.equal(more.description, `${TREE_PAGE} of ${count} shown`);
    assert.deepEqual(
      first.slice(0, 3).map(n => n.label),
      ['p000', 'p001', 'p002'],
    );
    assert.ok(more.command, 'the row has a command');

    const refreshed = nextRefresh(tree);
    await vscode.commands.executeCommand(more.command.command, ...(more.command.arguments ?? []));
    assert.equal(await refreshed, group, 'only the Projects node is refreshed, as the object VS Code was given');
    const all = await tree.getChildren(group);
    assert.equal(all.length, count);
    assert.ok(!all.some(n => n.kind === 'more'), 'no "Show more…" once all are shown');
    assert.equal(all[count - 1].label, `p${String(count - 1).padStart(3, '0')}`);
  });

  it('a store change refreshes the tree and keeps the pages opened', async () => {
    const { orgs } = await api();
    const tree = orgs.organizations;
    const refreshed = nextRefresh(tree);
    await vscode.commands.executeCommand('polyaxonHub.project.create', { org, name: 'zz-new', description: '' });
    assert.equal(await refreshed, 'whole tree');
    const orgNode = (await tree.getChildren()).find(n => n.kind === 'org' && n.org === org);
    const group = (await tree.getChildren(orgNode)).find((n): n is GroupItem => n.kind === 'group' && n.group === 'projects');
    assert.ok(group);
    assert.equal(group.count, count + 1);
    const rows = await tree.getChildren(group);
    assert.equal(rows.length, count + 1, 'the page opened before is still open');
    assert.ok(rows.some(n => n.label === 'zz-new'));
  });
});
