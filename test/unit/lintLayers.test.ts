// The layer rules in lint (scripts/lib/eslint-layers.mjs, wired in eslint.config.mjs).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
// @ts-expect-error: a plain ES module without types, checked here by its behaviour
import { layerProblem } from '../../scripts/lib/eslint-layers.mjs';

const root = process.cwd();
const problem = (file: string, spec: string) => layerProblem(root, file, spec) as string | undefined;

describe('lint: layers', () => {
  it('webview code and the page protocol stay browser code', () => {
    assert.match(problem('webview/org.ts', 'node:fs') ?? '', /runs in the browser: it may not import the Node module "node:fs"/);
    assert.match(problem('webview/shared/x.ts', 'path') ?? '', /Node module "path"/);
    assert.match(problem('webview/org.ts', 'vscode') ?? '', /may not import "vscode"/);
    assert.match(problem('webview/org.ts', '../src/core/client') ?? '', /only webview\/\*\* and src\/protocol\/\*\*, not src\/core\/client/);
    assert.equal(problem('webview/shared/chart.ts', '../../src/protocol/registryViews'), undefined);
    assert.equal(problem('webview/org.ts', './shared/host'), undefined);
    assert.equal(problem('webview/org.ts', 'uplot'), undefined, 'browser packages are fine');
    assert.match(problem('src/protocol/orgPage.ts', '../core/model') ?? '', /only webview\/\*\* and src\/protocol\/\*\*|only src\/protocol/);
    assert.match(problem('src/protocol/orgPage.ts', '../../webview/shared/host') ?? '', /may import only src\/protocol/);
  });

  it('a feature never imports another feature, however the path is spelled', () => {
    assert.match(problem('src/features/hub/tree.ts', '../registry/targets') ?? '', /hub feature may not import the registry feature/);
    assert.match(problem('src/features/hub/editor/x.ts', '../../../features/orgs/register') ?? '', /the orgs feature/);
    assert.equal(problem('src/features/hub/editor/x.ts', '../tree'), undefined);
    assert.equal(problem('src/features/hub/tree.ts', '../../core/client'), undefined);
    assert.equal(problem('src/features/hub/tree.ts', '../../host/session'), undefined);
  });

  it('the core imports no face and not vscode', () => {
    assert.match(problem('src/core/orgs.ts', 'vscode') ?? '', /core may not import "vscode"/);
    for (const face of [
      '../host/session',
      '../features/hub/tree',
      '../cli/main',
      '../views/x',
      '../commands/x',
      '../panels/x',
      '../editor/x',
      '../extension',
    ]) {
      assert.match(problem('src/core/orgs.ts', face) ?? '', /core may not import a face/, face);
    }
    assert.equal(problem('src/core/client/localHub.ts', '../orgs'), undefined);
    assert.equal(problem('src/core/store/files.ts', 'node:fs'), undefined);
  });

  it('is wired into the lint configuration', () => {
    const eslint = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const r = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', 'src/core/leak.ts', '--format', 'json'], {
      input: "import * as vscode from 'vscode';\nimport { x } from '../features/hub/tree';\nexport const y = [vscode, x];\n",
      encoding: 'utf8',
    });
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[])[0].messages.filter(m => m.ruleId === 'layers/imports');
    assert.equal(messages.length, 2, r.stdout);
  });
});
