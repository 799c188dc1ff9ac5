// kill -9 of a CLI `promote` at many seeded random moments of its lifetime (resolving the run, copying and hashing,
// committing blobs inside the lock, writing the store). After every kill: the store parses; no version is partial
// (each recorded file's blob is there, of its size, and the small ones hash right); a blob no version references is
// there only when the kill hit the one window where blobs are committed inside the lock and the store not yet
// written, and the next command that opens the store sweeps it (killCommitWindow.test.ts aims at that window);
// a later promote succeeds. Acknowledged promotes are all kept.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, faultSeed, startCli } from './helpers/cli';
import { usePromoteStore } from './helpers/promoteStore';
import { prng } from '../../bench/fuzz';
import { injected, kept } from './helpers/tally';

const ROUNDS = 40;

describe('faults: kill -9 of a promote', function () {
  this.timeout(20 * 60_000);
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });
  const hub = usePromoteStore('phub-killpromote-');
  const { cli, read, unreferenced } = hub;
  const lockOwner = (): number | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(`${hub.store}.lock`, 'owner.json'), 'utf8')).pid;
    } catch {
      return undefined;
    }
  };

  it(`${ROUNDS} kills of a promote at seeded random moments: no partial version, no orphan blob once settled, a later promote succeeds`, async () => {
    const seed = faultSeed() + 1;
    const random = prng(seed);
    assert.equal((await cli('org', 'create', 'acme')).code, 0);
    const run = path.join(hub.dir, 'run');
    fs.mkdirSync(path.join(run, 'model'), { recursive: true });
    // a few files, one large enough that copying and hashing take a while
    const big = Buffer.alloc(24 << 20);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
    fs.writeFileSync(path.join(run, 'model', 'weights.bin'), big);
    fs.writeFileSync(path.join(run, 'model', 'config.json'), '{"layers": 3}');
    const promoteArgs = (version: string) => ['--json', 'promote', run, '--model', 'acme/iris', '--version', version, '--framework', 'custom'];
    // a promote's lifetime on this machine now: the kills spread over it
    const warm = await cli(...promoteArgs('warm'));
    assert.equal(warm.code, 0, warm.err);
    const span = warm.ms * 1.2;

    const acknowledged = ['warm'];
    const where = { beforeLock: 0, holdingLock: 0, finished: 0, orphansInWindow: 0, sweptBy: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const version = `k${round}`;
      // new content each round: a blob committed by a killed promote is one no version references
      fs.writeFileSync(path.join(run, 'model', 'round.txt'), `round ${round} ${random()}`);
      const victim = startCli(promoteArgs(version), hub.env, hub.dir);
      const delay = random() * span;
      await new Promise(r => setTimeout(r, delay));
      const holding = lockOwner() === victim.pid;
      victim.kill('SIGKILL');
      injected();
      const v = await victim.exited;
      const context = `round ${round} (seed ${seed}, kill after ${Math.round(delay)} ms)`;
      assert.equal(v.timedOut, false, `${context}: hung`);
      const db = read();
      hub.assertWhole(db, context);
      if (v.code === 0 && (JSON.parse(v.out) as { name?: string }).name === version) {
        acknowledged.push(version);
        where.finished++;
      } else if (holding) where.holdingLock++;
      else where.beforeLock++;
      for (const a of acknowledged) {
        assert.ok(
          db.modelVersions.some(x => x.name === a),
          `${context}: acknowledged version ${a} lost`,
        );
      }
      const orphans = unreferenced(db);
      if (orphans.length) {
        // only a kill inside the lock, after the blobs were committed and before the store was written, leaves them
        assert.ok(holding || lockOwner() === victim.pid, `${context}: ${orphans.length} orphan blob(s) though the promote did not hold the lock`);
        where.orphansInWindow++;
      }
      // every 8th round (and after an orphan) a promote that is not killed: it succeeds and leaves the store settled
      if (orphans.length || round % 8 === 7) {
        const later = await cli(...promoteArgs(`after-${round}`));
        assert.equal(later.code, 0, `${context}: the later promote failed: ${later.err}`);
        acknowledged.push(`after-${round}`);
        const settled = read();
        assert.deepEqual(unreferenced(settled), [], `${context}: orphan blobs after the next registry write`);
        if (orphans.length) where.sweptBy++;
        const staging = path.join(hub.artifacts, 'staging');
        assert.deepEqual(fs.existsSync(staging) ? fs.readdirSync(staging) : [], [], `${context}: staging of killed promotes left`);
      }
    }
    const final = await cli(...promoteArgs('final'));
    assert.equal(final.code, 0, final.err);
    acknowledged.push('final');
    const db = read();
    hub.assertWhole(db, 'at the end');
    for (const a of acknowledged) {
      assert.ok(
        db.modelVersions.some(x => x.name === a),
        `acknowledged version ${a} lost`,
      );
    }
    assert.deepEqual(unreferenced(db), [], 'orphan blobs at the end');
    const verified = await cli('--json', 'models', 'verify', 'acme/iris:final');
    assert.equal(verified.code, 0, verified.err);
    assert.equal(JSON.parse(verified.out).ok, true);
    kept(acknowledged.length);
    console.log(
      `      seed ${seed}: ${ROUNDS} SIGKILLs over ${Math.round(span)} ms promotes: ${where.beforeLock} before the lock, ${where.holdingLock} holding it, ` +
        `${where.finished} after the promote was acknowledged; ${where.orphansInWindow} left blobs in the commit window (swept by the next command); ` +
        `${acknowledged.length} acknowledged versions, all whole`,
    );
  });
});
