// store_open_100k: opening a store of 100,000 records as the extension and the CLI do — a JsonFileStore, openHub
// over it, and the first answer (`hub.orgs.list()`: the Organizations view's roots, with counts and actions) —
// against a bare `JSON.parse(fs.readFileSync(file))` of the same file in the same run. Rounds alternate and the
// medians are compared (goal ≤ 1.5×). The store's own read (stat, read, parse, schema check, defaults) is in the note.
// Runs in `npm run bench`, or alone after it built: `node out/bench/store-open.js [records] [rounds]`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openHub } from '../src/core/client';
import { JsonFileStore } from '../src/core/store/jsonFileStore';
import type { Row } from './row';
import { bigDatabase } from './store-mutation';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = (globalThis as { gc?: () => void }).gc;

async function timed(into: number[], job: () => unknown): Promise<void> {
  gc?.(); // neither pays for the other's garbage
  const t = performance.now();
  await job();
  into.push(performance.now() - t);
}

export async function measure(records: number, rounds: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phub-bench-open-'));
  try {
    const file = path.join(dir, 'polyaxon-hub.json');
    fs.writeFileSync(file, JSON.stringify(bigDatabase(records), null, 1));
    const size = fs.statSync(file).size;
    const bare: number[] = [];
    const open: number[] = [];
    const readOnly: number[] = [];
    let orgs = 0;
    const openOnce = async () => {
      const store = new JsonFileStore(file);
      const hub = openHub(store, { username: 'user0' });
      orgs = (await hub.orgs.list()).length;
      store.dispose();
    };
    await openOnce(); // warm the file cache and the code
    for (let r = 0; r < rounds; r++) {
      const bareRound = () => timed(bare, () => JSON.parse(fs.readFileSync(file, 'utf8')));
      const openRound = () => timed(open, openOnce);
      if (r % 2) {
        await bareRound();
        await openRound();
      } else {
        await openRound();
        await bareRound();
      }
      await timed(readOnly, () => new JsonFileStore(file).read());
    }
    if (orgs === 0) throw new Error('user0 sees no organization in the bench store');
    return [
      {
        id: 'store_open_100k',
        name: `open a store of ${records.toLocaleString('en')} records (${(size / 1e6).toFixed(1)} MB): JsonFileStore + openHub + hub.orgs.list(), median of ${rounds}`,
        value: median(open),
        baseline: median(bare),
        baselineName: 'JSON.parse(readFileSync) of the same file',
        unit: 'ms',
        goal: { maxRatio: 1.5 },
        note: `${orgs} orgs listed for user0 (member of 10 of 100); the store's read alone (stat, read, parse, schema check, defaults): ${median(readOnly).toFixed(1)} ms`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function bench(): Promise<Row[]> {
  return measure(100_000, 9);
}

if (require.main === module) {
  const [records, rounds] = process.argv.slice(2).map(Number);
  void measure(records || 100_000, rounds || 9).then(rows => console.log(JSON.stringify(rows, null, 1)));
}
