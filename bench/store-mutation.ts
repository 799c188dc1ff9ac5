// Time of one store mutation on a store of 100,000 records, beside a baseline measured in the same
// run on the same file: a bare read + JSON.parse + JSON.stringify + writeFile (no lock, no fsync, no
// temp file, no backup). The mutation is a real one: createOrg (lock → re-read → parse/migrate check
// → access rules → apply → atomic fsynced write with a hard-link backup → unlock).
// Runs in `npm run bench`, or alone: `npm run bench` builds out/bench/store-mutation.js, then
// `node out/bench/store-mutation.js [records] [rounds]`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyDatabase, type Database } from '../src/core/model';
import { createOrg } from '../src/core/orgs';
import { JsonFileStore } from '../src/core/store/jsonFileStore';
import type { Row } from './row';

const T = '2026-01-01T00:00:00.000Z';

/** A plausible big store: orgs with teams and projects, component versions, and a long audit trail. */
export function bigDatabase(records: number): Database {
  const db = emptyDatabase();
  const orgs = 100;
  for (let o = 0; o < orgs; o++) {
    db.users.push({ username: `user${o}`, displayName: `User ${o}`, email: `user${o}@example.com`, createdAt: T });
    db.orgs.push({
      name: `org${o}`,
      description: `Organization ${o}`,
      isPublic: o % 2 === 0,
      createdBy: `user${o}`,
      createdAt: T,
      updatedAt: T,
      members: Array.from({ length: 10 }, (_, i) => ({ user: `user${(o + i) % orgs}`, role: i === 0 ? 'owner' : 'member' })),
    });
  }
  let n = orgs * 2;
  for (let i = 0; n < records * 0.1; i++, n++) {
    db.projects.push({
      org: `org${i % orgs}`,
      name: `project${i}`,
      description: 'A project with a description of ordinary length.',
      tags: ['a', 'b'],
      readme: '',
      isPublic: false,
      teams: [],
      members: [],
      connections: [{ name: 'data', kind: 's3', description: '' }],
      createdBy: 'user0',
      createdAt: T,
      updatedAt: T,
    });
  }
  for (let i = 0; n < records * 0.15; i++, n++) {
    db.teams.push({
      org: `org${i % orgs}`,
      name: `team${i}`,
      description: '',
      members: [{ user: 'user1', role: 'member' }],
      projects: [{ project: `project${i}`, role: 'viewer' }],
      quota: {},
      createdAt: T,
    });
  }
  for (let i = 0; n < records * 0.25; i++, n++) {
    db.componentVersions.push({
      org: `org${i % orgs}`,
      component: `c${i % 1000}`,
      name: `v${i}`,
      content: 'version: 1.1\nkind: component\nrun:\n  kind: job\n',
      contentHash: 'f'.repeat(64),
      inputs: [],
      outputs: [],
      stage: 'testing',
      stageHistory: [],
      publishedBy: 'user0',
      publishedAt: T,
      history: [],
    });
  }
  for (let i = 0; n < records; i++, n++) {
    db.audit.push({
      who: `user${i % orgs}`,
      action: 'project.update',
      target: `org${i % orgs}/project${i % 1000}`,
      when: T,
      details: { description: 'changed' },
    });
  }
  return db;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The row for `npm run bench` (its runner passes a context object, ignored here). */
export async function bench(): Promise<Row[]> {
  return measure(100_000, 9);
}

export async function measure(records: number, rounds: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phub-bench-'));
  try {
    const file = path.join(dir, 'polyaxon-hub.json');
    fs.writeFileSync(file, JSON.stringify(bigDatabase(records), null, 1));
    const size = fs.statSync(file).size;
    const store = new JsonFileStore(file);
    const actor = { username: 'bench' };
    await createOrg(store, actor, 'warmup');
    const mutation: number[] = [];
    const baseline: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // alternate, so load on the machine affects both alike
      let t0 = performance.now();
      const db = JSON.parse(fs.readFileSync(file, 'utf8')) as Database;
      db.orgs.push({ ...db.orgs[0], name: `plain${r}` });
      fs.writeFileSync(file, JSON.stringify(db, null, 1));
      baseline.push(performance.now() - t0);
      t0 = performance.now();
      await createOrg(store, actor, `bench${r}`);
      mutation.push(performance.now() - t0);
    }
    store.dispose();
    return [
      {
        id: 'store_mutation_100k',
        name: `one store mutation (createOrg) on ${records.toLocaleString('en')} records (${(size / 1e6).toFixed(1)} MB), median of ${rounds}`,
        value: median(mutation),
        baseline: median(baseline),
        unit: 'ms',
        baselineName: 'readFile + JSON.parse + JSON.stringify + writeFile of the same file',
        goal: { maxRatio: 1.3 },
        note: 'the mutation adds: inter-process lock, schema check, access rules, temp file + fsync + rename + dir fsync, hard-link backup',
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [records, rounds] = process.argv.slice(2).map(Number);
  void measure(records || 100_000, rounds || 9).then(rows => {
    for (const r of rows) {
      console.log(`${r.name}: ${r.value.toFixed(1)} ms; baseline (${r.baselineName}) ${r.baseline.toFixed(1)} ms; ratio ${(r.value / r.baseline).toFixed(2)}`);
    }
  });
}
