// The standard @vscode/test-electron entry: downloads desktop VS Code (the oldest we support unless
// VSCODE_VERSION says otherwise) and runs the in-host suites (index.ts) in it. Needs the internet, so `npm test`
// does not use it here (scripts/test-host.mjs runs the same suites in code-server); elsewhere:
//   node esbuild.mjs --tests && node out/test/host/runTest.js
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'polyaxon-hub-electron-'));
  const userData = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(workspace);
  // same test settings as the code-server run: a fresh store and a fixed user
  fs.writeFileSync(
    path.join(userData, 'User/settings.json'),
    JSON.stringify({
      'polyaxonHub.storePath': path.join(tmp, 'store', 'hub.json'),
      'polyaxonHub.user': 'tester',
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
    }),
  );
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.99.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userData],
      extensionTestsEnv: {
        POLYAXON_HUB_TEST_LOG: path.join(tmp, 'host-tests.log'),
        POLYAXON_HUB_TEST_RESULTS: path.join(tmp, 'host-tests.json'),
      },
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch(err => {
  console.error('in-host tests failed:', err);
  process.exit(1);
});
