// Damaged stores through the real CLI: corrupt, truncated, empty, binary, wrong-type (array, string, number,
// null, boolean) and future-schema files are refused with a message naming the file and the way to restore it;
// the file is left byte for byte as it was, no lock or temp file is left, and `store restore` brings back the
// last good state (every acknowledged write of it).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDatabase } from '../../src/core/store/migrations';
import { tempDir } from '../unit/helpers/tmp';
import { BIN, runCli, type Exit } from './helpers/cli';
import { injected, kept } from './helpers/tally';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Each damage, applied to the bytes of a good store. */
const DAMAGES: [string, (good: string) => string | Buffer, RegExp][] = [
  [
    'corrupt (garbage in the middle)',
    good => `${good.slice(0, good.length / 2)}\u0000#!garbage{{${good.slice(good.length / 2 + 10)}`,
    /not valid JSON|cannot be read/,
  ],
  ['truncated (the first half)', good => good.slice(0, Math.floor(good.length / 2)), /not valid JSON|truncated|cannot be read/],
  ['truncated to one byte', () => '{', /cannot be read/],
  ['empty (0 bytes)', () => '', /empty/],
  ['only whitespace', () => '  \n\t\n', /empty|cannot be read/],
  ['binary', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /cannot be read/],
  ['a JSON array', () => '[]', /cannot be read/],
  ['a JSON string', () => '"hello"', /cannot be read/],
  ['a JSON number', () => '42', /cannot be read/],
  ['JSON null', () => 'null', /cannot be read/],
  ['JSON true', () => 'true', /cannot be read/],
  [
    'a store from the future (schema version 99)',
    good => JSON.stringify({ ...JSON.parse(good), schemaVersion: 99 }),
    /newer Polyaxon Hub \(schema version 99\)/,
  ],
  ['a schema version that is not a number', good => JSON.stringify({ ...JSON.parse(good), schemaVersion: 'four' }), /cannot be read/],
  ['collections of the wrong type', good => JSON.stringify({ ...JSON.parse(good), orgs: 'acme', teams: 7 }), /cannot be read/],
  ['a record that is not an object', good => JSON.stringify({ ...JSON.parse(good), orgs: [null, 'x'] }), /cannot be read/],
];

describe('faults: damaged stores through the CLI', function () {
  this.timeout(5 * 60_000);
  let t: ReturnType<typeof tempDir>;
  let store: string;
  let env: NodeJS.ProcessEnv;
  /** a good store with three acknowledged writes and its backups, made once by the CLI and copied for each case */
  let template: ReturnType<typeof tempDir>;
  before(async function () {
    if (!fs.existsSync(BIN)) this.skip();
    template = tempDir('phub-damage-template-');
    const templateEnv = { POLYAXON_HUB_STORE: path.join(template.dir, 'hub.json'), POLYAXON_HUB_USER: 'jane' };
    for (const args of [
      ['org', 'create', 'acme'],
      ['team', 'create', 'acme', 'ml'],
      ['project', 'create', 'acme', 'vision'],
    ]) {
      const r = await runCli(args, templateEnv, template.dir);
      assert.equal(r.code, 0, r.err);
    }
  });
  after(() => template?.cleanup());
  beforeEach(() => {
    t = tempDir('phub-damage-');
    fs.cpSync(template.dir, t.dir, { recursive: true, preserveTimestamps: true });
    store = path.join(t.dir, 'hub.json');
    env = { POLYAXON_HUB_STORE: store, POLYAXON_HUB_USER: 'jane' };
  });
  afterEach(() => t.cleanup());
  const cli = (...args: string[]) => runCli(args, env, t.dir);

  function assertRefused(r: Exit, damage: RegExp, what: string) {
    assert.equal(r.timedOut, false, `${what}: hung`);
    assert.equal(r.code, 1, `${what}: exit ${r.code}\n${r.out}${r.err}`);
    assert.ok(r.err.includes(store), `${what}: the message does not name the file: ${r.err}`);
    assert.match(r.err, damage, what);
    assert.match(r.err, /polyaxon-hub store restore/, `${what}: the message does not say how to restore`);
    assert.doesNotMatch(r.err, /\n\s+at |Unexpected error|Invalid string length|TypeError/, `${what}: a crash, not a refusal`);
  }

  for (const [name, damage, message] of DAMAGES) {
    it(`${name}: read and write refused naming the file and the way out; the bytes stay; restore brings back the last good state`, async () => {
      fs.writeFileSync(store, damage(fs.readFileSync(store, 'utf8')));
      injected();
      const before = sha(store);
      const size = fs.statSync(store).size;
      // a read, two writes and a --json read, at once (as several windows and scripts would)
      const attempts = [
        ['org', 'list'],
        ['org', 'create', 'other'],
        ['project', 'create', 'acme', 'p2'],
        ['--json', 'team', 'list', 'acme'],
      ];
      const results = await Promise.all(attempts.map(args => cli(...args)));
      for (const [i, args] of attempts.entries()) {
        const r = results[i];
        const json = args[0] === '--json';
        if (json) {
          // --json: the refusal is one JSON document on stdout too
          assert.equal(r.code, 1, r.out + r.err);
          assert.ok(JSON.parse(r.out).error, r.out);
          continue;
        }
        assertRefused(r, message, `${name} / ${args.join(' ')}`);
      }
      assert.equal(sha(store), before, 'the damaged file was changed');
      assert.equal(fs.statSync(store).size, size);
      assert.equal(fs.existsSync(`${store}.lock`), false, 'a lock is left');
      assert.deepEqual(
        fs.readdirSync(t.dir).filter(n => n.endsWith('.tmp')),
        [],
      );
      // the way out the message names works: the last good state comes back, and writes go on
      const restored = await cli('store', 'restore');
      assert.equal(restored.code, 0, restored.err);
      const db = parseDatabase(fs.readFileSync(store, 'utf8'), store);
      assert.deepEqual(
        db.projects.map(p => p.name),
        ['vision'],
      );
      assert.deepEqual(
        db.teams.map(x => x.name),
        ['ml'],
      );
      kept(3);
      assert.equal((await cli('project', 'create', 'acme', 'after')).code, 0);
      const rejected = fs.readdirSync(path.join(t.dir, 'backups')).filter(n => n.includes('rejected'));
      assert.equal(rejected.length, 1, 'the damaged file is kept beside the backups');
      assert.equal(sha(path.join(t.dir, 'backups', rejected[0])), before);
    });
  }
});
