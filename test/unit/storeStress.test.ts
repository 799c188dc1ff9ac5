// The store never loses a write: 4 processes × 250 mutations at once, and a writer killed with
// SIGKILL at random moments. Child processes run out/test/unit/helpers/storeWriter.js.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDatabase } from '../../src/core/store/migrations';
import { helperScript, tempDir } from './helpers/tmp';

function writer(file: string, id: string, count: number, pauseMs?: number): { child: ChildProcess; acks: number[]; done: Promise<number | null> } {
  const child = spawn(process.execPath, [helperScript('storeWriter'), file, id, String(count), ...(pauseMs ? [String(pauseMs)] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: number[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      const m = /^ack (\S+) (\d+)$/.exec(line);
      if (m) acks.push(Number(m[2]));
    }
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const done = new Promise<number | null>(resolve =>
    child.on('exit', code => {
      if (code) process.stderr.write(`writer ${id} failed: ${stderr}\n`);
      resolve(code);
    }),
  );
  return { child, acks, done };
}

function targetsOf(file: string, id: string): Set<string> {
  const db = parseDatabase(fs.readFileSync(file, 'utf8'), file);
  return new Set(db.audit.filter(e => e.who === id && e.action === 'stress').map(e => e.target));
}

/** Reads and parses the store over and over until stopped, counting reads that saw a damaged file. */
function pollingReader(file: string, pause: (resume: () => void) => void) {
  let reads = 0;
  let badReads = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        parseDatabase(fs.readFileSync(file, 'utf8'), file);
        reads++;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') badReads++; // before the first write there is no file yet
      }
      await new Promise<void>(r => pause(r));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { reads, badReads };
    },
  };
}

describe('store under stress', function () {
  this.timeout(120_000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('4 processes × 250 mutations at once: all 1000 kept, and the file parses at every moment', async () => {
    const file = path.join(t.dir, 'polyaxon-hub.json');
    const reader = pollingReader(file, r => setImmediate(r));
    const started = Date.now();
    const writers = ['w1', 'w2', 'w3', 'w4'].map(id => ({ id, ...writer(file, id, 250) }));
    const codes = await Promise.all(writers.map(w => w.done));
    const elapsed = Date.now() - started;
    const { reads, badReads } = await reader.stop();
    assert.deepEqual(codes, [0, 0, 0, 0]);
    for (const w of writers) {
      assert.equal(w.acks.length, 250, `${w.id} acknowledged`);
      assert.equal(targetsOf(file, w.id).size, 250, `${w.id} kept`);
    }
    const db = parseDatabase(fs.readFileSync(file, 'utf8'), file);
    assert.equal(db.audit.length, 1000);
    assert.equal(badReads, 0, `${badReads} of ${reads} concurrent reads saw a damaged file`);
    assert.deepEqual(
      fs.readdirSync(t.dir).filter(n => n.endsWith('.tmp') || n.endsWith('.lock')),
      [],
    );
    console.log(
      `      contention: 1000 mutations by 4 processes in ${elapsed} ms (${(elapsed / 1000).toFixed(1)} ms each); ${reads} concurrent reads, 0 damaged`,
    );
  });

  it('a writer killed with SIGKILL at random moments (60 times), beside a steady writer and a polling reader: the store always parses and holds every acknowledged write', async () => {
    const file = path.join(t.dir, 'polyaxon-hub.json');
    const acked = new Map<string, number[]>();
    let killedHoldingLock = 0;
    let leftoverTemps = 0;
    const reader = pollingReader(file, r => setTimeout(r, 1));
    // another process writes all along: it must wait through every recovery and lose nothing either
    const steady = writer(file, 'steady', 0, 10);
    const started = Date.now();
    const rounds = 60;
    for (let round = 0; round < rounds; round++) {
      const id = `k${round}`;
      const w = writer(file, id, 0);
      // wait for the first ack (the process is up and writing), then kill at a random moment
      const deadline = Date.now() + 15_000;
      while (w.acks.length === 0 && Date.now() < deadline) await new Promise(r => setTimeout(r, 2));
      await new Promise(r => setTimeout(r, Math.random() * 40));
      w.child.kill('SIGKILL');
      await w.done;
      acked.set(id, [...w.acks]);
      try {
        if (JSON.parse(fs.readFileSync(`${file}.lock/owner.json`, 'utf8')).pid === w.child.pid) killedHoldingLock++;
      } catch {
        /* no lock, or held by the steady writer */
      }
      leftoverTemps += fs.readdirSync(t.dir).filter(n => n.endsWith('.tmp')).length;
      const db = parseDatabase(fs.readFileSync(file, 'utf8'), file);
      const kept = new Set(db.audit.filter(e => e.who === id).map(e => e.target));
      for (const i of w.acks) assert.ok(kept.has(`${id}-${i}`), `round ${round}: acknowledged write ${i} lost`);
    }
    steady.child.kill('SIGKILL');
    await steady.done;
    acked.set('steady', [...steady.acks]);
    // a last writer recovers whatever lock the last kill left
    const last = writer(file, 'final', 5);
    assert.equal(await last.done, 0);
    const { reads, badReads } = await reader.stop();
    const db = parseDatabase(fs.readFileSync(file, 'utf8'), file);
    let total = 0;
    for (const [id, acks] of acked) {
      const kept = new Set(db.audit.filter(e => e.who === id).map(e => e.target));
      for (const i of acks) assert.ok(kept.has(`${id}-${i}`), `${id}: acknowledged write ${i} lost`);
      total += acks.length;
    }
    assert.ok(steady.acks.length > 0, 'the steady writer made progress');
    assert.equal(badReads, 0, `${badReads} of ${reads} reads saw a damaged file`);
    assert.equal(fs.readdirSync(t.dir).filter(n => n.endsWith('.tmp')).length, 0, 'temp files of killed writers are cleaned up');
    console.log(
      `      kill: ${rounds} SIGKILLs in ${Date.now() - started} ms; ${total} acknowledged writes (${steady.acks.length} by the steady writer), all kept; ` +
        `${killedHoldingLock} kills hit the victim while it held the lock (recovered at once), ${leftoverTemps} left a temp file (cleaned); ${reads} reads, 0 damaged`,
    );
  });
});
