// The CLI's code cache (src/cli/compileCache.ts), through the real dist/cli.js: written once at exit into a folder
// of the user's own, used by the next run, rewritten when it is damaged, never taken from a folder others can write,
// and off with POLYAXON_HUB_COMPILE_CACHE=0. Every run must give the same verdict as without a cache.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './helpers/tmp';

const BIN = path.join(process.cwd(), 'dist', 'cli.js');
const VALID = 'version: 1.1\nkind: component\nrun:\n  kind: job\n  container:\n    image: python:3.11\n';

describe('CLI code cache (dist/cli.js)', () => {
  let tmp: string;
  let file: string;
  let cacheDir: string;
  const validate = (env: Record<string, string> = {}, bin = BIN) => {
    const r = spawnSync(process.execPath, [bin, 'validate', file], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, ...env } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 file: 1 valid, 0 invalid\./);
    return r;
  };
  afterEach(() => cleanup());
  const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : []);

  let cleanup: () => void;
  beforeEach(() => {
    ({ dir: tmp, cleanup } = tempDir('compile-cache-'));
    file = path.join(tmp, 'component.yaml');
    fs.writeFileSync(file, VALID);
    cacheDir = path.join(tmp, `polyaxon-hub-${process.getuid!()}`, 'compile-cache');
  });

  it('is written once, private, and used by the next run', () => {
    validate();
    const files = cacheFiles();
    assert.deepEqual(
      files.map(f => f.split('.')[0]),
      ['cli-validate'],
      'one cache per bundle the command loaded (a plain `validate FILE` loads only dist/cli-validate.js)',
    );
    assert.equal(fs.statSync(cacheDir).mode & 0o777, 0o700);
    for (const f of files) assert.equal(fs.statSync(path.join(cacheDir, f)).mode & 0o777, 0o600);
    const written = files.map(f => fs.readFileSync(path.join(cacheDir, f)));
    validate();
    assert.deepEqual(cacheFiles(), files);
    assert.deepEqual(
      files.map(f => fs.readFileSync(path.join(cacheDir, f))),
      written,
      'an accepted cache is not written again',
    );
  });

  it('a damaged cache is ignored by V8 and written anew', () => {
    validate();
    for (const f of cacheFiles()) fs.writeFileSync(path.join(cacheDir, f), 'not a code cache');
    validate();
    for (const f of cacheFiles()) assert.notEqual(fs.readFileSync(path.join(cacheDir, f), 'utf8'), 'not a code cache');
  });

  it('a folder others may write is not used, and POLYAXON_HUB_COMPILE_CACHE=0 turns it off', () => {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.chmodSync(path.dirname(cacheDir), 0o777);
    validate();
    assert.deepEqual(cacheFiles(), [], 'nothing written where another user could plant code');
    fs.rmSync(path.dirname(cacheDir), { recursive: true });
    validate({ POLYAXON_HUB_COMPILE_CACHE: '0' });
    assert.ok(!fs.existsSync(path.dirname(cacheDir)));
  });

  it("two installs keep a cache each: a run of one does not replace the other's", () => {
    const other = path.join(tmp, 'other-install');
    fs.mkdirSync(other);
    for (const f of ['cli.js', 'cli-validate.js']) fs.copyFileSync(path.join(path.dirname(BIN), f), path.join(other, f));
    validate();
    validate({}, path.join(other, 'cli.js'));
    const both = cacheFiles();
    assert.equal(both.length, 2, both.join());
    const written = both.map(f => fs.readFileSync(path.join(cacheDir, f)));
    validate();
    validate({}, path.join(other, 'cli.js'));
    assert.deepEqual(cacheFiles(), both);
    assert.deepEqual(
      both.map(f => fs.readFileSync(path.join(cacheDir, f))),
      written,
      'each install used its own cache, and neither was written again',
    );
  });
});
