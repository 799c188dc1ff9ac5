// `validate` without the rest of the CLI (src/cli/validateOffline.ts, dist/cli-validate.js): for every line it
// answers, it prints what the whole CLI prints, byte for byte, with the same exit code; every line that needs more
// (options, a hubRef, a user or server from the environment) it leaves to the whole CLI. Through the real
// dist/cli.js, a plain `validate FILE` loads no dist/cli-main.js, and a file with a hubRef still gets the store's answer.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusDir, corpusFiles } from '../../bench/fuzz';
import { run } from '../../src/cli/run';
import { validateOffline } from '../../src/cli/validateOffline';
import { tempDir } from './helpers/tmp';

const BIN = path.join(process.cwd(), 'dist', 'cli.js');
const COMPONENT = 'version: 1.1\nkind: component\nname: train\nrun:\n  kind: job\n  container:\n    image: python:3.11\n';

describe('CLI: validate without the rest of the CLI', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('phub-validate-offline-');
  });
  afterEach(() => tmp.cleanup());

  const env = (): NodeJS.ProcessEnv => ({ POLYAXON_HUB_STORE: path.join(tmp.dir, 'hub.json') });
  const whole = async (argv: string[], e = env()) => {
    let out = '';
    const code = await run(argv, { out: t => void (out += t), err: () => undefined, env: e, cwd: tmp.dir });
    return { out, code };
  };
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(tmp.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, rel), text);
  };

  it('answers as the whole CLI does for every corpus file, alone, all together and with --json', async () => {
    const files = corpusFiles().filter(f => !/hubRef\s*:/.test(f.text));
    assert.ok(files.length > 50, `only ${files.length} corpus files`);
    const lines = [...files.map(f => ['validate', f.path]), ['validate', ...files.map(f => f.path)], ['validate', '--json', ...files.map(f => f.path)]];
    for (const argv of lines) {
      const answer = await validateOffline(argv, env(), tmp.dir);
      assert.ok(answer, `left to the whole CLI: ${argv.join(' ').slice(0, 200)}`);
      assert.deepEqual(answer, await whole(argv), argv.join(' ').slice(0, 200));
    }
  });

  it('answers as the whole CLI does for a folder, a missing file, a folder with nothing in it, and names with controls', async () => {
    write('components/a.yaml', COMPONENT);
    write('components/nested/b.yml', COMPONENT.replace('image: python:3.11', 'imag: python:3.11'));
    write('bad\u001b[31m.yaml', 'version: 1.1\nkind: [\n');
    fs.mkdirSync(path.join(tmp.dir, 'empty'));
    for (const argv of [
      ['validate', 'components'],
      ['validate', 'components', '--json'],
      ['validate', 'missing.yaml', 'components/a.yaml'],
      ['validate', 'empty'],
      ['validate', 'bad\u001b[31m.yaml'],
      ['validate', '.'],
    ]) {
      const answer = await validateOffline(argv, env(), tmp.dir);
      assert.ok(answer, `left to the whole CLI: ${argv.join(' ')}`);
      assert.deepEqual(answer, await whole(argv), argv.join(' '));
    }
  });

  it('leaves every line that needs more to the whole CLI', async () => {
    write('c.yaml', COMPONENT);
    write('op.yaml', 'version: 1.1\nkind: operation\nhubRef: acme/train:v1\n');
    for (const argv of [
      ['validate'],
      ['validate', '--json'],
      ['validate', '--help'],
      ['validate', '--store', 'x.json', 'c.yaml'],
      ['validate', '--', 'c.yaml'],
      ['--json', 'validate', 'c.yaml'],
      ['validate', 'c.yaml', 'op.yaml'],
    ]) {
      assert.equal(await validateOffline(argv, env(), tmp.dir), undefined, argv.join(' '));
    }
    assert.equal(await validateOffline(['validate', 'c.yaml'], { ...env(), POLYAXON_HUB_USER: '' }, tmp.dir), undefined, 'an empty user is a usage error');
    assert.equal(await validateOffline(['validate', 'c.yaml'], { ...env(), POLYAXON_HUB_SERVER: 'http://localhost:1' }, tmp.dir), undefined, 'a server');
    assert.ok(await validateOffline(['validate', 'c.yaml'], { ...env(), POLYAXON_HUB_SERVER: ' ' }, tmp.dir), 'a blank server is no server');
  });

  it('through dist/cli.js: a plain file loads no dist/cli-main.js; a hubRef gets the answer of the store', async () => {
    write('c.yaml', COMPONENT);
    write('op.yaml', 'version: 1.1\nkind: operation\nhubRef: acme/train:v1\n');
    const hook = path.join(tmp.dir, 'loaded.cjs');
    fs.writeFileSync(
      hook,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(path.join(tmp.dir, 'loaded.json'))}, JSON.stringify(Object.keys(require.cache).map(f => require('path').basename(f)))));\n`,
    );
    const cli = (argv: string[], user?: string) => {
      const r = spawnSync(process.execPath, ['--require', hook, BIN, ...argv], {
        cwd: tmp.dir,
        encoding: 'utf8',
        env: { ...process.env, ...env(), POLYAXON_HUB_USER: user },
      });
      const loaded = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'loaded.json'), 'utf8')) as string[];
      return { out: r.stdout, code: r.status, loaded: loaded.filter(f => f.endsWith('.js')).sort() };
    };
    const plain = cli(['validate', 'c.yaml']);
    assert.deepEqual([plain.out, plain.code], ['c.yaml: valid (component)\n1 file: 1 valid, 0 invalid.\n', 0]);
    assert.deepEqual(plain.loaded, ['cli-validate.js', 'cli.js']);

    // a store without acme/train:v1 (in a public org, so any user may know): a warning; once it holds it, none
    assert.equal((await whole(['--as', 'alice', 'org', 'create', 'acme', '--public'])).code, 0);
    const missing = cli(['validate', 'op.yaml', '--json']);
    assert.ok(missing.loaded.includes('cli-main.js'), missing.loaded.join());
    assert.match(JSON.parse(missing.out)[0].warnings[0].message, /acme\/train:v1/);
    write('train.yaml', COMPONENT);
    assert.equal((await whole(['--as', 'alice', 'publish', 'train.yaml', '--org', 'acme', '--version', 'v1'])).code, 0);
    // alice is a member of acme and may see its components
    const ref = cli(['validate', 'op.yaml', '--json'], 'alice');
    assert.equal(ref.code, 0);
    assert.deepEqual(JSON.parse(ref.out)[0].warnings, []);
    assert.equal(ref.out, `${(await whole(['validate', 'op.yaml', '--json'], { ...env(), POLYAXON_HUB_USER: 'alice' })).out}\n`);
  });

  it('through dist/cli.js: a reader that goes away (`| head`) ends the output quietly, on both paths', async () => {
    for (const argv of [
      ['validate', corpusDir()],
      ['--store', path.join(tmp.dir, 'hub.json'), 'validate', corpusDir()],
    ]) {
      const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let err = '';
      child.stderr.on('data', d => (err += d));
      const code = await new Promise<number | null>(resolve => child.on('close', resolve));
      assert.equal(err, '', argv.join(' '));
      assert.equal(code, 1, 'the exit code of the command: the corpus holds invalid files');
    }
  });
});
