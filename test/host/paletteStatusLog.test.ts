// In a real VS Code extension host (issue 9): the palette's `when` context (nothing but create/settings/restore
// before an organization exists), the status bar's active organization and its switch picker (which the org
// pickers then offer first), the "Polyaxon Hub" log, and a palette refusal that names the org and both roles.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { activate } from '../../src/extension';
import { pickOrg } from '../../src/host/prompts';
import { eventually } from './helpers/eventually';
import { withSetting } from './helpers/settings';

type Exports = ReturnType<typeof activate>;

async function exportsOf(): Promise<Exports> {
  const extension = vscode.extensions.getExtension<Exports>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return extension.activate();
}

/** A fresh, empty store for the body: the session follows the setting without a reload. */
async function withFreshStore<T>(body: (x: Exports) => Promise<T>): Promise<T> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'phub-ux-')), 'hub.json');
  return withSetting('storePath', file, async () => {
    const x = await exportsOf();
    await eventually(() => x.session.store.location === file, 'the session to open the fresh store');
    return body(x);
  });
}

/** Accepts the quick pick's item at `index` (0 = first) once it is open. */
async function acceptQuickPickItem(index: number): Promise<void> {
  await new Promise(r => setTimeout(r, 800));
  for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/** The Polyaxon Hub log as written so far (a LogOutputChannel writes `<logUri>/Polyaxon Hub.log`). */
function logText(x: Exports): string {
  const file = path.join(x.logUri.fsPath, 'Polyaxon Hub.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('Palette, status bar and log (in the extension host)', function () {
  this.timeout(120_000);

  it('polyaxonHub.noOrganizations is true before any organization exists, false once one does, true again when it is deleted', async () => {
    await withFreshStore(async x => {
      await eventually(async () => (await x.orgContext.settled(), x.orgContext.value === false), 'the context key to be false on an empty store');
      assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'first' }), 'first');
      await eventually(async () => (await x.orgContext.settled(), x.orgContext.value === true), 'the context key to turn true');
      await vscode.commands.executeCommand('polyaxonHub.org.delete', { org: 'first', confirmed: true, cascade: true });
      await eventually(async () => (await x.orgContext.settled(), x.orgContext.value === false), 'the context key to turn false again');
    });
  });

  it('the manifest hides every command but create/settings/restore/log/help from the palette behind that key (or always)', async () => {
    const extension = vscode.extensions.getExtension('polyaxon-hub.polyaxon-hub');
    assert.ok(extension);
    const contributes = extension.packageJSON.contributes as {
      commands: { command: string }[];
      menus: { commandPalette: { command: string; when: string }[]; 'view/item/context': { command: string; when: string; group?: string }[] };
    };
    const always = new Set([
      'polyaxonHub.org.create',
      'polyaxonHub.store.open',
      'polyaxonHub.store.restore',
      'polyaxonHub.server.signIn',
      'polyaxonHub.server.useLocal',
      'polyaxonHub.showLog',
      'polyaxonHub.gettingStarted',
    ]);
    const palette = new Map(contributes.menus.commandPalette.map(m => [m.command, m.when]));
    for (const { command } of contributes.commands) {
      // (the server backend's `polyaxonHub.lacks.*` / `polyaxonHub.backend` clauses may narrow either further)
      if (always.has(command)) assert.doesNotMatch(palette.get(command) ?? '', /noOrganizations/, `${command} should show before any organization exists`);
      else assert.ok(/^(false|!polyaxonHub\.noOrganizations( && .+)?)$/.test(palette.get(command) ?? ''), `${command} shows before any organization exists`);
    }
    // each group row has a right-click entry (not only the inline button) for what it holds
    const menus = contributes.menus['view/item/context'];
    for (const [group, command] of [
      ['group-members', 'polyaxonHub.member.add'],
      ['group-teams', 'polyaxonHub.team.create'],
      ['group-projects', 'polyaxonHub.project.create'],
    ]) {
      assert.ok(
        menus.some(m => m.command === command && m.when.includes(`^${group}`) && m.group !== 'inline'),
        `no context menu entry ${command} on ${group}`,
      );
    }
  });

  it('the status bar shows the user and the active org; its picker switches it, the org pickers offer it first, renames are followed', async () => {
    await withFreshStore(async x => {
      const status = x.orgs.activeOrgStatus;
      const shows = (text: string) => async () => (await status.settled(), status.text.includes(text) ? true : undefined);
      await x.session.activeOrg.set(undefined);
      await eventually(shows('tester · $(organization) no organization'), 'the status bar to say there is no organization');
      await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'alpha' });
      await vscode.commands.executeCommand('polyaxonHub.org.create', { name: 'beta' });
      // the first org made became the active one
      await eventually(shows('tester · $(organization) alpha'), 'alpha to be active');
      // the status bar item's command: alpha (active) is first, beta second
      const switching = vscode.commands.executeCommand<string | undefined>('polyaxonHub.org.switchActive');
      await acceptQuickPickItem(1);
      assert.equal(await switching, 'beta');
      assert.equal(x.session.activeOrg.name, 'beta');
      await eventually(shows('$(organization) beta'), 'the status bar to show beta');
      // an org picker offers the active org first: accepting the first item takes beta
      const picking = pickOrg(x.session, undefined, 'team.manage', 'Create Team');
      await acceptQuickPickItem(0);
      assert.equal(await picking, 'beta');
      await vscode.commands.executeCommand('polyaxonHub.org.rename', { org: 'beta', newName: 'gamma' });
      await eventually(shows('$(organization) gamma'), 'the status bar to follow the rename');
      assert.equal(x.session.activeOrg.name, 'gamma');
      await vscode.commands.executeCommand('polyaxonHub.org.delete', { org: 'gamma', confirmed: true, cascade: true });
      await eventually(shows('$(organization) no active organization'), 'the deleted org to be dropped (alpha is left, not chosen)');
      assert.equal(x.session.activeOrg.name, undefined);
    });
  });

  it('a palette refusal names the org, the role needed and the role held, and the log records it with the store and user', async () => {
    const x = await exportsOf();
    const org = `refuse-${Date.now()}`;
    const viewer = `vic${Date.now()}`;
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
    await vscode.commands.executeCommand('polyaxonHub.member.add', { org, user: viewer, role: 'viewer' });
    assert.match(logText(x), new RegExp(`using local store .* as tester`));
    await withSetting('user', viewer, async () => {
      await eventually(() => x.session.user.username === viewer, 'the session to act as the viewer');
      // no subject: the org picker finds no org where the viewer may create projects, and says why
      assert.equal(await vscode.commands.executeCommand('polyaxonHub.project.create'), undefined);
      const expected = `Creating projects in ${org} needs role admin or higher; you are viewer.`;
      const log = await eventually(() => (logText(x).includes(expected) ? logText(x) : undefined), `the log to record "${expected}"`);
      assert.match(log, /\[warning\] refused \(denied\): Creating projects in /);
      assert.doesNotMatch(log, /no organization where you may/);
      await eventually(() => logText(x).includes(`as ${viewer}`), 'the log to record the user switch');
    });
    await vscode.commands.executeCommand('polyaxonHub.org.delete', { org, confirmed: true, cascade: true });
  });
});
