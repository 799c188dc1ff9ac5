// kill -9 of a CLI writer at 100 random moments (seeded: FAULT_SEED replays a run). Each round starts a victim
// (`project create`) and, at the same time, a companion writer (`team create`) that is never killed; the victim
// is killed at a random moment of a CLI write's lifetime (starting up, waiting for the lock, holding it, writing,
// or already gone) in even rounds, and at a random moment after it took the lock in odd ones. After every kill the store parses and holds every write acknowledged so far (the
// CLI exited 0 and printed its result); the companion always succeeds, whatever lock the victim left.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDatabase } from '../../src/core/store/migrations';
import { tempDir } from '../unit/helpers/tmp';
import { BIN, faultSeed, runCli, startCli, type Exit } from './helpers/cli';
import { prng } from '../../bench/fuzz';
import { injected, kept } from './helpers/tally';

const ROUNDS = 100;

describe('faults: kill -9 of a CLI writer', function () {
  this.timeout(15 * 60_000);
  let t: ReturnType<typeof tempDir>;
  let store: string;
  let env: NodeJS.ProcessEnv;
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });
  beforeEach(() => {
    t = tempDir('phub-kill-');
    store = path.join(t.dir, 'hub.json');
    env = { POLYAXON_HUB_STORE: store, POLYAXON_HUB_USER: 'jane' };
  });
  afterEach(() => t.cleanup());

  const cli = (...args: string[]) => runCli(args, env, t.dir);
  const read = () => parseDatabase(fs.readFileSync(store, 'utf8'), store);
  const lockOwner = (): number | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(`${store}.lock`, 'owner.json'), 'utf8')).pid;
    } catch {
      return undefined;
    }
  };
  /** acknowledged: exit 0 and the result printed (one JSON document naming the record) */
  const acknowledged = (r: Exit, name: string) => r.code === 0 && (JSON.parse(r.out) as { name?: string }).name === name;

  it(`${ROUNDS} kills at seeded random moments: the store always parses and keeps every acknowledged write`, async () => {
    const seed = faultSeed();
    const random = prng(seed);
    const made = await cli('--json', 'org', 'create', 'acme');
    assert.equal(made.code, 0, made.err);
    // a store of some size, so the write itself (parse, change, serialise, fsync, rename) takes a while
    const db = JSON.parse(fs.readFileSync(store, 'utf8')) as { audit: unknown[] };
    const when = new Date().toISOString();
    for (let i = 0; i < 20_000; i++) db.audit.push({ who: 'jane', action: 'filler', target: `acme/filler-${i}`, when, details: { note: 'x'.repeat(40) } });
    fs.writeFileSync(store, JSON.stringify(db));
    // a CLI write's lifetime on this machine now, beside a companion as in the rounds: the kills spread over it
    const lifetimes: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [r, c] = await Promise.all([cli('--json', 'project', 'create', 'acme', `warm-${i}`), cli('--json', 'team', 'create', 'acme', `warm-${i}`)]);
      assert.equal(r.code, 0, r.err);
      assert.equal(c.code, 0, c.err);
      lifetimes.push(r.ms);
    }
    const span = Math.max(...lifetimes) * 1.2;

    const ackedProjects: string[] = [];
    const ackedTeams: string[] = [];
    const where = { beforeLock: 0, holdingLock: 0, finished: 0, keptUnacknowledged: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const victimName = `v${round}`;
      const victim = startCli(['--json', 'project', 'create', 'acme', victimName], env, t.dir);
      const companion = startCli(['--json', 'team', 'create', 'acme', `c${round}`], env, t.dir);
      // even rounds: any moment of the lifetime; odd rounds: a moment while the victim holds the lock (reading,
      // changing, writing, fsyncing, renaming), the window a kill can do harm in
      let delay: number;
      const started = Date.now();
      if (round % 2 === 0) {
        delay = random() * span;
        await new Promise(r => setTimeout(r, delay));
      } else {
        while (!victim.ended() && lockOwner() !== victim.pid && Date.now() - started < span * 5) await new Promise(r => setTimeout(r, 1));
        await new Promise(r => setTimeout(r, random() * 150));
        delay = Date.now() - started;
      }
      const holding = lockOwner() === victim.pid;
      victim.kill('SIGKILL');
      injected();
      const [v, c] = await Promise.all([victim.exited, companion.exited]);
      const context = `round ${round} (seed ${seed}, kill after ${Math.round(delay)} ms)`;
      assert.equal(c.timedOut, false, `${context}: the companion hung`);
      assert.equal(c.code, 0, `${context}: the companion failed: ${c.err}`);
      ackedTeams.push(`c${round}`);
      if (v.signal !== 'SIGKILL' && acknowledged(v, victimName)) {
        ackedProjects.push(victimName);
        where.finished++;
      } else if (holding) where.holdingLock++;
      else where.beforeLock++;
      // the store parses and holds every write acknowledged so far
      const now = read();
      const projects = new Set(now.projects.map(p => p.name));
      const teams = new Set(now.teams.map(x => x.name));
      for (const p of ackedProjects) assert.ok(projects.has(p), `${context}: acknowledged project ${p} lost`);
      for (const x of ackedTeams) assert.ok(teams.has(x), `${context}: acknowledged team ${x} lost`);
      if (!ackedProjects.includes(victimName) && projects.has(victimName)) where.keptUnacknowledged++;
    }
    // a last writer finds the store whole, and nothing of the killed writers is left
    const last = await cli('--json', 'team', 'create', 'acme', 'last');
    assert.equal(last.code, 0, last.err);
    const final = read();
    for (const p of ackedProjects) {
      assert.ok(
        final.projects.some(x => x.name === p),
        `project ${p} lost`,
      );
    }
    for (const x of [...ackedTeams, 'last']) {
      assert.ok(
        final.teams.some(y => y.name === x),
        `team ${x} lost`,
      );
    }
    kept(ackedProjects.length + ackedTeams.length + 1);
    assert.equal(fs.existsSync(`${store}.lock`), false, 'a lock folder is left');
    assert.deepEqual(
      fs.readdirSync(t.dir).filter(n => n.endsWith('.tmp')),
      [],
      'temp files of killed writers are left',
    );
    console.log(
      `      seed ${seed}: ${ROUNDS} SIGKILLs over ${Math.round(span)} ms lifetimes: ${where.beforeLock} before or while waiting for the lock, ` +
        `${where.holdingLock} holding it, ${where.finished} after the write was acknowledged; ${where.keptUnacknowledged} killed after writing ` +
        `but before printing (kept); ${ackedProjects.length + ackedTeams.length + 1} acknowledged writes, all kept`,
    );
  });
});
