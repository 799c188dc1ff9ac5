// `node scripts/polyaxon-server.mjs [--seed] [--runs N] [--check]`: starts Polyaxon's own API server (haupt sandbox,
// 127.0.0.1, a free port, a temporary home with sqlite and a local artifacts store), optionally seeds it with the
// real polyaxon client, prints its URL and waits for Ctrl-C, then stops the whole process group. `--check` starts,
// seeds, prints what was seeded and stops (a smoke test of the setup).
import { seedPolyaxonServer, startPolyaxonServer } from './lib/polyaxon-server.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const seed = check || args.includes('--seed');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 0;

const server = await startPolyaxonServer({ log: m => console.log(m) });
let code = 0;
try {
  if (seed) {
    const t = Date.now();
    const seeded = await seedPolyaxonServer(server, { runs });
    console.log(`[server] seeded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(seeded)}`);
  }
  if (!check) {
    console.log(`[server] ${server.url} — Ctrl-C stops it`);
    await new Promise(resolve => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
} catch (err) {
  console.error(String(err?.message ?? err));
  code = 1;
} finally {
  await server.stop();
  console.log('[server] stopped');
}
process.exit(code);
