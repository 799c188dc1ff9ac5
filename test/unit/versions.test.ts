// The version rules shared by component and model versions (src/core/versions.ts), their use by the
// Component Hub (stage history on publish and setStage, the client view) and the v2 → v3 migration.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openHub } from '../../src/core/client';
import { HubError } from '../../src/core/errors';
import { setVersionStage } from '../../src/core/hub/components';
import { publishComponent } from '../../src/core/hub/publish';
import { SCHEMA_VERSION } from '../../src/core/model';
import { createOrg } from '../../src/core/orgs';
import { JsonFileStore } from '../../src/core/store/jsonFileStore';
import { MemoryStore } from '../../src/core/store/memoryStore';
import {
  initialStageHistory,
  latestVersion,
  nextStage,
  parseStage,
  recordStage,
  stageAt,
  versionInStageAt,
  versionsInStageAt,
  type StagedVersion,
} from '../../src/core/versions';
import { fixture, tempDir } from './helpers/tmp';

function version(name: string, created: string, who = 'jane'): StagedVersion & { createdAt: string } {
  return { name, createdAt: created, stage: 'testing', stageHistory: initialStageHistory('model', who, created) };
}

describe('versions: stages, latest, stage history', () => {
  it("a new version starts at testing with Polyaxon's creation condition and its author", () => {
    assert.deepEqual(initialStageHistory('component', 'bob', '2026-01-01T00:00:00.000Z'), [
      {
        type: 'testing',
        status: 'True',
        reason: 'ComponentVersionCreated',
        message: 'A new component version is created',
        lastUpdateTime: '2026-01-01T00:00:00.000Z',
        lastTransitionTime: '2026-01-01T00:00:00.000Z',
        who: 'bob',
      },
    ]);
    assert.equal(initialStageHistory('model', 'bob', 'x')[0].reason, 'ModelVersionCreated');
  });

  it('parses stages with a clear refusal, and knows the promotion path', () => {
    assert.equal(parseStage('staging'), 'staging');
    assert.throws(
      () => parseStage('prod'),
      (e: unknown) =>
        e instanceof HubError && e.code === 'invalid-stage' && e.message === '"prod" is not a stage; use one of testing, staging, production, disabled.',
    );
    assert.deepEqual(
      ['testing', 'staging', 'production', 'disabled'].map(s => nextStage(parseStage(s))),
      ['staging', 'production', undefined, undefined],
    );
  });

  it('records each transition with who, when and why; the same stage again changes nothing', () => {
    const v = version('v1', '2026-01-01T00:00:00.000Z');
    assert.equal(recordStage(v, 'staging', 'bob', '2026-01-02T00:00:00.000Z', 'smoke tests pass'), 'testing');
    assert.equal(recordStage(v, 'staging', 'bob', '2026-01-03T00:00:00.000Z'), undefined);
    assert.equal(recordStage(v, 'production', 'ann', '2026-01-04T00:00:00.000Z'), 'staging');
    assert.equal(v.stage, 'production');
    assert.deepEqual(v.stageHistory.slice(1), [
      {
        type: 'staging',
        status: 'True',
        reason: 'smoke tests pass',
        message: 'Moved from testing to staging',
        lastUpdateTime: '2026-01-02T00:00:00.000Z',
        lastTransitionTime: '2026-01-02T00:00:00.000Z',
        who: 'bob',
      },
      {
        type: 'production',
        status: 'True',
        reason: 'StageUpdate',
        message: 'Moved from staging to production',
        lastUpdateTime: '2026-01-04T00:00:00.000Z',
        lastTransitionTime: '2026-01-04T00:00:00.000Z',
        who: 'ann',
      },
    ]);
  });

  it('answers which version was in a stage at a time', () => {
    const v1 = version('v1', '2026-01-01T00:00:00.000Z');
    const v2 = version('v2', '2026-01-05T00:00:00.000Z');
    recordStage(v1, 'production', 'ann', '2026-01-02T00:00:00.000Z');
    recordStage(v2, 'production', 'ann', '2026-01-06T00:00:00.000Z');
    recordStage(v1, 'disabled', 'ann', '2026-01-07T00:00:00.000Z');
    const all = [v1, v2];
    assert.equal(stageAt(v1, '2025-12-31T00:00:00.000Z'), undefined, 'before it existed');
    assert.equal(stageAt(v1, '2026-01-01T12:00:00.000Z'), 'testing');
    assert.equal(stageAt(v1, new Date('2026-01-02T00:00:00.000Z')), 'production', 'a transition counts from its own instant');
    assert.equal(versionInStageAt(all, 'production', '2026-01-03T00:00:00.000Z')?.name, 'v1');
    assert.deepEqual(
      versionsInStageAt(all, 'production', '2026-01-06T12:00:00.000Z').map(v => v.name),
      ['v2', 'v1'],
      'both, the newest entrant first',
    );
    assert.equal(versionInStageAt(all, 'production', '2026-01-08T00:00:00.000Z')?.name, 'v2');
    assert.equal(versionInStageAt(all, 'staging', '2026-01-08T00:00:00.000Z'), undefined);
  });

  it('latest: the version named latest, else the newest (ties: the greater name)', () => {
    const when = (v: { createdAt: string }) => v.createdAt;
    const a = version('a', '2026-01-01T00:00:00.000Z');
    const b = version('b', '2026-01-02T00:00:00.000Z');
    const latest = version('latest', '2025-01-01T00:00:00.000Z');
    assert.equal(latestVersion([a, b], when)?.name, 'b');
    assert.equal(latestVersion([a, latest, b], when)?.name, 'latest');
    assert.equal(latestVersion([a, version('c', a.createdAt)], when)?.name, 'c');
    assert.equal(latestVersion([], when), undefined);
  });
});

const COMPONENT = 'version: 1.1\nkind: component\nname: train\nrun:\n  kind: job\n  container:\n    image: python:3.11\n';

describe('versions: component versions keep their stage history', () => {
  const jane = { username: 'jane' };

  it('publish starts it, setStage appends who/when/why and still audits; the client view shows it', async () => {
    const store = new MemoryStore();
    await createOrg(store, jane, 'acme');
    await publishComponent(store, jane, { org: 'acme', content: COMPONENT, version: 'v1' });
    await setVersionStage(store, jane, { org: 'acme', component: 'train', version: 'v1' }, 'staging', 'ready for QA');
    await setVersionStage(store, jane, { org: 'acme', component: 'train', version: 'v1' }, 'staging');
    const db = await store.read();
    const v = db.componentVersions[0];
    assert.deepEqual(
      v.stageHistory.map(c => [c.type, c.reason, c.message, c.who]),
      [
        ['testing', 'ComponentVersionCreated', 'A new component version is created', 'jane'],
        ['staging', 'ready for QA', 'Moved from testing to staging', 'jane'],
      ],
    );
    assert.equal(v.stageHistory[0].lastTransitionTime, v.publishedAt);
    const event = db.audit.filter(e => e.action === 'componentVersion.stage');
    assert.equal(event.length, 1, 'one audit event, none for the no-op');
    assert.deepEqual(event[0].details, { from: 'testing', to: 'staging', reason: 'ready for QA' });
    assert.equal(event[0].when, v.stageHistory[1].lastTransitionTime, 'the audit event and the condition share one instant');
    const view = await openHub(store, jane).components.version('acme', 'train', 'v1');
    assert.deepEqual(view.stageHistory, [
      { stage: 'testing', who: 'jane', when: v.publishedAt, reason: 'ComponentVersionCreated', message: 'A new component version is created' },
      {
        stage: 'staging',
        from: 'testing',
        who: 'jane',
        when: v.stageHistory[1].lastTransitionTime,
        reason: 'ready for QA',
        message: 'Moved from testing to staging',
      },
    ]);
  });

  it('a replaced version keeps its stage and its history', async () => {
    const store = new MemoryStore();
    await createOrg(store, jane, 'acme');
    await publishComponent(store, jane, { org: 'acme', content: COMPONENT, version: 'v1' });
    await setVersionStage(store, jane, { org: 'acme', component: 'train', version: 'v1' }, 'production');
    await publishComponent(store, jane, { org: 'acme', content: COMPONENT.replace('3.11', '3.12'), version: 'v1', replace: true });
    const v = (await store.read()).componentVersions[0];
    assert.deepEqual([v.stage, v.stageHistory.map(c => c.type)], ['production', ['testing', 'production']]);
  });
});

describe('versions: the v2 → v3 store migration', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('gives every version its creation entry, the stage changes the audit log holds, and its current stage', async () => {
    const file = path.join(t.dir, 'hub.json');
    fs.copyFileSync(fixture('store', 'v2.json'), file);
    const db = await new JsonFileStore(file).read();
    assert.equal(db.schemaVersion, SCHEMA_VERSION);
    const history = (name: string) =>
      db.componentVersions.find(v => v.name === name)!.stageHistory.map(c => [c.type, c.reason, c.message, c.who, c.lastTransitionTime]);
    assert.deepEqual(history('v1'), [
      ['testing', 'ComponentVersionCreated', 'A new component version is created', 'bob', '2026-01-02T00:00:00.000Z'],
      ['staging', 'StageUpdate', 'Moved from testing to staging', 'jane', '2026-01-02T10:00:00.000Z'],
      ['production', 'QA signed off', 'Moved from staging to production', 'jane', '2026-01-04T00:00:00.000Z'],
    ]);
    assert.deepEqual(history('v2'), [
      ['testing', 'ComponentVersionCreated', 'A new component version is created', 'jane', '2026-01-03T00:00:00.000Z'],
      ['staging', 'StageRecoveredOnMigration', 'Moved from testing to staging', 'unknown', '2026-01-03T00:00:00.000Z'],
    ]);
    assert.deepEqual(
      history('v3').map(c => c[0]),
      ['testing'],
    );
    assert.equal(versionInStageAt(db.componentVersions, 'production', '2026-01-03T00:00:00.000Z'), undefined);
    assert.equal(versionInStageAt(db.componentVersions, 'production', '2026-01-04T00:00:00.000Z')?.name, 'v1');
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).schemaVersion, 2, 'a read never writes');
  });

  it('a hand-edited current file whose version lacks a history gets its creation entry', async () => {
    const file = path.join(t.dir, 'hub.json');
    const v2 = JSON.parse(fs.readFileSync(fixture('store', 'v2.json'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...v2, schemaVersion: SCHEMA_VERSION }));
    const db = await new JsonFileStore(file).read();
    assert.deepEqual(
      db.componentVersions.map(v => v.stageHistory.map(c => c.type)),
      [['testing', 'production'], ['testing', 'staging'], ['testing']],
    );
  });
});
