// In a real VS Code extension host: the Organizations slice end to end through the extension's commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubSession } from '../../src/host/session';
import type { activate } from '../../src/extension';
import { eventually } from './helpers/eventually';

const EXTENSION_ID = 'polyaxon-hub.polyaxon-hub';

async function session(): Promise<HubSession> {
  const extension = vscode.extensions.getExtension<{ session: HubSession }>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  return (await extension.activate()).session;
}

function openWebviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

describe('Organizations (in the extension host)', function () {
  this.timeout(120_000);
  it('contributes the Polyaxon Hub commands', async () => {
    await session();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['polyaxonHub.org.create', 'polyaxonHub.org.open', 'polyaxonHub.refresh', 'polyaxonHub.store.open']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('creates an organization whose owner is the configured user, stored on disk', async () => {
    const s = await session();
    const name = `acme-${Date.now()}`;
    const created = await vscode.commands.executeCommand<string>('polyaxonHub.org.create', { name, description: 'ML platform' });
    assert.equal(created, name);
    const org = (await s.store.read()).orgs.find(o => o.name === name);
    assert.ok(org, 'the org is not in the store');
    assert.equal(org.description, 'ML platform');
    assert.deepEqual(org.members, [{ user: s.user.username, role: 'owner' }]);
    assert.equal(s.user.username, vscode.workspace.getConfiguration('polyaxonHub').get('user') || s.user.username);
  });

  it('refuses a duplicate and a reserved name, and keeps what is stored', async () => {
    const s = await session();
    const name = `dup-${Date.now()}`;
    await vscode.commands.executeCommand('polyaxonHub.org.create', { name });
    const before = JSON.stringify(await s.store.read());
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name }), undefined);
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'projects' }), undefined);
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: '../escape' }), undefined);
    assert.equal(JSON.stringify(await s.store.read()), before);
  });

  it('opens one organization page per org, titled with its name', async () => {
    const name = `page-${Date.now()}`;
    await vscode.commands.executeCommand('polyaxonHub.org.create', { name });
    await vscode.commands.executeCommand('polyaxonHub.org.open', name);
    await vscode.commands.executeCommand('polyaxonHub.org.open', name);
    const tabs = await eventually(() => {
      const found = openWebviewTabs('polyaxonHub.orgPage').filter(t => t.label === name);
      return found.length ? found : undefined;
    }, `the page of ${name}`);
    assert.equal(tabs.length, 1, `expected one page for ${name}, found ${tabs.length}`);
    await vscode.window.tabGroups.close(tabs);
  });

  it('an open organization page follows a rename (it does not turn into "no longer exists")', async () => {
    const name = `ren-${Date.now()}`;
    const renamed = `${name}-new`;
    await vscode.commands.executeCommand('polyaxonHub.org.create', { name });
    await vscode.commands.executeCommand('polyaxonHub.org.open', name);
    await eventually(() => openWebviewTabs('polyaxonHub.orgPage').find(t => t.label === name), `the page of ${name}`);
    await vscode.commands.executeCommand('polyaxonHub.org.rename', { org: name, newName: renamed });
    const tab = await eventually(() => openWebviewTabs('polyaxonHub.orgPage').find(t => t.label === renamed), `the page retitled ${renamed}`);
    // opening the renamed org shows that same page, not a second one
    await vscode.commands.executeCommand('polyaxonHub.org.open', renamed);
    await new Promise(r => setTimeout(r, 300));
    const pages = openWebviewTabs('polyaxonHub.orgPage').filter(t => t.label === renamed || t.label === name);
    assert.equal(pages.length, 1, `pages: ${pages.map(t => t.label).join(', ')}`);
    await vscode.window.tabGroups.close(tab);
  });

  it('an organization page shows a private org only to someone who may see it', async () => {
    await session();
    const name = `priv-${Date.now()}`;
    await vscode.commands.executeCommand('polyaxonHub.org.create', { name });
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const page = ((await extension.activate()) as ReturnType<typeof activate>).orgs.orgPages.show({ org: name });
    const load = () => (page as unknown as { loadState(): Promise<{ members: { total: number } }> }).loadState();
    try {
      assert.equal((await load()).members.total, 1);
      const config = vscode.workspace.getConfiguration('polyaxonHub');
      const before = config.inspect<string>('user')?.globalValue;
      await config.update('user', 'mallory', vscode.ConfigurationTarget.Global);
      try {
        assert.equal((await session()).user.username, 'mallory');
        await assert.rejects(load(), /Viewing .* needs membership; you are not a member/);
      } finally {
        await config.update('user', before, vscode.ConfigurationTarget.Global);
      }
    } finally {
      page.dispose();
    }
  });
});
