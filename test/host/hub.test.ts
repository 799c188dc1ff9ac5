// In a real VS Code extension host: Polyaxon diagnostics as you type, and the Component Hub commands
// (publish, republish, refusals, open read-only, diff, pull, page) run with arguments, checked in the store.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishResult } from '../../src/core/hub/publish';
import type { HubSession } from '../../src/host/session';

async function session(): Promise<HubSession> {
  const extension = vscode.extensions.getExtension<{ session: HubSession }>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return (await extension.activate()).session;
}

const GOOD = `version: 1.1
kind: component
name: train
description: Trains a model
tags: [training]
inputs:
- name: lr
  type: float
  value: 0.01
  isOptional: true
- name: data
  type: str
run:
  kind: job
  container:
    image: python:3.11
    command: [python, train.py]
`;
/** line 8 of BAD is `  default: 0.01` — an unknown IO key */
const BAD = GOOD.replace('  value: 0.01\n', '  default: 0.01\n');

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri.fsPath;
}

function writeFile(rel: string, text: string): vscode.Uri {
  const file = path.join(workspaceDir(), rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** Resolves when the Polyaxon diagnostics of `uri` satisfy `ok` (event-driven; mocha's timeout bounds it). */
function diagnosticsWhen(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise(resolve => {
    const current = () => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'Polyaxon');
    const sub = vscode.languages.onDidChangeDiagnostics(e => {
      if (e.uris.some(u => u.toString() === uri.toString()) && ok(current())) {
        sub.dispose();
        resolve(current());
      }
    });
    if (ok(current())) {
      sub.dispose();
      resolve(current());
    }
  });
}

/** Resolves when the open tabs satisfy `ok` (tab changes reach the extension host asynchronously). */
function tabsWhen(ok: () => boolean): Promise<void> {
  return new Promise(resolve => {
    if (ok()) return resolve();
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (ok()) {
        sub.dispose();
        resolve();
      }
    });
  });
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Component Hub (in the extension host)', () => {
  const org = `hub-${Date.now()}`;
  const viewerOrg = `${org}-ro`;

  before(async () => {
    const s = await session();
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
    // an org where the test user is only a viewer (set up directly: the test is about publishing, not membership)
    await s.store.mutate(db => {
      const now = new Date().toISOString();
      db.orgs.push({
        name: viewerOrg,
        description: '',
        isPublic: false,
        createdBy: 'someone',
        createdAt: now,
        updatedAt: now,
        members: [
          { user: 'someone', role: 'owner' },
          { user: s.user.username, role: 'viewer' },
        ],
      });
    });
  });
  after(closeAllEditors);

  it('registers the hub commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['publish', 'openVersion', 'diffVersions', 'diffWithFile', 'pull', 'copyRef', 'setStage', 'deleteVersion', 'openComponent']) {
      assert.ok(commands.includes(`polyaxonHub.hub.${id}`), `polyaxonHub.hub.${id} is not registered`);
    }
  });

  it('shows a problem with its exact range when a bad component file is opened, and clears it once fixed', async () => {
    const uri = writeFile('diag/train.yaml', BAD);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const problems = await diagnosticsWhen(uri, d => d.length > 0);
    assert.equal(problems.length, 1, problems.map(p => p.message).join('\n'));
    const [p] = problems;
    assert.equal(p.severity, vscode.DiagnosticSeverity.Error);
    assert.match(p.message, /Unknown key `default`.*did you mean `value`/);
    assert.deepEqual([p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character], [8, 2, 8, 9]);
    assert.equal(doc.getText(p.range), 'default');
    // the code links to the spec section, and a quick fix opens it
    assert.ok(typeof p.code === 'object' && /polyaxon\.com\/docs/.test(p.code.target.toString()));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, p.range);
    assert.ok(
      actions.some(a => /Open the Polyaxon spec/.test(a.title)),
      'no docs action',
    );

    // the quick fix takes the suggestion; the problem goes away without saving
    const fix = actions.find(a => a.title === 'Change to `value`');
    assert.ok(fix?.edit, `no quick fix among ${actions.map(a => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsWhen(uri, d => d.length === 0);
    assert.equal(doc.lineAt(8).text, '  value: 0.01');
    assert.equal(doc.isDirty, true);

    // closing the file clears whatever it had
    const broken = new vscode.WorkspaceEdit();
    broken.insert(uri, new vscode.Position(0, 0), 'bogus: 1\n');
    await vscode.workspace.applyEdit(broken);
    await diagnosticsWhen(uri, d => d.length > 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await diagnosticsWhen(uri, d => d.length === 0);
  });

  it('leaves YAML that is not a Polyaxon file alone', async () => {
    const uri = writeFile('diag/compose.yaml', 'services:\n  web:\n    image: nginx\n    ports: [80]\n');
    await vscode.window.showTextDocument(uri);
    const marker = writeFile('diag/marker.yaml', BAD);
    await vscode.window.showTextDocument(marker);
    // diagnostics are computed in open order: once the later file has them, the earlier one was judged too
    await diagnosticsWhen(marker, d => d.length > 0);
    assert.deepEqual(
      vscode.languages.getDiagnostics(uri).filter(d => d.source === 'Polyaxon'),
      [],
    );
    await closeAllEditors();
  });

  it('gives a file nested 20,000 levels deep one clear error in the Problems panel, not a stack overflow', async () => {
    const deep = `${GOOD}    args:\n      - ${'['.repeat(20_000)}1${']'.repeat(20_000)}\n`;
    const uri = writeFile('diag/deep.yaml', deep);
    await vscode.window.showTextDocument(uri);
    const problems = await diagnosticsWhen(uri, d => d.length > 0);
    assert.deepEqual(
      problems.map(p => [p.severity, p.message.replace(/\(line \d+\)/, '(line N)')]),
      [
        [
          vscode.DiagnosticSeverity.Error,
          'The YAML nests more than 200 levels deep (line N); Polyaxon files nest a few dozen at most, so it is not read further.',
        ],
      ],
    );
    assert.equal(problems[0].range.start.line, 18);
    await closeAllEditors();
  });

  it('offers completion for IO types and run kinds', async () => {
    const uri = writeFile('diag/complete.yaml', 'version: 1.1\nkind: component\ninputs:\n- name: a\n  type: \nrun:\n  kind: \n');
    const types = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(4, 8));
    assert.ok(
      types.items.some(i => i.label === 'float'),
      'float is not offered as an IO type',
    );
    const kinds = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(6, 8));
    assert.ok(
      kinds.items.some(i => i.label === 'pytorchjob'),
      'pytorchjob is not offered as a run kind',
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(3, 3));
    assert.ok(
      hovers.some(h => h.contents.some(c => /Required/.test(typeof c === 'string' ? c : c.value))),
      'no hover on an IO name',
    );
  });

  it('publishes a file through the command with arguments, and stores an immutable version', async () => {
    const s = await session();
    const uri = writeFile('components/train.yaml', GOOD);
    const [result] = await vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', { uris: [uri], org, version: 'v1' });
    assert.ok(result, 'nothing was published');
    assert.equal(result.status, 'created');
    const db = await s.store.read();
    const v = db.componentVersions.find(x => x.org === org && x.component === 'train' && x.name === 'v1');
    assert.ok(v, 'the version is not in the store');
    assert.equal(v.content, GOOD);
    assert.equal(v.sourcePath, 'components/train.yaml');
    assert.equal(v.publishedBy, s.user.username);
    assert.equal(v.runKind, 'job');
    assert.deepEqual(
      v.inputs.map(i => i.name),
      ['lr', 'data'],
    );
  });

  it('republishing identical content is a no-op; different content under the same version is refused', async () => {
    const s = await session();
    const uri = writeFile('components/train.yaml', GOOD);
    const before = JSON.stringify(await s.store.read());
    const [same] = await vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', { uris: [uri], org, version: 'v1' });
    assert.equal(same?.status, 'unchanged');
    assert.match(same.message, new RegExp(`Already published as ${org}/train:v1`));
    assert.equal(JSON.stringify(await s.store.read()), before);

    writeFile('components/train.yaml', GOOD.replace('python:3.11', 'python:3.12'));
    // replace: false = do not offer the admin replacement (it would ask)
    const [changed] = await vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', {
      uris: [uri],
      org,
      version: 'v1',
      replace: false,
    });
    assert.equal(changed, undefined);
    assert.equal(JSON.stringify(await s.store.read()), before);

    const [v2] = await vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', { uris: [uri], org, version: 'v2' });
    assert.equal(v2?.status, 'created');
  });

  it("links an operation's hubRef to the published version, and warns about one that is not published", async () => {
    const uri = writeFile('ops/run.yaml', `version: 1.1\nkind: operation\nhubRef: ${org}/train:v1\n`);
    // the link provider runs on open documents (as in an editor)
    await vscode.workspace.openTextDocument(uri);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
    assert.equal(links.length, 1);
    assert.equal(links[0].target?.toString(), vscode.Uri.from({ scheme: 'polyaxon-hub', path: `/${org}/train/v1.yaml` }).toString());
    const missing = writeFile('ops/missing.yaml', `version: 1.1\nkind: operation\nhubRef: ${org}/train:v404\n`);
    await vscode.window.showTextDocument(missing);
    const problems = await diagnosticsWhen(missing, d => d.length > 0);
    assert.ok(
      problems.every(p => p.severity === vscode.DiagnosticSeverity.Warning),
      problems.map(p => p.message).join('\n'),
    );
    await closeAllEditors();
  });

  it('refuses a viewer, a file with errors, a bad version name and a missing file, leaving the store as it was', async () => {
    const s = await session();
    const good = writeFile('components/other.yaml', GOOD.replace('name: train', 'name: other'));
    const bad = writeFile('components/bad.yaml', BAD);
    const before = JSON.stringify(await s.store.read());
    const run = (args: object) => vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', args);
    assert.deepEqual(await run({ uris: [good], org: viewerOrg, version: 'v1' }), [undefined]);
    assert.deepEqual(await run({ uris: [bad], org, version: 'v1' }), [undefined]);
    assert.deepEqual(await run({ uris: [good], org, version: '../../etc' }), [undefined]);
    assert.deepEqual(await run({ uris: [path.join(workspaceDir(), 'components/missing.yaml')], org, version: 'v1' }), [undefined]);
    assert.equal(JSON.stringify(await s.store.read()), before);
    await closeAllEditors();
  });

  it('publishes a multi-selection to one org, each version taken from its file name', async () => {
    const s = await session();
    const a = writeFile('multi/alpha/1.0.yaml', GOOD.replace('name: train', 'name: alpha'));
    const b = writeFile('multi/beta-v2.yaml', GOOD.replace('name: train', 'name: beta'));
    const results = await vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', { uris: [a, b], org });
    assert.deepEqual(
      results.map(r => r?.hubRef),
      [`${org}/alpha:1.0`, `${org}/beta:v2`],
    );
    const db = await s.store.read();
    assert.ok(db.componentVersions.some(v => v.org === org && v.component === 'alpha' && v.name === '1.0'));
    assert.ok(db.componentVersions.some(v => v.org === org && v.component === 'beta' && v.name === 'v2'));
  });

  it('opens a version read-only, diffs it against a workspace file and another version, and opens its page', async () => {
    const key = { org, component: 'train', version: 'v1' };
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('polyaxonHub.hub.openVersion', key);
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'polyaxon-hub');
    assert.equal(editor.document.uri.path, `/${org}/train/v1.yaml`);
    assert.equal(editor.document.getText(), GOOD);
    // the provider has no write path: saving changes is impossible by construction
    assert.ok(!vscode.workspace.fs.isWritableFileSystem('polyaxon-hub'));

    const file = writeFile('components/train.yaml', GOOD.replace('python:3.11', 'python:3.12'));
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.hub.diffWithFile', { version: key, file }), true);
    const diffTab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(diffTab?.input instanceof vscode.TabInputTextDiff, 'no diff editor opened');
    assert.equal(diffTab.input.original.toString(), vscode.Uri.from({ scheme: 'polyaxon-hub', path: `/${org}/train/v1.yaml` }).toString());
    assert.equal(diffTab.input.modified.fsPath, file.fsPath);

    assert.equal(await vscode.commands.executeCommand('polyaxonHub.hub.diffVersions', { left: key, right: { ...key, version: 'v2' } }), true);
    const versionsTab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(versionsTab?.input instanceof vscode.TabInputTextDiff);
    assert.equal(versionsTab.input.modified.path, `/${org}/train/v2.yaml`);

    const pages = () =>
      vscode.window.tabGroups.all
        .flatMap(g => g.tabs)
        .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('polyaxonHub.componentPage'));
    const shown = tabsWhen(() => pages().length > 0);
    await vscode.commands.executeCommand('polyaxonHub.hub.openComponent', { org, component: 'train' });
    await shown;
    await vscode.commands.executeCommand('polyaxonHub.hub.openComponent', { org, component: 'train', version: 'v2' });
    assert.equal(pages().length, 1, 'one page per component');
    assert.equal(pages()[0].label, `${org}/train`);
    await closeAllEditors();
  });

  it('pulls a version into the workspace, and never overwrites without permission', async () => {
    const target = path.join(workspaceDir(), 'pulled', 'train.yaml');
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const key = { org, component: 'train', version: 'v1' };
    const written = await vscode.commands.executeCommand<vscode.Uri>('polyaxonHub.hub.pull', key, { target });
    assert.equal(written?.fsPath, target);
    assert.equal(fs.readFileSync(target, 'utf8'), GOOD);
    fs.writeFileSync(target, 'mine');
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.hub.pull', key, { target, overwrite: false }), undefined);
    assert.equal(fs.readFileSync(target, 'utf8'), 'mine');
    await vscode.commands.executeCommand('polyaxonHub.hub.pull', `${org}/train:v2`, { target, overwrite: true });
    assert.equal(fs.readFileSync(target, 'utf8'), GOOD.replace('python:3.11', 'python:3.12'));
  });

  it('pulls to a relative target path inside the workspace folder (as publish reads one), not the file system root', async () => {
    const rel = `pulled-rel-${Date.now()}/train.yaml`;
    const written = await vscode.commands.executeCommand<vscode.Uri>('polyaxonHub.hub.pull', { org, component: 'train', version: 'v1' }, { target: rel });
    const outside = path.resolve('/', rel);
    const stray = fs.existsSync(outside);
    if (stray) fs.rmSync(path.dirname(outside), { recursive: true, force: true });
    assert.ok(!stray, `written at ${outside}`);
    assert.equal(written?.fsPath, path.join(workspaceDir(), rel));
    assert.equal(fs.readFileSync(path.join(workspaceDir(), rel), 'utf8'), GOOD);
  });

  it('copies the hubRef, sets a stage, and deletes a version (the owner may)', async () => {
    const s = await session();
    const key = { org, component: 'train', version: 'v2' };
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.hub.copyRef', key), `${org}/train:v2`);
    assert.equal(await vscode.env.clipboard.readText(), `${org}/train:v2`);
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.hub.setStage', key, { stage: 'production', reason: 'tested' }), 'production');
    assert.equal((await s.store.read()).componentVersions.find(v => v.org === org && v.name === 'v2')?.stage, 'production');
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.hub.deleteVersion', key, { confirm: true }), true);
    assert.ok(!(await s.store.read()).componentVersions.some(v => v.org === org && v.component === 'train' && v.name === 'v2'));
  });
});

describe('Component page and org renames (in the extension host)', function () {
  // a page follows a rename once its webview is ready: on a loaded machine that can take tens of seconds
  this.timeout(120_000);
  it('an open component page follows its org to the new name', async () => {
    const org = `cren-${Date.now()}`;
    const renamed = `${org}-new`;
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
    const uri = writeFile(`cren/${org}.yaml`, GOOD);
    const [published] = await vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', { uris: [uri], org, version: 'v1' });
    assert.equal(published?.status, 'created');
    const pages = () =>
      vscode.window.tabGroups.all
        .flatMap(g => g.tabs)
        .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('polyaxonHub.componentPage'));
    const shown = tabsWhen(() => pages().some(t => t.label === `${org}/train`));
    await vscode.commands.executeCommand('polyaxonHub.hub.openComponent', { org, component: 'train' });
    await shown;
    const retitled = tabsWhen(() => pages().some(t => t.label === `${renamed}/train`));
    await vscode.commands.executeCommand('polyaxonHub.org.rename', { org, newName: renamed });
    await Promise.race([
      retitled,
      new Promise((_, reject) =>
        setTimeout(
          () =>
            reject(
              new Error(
                `page still titled ${pages()
                  .map(t => t.label)
                  .join(', ')}`,
              ),
            ),
          60_000,
        ),
      ),
    ]);
    // opening the component under its new org shows that page, not a second one
    await vscode.commands.executeCommand('polyaxonHub.hub.openComponent', { org: renamed, component: 'train' });
    await new Promise(r => setTimeout(r, 300));
    assert.equal(pages().filter(t => t.label.endsWith('/train') && t.label.startsWith(org)).length, 1);
    await closeAllEditors();
  });
});
