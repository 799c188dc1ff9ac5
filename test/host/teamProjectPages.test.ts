// In a real VS Code extension host: the team and project pages — one panel per subject, their state read through
// the hub as the current user sees it, renames followed from anywhere, a deleted subject said plainly.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { activate } from '../../src/extension';
import { eventually } from './helpers/eventually';

type Api = ReturnType<typeof activate>;

async function api(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return extension.activate();
}

// generous: a page follows a rename once its webview has loaded and said ready, which on a loaded 2-core CI
// machine took longer than the 5 s this waited before (a fresh-clone CI run timed out on 'the page retitled')
function tabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

/** The page's state, as its host would send it. */
function stateOf<S>(page: unknown): Promise<S> {
  return (page as { loadState(): Promise<S> }).loadState();
}

describe('Team and project pages (in the extension host)', function () {
  // a page follows a rename once its webview is ready: on a loaded machine that took more than mocha's 20 s
  this.timeout(120_000);
  const org = `pages-${Date.now()}`;

  before(async () => {
    await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org });
    await vscode.commands.executeCommand('polyaxonHub.project.create', { org, name: 'vision', description: 'Detectors' });
    await vscode.commands.executeCommand('polyaxonHub.team.create', { org, name: 'research', description: 'Reads papers' });
    await vscode.commands.executeCommand('polyaxonHub.team.addMember', { org, team: 'research', user: 'alice', role: 'member' });
    await vscode.commands.executeCommand('polyaxonHub.team.grantProject', { org, team: 'research', project: 'vision', role: 'viewer' });
  });

  it('opens one team page per team, showing its members and project access', async () => {
    await vscode.commands.executeCommand('polyaxonHub.team.open', { org, team: 'research' });
    await vscode.commands.executeCommand('polyaxonHub.team.open', { org, team: 'research' });
    const open = await eventually(() => {
      const t = tabs('polyaxonHub.teamPage').filter(x => x.label === `research · ${org}`);
      return t.length ? t : undefined;
    }, 'the team page');
    assert.equal(open.length, 1);
    const page = (await api()).orgs.teamPages.find({ org, team: 'research' });
    assert.ok(page);
    const state = await stateOf<{
      members: { rows: { user: string; role: string }[]; total: number };
      projects: { rows: { project: string; role: string }[]; total: number };
      roles: string[];
      canManage: boolean;
    }>(page);
    assert.deepEqual(
      state.members.rows.map(m => `${m.user}:${m.role}`),
      ['alice:member'],
    );
    assert.deepEqual(state.projects, { rows: [{ project: 'vision', role: 'viewer' }], total: 1 });
    assert.equal(state.roles[0], 'viewer', 'roles are offered least powerful first');
    assert.equal(state.canManage, true);
  });

  it('a team page follows a rename made by a command, keeping one panel', async () => {
    const pages = (await api()).orgs.teamPages;
    const page = pages.show({ org, team: 'research' });
    await vscode.commands.executeCommand('polyaxonHub.team.rename', { org, team: 'research', newName: 'science' });
    await eventually(() => tabs('polyaxonHub.teamPage').find(t => t.label === `science · ${org}`), 'the page retitled');
    assert.equal(pages.find({ org, team: 'science' }), page);
    assert.equal(pages.find({ org, team: 'research' }), undefined);
    assert.deepEqual(page.key, { org, team: 'science' });
    await vscode.window.tabGroups.close(tabs('polyaxonHub.teamPage'));
  });

  it('a project page shows readme, team access and connections, and says plainly when the project is deleted', async () => {
    const hub = (await api()).session.hub;
    await hub.projects.update(org, 'vision', { readme: '# Vision\n\nSee [docs](https://example.com).' });
    await hub.projects.setConnection(org, 'vision', { name: 'bucket', kind: 's3', description: 'raw images' });
    await vscode.commands.executeCommand('polyaxonHub.project.open', { org, project: 'vision' });
    const pages = (await api()).orgs.projectPages;
    const page = await eventually(() => pages.find({ org, project: 'vision' }), 'the project page');
    const state = await stateOf<{ readme: string; teamAccess: { rows: unknown[]; total: number }; connections: { name: string }[]; canConfigure: boolean }>(
      page,
    );
    assert.match(state.readme, /^# Vision/);
    assert.deepEqual(state.teamAccess, { rows: [{ team: 'science', role: 'viewer' }], total: 1 });
    assert.deepEqual(
      state.connections.map(c => c.name),
      ['bucket'],
    );
    assert.equal(state.canConfigure, true);
    await vscode.commands.executeCommand('polyaxonHub.project.delete', { org, project: 'vision', confirmed: true });
    await assert.rejects(stateOf(page), /The project "vision" of .* no longer exists/);
    page.dispose();
  });

  it('a project page refuses to open script and command links from a readme', async () => {
    await vscode.commands.executeCommand('polyaxonHub.project.create', { org, name: 'links', description: '' });
    const page = (await api()).orgs.projectPages.show({ org, project: 'links' });
    const handlers = (page as unknown as { handlers: { openLink(a: { href: string }): Promise<void> } }).handlers;
    await assert.rejects(handlers.openLink({ href: 'javascript:alert(1)' }), /not opened from a readme/);
    await assert.rejects(handlers.openLink({ href: 'command:workbench.action.quit' }), /not opened from a readme/);
    page.dispose();
  });
});
