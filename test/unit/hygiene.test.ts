// Data hygiene (issue 10 item 5): field sizes, what the audit log keeps of free text, the audit history of a
// renamed org, names differing only in case, `.`/`..` as version names, Polyaxon's connection kinds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openHub } from '../../src/core/client';
import { CONNECTION_KINDS } from '../../src/core/connectionKinds';
import { HubError } from '../../src/core/errors';
import { redactAuditDetails, TEXT_LIMITS } from '../../src/core/limits';
import { versionNameProblem } from '../../src/core/names';
import { backupsDir } from '../../src/core/store/paths';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { MemoryStore } from '../../src/core/store/memoryStore';
import { tempDir } from './helpers/tmp';

const refused = (pattern: RegExp, code?: string) => (e: unknown) => e instanceof HubError && pattern.test(e.message) && (!code || e.code === code);

async function acme() {
  const store = new MemoryStore();
  const hub = openHub(store, { username: 'jane' });
  await hub.orgs.create('acme');
  await hub.projects.create('acme', 'vision');
  return { store, hub };
}

describe('data hygiene', () => {
  describe('field sizes', () => {
    it('a readme over 1 MiB, a description over 10 KiB and too many or too long tags are refused, naming the field and the limit; nothing is written', async () => {
      const { store, hub } = await acme();
      const before = JSON.stringify(await store.read());
      const readme = '#'.repeat(24 * 1024 * 1024);
      await assert.rejects(
        hub.projects.update('acme', 'vision', { readme }),
        refused(/^The readme is 24 MiB \(25165824 bytes\); at most 1 MiB is allowed\.$/, 'too-large'),
      );
      await assert.rejects(
        hub.orgs.create('big', { description: 'd'.repeat(10 * 1024 + 1) }),
        refused(/^The description is 10 KiB \(10241 bytes\); at most 10 KiB is allowed\.$/),
      );
      await assert.rejects(hub.teams.create('acme', 'ml', 'é'.repeat(6000)), refused(/The description is 11.7 KiB \(12000 bytes\)/), 'counted in UTF-8 bytes');
      await assert.rejects(hub.projects.create('acme', 'p2', { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }), refused(/101 tags; at most 100/));
      await assert.rejects(hub.projects.update('acme', 'vision', { tags: ['x'.repeat(129)] }), refused(/The tag is 129 B .*at most 128 B/));
      await assert.rejects(hub.registry.createModel('acme', 'iris', { description: 'x'.repeat(20_000) }), refused(/The description is/));
      assert.equal(JSON.stringify(await store.read()), before);
      // at the limit is fine
      await hub.projects.update('acme', 'vision', { readme: 'r'.repeat(TEXT_LIMITS.readme), description: 'd'.repeat(TEXT_LIMITS.description) });
    });

    it('a connection description is limited too', async () => {
      const { hub } = await acme();
      await assert.rejects(
        hub.projects.setConnection('acme', 'vision', { name: 'data', kind: 's3', description: 'x'.repeat(11_000) }),
        refused(/The description is/),
      );
    });

    it('backups stay a few times the store: 40 readme rewrites at the limit keep the backups folder under 8 MiB', async () => {
      const t = tempDir('phub-hyg-');
      try {
        const file = path.join(t.dir, 'hub.json');
        const store = new JsonFileStore(file);
        const hub = openHub(store, { username: 'jane' });
        await hub.orgs.create('acme');
        await hub.projects.create('acme', 'vision');
        for (let i = 0; i < 40; i++) await hub.projects.update('acme', 'vision', { readme: `${i}`.padEnd(TEXT_LIMITS.readme, '.') });
        await assert.rejects(hub.projects.update('acme', 'vision', { readme: 'x'.repeat(TEXT_LIMITS.readme + 1) }), refused(/at most 1 MiB/));
        store.dispose();
        const dir = backupsDir(file);
        const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
        assert.ok(fs.statSync(file).size < 1.1 * 1024 * 1024, `the store is ${fs.statSync(file).size} bytes: the audit log must not hold 40 readmes`);
        assert.ok(bytes < 8 * 1024 * 1024, `backups hold ${bytes} bytes`);
      } finally {
        t.cleanup();
      }
    });
  });

  describe('audit events keep no free text', () => {
    it('readme, description and deployment notes are recorded as changed, with their length and a short hash, never the text', async () => {
      const { store, hub } = await acme();
      const secret = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
      await hub.orgs.update('acme', { description: `keys: ${secret}` });
      await hub.projects.update('acme', 'vision', { readme: `# setup\n${secret}`, description: secret });
      await hub.teams.create('acme', 'ml', secret);
      await hub.registry.createModel('acme', 'iris', { description: secret });
      await hub.registry.updateModel('acme', 'iris', { description: '' });
      await hub.projects.update('acme', 'vision', { readme: '', description: '' });
      const db = await store.read();
      const log = JSON.stringify(db.audit);
      assert.ok(!log.includes('wJalrXUtnFEMI'), `the audit log keeps the secret: ${log}`);
      const readmeEvent = db.audit.find(e => e.action === 'project.update' && e.details?.readme && typeof e.details.readme === 'object');
      assert.deepEqual(Object.keys(readmeEvent!.details!.readme as object), ['chars', 'sha256']);
      assert.equal((readmeEvent!.details!.readme as { chars: number }).chars, secret.length + 8);
      // clearing a field is recorded as such; other details stay as they were
      const cleared = db.audit.filter(e => e.action === 'project.update').pop()!;
      assert.deepEqual(cleared.details, { readme: '', description: '' });
      const modelUpdate = db.audit.find(e => e.action === 'model.update')!;
      assert.deepEqual((modelUpdate.details as { to: { description: string } }).to.description, '');
      assert.match(JSON.stringify((modelUpdate.details as { from: unknown }).from), /"chars":62,"sha256":"[0-9a-f]{16}"/);
      assert.deepEqual(redactAuditDetails({ role: 'admin', isPublic: true, tags: ['a'] }), { role: 'admin', isPublic: true, tags: ['a'] });
    });
  });

  describe('org rename', () => {
    it("keeps the org's audit history visible under the new name, across two renames", async () => {
      const { hub } = await acme();
      await hub.members.add('acme', 'bob', 'member');
      await hub.orgs.rename('acme', 'acme-ai');
      await hub.teams.create('acme-ai', 'ml');
      await hub.orgs.rename('acme-ai', 'acme-labs');
      const events = (await hub.audit.list('acme-labs')).map(e => [e.action, e.target]);
      assert.deepEqual(events, [
        ['org.rename', 'acme-ai'],
        ['team.create', 'acme-ai/ml'],
        ['org.rename', 'acme'],
        ['member.add', 'acme/bob'],
        ['project.create', 'acme/vision'],
        ['org.create', 'acme'],
      ]);
      assert.deepEqual(await hub.audit.list('acme-labs', 2), (await hub.audit.list('acme-labs')).slice(0, 2));
    });
  });

  describe('names that differ only in case', () => {
    it('show and create agree: both name the record as it was created', async () => {
      const store = new MemoryStore();
      const hub = openHub(store, { username: 'jane' });
      await hub.orgs.create('Acme');
      await assert.rejects(
        hub.orgs.get('acme'),
        refused(/There is no organization named "acme"\. There is "Acme": names that differ only in case are one name; write it as "Acme"\./),
      );
      await assert.rejects(
        hub.orgs.create('acme'),
        refused(/^An organization named "Acme" already exists\. Names that differ only in case are one name\.$/, 'exists'),
      );
      assert.equal(await hub.orgs.isNameTaken('ACME'), true);
      await hub.projects.create('Acme', 'Vision');
      await assert.rejects(hub.projects.get('Acme', 'vision'), refused(/There is "Vision"/));
      await assert.rejects(hub.projects.create('Acme', 'VISION'), refused(/already has a project named "Vision"/));
      await hub.teams.create('Acme', 'ML');
      await assert.rejects(hub.teams.get('Acme', 'ml'), refused(/There is "ML"/));
      await assert.rejects(hub.teams.create('Acme', 'ml'), refused(/already has a team named "ML"/));
      await hub.registry.createModel('Acme', 'Iris');
      await assert.rejects(hub.registry.model('Acme', 'iris'), refused(/There is "Iris"/));
      await assert.rejects(hub.registry.createModel('Acme', 'IRIS'), refused(/already has a model named "Iris"/));
      // renaming to another case of its own name is allowed
      await hub.orgs.rename('Acme', 'acme');
      assert.equal((await hub.orgs.get('acme')).name, 'acme');
    });
  });

  describe('version names', () => {
    it('"." and ".." are refused; dots inside a name are fine', () => {
      assert.match(versionNameProblem('.')!, /"\." is not allowed: "\." and "\.\." name folders/);
      assert.match(versionNameProblem('..')!, /"\.\." is not allowed/);
      for (const ok of ['v1.0', '...', '.hidden', 'a..b']) assert.equal(versionNameProblem(ok), undefined, ok);
    });
  });

  describe('connection kinds', () => {
    it("are Polyaxon's: s3 and volume_claim pass, S3 is told its spelling, an unknown kind gets the list", async () => {
      const { hub } = await acme();
      await hub.projects.setConnection('acme', 'vision', { name: 'data', kind: 's3', description: '' });
      await hub.projects.setConnection('acme', 'vision', { name: 'pvc', kind: 'volume_claim', description: '' });
      await assert.rejects(
        hub.projects.setConnection('acme', 'vision', { name: 'x', kind: 'S3', description: '' }),
        refused(/"S3" is not a Polyaxon connection kind \(did you mean "s3"\?\)/),
      );
      await assert.rejects(
        hub.projects.setConnection('acme', 'vision', { name: 'x', kind: 'dropbox', description: '' }),
        refused(/kinds are host_path, volume_claim, gcs, s3, .*, custom\./),
      );
      await assert.rejects(hub.projects.setConnection('acme', 'vision', { name: 'x', kind: '', description: '' }), refused(/needs a kind/));
      assert.equal(CONNECTION_KINDS.length, 43);
      const swagger = JSON.parse(fs.readFileSync(path.resolve(process.cwd(), '../shared/reference/polyaxon_sdk.swagger.json'), 'utf8'));
      assert.deepEqual([...CONNECTION_KINDS], swagger.definitions.v1ConnectionKind.enum);
    });
  });
});
