// The real CLI (dist/cli.js, a child process) against hostile inputs: nothing hangs, signals end a
// command at once without leaving the store's lock behind, and huge or deep inputs give clear errors.
// Every child is killed after a deadline, so a hang fails its test instead of hanging the suite.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempDir } from '../unit/helpers/tmp';
import { BIN, sleep, startCli, type Exit } from './helpers/cli';

const COMPONENT = 'version: 1.1\nkind: component\nname: train\nrun:\n  kind: job\n  container:\n    image: python:3.11\n';
/** generous: the machine running the tests may be busy; a hang takes forever, not 30 s */
const DEADLINE_MS = 30_000;

describe('CLI faults: the real process never hangs and leaves no lock', function () {
  this.timeout(120_000);
  let t: ReturnType<typeof tempDir>;
  let store: string;
  let env: NodeJS.ProcessEnv;
  const start = (args: string[]) => startCli(args, env, t.dir, DEADLINE_MS);
  const cli = (...args: string[]) => start(args).exited;

  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });
  beforeEach(async () => {
    t = tempDir('phub-faults-');
    store = path.join(t.dir, 'hub.json');
    env = { POLYAXON_HUB_STORE: store, POLYAXON_HUB_USER: 'jane' };
    fs.writeFileSync(path.join(t.dir, 'train.yaml'), COMPONENT);
    const created = await cli('org', 'create', 'acme');
    assert.equal(created.code, 0, created.err);
  });
  afterEach(() => t.cleanup());

  function assertPrompt(r: Exit, code: number, message: RegExp) {
    assert.equal(r.timedOut, false, `hung: killed after ${DEADLINE_MS} ms\n${r.err}`);
    assert.equal(r.code, code, r.out + r.err);
    assert.match(r.err + r.out, message);
    assert.doesNotMatch(r.err + r.out, /Maximum call stack|Invalid string length|unexpected error/);
  }

  it('components pull --out into a folder that cannot be created (under /proc) fails at once', async function () {
    if (!fs.existsSync('/proc/self')) this.skip();
    assert.equal((await cli('publish', 'train.yaml', '--org', 'acme', '--version', 'v1')).code, 0);
    const r = await cli('components', 'pull', 'acme/train:v1', '--out', '/proc/polyaxon-hub-test/deeper/train.yaml');
    assertPrompt(r, 1, /Cannot create the folder \/proc\/polyaxon-hub-test: the file system does not allow it/);
  });

  it('validate and publish refuse a named pipe, /dev/zero and a folder instead of blocking on them', async function () {
    const fifo = path.join(t.dir, 'pipe.yaml');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      this.skip();
    }
    assertPrompt(await cli('validate', 'pipe.yaml'), 1, /pipe\.yaml:1:1: error: The file is a named pipe; only regular files are read/);
    assertPrompt(await cli('publish', 'pipe.yaml', '--org', 'acme', '--version', 'v1'), 1, /Cannot publish pipe\.yaml: pipe\.yaml is a named pipe/);
    if (fs.existsSync('/dev/zero')) {
      assertPrompt(await cli('validate', '/dev/zero'), 1, /The file is a character device; only regular files are read/);
      assertPrompt(await cli('publish', '/dev/zero', '--org', 'acme', '--version', 'v1'), 1, /\/dev\/zero is a character device/);
    }
    fs.mkdirSync(path.join(t.dir, 'folder.yaml'));
    assertPrompt(await cli('publish', 'folder.yaml', '--org', 'acme', '--version', 'v1'), 1, /folder\.yaml is a folder/);
  });

  it('a file larger than the read limit is refused with the limit named', async () => {
    fs.writeFileSync(path.join(t.dir, 'big.yaml'), `${COMPONENT}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    assertPrompt(await cli('validate', 'big.yaml'), 1, /big\.yaml:1:1: error: The file is 2 MiB; at most 1 MiB is read from one file/);
    assertPrompt(await cli('publish', 'big.yaml', '--org', 'acme', '--version', 'v1'), 1, /at most 1 MiB is read/);
  });

  it('YAML nested 20 000 levels deep is a clear error (block and flow), and 150 levels still validate', async () => {
    const depth = 20_000;
    fs.writeFileSync(path.join(t.dir, 'flow.yaml'), `${COMPONENT}    args: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    // block nesting by indentation grows quadratically; compact sequences (`- - - x`) nest a level per 2 bytes
    fs.writeFileSync(path.join(t.dir, 'block.yaml'), `${COMPONENT}    args:\n    ${'- '.repeat(depth)}x\n`);
    for (const file of ['flow.yaml', 'block.yaml']) {
      assertPrompt(await cli('validate', file), 1, new RegExp(`${file}:\\d+:1: error: The YAML nests more than 200 levels deep`));
      assertPrompt(await cli('publish', file, '--org', 'acme', '--version', 'v1'), 1, /nests more than 200 levels deep/);
    }
    fs.writeFileSync(path.join(t.dir, 'ok.yaml'), `${COMPONENT}    args: ${'['.repeat(150)}${']'.repeat(150)}\n`);
    const ok = await cli('validate', 'ok.yaml');
    assert.equal(ok.timedOut, false);
    assert.doesNotMatch(ok.out + ok.err, /nests more than|Maximum call stack/);
  });

  it('a 600 MB store is refused with a clear error, and nothing is written to it', async () => {
    const size = 600 * 1024 * 1024;
    fs.truncateSync(store, size); // sparse: the size is what is judged, before anything is read
    assertPrompt(await cli('org', 'list'), 1, /store .*hub\.json cannot be read: it is 600 MiB, more than the 256 MiB a store may hold/);
    assertPrompt(await cli('org', 'create', 'other'), 1, /more than the 256 MiB a store may hold/);
    assert.equal(fs.statSync(store).size, size);
    assert.equal(fs.existsSync(`${store}.lock`), false);
  });

  /** A store big enough that a mutation holds the lock for a while (parse, change, write, fsync). */
  function growStore(events: number): void {
    const db = JSON.parse(fs.readFileSync(store, 'utf8')) as { audit: unknown[] };
    const when = new Date().toISOString();
    for (let i = 0; i < events; i++) db.audit.push({ who: 'jane', action: 'filler', target: `acme/filler-${i}`, when, details: { note: 'x'.repeat(40) } });
    fs.writeFileSync(store, JSON.stringify(db));
  }

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} in the middle of a mutation exits at once and leaves no lock; the next writer succeeds`, async () => {
      growStore(150_000);
      const owner = path.join(`${store}.lock`, 'owner.json');
      let interrupted: Exit | undefined;
      let signalledAt = 0;
      // the signal must land while this CLI holds the lock; a run that finished first is tried again
      for (let attempt = 0; attempt < 5 && !interrupted; attempt++) {
        const child = start(['team', 'create', 'acme', `t${attempt}`]);
        while (!child.ended() && !fs.existsSync(owner)) await sleep(2);
        if (child.ended()) {
          await child.exited;
          continue;
        }
        signalledAt = Date.now();
        child.kill(signal);
        const r = await child.exited;
        if (r.code === 0) continue; // finished before the signal was handled
        interrupted = r;
      }
      assert.ok(interrupted, `the mutation never held the lock long enough to be interrupted`);
      assert.equal(interrupted.timedOut, false);
      assert.equal(interrupted.code, code, interrupted.err);
      assert.match(interrupted.err, new RegExp(`stopped by ${signal}`));
      assert.ok(Date.now() - signalledAt < 5000, `took ${Date.now() - signalledAt} ms to exit after ${signal}`);
      assert.equal(fs.existsSync(`${store}.lock`), false, 'the lock folder is left behind');
      JSON.parse(fs.readFileSync(store, 'utf8')); // the store is whole: the old or the new state
      // no lock folder is what lets the next writer go at once (a timing bound would only measure the machine's load)
      const next = await cli('team', 'create', 'acme', 'after');
      assert.equal(next.code, 0, next.err);
    });
  }

  it("SIGTERM while waiting for another process's lock exits at once and leaves that lock alone", async () => {
    const lock = `${store}.lock`;
    fs.mkdirSync(lock);
    const owner = JSON.stringify({ pid: process.pid, host: os.hostname(), nonce: 'test-holder', since: new Date().toISOString() });
    fs.writeFileSync(path.join(lock, 'owner.json'), owner);
    const child = start(['team', 'create', 'acme', 'waiting']);
    await sleep(1500);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const r = await child.exited;
    assert.equal(r.timedOut, false);
    assert.ok(r.code === 143 || r.signal === 'SIGTERM', `${r.code} ${r.signal} ${r.err}`);
    assert.ok(Date.now() - signalledAt < 5000, `took ${Date.now() - signalledAt} ms`);
    assert.equal(fs.readFileSync(path.join(lock, 'owner.json'), 'utf8'), owner, "someone else's lock is not touched");
  });
});
