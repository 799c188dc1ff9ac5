// In a real VS Code extension host: a refused publish says how many errors the file has, and the Problems panel
// lists exactly those errors — also for YAML the editor otherwise leaves alone (no `kind:`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { InvalidComponentError, planPublish } from '../../src/core/hub/publish';
import type { Problem } from '../../src/core/hub/validator';
import type { HubSession } from '../../src/host/session';

async function session(): Promise<HubSession> {
  const extension = vscode.extensions.getExtension<{ session: HubSession }>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return (await extension.activate()).session;
}

/** Resolves when the Polyaxon diagnostics of `uri` satisfy `ok` (event-driven; mocha's timeout bounds it). */
function polyaxonDiagnosticsWhen(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'Polyaxon');
  return new Promise(resolve => {
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (ok(current())) {
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

describe('A refused publish and the Problems panel (in the extension host)', () => {
  const org = `problems-${Date.now()}`;
  before(async () => {
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: org }), org);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('lists the errors the refusal counted, even in a file that does not look like a Polyaxon file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need a workspace folder');
    const file = path.join(folder.uri.fsPath, 'problems', 'plain.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // no `kind:`: the editor leaves such YAML alone, but publishing it is refused with errors the user must be able to see
    fs.writeFileSync(file, 'version: 1.1\nname: plain\nrun:\n  kind: job\n  container: {image: python:3.11}\n');
    const uri = vscode.Uri.file(file);
    let counted: Problem[] = [];
    try {
      planPublish({ org, content: fs.readFileSync(file, 'utf8'), fileName: file, version: 'v1' }, (await session()).user.username);
    } catch (error) {
      assert.ok(error instanceof InvalidComponentError, String(error));
      counted = error.problems;
    }
    assert.ok(counted.length > 0, 'the fixture must be refused with errors');

    assert.deepEqual(await vscode.commands.executeCommand('polyaxonHub.hub.publish', { uris: [uri], org, version: 'v1' }), [undefined]);
    const isError = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error;
    const errors = (await polyaxonDiagnosticsWhen(uri, d => d.some(isError))).filter(isError);
    assert.deepEqual(
      errors.map(d => [d.range.start.line, d.range.start.character, d.message]),
      counted.map(p => [p.range.start.line, p.range.start.column, p.message]),
    );

    // its last tab closed, the file is plain YAML again: its problems go with it
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await polyaxonDiagnosticsWhen(uri, d => d.length === 0);
  });
});
