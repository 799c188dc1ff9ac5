// Mocha entry loaded by the extension host (extensionTestsPath = out/test/host/index.js), the @vscode/test-electron
// contract: export run(): Promise<void>, a rejection means failure. Used by scripts/test-host.mjs (code-server)
// and by runTest.ts (desktop VS Code).
// Env (set in the server's environment, since the remote host's stdout goes nowhere useful):
//   POLYAXON_HUB_TEST_LOG      file to tee mocha's reporter output into
//   POLYAXON_HUB_TEST_RESULTS  file for a JSON summary {passed, failed, pending, total}
//   POLYAXON_HUB_TEST_GREP     only run tests whose full title matches this pattern
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const logFile = process.env.POLYAXON_HUB_TEST_LOG;
  const resultsFile = process.env.POLYAXON_HUB_TEST_RESULTS;
  if (logFile) {
    fs.writeFileSync(logFile, '');
    const orig = Mocha.reporters.Base.consoleLog;
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      fs.appendFileSync(logFile, util.format(...args) + '\n');
      orig(...args);
    };
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000, reporter: 'spec' });
  if (process.env.POLYAXON_HUB_TEST_GREP) mocha.grep(process.env.POLYAXON_HUB_TEST_GREP);

  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[]).filter(f => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const write = (s: { passed: number; failed: number; pending: number; total: number; error?: string }) => {
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(s));
      console.log(`[polyaxon-hub host tests] ${s.passed} passed, ${s.failed} failed`);
    };
    // a suite that runs nothing proves nothing: treat "no test files" as a failure, not a green run
    if (files.length === 0) {
      write({ passed: 0, failed: 1, pending: 0, total: 0, error: `no *.test.js under ${__dirname}` });
      reject(new Error(`no in-host test files under ${__dirname}`));
      return;
    }
    try {
      const runner = mocha.run(failures => {
        const st = runner.stats;
        write({ passed: st?.passes ?? 0, failed: failures, pending: st?.pending ?? 0, total: runner.total });
        if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
        else resolve();
      });
    } catch (e) {
      // a test file that throws at load time (syntax error, bad import) lands here
      write({ passed: 0, failed: 1, pending: 0, total: 0, error: String(e) });
      if (logFile) fs.appendFileSync(logFile, `failed to load the tests: ${(e as Error).stack ?? e}\n`);
      reject(e);
    }
  });
}
