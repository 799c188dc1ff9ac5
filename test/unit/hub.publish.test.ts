// Component Hub publish rules, on a real JsonFileStore in a temp folder: validation blocks, permissions
// by role, content hash, immutable versions, identical no-op, admin replacement with history, audit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError } from '../../src/core/errors';
import { componentNameHint, contentHash, normalizeContent, versionHint } from '../../src/core/hub/content';
import { InvalidComponentError, planPublish, publishComponent } from '../../src/core/hub/publish';
import type { OrgRole } from '../../src/core/model';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { tempDir } from './helpers/tmp';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/components');

const TRAIN = `version: 1.1
kind: component
name: train
description: Trains a model
tags: [training, pytorch]
inputs:
- name: lr
  type: float
  value: 0.01
  isOptional: true
- name: data
  type: str
outputs:
- name: loss
  type: float
run:
  kind: job
  container:
    image: python:3.11
    command: [python, train.py, '--lr={{ lr }}']
`;

const ROLES: OrgRole[] = ['owner', 'manager', 'admin', 'member', 'viewer', 'billing', 'outsider'];

async function world() {
  const tmp = tempDir('phub-hub-');
  const store = new JsonFileStore(path.join(tmp.dir, 'hub.json'));
  await store.mutate(db => {
    const now = new Date().toISOString();
    db.orgs.push({
      name: 'acme',
      description: '',
      isPublic: false,
      createdBy: 'owner',
      createdAt: now,
      updatedAt: now,
      members: ROLES.map(role => ({ user: role, role })),
    });
    db.orgs.push({ name: 'other', description: '', isPublic: false, createdBy: 'x', createdAt: now, updatedAt: now, members: [{ user: 'x', role: 'owner' }] });
  });
  const as = (username: string) => ({ username });
  return {
    store,
    as,
    raw: () => fs.readFileSync(store.location, 'utf8'),
    cleanup: () => {
      store.dispose();
      tmp.cleanup();
    },
  };
}

async function rejects(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<HubError> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof HubError, `expected a HubError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected a refusal with code ${code}`);
}

describe('Component Hub: publish', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.cleanup());

  it('creates an immutable version with hash, author, source path, parsed IO and run kind, and an audit event', async () => {
    const r = await publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN, version: 'v1', sourcePath: 'ml/train.yaml' });
    assert.equal(r.status, 'created');
    assert.equal(r.hubRef, 'acme/train:v1');
    const db = await w.store.read();
    const v = db.componentVersions.find(x => x.org === 'acme' && x.component === 'train' && x.name === 'v1');
    assert.ok(v);
    assert.equal(v.contentHash, contentHash(TRAIN));
    assert.match(v.contentHash, /^[0-9a-f]{64}$/);
    assert.equal(v.content, TRAIN);
    assert.equal(v.publishedBy, 'member');
    assert.equal(v.sourcePath, 'ml/train.yaml');
    assert.equal(v.runKind, 'job');
    assert.equal(v.stage, 'testing');
    assert.deepEqual(
      v.inputs.map(i => [i.name, i.type, i.isOptional]),
      [
        ['lr', 'float', true],
        ['data', 'str', false],
      ],
    );
    assert.deepEqual(
      v.outputs.map(i => i.name),
      ['loss'],
    );
    const c = db.components.find(x => x.org === 'acme' && x.name === 'train');
    assert.equal(c?.description, 'Trains a model');
    assert.deepEqual(c?.tags, ['training', 'pytorch']);
    const events = db.audit.filter(e => e.action === 'componentVersion.publish');
    assert.equal(events.length, 1);
    assert.equal(events[0].target, 'acme/train:v1');
    assert.equal(events[0].who, 'member');
  });

  it('republishing identical content is a no-op that says "already published as"', async () => {
    await publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN, version: 'v1' });
    const before = await w.store.read();
    // CRLF line ends are the same content (a Windows checkout of the same file)
    const r = await publishComponent(w.store, w.as('admin'), { org: 'acme', content: TRAIN.replace(/\n/g, '\r\n'), version: 'v1' });
    assert.equal(r.status, 'unchanged');
    assert.match(r.message, /already published as acme\/train:v1/i);
    assert.deepEqual(await w.store.read(), before);
  });

  it('refuses different content under an existing version, and keeps what is stored', async () => {
    await publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN, version: 'v1' });
    const before = w.raw();
    const changed = TRAIN.replace('python:3.11', 'python:3.12');
    await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: changed, version: 'v1' }), 'version-exists', /immutable.*new version name/);
    // even an admin must ask for the replacement deliberately
    await rejects(publishComponent(w.store, w.as('owner'), { org: 'acme', content: changed, version: 'v1' }), 'version-exists');
    assert.equal(w.raw(), before);
  });

  it('lets an admin replace a version deliberately, keeping the old content in history; a member may not', async () => {
    await publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN, version: 'v1' });
    const changed = TRAIN.replace('python:3.11', 'python:3.12');
    const before = w.raw();
    await rejects(
      publishComponent(w.store, w.as('member'), { org: 'acme', content: changed, version: 'v1', replace: true }),
      'denied',
      /needs role admin or higher; you are member/,
    );
    assert.equal(w.raw(), before);
    const r = await publishComponent(w.store, w.as('admin'), { org: 'acme', content: changed, version: 'v1', replace: true });
    assert.equal(r.status, 'replaced');
    const v = (await w.store.read()).componentVersions.find(x => x.name === 'v1')!;
    assert.equal(v.content, changed);
    assert.equal(v.history.length, 1);
    assert.equal(v.history[0].content, TRAIN);
    assert.equal(v.history[0].contentHash, contentHash(TRAIN));
    assert.equal(v.history[0].replacedBy, 'admin');
    assert.ok((await w.store.read()).audit.some(e => e.action === 'componentVersion.replace' && e.target === 'acme/train:v1'));
  });

  it('follows the permission matrix: member and above publish; viewer, billing, outsider and strangers are refused by name', async () => {
    for (const role of ['member', 'admin', 'manager', 'owner']) {
      const r = await publishComponent(w.store, w.as(role), { org: 'acme', content: TRAIN, version: `by-${role}` });
      assert.equal(r.status, 'created', role);
    }
    const before = w.raw();
    for (const role of ['viewer', 'billing', 'outsider']) {
      await rejects(
        publishComponent(w.store, w.as(role), { org: 'acme', content: TRAIN, version: 'x' }),
        'denied',
        new RegExp(`Publishing to acme needs role member or higher; you are ${role}`),
      );
    }
    await rejects(publishComponent(w.store, w.as('stranger'), { org: 'acme', content: TRAIN, version: 'x' }), 'denied', /not a member of acme/);
    await rejects(publishComponent(w.store, w.as('member'), { org: 'nope', content: TRAIN, version: 'x' }), 'not-found', /no organization named "nope"/);
    assert.equal(w.raw(), before);
  });

  it('blocks a file with errors, with the first error located, and stores nothing', async () => {
    const before = w.raw();
    const bad = TRAIN.replace('- name: data\n  type: str', '- name: data\n  type: str\n  default: x');
    const e = await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: bad, version: 'v1' }), 'invalid', /line \d+, column \d+/);
    assert.ok(e instanceof InvalidComponentError);
    assert.ok(e.problems.length > 0);
    await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: 'kind: component\nrun: [unclosed', version: 'v1' }), 'invalid');
    await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: '', version: 'v1' }), 'invalid');
    assert.equal(w.raw(), before);
  });

  it('refuses operation files, bad and traversal names, and a missing version', async () => {
    const before = w.raw();
    const op = 'version: 1.1\nkind: operation\nhubRef: acme/train:v1\n';
    await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: op, version: 'v1' }), 'not-a-component', /only component files/);
    await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN, version: '../v1' }), 'invalid-name', /version name/);
    await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN, version: 'a/b' }), 'invalid-name');
    await rejects(
      publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN, version: 'v1', component: '../evil' }),
      'invalid-name',
      /component name/,
    );
    await rejects(
      publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN.replace('name: train', 'name: "{{ n }}"'), version: 'v1' }),
      'invalid-name',
      /no usable name/,
    );
    await rejects(publishComponent(w.store, w.as('member'), { org: 'acme', content: TRAIN }), 'no-version');
    await rejects(publishComponent(w.store, w.as('member'), { org: '../acme', content: TRAIN, version: 'v1' }), 'not-found');
    assert.equal(w.raw(), before);
  });

  it('takes names from the file path when the YAML and the request say nothing', async () => {
    const noName = TRAIN.replace('name: train\n', '');
    const r = await publishComponent(w.store, w.as('member'), { org: 'acme', content: noName, sourcePath: 'hub/tensorboard/1.2.yaml' });
    assert.equal(r.hubRef, 'acme/tensorboard:1.2');
    const p = planPublish({ org: 'acme', content: TRAIN, sourcePath: 'components/train-v3.yaml' }, 'member');
    assert.equal(p.component, 'train');
    assert.equal(p.version, 'v3');
    assert.equal(p.versionFromPath, true);
    assert.equal(planPublish({ org: 'acme', content: TRAIN, sourcePath: 'components/train.yaml' }, 'member').version, undefined);
  });

  it('publishes every valid file of the public hub corpus (as Polyaxon lint judged them)', async function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    const rows = fs
      .readFileSync(path.join(CORPUS, 'SOURCES.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map(l => l.split('\t'));
    const valid = rows.filter(r => r[6] === 'component' && r[10] === 'valid' && r[11] === 'no' && r[0].startsWith('hub__')).map(r => r[0]);
    assert.ok(valid.length > 10);
    for (const file of valid) {
      const content = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const [, dir, stem] = file.replace(/\.ya?ml$/, '').split('__');
      const r = await publishComponent(w.store, w.as('member'), { org: 'acme', content, sourcePath: `${dir}/${stem}.yaml`, component: dir, version: stem });
      assert.ok(r.status === 'created' || r.status === 'unchanged', file);
      assert.equal(r.version.name, stem, file);
    }
    assert.equal((await w.store.read()).componentVersions.length, valid.length);
  });
});

describe('Component Hub: content and name hints', () => {
  it('normalizes BOM and line ends before hashing', () => {
    assert.equal(normalizeContent('\uFEFFa\r\nb\rc\n'), 'a\nb\nc\n');
    assert.equal(contentHash('a\r\nb'), contentHash('a\nb'));
    assert.notEqual(contentHash('a\nb'), contentHash('a\nb\n'));
  });

  it('reads versions and names from common layouts', () => {
    assert.equal(versionHint('hub/tensorboard/1.2.yaml'), '1.2');
    assert.equal(versionHint('x/latest.yml'), 'latest');
    assert.equal(versionHint('train-v2.yaml', 'train'), 'v2');
    assert.equal(versionHint('train@1.0.yaml', 'train'), '1.0');
    assert.equal(versionHint('train.yaml', 'train'), undefined);
    assert.equal(versionHint('training.yaml', 'train'), undefined);
    assert.equal(componentNameHint('hub/tensorboard/1.2.yaml'), 'tensorboard');
    assert.equal(componentNameHint('a/train.yaml'), 'train');
    assert.equal(componentNameHint('a/run.yaml'), undefined, 'reserved words are not names');
  });
});
