// `npm start`: installs what is missing, builds and packages the extension, installs the .vsix into the pinned
// code-server (user data and extensions under .cache/start/, never the home folder) and serves VS Code on
// 127.0.0.1 with the demo workspace (.cache/demo-workspace). Ctrl-C stops the server's whole process group.
// The extension keeps its embedded store in its global storage, i.e. inside .cache/start/user-data, so
// organizations created in the demo are still there on the next `npm start`.
// Env: PORT (default 8080; a free port is used when it is taken), SKIP_PACKAGE=1 (reuse dist/polyaxon-hub.vsix)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, elapsed, ensureSetup, installExtension, makeState, run, startServer } from './lib/code-server.mjs';
import { writeDemoWorkspace, writeMlflowDemoRuns } from './demo-workspace.mjs';

const t0 = Date.now();
const log = msg => console.log(`[start ${elapsed(t0)}] ${msg}`);
const VSIX = path.join(ROOT, 'dist/polyaxon-hub.vsix');

await ensureSetup();
if (!process.env.SKIP_PACKAGE) {
  if ((await run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] })) !== 0) {
    console.error('npm run package failed');
    process.exit(1);
  }
}
log(`packaged ${path.relative(ROOT, VSIX)} (${Math.round(fs.statSync(VSIX).size / 1024)} KiB)`);

// kept between runs (settings a user changed, the embedded store); written fresh only when missing
const state = makeState(path.join(ROOT, '.cache/start'), { fresh: false });
installExtension(state, VSIX);
log('installed the .vsix into .cache/start/extensions');

const workspace = path.join(ROOT, '.cache/demo-workspace');
const written = writeDemoWorkspace(workspace);
log(written.length ? `demo workspace: wrote ${written.length} missing file(s) in ${workspace}` : `demo workspace: ${workspace} (kept as is)`);
const mlflowRuns = writeMlflowDemoRuns(workspace);
if (mlflowRuns) log(`demo workspace: ${mlflowRuns}`);

const logFile = path.join(state.dir, 'server.log');
const server = await startServer(state, { port: Number(process.env.PORT || 8080), folder: workspace, logFile });
let stopping = false;
const stop = async why => {
  if (stopping) return;
  stopping = true;
  log(`${why}: stopping code-server`);
  await server.stop();
  process.exit(0);
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
server.exited.then(code => {
  if (!stopping) {
    console.error(`code-server exited (${code}); log: ${logFile}`);
    process.exit(1);
  }
});

console.log(`\n  Polyaxon Hub in VS Code (code-server) is ready:\n\n    ${server.url}/?folder=${encodeURIComponent(workspace)}\n`);
console.log(`  server log: ${path.relative(ROOT, logFile)}    Ctrl-C stops it.\n`);
