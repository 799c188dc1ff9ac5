// server_list_runs_ms: listing 1,000 runs of a real Polyaxon server (haupt sandbox, started here) through the
// server backend (`hub.projectRuns.list`: every page, parsed, checked and mapped) against bare HTTP GETs of the
// same ten 100-run pages (fetch + read the body). Both are anonymous reads; rounds alternate and the medians are
// compared, so the machine's load hits both alike. Skipped (NaN, with a note) when haupt is not installed.
import type { Row } from './row';
import { openServerHub } from '../src/core/client/server';
// the launcher is the same one `npm run test:server` uses
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain .mjs helper without types
import { addBulkRuns, hauptMissing, startPolyaxonServer } from '../scripts/lib/polyaxon-server.mjs';

const RUNS = 1000;
const ROUNDS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function bench(): Promise<Row> {
  const id = 'server_list_runs_ms';
  const name = `list ${RUNS} runs of a Polyaxon server through the server backend`;
  const missing = hauptMissing();
  if (missing) return { id, name, value: NaN, baseline: NaN, unit: 'ms', goal: { maxRatio: 1.2 }, note: missing };
  const server = await startPolyaxonServer({ log: (m: string) => process.stderr.write(`${m}\n`) });
  try {
    const total = await addBulkRuns(server, 'bulk', RUNS);
    const hub = await openServerHub({ url: server.url, pollMs: 0, timeoutMs: 120_000 });
    const pages = Array.from(
      { length: Math.ceil(total / 100) },
      (_, i) => `${server.url}/api/v1/default/bulk/runs?sort=-created_at&limit=100&offset=${i * 100}`,
    );
    const bare = async () => {
      let n = 0;
      for (const url of pages) {
        const res = await fetch(url, { headers: { accept: 'application/json' } });
        n += (await res.text()).length;
      }
      return n;
    };
    const backend = async () => (await hub.projectRuns!.list('default', 'bulk')).length;
    // warm both paths (connections, the server's query cache)
    await bare();
    if ((await backend()) !== total) throw new Error(`the backend listed a different number of runs than the ${total} seeded`);
    const bareMs: number[] = [],
      backendMs: number[] = [];
    const timed = async (fn: () => Promise<number>, into: number[]) => {
      const t = performance.now();
      await fn();
      into.push(performance.now() - t);
    };
    for (let i = 0; i < ROUNDS; i++) {
      // which goes first alternates, so neither always meets the server just after the other's burst
      if (i % 2) {
        await timed(backend, backendMs);
        await timed(bare, bareMs);
      } else {
        await timed(bare, bareMs);
        await timed(backend, backendMs);
      }
    }
    return {
      id,
      name,
      value: median(backendMs),
      baseline: median(bareMs),
      unit: 'ms',
      baselineName: `bare GET of the same ${pages.length} pages`,
      goal: { maxRatio: 1.2 },
      note: `${total} runs on haupt ${server.version}; medians of ${ROUNDS} alternating rounds; backend ${backendMs.map(x => x.toFixed(0)).join('/')} ms, bare ${bareMs.map(x => x.toFixed(0)).join('/')} ms`,
    };
  } finally {
    await server.stop();
  }
}
