// Hostile names and paths through the real CLI (and, for NUL, which no command line can carry, through the
// client door): `../`, `.`/`..`, NUL, 10 000 characters, unicode look-alikes (Cyrillic а in acme, fullwidth
// letters, zero-width joiners and spaces, a right-to-left override). Each is refused, or kept distinct from the
// name it imitates; nothing is ever written outside the places the command names.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openHub } from '../../src/core/client';
import { HubError } from '../../src/core/errors';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { parseDatabase } from '../../src/core/store/migrations';
import { tempDir } from '../unit/helpers/tmp';
import { BIN, runCli, type Exit } from './helpers/cli';
import { injected, kept } from './helpers/tally';

const COMPONENT = (name: string) => `version: 1.1\nkind: component\nname: ${name}\nrun:\n  kind: job\n  container:\n    image: python:3.11\n`;

/** Names that imitate or attack `acme`; none of them is a slug. */
const HOSTILE_NAMES: [string, string][] = [
  ['a parent-folder path', '../acme'],
  ['a deeper escape', 'acme/../../etc'],
  ['"."', '.'],
  ['".."', '..'],
  ['an absolute path', '/etc/passwd'],
  ['a Windows escape', '..\\..\\acme'],
  ['10 000 characters', 'a'.repeat(10_000)],
  ['a Cyrillic а in acme', '\u0430cme'],
  ['fullwidth letters', '\uff41\uff43\uff4d\uff45'],
  ['a zero-width joiner', 'ac\u200dme'],
  ['a zero-width space at the end', 'acme\u200b'],
  ['a right-to-left override', 'acme\u202egpj'],
  ['a space inside', 'ac me'],
  ['a tab inside', 'ac\tme'],
  ['a newline', 'acme\nx'],
  ['an escape sequence', 'acme\u001b[31m'],
];

describe('faults: hostile names and paths', function () {
  this.timeout(10 * 60_000);
  let t: ReturnType<typeof tempDir>;
  let store: string;
  let env: NodeJS.ProcessEnv;
  let outside: string;
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });
  beforeEach(async () => {
    t = tempDir('phub-names-');
    store = path.join(t.dir, 'hub', 'hub.json');
    fs.mkdirSync(path.dirname(store));
    // a sentinel folder beside the store: nothing may ever appear in it
    outside = path.join(t.dir, 'outside');
    fs.mkdirSync(outside);
    env = { POLYAXON_HUB_STORE: store, POLYAXON_HUB_USER: 'jane' };
    const made = await cli('org', 'create', 'acme');
    assert.equal(made.code, 0, made.err);
  });
  afterEach(() => t.cleanup());
  const cli = (...args: string[]) => runCli(args, env, path.join(t.dir));
  const db = () => parseDatabase(fs.readFileSync(store, 'utf8'), store);

  function assertRefused(r: Exit, what: string, code = 1) {
    assert.equal(r.timedOut, false, `${what}: hung`);
    assert.equal(r.code, code, `${what}: exit ${r.code}: ${r.out}${r.err}`);
    assert.doesNotMatch(r.err, /\n\s+at |TypeError|Invalid string length|Maximum call stack/, `${what}: a crash, not a refusal`);
    // the message is safe to print: NUL, escape and bidi-override characters of the name come out neutralised
    const raw = [...r.err].find(c => c.charCodeAt(0) < 9 || c === '\u001b' || c === '\u202e');
    assert.equal(raw, undefined, `${what}: a raw control character was printed`);
  }
  /** Nothing appeared outside the store's folder and the sentinel stayed empty. */
  function assertNoEscape(what: string) {
    assert.deepEqual(fs.readdirSync(outside), [], `${what}: something was written outside`);
    const top = fs.readdirSync(t.dir).sort();
    assert.ok(
      top.every(n => ['hub', 'outside', 'work', 'out', 'train.yaml', 'model.bin'].includes(n)),
      `${what}: unexpected files beside the store: ${top}`,
    );
    assert.ok(!fs.existsSync('/etc/passwd') || !fs.readFileSync('/etc/passwd', 'utf8').includes('polyaxon'), 'wrote into /etc/passwd');
  }

  for (const [label, name] of HOSTILE_NAMES) {
    it(`${label}: refused as an org, team, project, model and component name and as a version name; acme is untouched`, async () => {
      fs.writeFileSync(path.join(t.dir, 'train.yaml'), COMPONENT('train'));
      fs.writeFileSync(path.join(t.dir, 'model.bin'), 'weights');
      const before = JSON.stringify(db().orgs);
      const attempts: [string, string[]][] = [
        ['org create', ['org', 'create', name]],
        ['org rename', ['org', 'rename', 'acme', name]],
        ['team create', ['team', 'create', 'acme', name]],
        ['project create', ['project', 'create', 'acme', name]],
        ['promote --model', ['promote', 'model.bin', '--model', `acme/${name}`]],
        ['promote --version', ['promote', 'model.bin', '--model', 'acme/iris', '--version', name]],
        ['publish --version', ['publish', 'train.yaml', '--org', 'acme', '--version', name]],
      ];
      // independent refusals: at once, as a busy CI would send them
      const results = await Promise.all(attempts.map(([, args]) => cli(...args)));
      for (const [i, [what]] of attempts.entries()) {
        const r = results[i];
        injected();
        // a usage error (2) or a refusal (1), never a success
        assert.ok(r.code === 1 || r.code === 2, `${label} / ${what}: exit ${r.code}: ${r.out}${r.err}`);
        assertRefused(r, `${label} / ${what}`, r.code!);
      }
      // a component whose YAML names it so
      fs.writeFileSync(path.join(t.dir, 'train.yaml'), COMPONENT(JSON.stringify(name)));
      const published = await cli('publish', 'train.yaml', '--org', 'acme', '--version', 'v1');
      injected();
      assertRefused(published, `${label} / component name in YAML`);
      const now = db();
      assert.equal(JSON.stringify(now.orgs), before, `${label}: acme changed`);
      assert.deepEqual([now.teams.length, now.projects.length, now.components.length, now.componentVersions.length], [0, 0, 0, 0]);
      // promote --version refused before anything else; the model the earlier attempt named may not exist either
      assert.ok(now.modelVersions.every(v => v.name !== name));
      assertNoEscape(label);
    });
  }

  it('look-alike users (--as): refused, never coerced into jane', async () => {
    const users = ['j\u0430ne', 'jane\u200d', '\uff4aane', '../jane', 'jane/..', '.', '..', 'a'.repeat(10_000), ' jane'];
    const results = await Promise.all(users.map(user => cli('--as', user, 'org', 'create', 'evil')));
    for (const [i, user] of users.entries()) {
      const r = results[i];
      injected();
      // a usage error (2) or a refusal naming the rule (1)
      assert.ok(r.code === 1 || r.code === 2, `${JSON.stringify(user.slice(0, 20))}: ${r.out}${r.err}`);
      assertRefused(r, `--as ${JSON.stringify(user.slice(0, 20))}`, r.code!);
      assert.match(r.err, /username|--as/);
    }
    assert.deepEqual(
      db().orgs.map(o => o.name),
      ['acme'],
    );
    assert.deepEqual(
      db().users.map(u => u.username),
      ['jane'],
    );
  });

  it('references with `..`, extra parts or look-alikes are refused by pull, show and download, and write nothing', async () => {
    fs.writeFileSync(path.join(t.dir, 'train.yaml'), COMPONENT('train'));
    assert.equal((await cli('publish', 'train.yaml', '--org', 'acme', '--version', 'v1')).code, 0);
    fs.writeFileSync(path.join(t.dir, 'model.bin'), 'weights');
    assert.equal((await cli('promote', 'model.bin', '--model', 'acme/iris', '--version', 'v1')).code, 0);
    kept(2);
    const out = path.join(t.dir, 'out');
    for (const ref of [
      'acme/train:..',
      'acme/train:.',
      'acme/../train',
      '../acme/train',
      'acme/train:../../x',
      'acme/train/..',
      '\u0430cme/train',
      'acme/tr\u200dain',
      'acme/train:v1/../..',
    ]) {
      const attempts = [
        ['components', 'pull', ref, '--out', path.join(out, 'x.yaml')],
        ['components', 'show', ref],
        ['models', 'download', ref.replace('train', 'iris'), '--out', out],
        ['models', 'export', ref.replace('train', 'iris'), '--out', out],
      ];
      const results = await Promise.all(attempts.map(args => cli(...args)));
      for (const [i, args] of attempts.entries()) {
        const r = results[i];
        injected();
        assert.ok(r.code === 1 || r.code === 2, `${args.join(' ')}: exit ${r.code}: ${r.out}`);
        assertRefused(r, args.join(' '), r.code!);
      }
    }
    assert.equal(fs.existsSync(out), false, 'a refused command wrote something');
    assertNoEscape('references');
  });

  it('a hand-edited store whose version paths climb out (../) is refused by download and export, and an absolute one stays inside --out', async () => {
    fs.writeFileSync(path.join(t.dir, 'model.bin'), 'weights');
    assert.equal((await cli('promote', 'model.bin', '--model', 'acme/iris', '--version', 'v1')).code, 0);
    const good = db();
    const absolute = path.join(outside, 'absolute.txt');
    // an absolute recorded path is read as relative to --out: written inside it, never at the absolute place
    const edited = structuredClone(good);
    edited.modelVersions[0].lineage.files[0].path = absolute;
    fs.writeFileSync(store, JSON.stringify(edited));
    const r = await cli('models', 'download', 'acme/iris:v1', '--out', path.join(t.dir, 'out'));
    injected();
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.existsSync(absolute), false);
    assert.equal(fs.readFileSync(path.join(t.dir, 'out', ...absolute.split(path.sep)), 'utf8'), 'weights');
    fs.rmSync(path.join(t.dir, 'out'), { recursive: true });
    for (const bad of ['../../outside/escape.txt', 'a/../../../outside/x', '..', '../out2/x']) {
      const edited = structuredClone(good);
      edited.modelVersions[0].lineage.files[0].path = bad;
      fs.writeFileSync(store, JSON.stringify(edited));
      const out = path.join(t.dir, 'out');
      const verbs = ['download', 'export'];
      const results = await Promise.all(verbs.map(verb => cli('models', verb, 'acme/iris:v1', '--out', out, '--force')));
      for (const [i, verb] of verbs.entries()) {
        const r = results[i];
        injected();
        assertRefused(r, `${verb} of "${bad}"`);
        assert.match(r.err, /leaves the target folder/);
      }
      fs.rmSync(out, { recursive: true, force: true });
      assertNoEscape(bad);
    }
  });

  it('NUL in names and paths (which no command line carries) is refused by the client door, and the store stays clean', async () => {
    const file = new JsonFileStore(store);
    try {
      const hub = openHub(file, { username: 'jane' });
      const attempts: [string, () => Promise<unknown>][] = [
        ['org', () => hub.orgs.create('ac\u0000me')],
        ['team', () => hub.teams.create('acme', 'ml\u0000')],
        ['project', () => hub.projects.create('acme', '\u0000')],
        ['model', () => hub.registry.createModel('acme', 'iris\u0000x')],
        ['member', () => hub.members.add('acme', 'bob\u0000', 'member')],
        ['promote path', () => hub.registry.promote({ org: 'acme', model: 'iris', paths: [path.join(t.dir, 'model.bin\u0000.txt')], createModel: true })],
        ['promote version', () => hub.registry.promote({ org: 'acme', model: 'iris', version: 'v\u00001', paths: [store], createModel: true })],
        ['download dir', () => hub.registry.download({ org: 'acme', model: 'iris', version: 'v1' }, path.join(t.dir, 'o\u0000ut'))],
      ];
      for (const [what, attempt] of attempts) {
        injected();
        await assert.rejects(attempt(), (e: unknown) => {
          assert.ok(e instanceof HubError || (e as NodeJS.ErrnoException).code === 'ERR_INVALID_ARG_VALUE', `${what}: ${(e as Error).stack}`);
          return true;
        });
      }
    } finally {
      file.dispose();
    }
    assert.ok(!fs.readFileSync(store, 'utf8').includes('\\u0000'), 'a NUL reached the store');
    assertNoEscape('NUL');
  });
});
