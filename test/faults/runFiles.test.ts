// What a promote reads from a run folder, through the real CLI: symbolic links that leave the run (to a file, to a
// folder, absolute, through a chain, dangling, looping) are never followed out of it, and a 0-byte and a > 2 GiB
// artifact (a sparse file: it costs no disk, here nor in the store) promote with the right hash, streamed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDatabase } from '../../src/core/store/migrations';
import { tempDir } from '../unit/helpers/tmp';
import { BIN, runCli, type Exit } from './helpers/cli';
import { injected, kept } from './helpers/tally';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** sha256 of a file by another implementation where there is one (coreutils), else by streaming it here. */
async function sha256Of(file: string): Promise<string> {
  try {
    return execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
  } catch {
    /* no sha256sum */
  }
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 8 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('faults: what a promote reads from a run folder', function () {
  this.timeout(15 * 60_000);
  let t: ReturnType<typeof tempDir>;
  let store: string;
  let artifacts: string;
  let env: NodeJS.ProcessEnv;
  let run: string;
  let outside: string;
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });
  beforeEach(async () => {
    t = tempDir('phub-runfiles-');
    store = path.join(t.dir, 'hub', 'hub.json');
    fs.mkdirSync(path.dirname(store));
    artifacts = path.join(t.dir, 'hub', 'artifacts');
    env = { POLYAXON_HUB_STORE: store, POLYAXON_HUB_USER: 'jane' };
    run = path.join(t.dir, 'run');
    fs.mkdirSync(path.join(run, 'model'), { recursive: true });
    fs.writeFileSync(path.join(run, 'model', 'weights.bin'), 'weights');
    outside = path.join(t.dir, 'outside');
    fs.mkdirSync(path.join(outside, 'secrets'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'the secret outside the run');
    fs.writeFileSync(path.join(outside, 'secrets', 'key.pem'), 'a key outside the run');
    assert.equal((await cli('org', 'create', 'acme')).code, 0);
  });
  afterEach(() => t.cleanup());
  const cli = (...args: string[]) => runCli(args, env, t.dir);
  const read = () => parseDatabase(fs.readFileSync(store, 'utf8'), store);
  const storedBlobs = (): string[] => {
    const root = path.join(artifacts, 'sha256');
    return fs.existsSync(root) ? fs.readdirSync(root).flatMap(p => fs.readdirSync(path.join(root, p))) : [];
  };
  const outsideHashes = () =>
    [path.join(outside, 'secret.txt'), path.join(outside, 'secrets', 'key.pem')].map(f => createHash('sha256').update(fs.readFileSync(f)).digest('hex'));

  function assertClean(r: Exit, what: string) {
    assert.equal(r.timedOut, false, `${what}: hung`);
    assert.doesNotMatch(r.err, /\n\s+at |TypeError|ELOOP:|ENOENT:|Invalid string length/, `${what}: a crash, not a message: ${r.err}`);
  }

  const LINKS: [string, (model: string) => void, RegExp][] = [
    [
      'a file outside, relative',
      m => fs.symlinkSync('../../outside/secret.txt', path.join(m, 'link.txt')),
      /link\.txt is a symbolic link to .*secret\.txt, outside the run/,
    ],
    [
      'a file outside, absolute',
      m => fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(m, 'abs.txt')),
      /abs\.txt is a symbolic link to .*outside the run/,
    ],
    ['a folder outside', m => fs.symlinkSync(path.join(outside, 'secrets'), path.join(m, 'secrets')), /secrets is a symbolic link to .*outside the run/],
    [
      'a chain: a link inside the run to a link that leaves it',
      m => {
        fs.symlinkSync('../../outside/secret.txt', path.join(m, 'hop2'));
        fs.symlinkSync('hop2', path.join(m, 'hop1'));
      },
      /hop1 is a symbolic link to .*secret\.txt, outside the run/,
    ],
    ['the root of the file system', m => fs.symlinkSync('/', path.join(m, 'root')), /root is a symbolic link to \/, outside the run/],
    ['the run folder itself (a loop back up)', m => fs.symlinkSync('..', path.join(m, 'up')), /^$/],
    [
      'a dangling link',
      m => fs.symlinkSync(path.join(t.dir, 'gone.bin'), path.join(m, 'dangling.bin')),
      /dangling\.bin is a symbolic link to .*gone\.bin, which does not exist/,
    ],
    [
      'a loop of links',
      m => {
        fs.symlinkSync('loop2', path.join(m, 'loop1'));
        fs.symlinkSync('loop1', path.join(m, 'loop2'));
      },
      /loop1 is a symbolic link in a loop of links/,
    ],
  ];

  for (const [label, make, message] of LINKS) {
    it(`a symbolic link to ${label}: not followed out of the run`, async () => {
      make(path.join(run, 'model'));
      injected();
      const r = await cli('--json', 'promote', run, '--model', 'acme/iris', '--version', 'v1');
      assertClean(r, label);
      const db = read();
      const secrets = outsideHashes();
      assert.ok(!storedBlobs().some(b => secrets.includes(b)), `${label}: a file outside the run was copied into the store`);
      if (r.code === 0) {
        // accepted only when nothing left the run (a link back into the run itself is walked once)
        const version = JSON.parse(r.out) as { files?: { path: string }[] };
        assert.equal(message.source, '^$', `${label}: promoted, but it should be refused: ${r.out}`);
        assert.ok(db.modelVersions.length === 1, `${label}: ${JSON.stringify(version)}`);
        const recorded = db.modelVersions[0].lineage.files.map(f => f.path);
        assert.ok(
          recorded.every(p => !p.includes('..')),
          `${label}: ${recorded}`,
        );
        kept();
      } else {
        assert.equal(r.code, 1, `${label}: exit ${r.code}: ${r.err}`);
        assert.match(JSON.parse(r.out).error?.message ?? r.err, message, label);
        assert.equal(db.modelVersions.length, 0, `${label}: a version was recorded`);
        assert.deepEqual(storedBlobs(), [], `${label}: blobs were stored by a refused promote`);
      }
    });
  }

  it('a link that stays inside the run is promoted as the file it points to', async () => {
    fs.symlinkSync('weights.bin', path.join(run, 'model', 'alias.bin'));
    const r = await cli('--json', 'promote', run, '--model', 'acme/iris', '--version', 'v1');
    assert.equal(r.code, 0, r.err);
    const files = read().modelVersions[0].lineage.files.map(f => f.path);
    assert.deepEqual(files.sort(), ['model/alias.bin', 'model/weights.bin']);
    kept();
  });

  it('a 0-byte artifact promotes, verifies and downloads as 0 bytes', async () => {
    fs.writeFileSync(path.join(run, 'model', 'empty.bin'), '');
    const r = await cli('--json', 'promote', path.join(run, 'model', 'empty.bin'), '--model', 'acme/empty', '--version', 'v1');
    assert.equal(r.code, 0, r.err);
    const [file] = read().modelVersions[0].lineage.files;
    assert.deepEqual(file, { path: 'empty.bin', size: 0, sha256: EMPTY_SHA256 });
    assert.equal(fs.statSync(path.join(artifacts, 'sha256', 'e3', EMPTY_SHA256)).size, 0);
    const verified = await cli('--json', 'models', 'verify', 'acme/empty:v1');
    assert.equal(JSON.parse(verified.out).ok, true, verified.out);
    const out = path.join(t.dir, 'out');
    assert.equal((await cli('models', 'download', 'acme/empty:v1', '--out', out)).code, 0);
    assert.equal(fs.statSync(path.join(out, 'empty.bin')).size, 0);
    kept();
  });

  it('a 2 GiB + 1 MiB artifact (sparse) promotes streamed: the right hash, no "Invalid string length", bounded memory, a sparse blob', async () => {
    // past 2 GiB: more than a Buffer or a string can hold, so only a streamed copy can do it
    const size = 2 * 1024 ** 3 + 1024 ** 2;
    const big = path.join(run, 'model', 'huge.bin');
    // data at the start and the end, a hole in between: truncate makes it cost no disk
    fs.writeFileSync(big, 'head');
    fs.truncateSync(big, size);
    const fd = fs.openSync(big, 'r+');
    fs.writeSync(fd, 'tail', size - 4);
    fs.closeSync(fd);
    injected();
    const expected = await sha256Of(big);
    // peak memory of the CLI, where GNU time can tell it
    const time = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
    const args = ['--json', 'promote', big, '--model', 'acme/huge', '--version', 'v1'];
    let r: Exit;
    let peakKiB: number | undefined;
    if (time) {
      const report = path.join(t.dir, 'time.txt');
      r = await runCliThrough(time, ['-o', report, '-f', '%M', process.execPath, BIN, ...args]);
      peakKiB = Number(fs.readFileSync(report, 'utf8').trim().split('\n').pop());
    } else {
      r = await cli(...args);
    }
    assertClean(r, 'huge');
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.err, /Invalid string length|Array buffer allocation/);
    const [file] = read().modelVersions[0].lineage.files;
    assert.deepEqual(file, { path: 'huge.bin', size, sha256: expected });
    const blob = path.join(artifacts, 'sha256', expected.slice(0, 2), expected);
    const st = fs.statSync(blob);
    assert.equal(st.size, size);
    assert.ok(st.blocks * 512 < 64 * 1024 ** 2, `the blob takes ${st.blocks * 512} bytes of disk: the hole was written out`);
    if (peakKiB !== undefined) assert.ok(peakKiB < 400 * 1024, `the CLI peaked at ${Math.round(peakKiB / 1024)} MiB: not streamed`);
    const verified = await cli('--json', 'models', 'verify', 'acme/huge:v1');
    assert.equal(verified.code, 0, verified.err);
    assert.equal(JSON.parse(verified.out).ok, true);
    kept();
    console.log(
      `      2 GiB + 1 MiB promoted and verified; blob on disk ${Math.round((st.blocks * 512) / 1024)} KiB${peakKiB ? `; CLI peak RSS ${Math.round(peakKiB / 1024)} MiB` : ''}`,
    );
  });

  /** The CLI run through another program (GNU time), with the same environment and deadline. */
  function runCliThrough(program: string, args: string[]): Promise<Exit> {
    return new Promise(resolve => {
      const started = Date.now();
      try {
        const out = execFileSync(program, args, { cwd: t.dir, env: { PATH: process.env.PATH, HOME: t.dir, ...env }, timeout: 10 * 60_000, encoding: 'utf8' });
        resolve({ code: 0, signal: null, out, err: '', timedOut: false, ms: Date.now() - started });
      } catch (e) {
        const x = e as { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };
        resolve({ code: x.status, signal: x.signal, out: x.stdout ?? '', err: x.stderr ?? '', timedOut: x.signal === 'SIGTERM', ms: Date.now() - started });
      }
    });
  }
});
