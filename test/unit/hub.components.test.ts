// Browsing and managing published components: list/show/resolve, stage, delete, references, snippet,
// and the editor's cursor context (pure, no VS Code).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubError } from '../../src/core/errors';
import {
  deleteComponentVersion,
  findVersion,
  listComponents,
  parseComponentRef,
  publishableOrgs,
  setVersionStage,
  viewableOrgs,
} from '../../src/core/hub/components';
import { publishComponent } from '../../src/core/hub/publish';
import { hubRefStatus, refResolver } from '../../src/core/hub/refs';
import { operationSnippet } from '../../src/core/hub/snippet';
import type { OrgRole } from '../../src/core/model';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { cursorContext, keyAt, valueInBlock } from '../../src/features/hub/editor/yamlContext';
import { tempDir } from './helpers/tmp';

const COMPONENT = (name: string, image = 'python:3.11') => `version: 1.1
kind: component
name: ${name}
inputs:
- name: lr
  type: float
  value: 0.01
  isOptional: true
- name: epochs
  type: int
run:
  kind: job
  container:
    image: ${image}
`;

const ROLES: OrgRole[] = ['owner', 'admin', 'member', 'viewer'];

function expectRefusal(fn: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof HubError && e.code === code && (!pattern || pattern.test(e.message)));
}

async function rejects(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof HubError && e.code === code && (!pattern || pattern.test(e.message)));
}

describe('Component Hub: browse and manage', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: JsonFileStore;
  const as = (username: string) => ({ username });

  beforeEach(async () => {
    tmp = tempDir('phub-hubc-');
    store = new JsonFileStore(path.join(tmp.dir, 'hub.json'));
    await store.mutate(db => {
      const now = '2026-01-01T00:00:00.000Z';
      db.orgs.push({
        name: 'acme',
        description: '',
        isPublic: false,
        createdBy: 'owner',
        createdAt: now,
        updatedAt: now,
        members: ROLES.map(role => ({ user: role, role })),
      });
      db.orgs.push({ name: 'open', description: '', isPublic: true, createdBy: 'x', createdAt: now, updatedAt: now, members: [{ user: 'x', role: 'owner' }] });
    });
    await publishComponent(store, as('member'), { org: 'acme', content: COMPONENT('train'), version: 'v1' });
    await publishComponent(store, as('member'), { org: 'acme', content: COMPONENT('train', 'python:3.12'), version: 'v2' });
    await publishComponent(store, as('member'), { org: 'acme', content: COMPONENT('serve'), version: 'latest' });
  });
  afterEach(() => {
    store.dispose();
    tmp.cleanup();
  });

  it('lists components with versions newest first, to those who may view', async () => {
    const db = await store.read();
    const list = listComponents(db, 'viewer', 'acme');
    assert.deepEqual(
      list.map(l => l.component.name),
      ['serve', 'train'],
    );
    assert.deepEqual(
      list[1].versions.map(v => v.name),
      ['v2', 'v1'],
    );
    expectRefusal(() => listComponents(db, 'stranger', 'acme'), 'denied', /Viewing acme needs role viewer or higher/);
    assert.deepEqual(listComponents(db, 'stranger', 'open'), []);
    assert.deepEqual(viewableOrgs(db, 'stranger'), ['open']);
    assert.deepEqual(viewableOrgs(db, 'viewer'), ['acme', 'open']);
    assert.deepEqual(publishableOrgs(db, 'viewer'), []);
    assert.deepEqual(publishableOrgs(db, 'member'), ['acme']);
  });

  it('resolves ORG/NAME[:VERSION]: latest by name, else the newest', async () => {
    const db = await store.read();
    assert.equal(findVersion(db, 'viewer', 'acme', 'train').name, 'v2');
    assert.equal(findVersion(db, 'viewer', 'acme', 'train', 'v1').name, 'v1');
    assert.equal(findVersion(db, 'viewer', 'acme', 'serve').name, 'latest');
    expectRefusal(() => findVersion(db, 'viewer', 'acme', 'train', 'v9'), 'not-found', /no version "v9"; it has v2, v1/);
    expectRefusal(() => findVersion(db, 'viewer', 'acme', 'nope'), 'not-found', /no component named "nope"/);
    assert.deepEqual(parseComponentRef('acme/train:v1'), { org: 'acme', component: 'train', version: 'v1' });
    assert.deepEqual(parseComponentRef('acme/train'), { org: 'acme', component: 'train', version: undefined });
    expectRefusal(() => parseComponentRef('train:v1'), 'invalid-reference', /ORG\/NAME/);
    expectRefusal(() => parseComponentRef('../../etc/passwd'), 'invalid-reference');
    expectRefusal(() => parseComponentRef('acme/train:../x'), 'invalid-reference');
  });

  it('moves stages (member and above) with an audit event; refuses unknown stages and viewers', async () => {
    const key = { org: 'acme', component: 'train', version: 'v1' };
    const v = await setVersionStage(store, as('member'), key, 'production', 'benchmarked');
    assert.equal(v.stage, 'production');
    const ev = (await store.read()).audit.find(e => e.action === 'componentVersion.stage');
    assert.deepEqual(ev?.details, { from: 'testing', to: 'production', reason: 'benchmarked' });
    const before = fs.readFileSync(store.location, 'utf8');
    await rejects(setVersionStage(store, as('member'), key, 'prod'), 'invalid-stage', /testing, staging, production, disabled/);
    await rejects(setVersionStage(store, as('viewer'), key, 'staging'), 'denied', /needs role member or higher; you are viewer/);
    await rejects(setVersionStage(store, as('member'), { ...key, version: 'v9' }, 'staging'), 'not-found');
    assert.equal(fs.readFileSync(store.location, 'utf8'), before);
  });

  it('deletes versions (admins only); the last version takes the component with it', async () => {
    const before = fs.readFileSync(store.location, 'utf8');
    await rejects(
      deleteComponentVersion(store, as('member'), { org: 'acme', component: 'train', version: 'v1' }),
      'denied',
      /Deleting versions in acme needs role admin or higher; you are member/,
    );
    assert.equal(fs.readFileSync(store.location, 'utf8'), before);
    assert.deepEqual(await deleteComponentVersion(store, as('admin'), { org: 'acme', component: 'train', version: 'v1' }), { componentRemoved: false });
    assert.deepEqual(await deleteComponentVersion(store, as('admin'), { org: 'acme', component: 'train', version: 'v2' }), { componentRemoved: true });
    const db = await store.read();
    assert.ok(!db.components.some(c => c.name === 'train'));
    assert.equal(db.audit.filter(e => e.action === 'componentVersion.delete').length, 2);
  });

  it('resolves hubRefs against the store, and pathRefs against the file system', async () => {
    const db = await store.read();
    assert.equal(hubRefStatus(db, 'acme/train:v1', 'viewer'), 'found');
    assert.equal(hubRefStatus(db, 'acme/train:v7', 'viewer'), 'missing');
    assert.equal(hubRefStatus(db, 'tensorboard', 'viewer'), 'unknown', "Polyaxon's public hub cannot be checked offline");
    assert.equal(hubRefStatus(db, 'elsewhere/x:v1', 'viewer'), 'unknown');
    // someone who may not see the (private) org learns nothing of what it holds
    assert.equal(hubRefStatus(db, 'acme/train:v1', 'stranger'), 'unknown');
    assert.equal(hubRefStatus(db, 'acme/train:v7', 'stranger'), 'unknown');
    const file = path.join(tmp.dir, 'op.yaml');
    fs.writeFileSync(path.join(tmp.dir, 'c.yaml'), 'x');
    const resolve = refResolver(db, 'viewer', file);
    assert.equal(resolve({ kind: 'pathRef', value: 'c.yaml' }), 'found');
    assert.equal(resolve({ kind: 'pathRef', value: 'missing.yaml' }), 'missing');
    assert.equal(resolve({ kind: 'urlRef', value: 'https://x/y.yaml' }), 'unknown');
    assert.equal(resolve({ kind: 'hubRef', value: '{{ ref }}' }), 'unknown');
  });

  it('writes an operation snippet: required inputs to fill, optional ones commented with defaults', async () => {
    const v = findVersion(await store.read(), 'viewer', 'acme', 'train', 'v1');
    const snippet = operationSnippet(v);
    assert.equal(
      snippet,
      [
        'version: 1.1',
        'kind: operation',
        'hubRef: acme/train:v1',
        'params:',
        '  epochs:',
        '    value: 1  # int, required',
        '  # lr:',
        '  #   value: 0.01  # float',
        '',
      ].join('\n'),
    );
  });
});

describe('Editor: cursor context from indentation', () => {
  const doc = `version: 1.1
kind: component
inputs:
- name: lr
  type: fl
  
outputs:
  - name: loss
    
run:
  kind: job
  con
`;
  it('finds the mapping a key is typed in', () => {
    assert.deepEqual(cursorContext(doc, 5, 2), { path: ['inputs', '[]'], atKey: true, prefix: '' });
    assert.deepEqual(cursorContext(doc, 8, 4).path, ['outputs', '[]']);
    assert.deepEqual(cursorContext(doc, 11, 5), { path: ['run'], atKey: true, prefix: 'con' });
    assert.deepEqual(cursorContext('ver', 0, 3), { path: [], atKey: true, prefix: 'ver' });
  });
  it('finds the key a value is typed for', () => {
    assert.deepEqual(cursorContext(doc, 4, 10), { path: ['inputs', '[]'], atKey: false, key: 'type', prefix: 'fl' });
    assert.deepEqual(cursorContext(doc, 10, 11), { path: ['run'], atKey: false, key: 'kind', prefix: 'job' });
    assert.equal(valueInBlock(doc, 'run', 'kind'), 'job');
  });
  it('finds the key under the cursor for hover', () => {
    assert.deepEqual(keyAt(doc, 3, 3), { path: ['inputs', '[]'], key: 'name', start: 2, end: 6 });
    assert.deepEqual(keyAt(doc, 1, 1)?.path, []);
    assert.equal(keyAt(doc, 1, 9), undefined);
  });
});
