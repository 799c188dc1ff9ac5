// In a real VS Code extension host: the Organizations tree's context-menu commands receive the tree item
// itself as their argument. Its display fields (an org's `description` = "owner", a member's current `role`,
// a group's `description` = its count) must not be taken for command arguments.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { subjectOf } from '../../src/host/subject';
import type { HubSession } from '../../src/host/session';
import type { activate } from '../../src/extension';
import { OrganizationsTree, type OrganizationsNode } from '../../src/features/orgs/organizationsTree';

async function session(): Promise<HubSession> {
  const extension = vscode.extensions.getExtension<{ session: HubSession }>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return (await extension.activate()).session;
}

/** Runs a command that may open a prompt, dismissing prompts until it settles (a cancelled prompt changes nothing). */
async function runDismissingPrompts(command: string, ...args: unknown[]): Promise<unknown> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => {
    settled = true;
  });
  while (!settled) {
    await new Promise(r => setTimeout(r, 200));
    if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  return running;
}

describe('Organizations tree menus (in the extension host)', () => {
  const org = `menus-${Date.now()}`;
  let tree: OrganizationsTree;

  before(async () => {
    const s = await session();
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org, description: 'keep me' }), org);
    await vscode.commands.executeCommand('polyaxonHub.member.add', { org, user: 'alice', role: 'viewer' });
    tree = new OrganizationsTree(s);
  });
  after(() => tree.dispose());

  async function node(match: (n: OrganizationsNode) => boolean, parent?: OrganizationsNode): Promise<OrganizationsNode> {
    tree.refresh();
    const found = (await tree.getChildren(parent)).find(match);
    assert.ok(found, 'tree node not found');
    return found;
  }
  const orgNode = () => node(n => n.kind === 'org' && n.org === org);

  it('Edit Organization Description on an org asks for the text instead of saving the role shown beside it', async () => {
    const s = await session();
    const item = await orgNode();
    assert.equal(item.description, 'owner');
    await runDismissingPrompts('polyaxonHub.org.editDescription', item);
    assert.equal((await s.store.read()).orgs.find(o => o.name === org)?.description, 'keep me');
  });

  it('Change Member Role on a member asks for the new role instead of re-saving the current one', async () => {
    const s = await session();
    const members = await node(n => n.kind === 'group' && n.group === 'members', await orgNode());
    const alice = await node(n => n.kind === 'member' && n.user === 'alice', members);
    const before = (await s.store.read()).audit.length;
    await runDismissingPrompts('polyaxonHub.member.changeRole', alice);
    const db = await s.store.read();
    assert.equal(db.orgs.find(o => o.name === org)?.members.find(m => m.user === 'alice')?.role, 'viewer');
    assert.equal(db.audit.length, before, `a change was recorded: ${JSON.stringify(db.audit.slice(before))}`);
  });

  it('every item of the tree reduces to the org, team, project and user it stands for', async () => {
    await vscode.commands.executeCommand('polyaxonHub.project.create', { org, name: 'vision', description: '' });
    await vscode.commands.executeCommand('polyaxonHub.team.create', { org, name: 'research' });
    await vscode.commands.executeCommand('polyaxonHub.team.addMember', { org, team: 'research', user: 'alice', role: 'member' });
    await vscode.commands.executeCommand('polyaxonHub.team.grantProject', { org, team: 'research', project: 'vision', role: 'viewer' });
    tree.refresh();
    const seen: Record<string, unknown> = {};
    const walk = async (parent?: OrganizationsNode) => {
      for (const n of await tree.getChildren(parent)) {
        if (n.org !== org) continue;
        seen[String(n.id)] = subjectOf(n);
        await walk(n);
      }
    };
    await walk();
    assert.deepEqual(seen, {
      [`org:${org}`]: { org },
      [`org:${org}/members`]: { org },
      [`org:${org}/members/tester`]: { org, user: 'tester' },
      [`org:${org}/members/alice`]: { org, user: 'alice' },
      [`org:${org}/teams`]: { org },
      [`org:${org}/teams/research`]: { org, team: 'research' },
      [`org:${org}/teams/research/members/alice`]: { org, team: 'research', user: 'alice' },
      [`org:${org}/teams/research/projects/vision`]: { org, team: 'research', project: 'vision' },
      [`org:${org}/projects`]: { org },
      [`org:${org}/projects/vision`]: { org, project: 'vision' },
    });
    assert.deepEqual(subjectOf({ org, description: 'from a script' }), { org, description: 'from a script' });
  });

  it('an outsider (in the org only through a team) is not shown its teams, in the tree or on the page', async () => {
    const s = await session();
    await vscode.commands.executeCommand('polyaxonHub.team.create', { org, name: 'hidden' });
    await vscode.commands.executeCommand('polyaxonHub.team.addMember', { org, team: 'hidden', user: 'zed', role: 'viewer' });
    assert.equal((await s.store.read()).orgs.find(o => o.name === org)?.members.find(m => m.user === 'zed')?.role, 'outsider');
    const extension = vscode.extensions.getExtension('polyaxon-hub.polyaxon-hub');
    assert.ok(extension);
    const config = vscode.workspace.getConfiguration('polyaxonHub');
    const before = config.inspect<string>('user')?.globalValue;
    await config.update('user', 'zed', vscode.ConfigurationTarget.Global);
    const page = ((await extension.activate()) as ReturnType<typeof activate>).orgs.orgPages.show({ org: org });
    try {
      assert.equal((await session()).user.username, 'zed');
      const teams = await node(n => n.kind === 'group' && n.group === 'teams', await orgNode());
      assert.equal(teams.description, '0 teams');
      assert.deepEqual(
        (await tree.getChildren(teams)).map(n => n.label),
        [],
      );
      const state = await (page as unknown as { loadState(): Promise<{ teams: { rows: unknown[]; total: number } }> }).loadState();
      assert.deepEqual(state.teams, { rows: [], total: 0 });
    } finally {
      page.dispose();
      await config.update('user', before, vscode.ConfigurationTarget.Global);
    }
  });

  it('an org description is shown as text in the tooltip, not as Markdown (no remote image, no link)', async () => {
    const name = `md-${Date.now()}`;
    const description = 'See ![pixel](https://example.com/p.png) and [docs](https://example.com)';
    await vscode.commands.executeCommand('polyaxonHub.org.create', { name, description });
    tree.refresh();
    const item = (await tree.getChildren()).find(n => n.kind === 'org' && n.org === name);
    assert.ok(item);
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(!tooltip.value.includes('](https://'), tooltip.value);
    assert.ok(tooltip.value.includes('pixel'), tooltip.value);
  });
});
