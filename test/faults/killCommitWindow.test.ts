// kill -9 of a CLI `promote` inside its commit window: inside the store's lock, after some of its blobs were moved
// into the artifact store and before the store file records the version. The victim is frozen (SIGSTOP) as soon
// as its commit journal appears, then stepped (SIGCONT … SIGSTOP) until the disk shows a blob no version
// references while the store still lacks the version — that moment, and no other, is where it is killed. Then:
// the next command that opens the store, whichever it is (a read-only one, or a promote of the same content
// racing read-only ones in other processes), finds no unreferenced blob left, and every referenced blob stays.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, sleep, startCli, type Child } from './helpers/cli';
import { usePromoteStore } from './helpers/promoteStore';
import { injected, kept } from './helpers/tally';

/** kills that must land in the window */
const HITS = 4;
/** promotes started to get them (a victim may finish its window between two steps) */
const ATTEMPTS = 16;
/** files per promote: the window spans moving each one's blob */
const FILES = 40;

describe('faults: kill -9 of a promote in its commit window', function () {
  this.timeout(20 * 60_000);
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });
  const hub = usePromoteStore('phub-killcommit-');
  const { cli, read, unreferenced, assertWhole } = hub;
  const journals = () => (fs.existsSync(path.join(hub.artifacts, 'committing')) ? fs.readdirSync(path.join(hub.artifacts, 'committing')) : []);

  /**
   * Freezes `victim` when its commit journal appears, then steps it until the disk shows an unreferenced blob
   * and the store still lacks `version`: true there (the victim stays frozen), false when it got past the window.
   */
  async function freezeInWindow(victim: Child, version: string): Promise<boolean> {
    const dir = path.join(hub.artifacts, 'committing');
    await new Promise<void>(resolve => {
      const watcher = fs.watch(dir, () => {
        if (!journals().length) return;
        process.kill(victim.pid, 'SIGSTOP');
        watcher.close();
        resolve();
      });
      void victim.exited.then(() => {
        watcher.close();
        resolve();
      });
    });
    for (let step = 0; step < 2000 && !victim.ended(); step++) {
      const db = read();
      if (db.modelVersions.some(v => v.name === version)) return false;
      if (unreferenced(db).length) return true;
      process.kill(victim.pid, 'SIGCONT');
      await new Promise(r => setImmediate(r));
      process.kill(victim.pid, 'SIGSTOP');
      await sleep(1); // let the stop land before the next look
    }
    return false;
  }

  it(`${HITS} kills between the blobs' move and the store's write: the next command finds no unreferenced blob, and a racing promote keeps all of its own`, async () => {
    assert.equal((await cli('org', 'create', 'acme')).code, 0);
    const run = path.join(hub.dir, 'run');
    fs.mkdirSync(path.join(run, 'model'), { recursive: true });
    const writeRun = (tag: string) => {
      for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(run, 'model', `part-${i}.bin`), `${tag} part ${i}\n`.repeat(64));
    };
    const promoteArgs = (version: string) => ['--json', 'promote', run, '--model', 'acme/iris', '--version', version, '--framework', 'custom'];
    writeRun('warm');
    const warm = await cli(...promoteArgs('warm'));
    assert.equal(warm.code, 0, warm.err);
    assert.deepEqual(journals(), [], 'a finished promote left its commit journal');
    const acknowledged = ['warm'];
    let hits = 0;
    const seen = { pastWindow: 0, raced: 0 };
    for (let attempt = 0; attempt < ATTEMPTS && hits < HITS; attempt++) {
      const version = `k${attempt}`;
      writeRun(`attempt ${attempt}`); // new content: its blobs are referenced by no version yet
      const victim = startCli(promoteArgs(version), hub.env, hub.dir);
      const inWindow = await freezeInWindow(victim, version);
      victim.kill('SIGKILL');
      injected();
      const v = await victim.exited;
      const context = `attempt ${attempt}`;
      assert.equal(v.timedOut, false, `${context}: hung`);
      if (!inWindow) {
        seen.pastWindow++;
        if (read().modelVersions.some(x => x.name === version)) acknowledged.push(version);
        continue;
      }
      hits++;
      // what the kill left on disk, before any command: the orphans the next open must not show
      const left = unreferenced(read());
      assert.ok(left.length > 0 && journals().length > 0, `${context}: the kill in the window left no orphan or no journal to find`);
      if (hits % 2) {
        // any command that opens the store settles it: here a read-only one
        const next = await cli('--json', 'org', 'list');
        assert.equal(next.code, 0, next.err);
      } else {
        // a promote of the very same content (its blobs are the orphans' hashes) racing two read-only commands
        seen.raced++;
        const racer = `c${attempt}`;
        const [promoted, ...readers] = await Promise.all([cli(...promoteArgs(racer)), cli('--json', 'org', 'list'), cli('--json', 'models', 'list', 'acme')]);
        assert.equal(promoted.code, 0, `${context}: the racing promote failed: ${promoted.err}`);
        for (const r of readers) assert.equal(r.code, 0, `${context}: a racing read failed: ${r.err}`);
        acknowledged.push(racer);
        const db = read();
        const racerFiles = db.modelVersions.find(x => x.name === racer)?.lineage.files ?? [];
        assert.ok(
          left.every(b => racerFiles.some(f => f.sha256 === b)),
          `${context}: the racing promote does not reference the content it shares with the killed one`,
        );
      }
      const db = read();
      assert.deepEqual(unreferenced(db), [], `${context}: unreferenced blobs after the next command`);
      assert.deepEqual(journals(), [], `${context}: the commit journal of the killed promote is left`);
      assertWhole(db, context);
      for (const a of acknowledged) {
        assert.ok(
          db.modelVersions.some(x => x.name === a),
          `${context}: acknowledged version ${a} lost`,
        );
      }
    }
    assert.equal(hits, HITS, `only ${hits} of ${ATTEMPTS} promotes could be killed in the commit window (${seen.pastWindow} got past it)`);
    const verified = await cli('--json', 'models', 'verify', `acme/iris:${acknowledged.at(-1)}`);
    assert.equal(verified.code, 0, verified.err);
    assert.equal(JSON.parse(verified.out).ok, true);
    kept(acknowledged.length);
    console.log(
      `      ${hits} SIGKILLs in the commit window (${seen.raced} raced by a promote of the same content and two readers), ` +
        `${seen.pastWindow} promotes got past it; no unreferenced blob after the next command, ${acknowledged.length} acknowledged versions whole`,
    );
  });
});
