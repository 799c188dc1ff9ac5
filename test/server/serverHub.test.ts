// The server backend against Polyaxon's own API server (haupt), started and seeded by scripts/test-server.mjs
// with the real polyaxon client. Run: npm run test:server.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubError } from '../../src/core/errors';
import type { HubClient } from '../../src/core/client/types';
import { openServerHub } from '../../src/core/client/server';
import { PolyaxonHttp } from '../../src/core/client/server/http';
import { allPages } from '../../src/core/client/server/paginate';
import { credentials, SEED, SERVER, USER } from './helpers/testServer';

async function rejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<HubError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof HubError, `expected a HubError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected a '${code}' refusal`);
}

/** a local HTTP server answering every request with `handler` (slow, malformed, flaky servers) */
async function fakeServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const COMPONENT = (name: string, image = 'python:3.11') => `version: 1.1
kind: component
name: ${name}
description: Evaluates a model
tags: [eval]
inputs:
  - name: threshold
    type: float
    value: 0.5
    isOptional: true
outputs:
  - name: auc
    type: float
run:
  kind: job
  container:
    name: main
    image: ${image}
    command: [python, eval.py]
`;

describe('server backend against a real Polyaxon server', function () {
  // haupt serves one request at a time from sqlite; on a loaded 2-core machine a request can take seconds
  this.timeout(400_000);
  let hub: HubClient;
  const owner = SEED.owner;
  const suffix = Date.now().toString(36);

  before(async function () {
    if (!SERVER) throw new Error('POLYAXON_TEST_SERVER is not set: run these tests with `npm run test:server`, which starts and seeds haupt.');
    hub = await openServerHub({ url: SERVER, credentials, pollMs: 0 });
  });

  describe('connecting', () => {
    it('knows the server, the signed-in user and what the server lacks', () => {
      assert.equal(hub.location, SERVER);
      assert.equal(hub.user.username, USER);
      assert.equal(hub.capabilities?.backend, 'server');
      assert.match(hub.capabilities?.server ?? '', /^Polyaxon CE 2\.16\.4$/);
      assert.match(hub.capabilities?.unsupported.teams ?? '', /no teams/);
      assert.match(hub.capabilities?.unsupported['orgs.manage'] ?? '', /one owner/);
    });

    it('refuses wrong credentials with what to do', async () => {
      await rejects(openServerHub({ url: SERVER, credentials: { ...credentials, password: 'wrong' }, pollMs: 0 }), 'unauthenticated', /Sign In to Server/);
    });

    it('says when nothing listens at the address', async () => {
      const gone = await fakeServer(() => {});
      const url = gone.url;
      await gone.close();
      await rejects(openServerHub({ url, retries: 0 }), 'unreachable', /connection refused/);
    });

    it('says when the address is not a Polyaxon API', async () => {
      const web = await fakeServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>hello</html>');
      });
      try {
        await rejects(openServerHub({ url: web.url }), 'malformed', /not JSON/);
      } finally {
        await web.close();
      }
    });

    it('gives up on a server that does not answer, within the timeout', async () => {
      const slow = await fakeServer(() => {
        /* never answers */
      });
      try {
        const t = Date.now();
        await rejects(openServerHub({ url: slow.url, timeoutMs: 300, retries: 1, retryDelayMs: 10 }), 'timeout', /did not answer/);
        assert.ok(Date.now() - t < 5000);
      } finally {
        await slow.close();
      }
    });

    it('is cancelled by its AbortSignal', async () => {
      const slow = await fakeServer(() => {});
      try {
        const c = new AbortController();
        const p = new PolyaxonHttp({ url: slow.url }).json('installation', { signal: c.signal });
        setTimeout(() => c.abort(), 50);
        await rejects(p, 'cancelled');
      } finally {
        await slow.close();
      }
    });

    it('retries idempotent requests after a 503, never a POST', async () => {
      let hits = 0;
      const flaky = await fakeServer((_req, res) => {
        hits++;
        res.writeHead(503);
        res.end();
      });
      try {
        const client = new PolyaxonHttp({ url: flaky.url, retries: 2, retryDelayMs: 5 });
        await rejects(client.json('x'), 'unavailable');
        assert.equal(hits, 3);
        hits = 0;
        await rejects(client.json('x', { method: 'POST', body: {} }), 'unavailable');
        assert.equal(hits, 1);
      } finally {
        await flaky.close();
      }
    });
  });

  describe('organizations, teams and members', () => {
    it('shows the one owner as the only organization, with its projects', async () => {
      const orgs = await hub.orgs.list();
      assert.deepEqual(
        orgs.map(o => o.name),
        [owner],
      );
      assert.ok(orgs[0].projectCount >= 2);
      assert.ok(orgs[0].componentCount >= 1);
      assert.ok(!orgs[0].actions.includes('team.manage') && !orgs[0].actions.includes('org.delete'));
    });

    it('refuses what the server does not have, with the reason', async () => {
      await rejects(hub.teams.create(owner, 'ml'), 'unsupported', /no teams/);
      await rejects(hub.members.add(owner, 'ann', 'member'), 'unsupported', /member management/);
      await rejects(hub.orgs.create('acme'), 'unsupported', /one owner/);
      await rejects(hub.projects.list('acme'), 'not-found', /belongs to "default"/);
    });
  });

  describe('projects', () => {
    it('lists and shows the seeded project with its readme', async () => {
      const list = await hub.projects.list(owner);
      const vision = list.find(p => p.name === SEED.project);
      assert.ok(vision, `projects: ${list.map(p => p.name).join(', ')}`);
      assert.deepEqual(vision.tags, ['vision', 'cv']);
      const view = await hub.projects.get(owner, SEED.project);
      assert.match(view.readme, /^# Vision/);
      assert.equal(view.description, 'Image models');
    });

    it('creates, updates and deletes a project; a duplicate is a conflict, a missing one not found', async () => {
      const name = `tmp-${suffix}`;
      await hub.projects.create(owner, name, { description: 'scratch', tags: ['t'], readme: '# Scratch' });
      await rejects(hub.projects.create(owner, name), 'conflict');
      const updated = await hub.projects.update(owner, name, { description: 'changed', tags: ['a', 'b'] });
      assert.equal(updated.description, 'changed');
      assert.equal((await hub.projects.get(owner, name)).readme, '# Scratch');
      assert.equal(await hub.projects.isNameTaken(owner, name), true);
      await hub.projects.delete(owner, name);
      await rejects(hub.projects.get(owner, `never-${suffix}`), 'not-found');
    });

    it('reads every page of a long list', async () => {
      const names = [0, 1, 2].map(i => `page-${suffix}-${i}`);
      for (const n of names) await hub.projects.create(owner, n);
      const client = new PolyaxonHttp({ url: SERVER, credentials });
      // sorted by name, as the backend asks: the server's default order is not stable from one page to the next
      const all = await allPages(client, `${owner}/projects/list`, { pageSize: 2, query: { sort: 'name' } });
      const seen = all.map(p => (p as { name: string }).name);
      for (const n of names) assert.ok(seen.includes(n));
      assert.equal(new Set(seen).size, seen.length, 'no project twice across pages');
      for (const n of names) await hub.projects.delete(owner, n);
    });
  });

  describe('change notification', () => {
    const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
    const reader = new PolyaxonHttp({ url: SERVER, credentials });

    /** what the poll compares (the projects' count and newest update; and that project's name), read by another client */
    async function serverState(): Promise<string> {
      const page = await reader.json<{ count?: number; results?: { name?: string; updated_at?: string }[] }>(`${owner}/projects/list`, {
        query: { limit: 1, sort: '-updated_at' },
      });
      return `${page?.count}:${page?.results?.[0]?.name}@${page?.results?.[0]?.updated_at}`;
    }

    /** Waits until the server's projects stop changing: the server finishes earlier tests' deletions in the background. */
    async function settled(): Promise<string> {
      let last = await serverState();
      for (let same = 0, end = Date.now() + 120_000; same < 3;) {
        assert.ok(Date.now() < end, "the server's projects kept changing for 120 s");
        await sleep(1000);
        const now = await serverState();
        same = now === last ? same + 1 : 0;
        last = now;
      }
      return last;
    }

    it("announces this client's write once (the poll does not announce it again) and another client's write by the poll", async () => {
      const name = `notify-${suffix}`;
      await hub.projects.create(owner, name, { description: 'before' });
      try {
        // the server has background work of its own (deletions, runs, stats) that touches projects now and then:
        // a try during which the server changed by itself cannot tell whose change the poll saw, so it is tried again (up to 8 times)
        for (let attempt = 1; ; attempt++) {
          await settled();
          const watched = await openServerHub({ url: SERVER, credentials, pollMs: 500 });
          let changes = 0;
          const sub = watched.onDidChange(() => changes++);
          try {
            // the poll's first look records the state it compares with
            const opened = await serverState();
            await sleep(2000);
            const beforeWrite = await serverState();
            await watched.projects.update(owner, name, { description: `by this client (${attempt})` });
            assert.ok(changes >= 1, 'the write is announced when it is done');
            const afterWrite = await serverState();
            // many polls later, the same write has not been announced a second time
            await sleep(5000);
            const later = await serverState();
            // a change of the server's own before the write is announced by the poll too
            if ((later !== afterWrite || beforeWrite !== opened) && attempt < 8) {
              console.log(`      (try ${attempt}: the server changed by itself, ${opened} → ${beforeWrite} | ${afterWrite} → ${later}; trying again)`);
              continue;
            }
            assert.equal(later, afterWrite, 'the server kept changing by itself in 8 tries');
            assert.equal(changes, 1, "this client's write is announced once: when it is done, not again by the poll");
            await hub.projects.update(owner, name, { description: 'by another client' });
            for (const end = Date.now() + 60_000; changes < 2 && Date.now() < end;) await sleep(100);
            assert.equal(changes, 2, "another client's write is announced by the poll");
            return;
          } finally {
            sub.dispose();
          }
        }
      } finally {
        await hub.projects.delete(owner, name);
      }
    });
  });

  describe('runs', () => {
    it("lists the project's runs", async () => {
      const runs = await hub.projectRuns!.list(owner, SEED.project);
      const run = runs.find(r => r.uuid === SEED.run.uuid);
      assert.ok(run);
      assert.equal(run.name, SEED.run.name);
      assert.equal(run.status, 'succeeded');
      assert.deepEqual(run.outputs, { accuracy: 0.91, loss: 0.3 });
    });

    it('shows a run: status history, inputs, outputs, lineage, metrics and artifacts', async () => {
      const run = await hub.projectRuns!.get(owner, SEED.project, SEED.run.uuid);
      assert.deepEqual(run.inputs, { learning_rate: 0.001, epochs: 3, optimizer: 'adam' });
      assert.deepEqual(
        run.statusConditions.map(c => c.type),
        ['created', 'running', 'succeeded'],
      );
      const model = run.lineage.find(a => a.name === 'model');
      assert.equal(model?.kind, 'model');
      assert.equal(model?.path, 'outputs/model.pt');
      assert.deepEqual(
        run.metrics.loss.map(p => p.value),
        [0.9, 0.5, 0.3],
      );
      assert.deepEqual(
        run.metrics.accuracy.map(p => p.step),
        [0, 1, 2],
      );
      assert.ok(run.artifacts.dirs.includes('outputs'));
      const outputs = await hub.projectRuns!.artifacts(owner, SEED.project, SEED.run.uuid, 'outputs');
      assert.equal(outputs.files.find(f => f.path === 'outputs/model.pt')?.size, 1152);
    });

    it('says a run is not found', async () => {
      await rejects(hub.projectRuns!.get(owner, SEED.project, '0123456789abcdef0123456789abcdef'), 'not-found');
    });
  });

  describe('component hub', () => {
    it('lists the seeded component version with its stage', async () => {
      const components = await hub.components.list(owner);
      const trainer = components.find(c => c.name === SEED.component.project);
      assert.ok(trainer);
      const v1 = trainer.versions.find(v => v.name === SEED.component.version);
      assert.equal(v1?.stage, 'staging');
      assert.equal(v1?.hubRef, `${owner}/trainer:v1`);
      assert.equal(v1?.inputCount, 2);
      assert.deepEqual(
        (await hub.components.get(owner, 'trainer')).versions.map(v => v.name),
        ['v1'],
      );
      const view = await hub.components.version(owner, 'trainer', 'v1');
      assert.match(view.content, /kind: component/);
      assert.deepEqual(
        view.stageHistory.map(s => s.stage),
        ['testing', 'staging'],
      );
      assert.equal(view.stageHistory[1].message, 'ready for review');
      assert.match(view.operationSnippet, /hubRef: default\/trainer:v1/);
    });

    it('publishes a component file; the same again changes nothing; other content under the same version is refused', async () => {
      const name = `eval-${suffix}`;
      const first = await hub.components.publish({ org: owner, content: COMPONENT(name), version: 'v1', sourcePath: 'components/eval.yaml' });
      assert.equal(first.status, 'created');
      assert.equal(first.hubRef, `${owner}/${name}:v1`);
      const again = await hub.components.publish({ org: owner, content: COMPONENT(name), version: 'v1' });
      assert.equal(again.status, 'unchanged');
      await rejects(hub.components.publish({ org: owner, content: COMPONENT(name, 'python:3.12'), version: 'v1' }), 'version-exists', /immutable/);
      const view = await hub.components.version(owner, name, 'v1');
      assert.equal(view.publishedBy, USER);
      assert.equal(view.stage, 'testing');
      const staged = await hub.components.setStage({ org: owner, component: name, version: 'v1' }, 'production', 'approved in review');
      assert.equal(staged.stage, 'production');
      const history = (await hub.components.version(owner, name, 'v1')).stageHistory;
      assert.deepEqual(
        history.map(h => [h.stage, h.from]),
        [
          ['testing', undefined],
          ['production', 'testing'],
        ],
      );
      assert.equal(history[1].message, 'approved in review');
      await hub.components.deleteVersion({ org: owner, component: name, version: 'v1' });
      await rejects(hub.components.version(owner, name, 'v1'), 'not-found');
      await hub.projects.delete(owner, name);
    });

    it('refuses an invalid file before anything reaches the server', async () => {
      await rejects(hub.components.publish({ org: owner, content: 'kind: component\nrun: 3\n', version: 'v1' }), 'invalid');
    });
  });

  describe('model registry', () => {
    it("promotes a server run's lineage artifacts to a model version, stages it and finds it in production", async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      const plan = await hub.registry.planPromote({ org: owner, model: SEED.project, run: SEED.run.uuid, paths: [] });
      assert.equal(plan.problem, undefined);
      assert.deepEqual(
        plan.files.map(f => f.path),
        ['model'],
      );
      assert.equal(plan.detectedFramework, 'pytorch');
      const version = `v-${suffix}`;
      const { version: mv } = await hub.registry.promote({
        org: owner,
        model: SEED.project,
        run: SEED.run.uuid,
        paths: ['model'],
        version,
        description: 'baseline',
      });
      assert.equal(mv.runId, SEED.run.uuid);
      assert.equal(mv.lineage.runName, SEED.run.name);
      assert.deepEqual(
        mv.lineage.files.map(f => f.path),
        ['outputs/model.pt'],
      );
      assert.equal(mv.lineage.params.optimizer, 'adam');
      assert.deepEqual(mv.lineage.metrics.loss, { latest: 0.3, best: 0.3, goal: 'min', step: 2 });
      assert.equal(mv.framework, 'pytorch');
      assert.equal(mv.createdBy, USER);
      const staged = await hub.registry.setStage({ org: owner, model: SEED.project, version }, 'production', 'shipped');
      assert.equal(staged.stage, 'production');
      assert.deepEqual(
        staged.stageHistory.map(s => s.stage),
        ['testing', 'production'],
      );
      assert.deepEqual(
        (await hub.registry.stageAt(owner, SEED.project, new Date().toISOString())).map(v => v.name),
        [version],
      );
      assert.deepEqual(await hub.registry.stageAt(owner, SEED.project, before), []);
      const models = await hub.registry.list(owner);
      assert.deepEqual(models.find(m => m.name === SEED.project)?.production, [version]);
      await rejects(hub.registry.promote({ org: owner, model: SEED.project, run: SEED.run.uuid, paths: [], version }), 'version-exists');
      await rejects(
        hub.registry.promote({ org: owner, model: SEED.project, run: SEED.run.uuid, paths: ['weights'] }),
        'refused',
        /no output artifact named "weights"/,
      );
      await hub.registry.deleteVersion({ org: owner, model: SEED.project, version });
      await rejects(hub.registry.version(owner, SEED.project, version), 'not-found');
    });

    it('says why files cannot be downloaded from a server model version', async () => {
      await rejects(
        Promise.resolve().then(() => hub.registry.verify({ org: owner, model: 'x', version: 'v1' })),
        'unsupported',
        /artifacts store/,
      );
    });
  });
});
