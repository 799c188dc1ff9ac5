// The CLI against hostile requests (issue 10): identity, where pull writes, terminal escapes, sizes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, type Io } from '../../src/cli/run';
import { neutralizeControls } from '../../src/cli/terminal';
import { parseByteSize } from '../../src/core/units';
import { tempDir } from '../unit/helpers/tmp';

const COMPONENT = 'version: 1.1\nkind: component\nname: train\nrun:\n  kind: job\n  container:\n    image: python:3.11\n';

describe('CLI hardening', () => {
  let t: ReturnType<typeof tempDir>;
  let store: string;
  beforeEach(() => {
    t = tempDir('phub-cli-hard-');
    store = path.join(t.dir, 'hub.json');
  });
  afterEach(() => t.cleanup());

  async function cli(argv: string[], io: Partial<Io> = {}) {
    let out = '';
    let err = '';
    const code = await run(['--store', store, ...argv], {
      out: s => {
        out += `${s}\n`;
      },
      err: s => {
        err += `${s}\n`;
      },
      env: { HOME: t.dir },
      cwd: t.dir,
      ...io,
    });
    return { code, out, err };
  }
  const as = (user: string, ...argv: string[]) => cli(['--as', user, ...argv]);

  describe('identity', () => {
    it('an explicit empty user (--as "" or POLYAXON_HUB_USER="") is a usage error, not a fall-back to git or the OS user', async () => {
      const empty = await cli(['--as', '', 'whoami']);
      assert.equal(empty.code, 2, empty.err);
      assert.match(empty.err, /--as is empty/);
      const blank = await cli(['--as=  ', 'org', 'create', 'acme']);
      assert.equal(blank.code, 2);
      const env = await cli(['org', 'create', 'acme'], { env: { HOME: t.dir, POLYAXON_HUB_USER: '' } });
      assert.equal(env.code, 2, env.err);
      assert.match(env.err, /POLYAXON_HUB_USER is set but empty/);
      assert.equal(fs.existsSync(store), false, 'nothing was written');
    });

    it('a username that is not valid as typed (-bob, <bob>, Bob) is refused with the rule, not coerced into an existing user', async () => {
      assert.equal((await as('jane', 'org', 'create', 'acme')).code, 0);
      assert.equal((await as('jane', 'member', 'add', 'acme', 'bob', '--role', 'admin')).code, 0);
      for (const name of ['-bob', '<bob>', 'Bob', 'bob smith', 'bob\u001b[2J']) {
        const r = await as(name, 'project', 'create', 'acme', 'stolen');
        assert.equal(r.code, 1, `${name}: ${r.err}`);
        assert.match(r.err, /is not a valid username: use lower-case letters, digits, "-", "_" and "\.", starting with a letter or a digit/);
        const viaEnv = await cli(['whoami'], { env: { HOME: t.dir, POLYAXON_HUB_USER: name } });
        assert.equal(viaEnv.code, 1, name);
        assert.match(viaEnv.err, /POLYAXON_HUB_USER ".*" is not a valid username/);
      }
      assert.match((await as('Bob', 'whoami')).err, /e\.g\. "bob"/);
      const projects = JSON.parse((await as('jane', '--json', 'project', 'list', 'acme')).out) as unknown[];
      assert.deepEqual(projects, [], 'no project was created by a coerced identity');
      assert.equal((await as('bob.smith_2', 'whoami')).code, 0);
    });
  });

  describe('components pull --out', () => {
    beforeEach(async () => {
      fs.writeFileSync(path.join(t.dir, 'train.yaml'), COMPONENT);
      assert.equal((await as('jane', 'org', 'create', 'acme')).code, 0);
      assert.equal((await as('jane', 'publish', 'train.yaml', '--org', 'acme', '--version', 'v1')).code, 0);
    });

    it('--out "" is a usage error; --out DIR/ (or an existing folder) writes NAME.yaml in it', async () => {
      const empty = await as('jane', 'components', 'pull', 'acme/train:v1', '--out', '');
      assert.equal(empty.code, 2, empty.err);
      assert.match(empty.err, /--out is empty/);
      const folder = await as('jane', '--json', 'components', 'pull', 'acme/train:v1', '--out', 'pulled/');
      assert.equal(folder.code, 0, folder.err);
      assert.equal(JSON.parse(folder.out).file, path.join(t.dir, 'pulled', 'train.yaml'));
      assert.equal(fs.readFileSync(path.join(t.dir, 'pulled', 'train.yaml'), 'utf8'), COMPONENT);
      fs.mkdirSync(path.join(t.dir, 'existing'));
      assert.equal((await as('jane', 'components', 'pull', 'acme/train:v1', '--out', 'existing')).code, 0);
      assert.equal(fs.readFileSync(path.join(t.dir, 'existing', 'train.yaml'), 'utf8'), COMPONENT);
      const again = await as('jane', 'components', 'pull', 'acme/train:v1', '--out', 'pulled/');
      assert.equal(again.code, 1);
      assert.match(again.err, /already exists; nothing was written/);
    });

    it('through a symbolic link: asks first; without a terminal it needs --force; a pipe is never written', async () => {
      const target = path.join(t.dir, 'elsewhere.yaml');
      fs.writeFileSync(target, 'precious');
      fs.symlinkSync(target, path.join(t.dir, 'link.yaml'));
      const refused = await as('jane', 'components', 'pull', 'acme/train:v1', '--out', 'link.yaml');
      assert.equal(refused.code, 1);
      assert.match(refused.err, /link\.yaml is a symbolic link to .*elsewhere\.yaml; nothing was written\. Pass --force to write through it/);
      assert.equal(fs.readFileSync(target, 'utf8'), 'precious');
      const questions: string[] = [];
      const declined = await cli(['--as', 'jane', 'components', 'pull', 'acme/train:v1', '--out', 'link.yaml'], {
        confirm: async q => {
          questions.push(q);
          return false;
        },
      });
      assert.equal(declined.code, 1);
      assert.match(questions[0], /link\.yaml is a symbolic link to .*elsewhere\.yaml; write through it/);
      assert.equal(fs.readFileSync(target, 'utf8'), 'precious');
      const accepted = await cli(['--as', 'jane', 'components', 'pull', 'acme/train:v1', '--out', 'link.yaml'], { confirm: async () => true });
      assert.equal(accepted.code, 0, accepted.err);
      assert.equal(fs.readFileSync(target, 'utf8'), COMPONENT);
      assert.ok(fs.lstatSync(path.join(t.dir, 'link.yaml')).isSymbolicLink(), 'the link stays a link');
      fs.writeFileSync(target, 'precious');
      assert.equal((await as('jane', 'components', 'pull', 'acme/train:v1', '--out', 'link.yaml', '--force')).code, 0);
      assert.equal(fs.readFileSync(target, 'utf8'), COMPONENT);
    });

    it('a path through a file, or into a folder that cannot be made, fails at once with the reason', async () => {
      fs.writeFileSync(path.join(t.dir, 'file'), 'x');
      const r = await as('jane', 'components', 'pull', 'acme/train:v1', '--out', 'file/sub/train.yaml');
      assert.equal(r.code, 1);
      assert.match(r.err, /Cannot create the folder .*file\/sub: .*file is a file, not a folder/);
    });
  });

  describe('access', () => {
    beforeEach(async () => {
      fs.writeFileSync(path.join(t.dir, 'train.yaml'), COMPONENT);
      fs.writeFileSync(path.join(t.dir, 'eval.yaml'), COMPONENT.replace('name: train', 'name: eval'));
      assert.equal((await as('jane', 'org', 'create', 'acme', '--public')).code, 0);
      for (const [user, role] of [
        ['vic', 'viewer'],
        ['max', 'member'],
      ]) {
        assert.equal((await as('jane', 'member', 'add', 'acme', user, '--role', role)).code, 0);
      }
      assert.equal((await as('jane', 'publish', 'train.yaml', 'eval.yaml', '--org', 'acme', '--version', 'v1')).code, 0);
    });
    const names = async (user: string) => (JSON.parse((await as(user, '--json', 'components', 'list', 'acme')).out) as { name: string }[]).map(c => c.name);

    it('a private component (the default) of a public org is hidden from strangers: not listed, shown, pulled nor confirmed by validate', async () => {
      assert.deepEqual(await names('eve'), [], 'a stranger sees no private component');
      assert.deepEqual(await names('vic'), ['eval', 'train'], 'a viewer of the org sees them all');
      const missing = await as('eve', 'components', 'show', 'acme/nope');
      for (const argv of [
        ['components', 'show', 'acme/train'],
        ['components', 'show', 'acme/train:v1'],
        ['components', 'pull', 'acme/train:v1', '--out', 'x.yaml'],
      ]) {
        const r = await as('eve', ...argv);
        assert.equal(r.code, 1, argv.join(' '));
        assert.equal(r.err, missing.err.replace('nope', 'train'), 'refused exactly like a component that does not exist');
      }
      assert.equal(fs.existsSync(path.join(t.dir, 'x.yaml')), false);
      fs.writeFileSync(path.join(t.dir, 'op.yaml'), 'version: 1.1\nkind: operation\nhubRef: acme/train:v1\n');
      const seen = JSON.parse((await as('vic', '--json', 'validate', 'op.yaml')).out)[0];
      const stranger = JSON.parse((await as('eve', '--json', 'validate', 'op.yaml')).out)[0];
      assert.equal(seen.warnings.length, 0);
      assert.ok(stranger.warnings.length > 0, 'to a stranger the private version is as missing as any other');
    });

    it('visibility is settable by admins (audited); a public component is seen by strangers', async () => {
      const refused = await as('max', 'components', 'visibility', 'acme/train', '--public');
      assert.equal(refused.code, 1);
      assert.match(refused.err, /Configuring the component hub of acme needs role admin or higher; you are member/);
      assert.equal((await as('jane', 'components', 'visibility', 'acme/train')).code, 2, 'neither --public nor --private');
      const made = await as('jane', '--json', 'components', 'visibility', 'acme/train', '--public');
      assert.equal(made.code, 0, made.err);
      assert.equal(JSON.parse(made.out).isPublic, true);
      assert.deepEqual(await names('eve'), ['train']);
      assert.equal((await as('eve', 'components', 'pull', 'acme/train:v1', '--out', 'x.yaml')).code, 0);
      const events = JSON.parse((await as('jane', '--json', 'audit', 'list', 'acme', '--limit', '1')).out) as {
        action: string;
        target: string;
        details: unknown;
      }[];
      assert.deepEqual(
        events.map(e => [e.action, e.target, e.details]),
        [['component.visibility', 'acme/train', { isPublic: true }]],
      );
      assert.equal((await as('jane', 'components', 'visibility', 'acme/train', '--private')).code, 0);
      assert.deepEqual(await names('eve'), []);
    });

    it("refusals name what was asked: a member's --replace, a viewer's stage change; a stranger's project list fails like the other views", async () => {
      fs.writeFileSync(path.join(t.dir, 'train.yaml'), COMPONENT.replace('3.11', '3.12'));
      const replace = await as('max', 'publish', 'train.yaml', '--org', 'acme', '--version', 'v1', '--replace');
      assert.equal(replace.code, 1);
      assert.match(replace.err, /Replacing the content of a published version in acme needs role admin or higher; you are member/);
      const stage = await as('vic', 'components', 'stage', 'acme/train:v1', 'production');
      assert.equal(stage.code, 1);
      assert.match(stage.err, /Changing the stage of versions in acme needs role member or higher; you are viewer/);
      assert.equal((await as('jane', 'org', 'create', 'hidden')).code, 0);
      const views = await Promise.all(
        [
          ['project', 'list', 'hidden'],
          ['team', 'list', 'hidden'],
          ['components', 'list', 'hidden'],
        ].map(argv => as('eve', ...argv)),
      );
      for (const r of views) {
        assert.equal(r.code, 1);
        assert.match(r.err, /Viewing hidden needs .*; you are not a member of hidden/);
      }
    });
  });

  describe('store restore', () => {
    it('is an admin act on every org it changes, judged on the store as it is now, confirmed, and audited', async () => {
      assert.equal((await as('jane', 'org', 'create', 'acme')).code, 0);
      assert.equal((await as('jane', 'org', 'create', 'other')).code, 0);
      assert.equal((await as('jane', 'member', 'add', 'acme', 'bob', '--role', 'admin')).code, 0);
      assert.equal((await as('jane', 'member', 'add', 'acme', 'max', '--role', 'member')).code, 0);
      assert.equal((await as('jane', 'member', 'remove', 'acme', 'bob')).code, 0);
      // the newest backup in which bob is still a member of acme
      const backups = JSON.parse((await as('jane', '--json', 'store', 'backups')).out) as { name: string; path: string }[];
      const before = backups.find(b =>
        (JSON.parse(fs.readFileSync(b.path, 'utf8')) as { orgs: { name: string; members: { user: string }[] }[] }).orgs
          .find(o => o.name === 'acme')
          ?.members.some(m => m.user === 'bob'),
      )!;
      assert.ok(before, 'a backup from before bob was removed');
      const current = fs.readFileSync(store, 'utf8');
      for (const [user, held] of [
        ['bob', 'you are not a member of acme'],
        ['max', 'you are member'],
      ]) {
        const r = await as(user, 'store', 'restore', '--backup', before.name, '--yes');
        assert.equal(r.code, 1, `${user}: ${r.out}${r.err}`);
        assert.match(r.err, new RegExp(`Restoring a backup that changes acme needs role admin or higher; ${held}`));
        assert.equal(fs.readFileSync(store, 'utf8'), current, 'nothing was restored');
      }
      const unconfirmed = await as('jane', 'store', 'restore', '--backup', before.name);
      assert.equal(unconfirmed.code, 1);
      assert.match(
        unconfirmed.err,
        /replaces the store, which is readable: it changes acme, and what was written since that backup is lost .* Pass --yes to restore/,
      );
      const declined = await cli(['--as', 'jane', 'store', 'restore', '--backup', before.name], { confirm: async () => false });
      assert.equal(declined.code, 1);
      assert.equal(fs.readFileSync(store, 'utf8'), current);
      const done = await cli(['--as', 'jane', '--json', 'store', 'restore', '--backup', before.name], { confirm: async () => true });
      assert.equal(done.code, 0, done.err);
      assert.deepEqual(JSON.parse(done.out).orgs, ['acme'], 'only acme differs: other is untouched and not audited');
      const members = JSON.parse((await as('jane', '--json', 'member', 'list', 'acme')).out) as { user: string }[];
      assert.ok(
        members.some(m => m.user === 'bob'),
        'the backup is back',
      );
      const [event] = JSON.parse((await as('jane', '--json', 'audit', 'list', 'acme', '--limit', '1')).out) as { who: string; action: string }[];
      assert.deepEqual([event.who, event.action], ['jane', 'store.restore']);
      const [otherEvent] = JSON.parse((await as('jane', '--json', 'audit', 'list', 'other', '--limit', '1')).out) as { action: string }[];
      assert.equal(otherEvent.action, 'org.create');
    });
  });

  describe('--json usage errors', () => {
    it('a missing argument, unknown option or command, a bad number or an empty --as print one JSON document, exit 2', async () => {
      for (const argv of [
        ['org', 'create'],
        ['org', 'create', 'x', '--bogus'],
        ['nope'],
        ['org'],
        ['org', 'frob'],
        [],
        ['audit', 'list', 'acme', '--limit', 'ten'],
        ['team', 'quota', 'a', 't', '--storage', '10PiB'],
        ['--as', '', 'whoami'],
        ['components', 'pull', 'a/b:1', '--out', ''],
      ]) {
        const r = await cli(['--json', ...argv]);
        assert.equal(r.code, 2, argv.join(' '));
        const doc = JSON.parse(r.out) as { error: { code: string; message: string } };
        assert.equal(doc.error.code, 'usage', argv.join(' '));
        assert.ok(doc.error.message.length > 0);
        assert.ok(r.err.length > 0, 'the usage text is still on stderr');
      }
      assert.equal((await cli(['org', 'create'])).out, '', 'without --json stdout stays empty');
    });
  });

  describe('terminal output', () => {
    it('escape sequences in user text are neutralised in human output and kept exact in JSON', async () => {
      const evil = 'Acme \u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202eevil\rX';
      assert.equal((await as('jane', 'org', 'create', 'acme', '--description', evil)).code, 0);
      const shown = await as('jane', 'org', 'show', 'acme');
      for (const c of ['\u001b', '\u0007', '\u009b', '\u202e', '\r']) assert.ok(!shown.out.includes(c), `raw ${JSON.stringify(c)} printed`);
      assert.match(shown.out, /Acme \\x1b\[2J\\x1b\]0;pwned\\x07 \\x9b31m \\u202eevil\\x0dX/);
      const listed = await as('jane', 'org', 'list');
      assert.ok(!listed.out.includes('\u001b'));
      const json = await as('jane', '--json', 'org', 'show', 'acme');
      assert.equal(JSON.parse(json.out).description, evil, 'JSON keeps the exact text (escaped by JSON itself)');
      const refused = await as('jane', 'member', 'add', 'acme', 'bob', '--role', '\u001b[31madmin');
      assert.equal(refused.code, 1);
      assert.ok(!refused.err.includes('\u001b'));
      assert.match(refused.err, /\\x1b\[31madmin/);
      assert.equal(neutralizeControls('a\tb\nc\r\nd'), 'a\tb\nc\nd', 'tabs and newlines stay');
    });
  });

  describe('sizes', () => {
    it('team quota --storage takes human units (5 GB, 10GiB) and explains a size too large to record (10PiB)', async () => {
      assert.equal((await as('jane', 'org', 'create', 'acme')).code, 0);
      assert.equal((await as('jane', 'team', 'create', 'acme', 'ml')).code, 0);
      const five = await as('jane', '--json', 'team', 'quota', 'acme', 'ml', '--storage', '5 GB');
      assert.equal(five.code, 0, five.err);
      assert.deepEqual(JSON.parse(five.out), { storageBytes: 5_000_000_000 });
      assert.match((await as('jane', 'team', 'quota', 'acme', 'ml', '--storage', '10GiB')).out, /storage 10 GiB \(10737418240 bytes\)/);
      const huge = await as('jane', 'team', 'quota', 'acme', 'ml', '--storage', '10PiB');
      assert.equal(huge.code, 2, huge.err);
      assert.match(huge.err, /--storage: 10PiB is more than the largest size that can be recorded: 9007199254740991 bytes, just under 8 PiB/);
      assert.doesNotMatch(huge.err, /whole number/);
      assert.equal((await as('jane', 'team', 'quota', 'acme', 'ml', '--storage', 'lots')).code, 2);
    });

    it('parseByteSize: decimal and binary units, spaces and case, fractions that make whole bytes', () => {
      const cases: [string, number | undefined][] = [
        ['1000', 1000],
        ['5 GB', 5e9],
        ['5gb', 5e9],
        ['10GiB', 10 * 1024 ** 3],
        ['1.5 KiB', 1536],
        ['1.1KB', 1100],
        ['512 MiB', 512 * 1024 ** 2],
        ['7 PB', 7e15],
        ['0.5', undefined],
        ['-1', undefined],
        ['1e3', undefined],
        ['10PiB', undefined],
        ['', undefined],
        ['5 XB', undefined],
      ];
      for (const [text, bytes] of cases) assert.equal(parseByteSize(text).bytes, bytes, text);
    });
  });
});
