// How the server backend fails, each case against something real: the real haupt server (wrong token, missing
// things, a relay in front of it that breaks one endpoint), a closed port, an unresolvable name, and local HTTP
// servers on real sockets that answer garbage, stall or hang up. Run: npm run test:server.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubError } from '../../src/core/errors';
import { openServerHub } from '../../src/core/client/server';
import { PolyaxonHttp } from '../../src/core/client/server/http';
import { credentials, SEED, SERVER } from './helpers/testServer';

// haupt on a loaded 2-core machine can take tens of seconds for one answer
const SLOW_SERVER_MS = 120_000;

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

interface Local {
  url: string;
  hits: { method: string; url: string }[];
  close(): Promise<void>;
}

/** a real HTTP server on 127.0.0.1 answering with `handler` */
async function localServer(handler: http.RequestListener): Promise<Local> {
  const hits: Local['hits'] = [];
  const server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '' });
    handler(req, res);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** a relay to the real server that answers `broken(path)` requests itself with a 500 */
async function relay(broken: (path: string) => boolean): Promise<Local> {
  const target = new URL(SERVER);
  return localServer((req, res) => {
    if (broken(req.url ?? '')) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('relay: broken on purpose');
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('server backend failures, each with a clear message', function () {
  this.timeout(400_000);
  before(function () {
    if (!SERVER) throw new Error('POLYAXON_TEST_SERVER is not set: run these tests with `npm run test:server`, which starts and seeds haupt.');
  });

  describe('reaching the server', () => {
    it('names a host that does not resolve (a real DNS lookup of a .invalid name)', async () => {
      await rejects(openServerHub({ url: 'http://polyaxon-hub-test.invalid:8000', retries: 0 }), 'unreachable', /does not resolve/);
    });

    it('says nothing listens on a closed port, after retrying the read', async () => {
      const gone = await localServer(() => {});
      const url = gone.url;
      await gone.close();
      const t = Date.now();
      await rejects(openServerHub({ url, retries: 2, retryDelayMs: 50 }), 'unreachable', /Nothing is listening at .* \(connection refused\)/);
      assert.ok(Date.now() - t >= 150, 'two waits between three attempts');
    });

    it('times out a server that sends its headers and then stalls the body', async () => {
      const stall = await localServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"version": "2.');
      });
      try {
        const t = Date.now();
        await rejects(new PolyaxonHttp({ url: stall.url, timeoutMs: 400, retries: 0 }).json('installation'), 'timeout', /began to answer, then stalled/);
        assert.ok(Date.now() - t < 5000);
      } finally {
        await stall.close();
      }
    });

    it('says so when the server hangs up in the middle of an answer', async () => {
      const hangUp = await localServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"count": 1, "results": [');
        setTimeout(() => req.socket.destroy(), 20);
      });
      try {
        await rejects(new PolyaxonHttp({ url: hangUp.url, retries: 0 }).json('default/projects/list'), 'unreachable', /broke off its answer/);
      } finally {
        await hangUp.close();
      }
    });

    it('cancels a slow read with its AbortSignal, also while waiting to retry', async () => {
      const slow = await localServer(() => {});
      const flaky = await localServer((_req, res) => {
        res.writeHead(503);
        res.end();
      });
      try {
        const c = new AbortController();
        const p = new PolyaxonHttp({ url: slow.url }).json('installation', { signal: c.signal, subject: 'its version' });
        setTimeout(() => c.abort(), 50);
        await rejects(p, 'cancelled', /Cancelled: its version/);
        const c2 = new AbortController();
        const p2 = new PolyaxonHttp({ url: flaky.url, retries: 5, retryDelayMs: 2000 }).json('x', { signal: c2.signal });
        setTimeout(() => c2.abort(), 200);
        const t = Date.now();
        await rejects(p2, 'cancelled');
        assert.ok(Date.now() - t < 1500, 'the cancel ends the wait for the next attempt');
        assert.equal(flaky.hits.length, 1);
      } finally {
        await slow.close();
        await flaky.close();
      }
    });
  });

  describe('retries', () => {
    it('retries only reads (GET); a POST, PATCH, PUT or DELETE is sent once', async () => {
      const flaky = await localServer((_req, res) => {
        res.writeHead(503);
        res.end();
      });
      try {
        const client = new PolyaxonHttp({ url: flaky.url, retries: 2, retryDelayMs: 5 });
        await rejects(client.json('x'), 'unavailable');
        assert.equal(flaky.hits.length, 3);
        for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
          flaky.hits.length = 0;
          await rejects(client.json('x', { method, body: {} }), 'unavailable');
          assert.equal(flaky.hits.length, 1, method);
        }
      } finally {
        await flaky.close();
      }
    });

    it('never resends a write that timed out (it may have reached the server)', async () => {
      const silent = await localServer(() => {});
      try {
        await rejects(
          new PolyaxonHttp({ url: silent.url, timeoutMs: 300, retries: 3, retryDelayMs: 5 }).json('x', { method: 'POST', body: {} }),
          'timeout',
          /may still have been made: refresh before trying again/,
        );
        assert.equal(silent.hits.length, 1);
      } finally {
        await silent.close();
      }
    });
  });

  describe('answers that are refusals', () => {
    it('a wrong token (401/403 from haupt) says how to sign in, in VS Code and for the CLI', async () => {
      const err = await rejects(openServerHub({ url: SERVER, credentials: { ...credentials, password: 'not-it' }, pollMs: 0 }), 'unauthenticated');
      assert.match(err.message, /Polyaxon: Sign In to Server/);
      assert.match(err.message, /polyaxon login|POLYAXON_AUTH_TOKEN/);
    });

    it('a 401 without detail names signing in', async () => {
      const locked = await localServer((_req, res) => json(res, 401, { detail: 'Authentication credentials were not provided.' }));
      try {
        await rejects(
          new PolyaxonHttp({ url: locked.url }).json('x'),
          'unauthenticated',
          /needs you to sign in \(401: Authentication credentials were not provided\.\)/,
        );
      } finally {
        await locked.close();
      }
    });

    it('a 403 that is not about credentials says to ask for access', async () => {
      const denied = await localServer((_req, res) => json(res, 403, { detail: 'You do not have permission to perform this action.' }));
      try {
        await rejects(
          new PolyaxonHttp({ url: denied.url }).json('x', { subject: 'deleting project p' }),
          'denied',
          /may not do this .*deleting project p.*Ask an admin/,
        );
      } finally {
        await denied.close();
      }
    });

    it('a missing run on the real server is not found, naming it', async () => {
      const hub = await openServerHub({ url: SERVER, credentials, pollMs: 0, timeoutMs: SLOW_SERVER_MS });
      await rejects(hub.projectRuns!.get(SEED.owner, SEED.project, 'ffffffffffffffffffffffffffffffff'), 'not-found', /Not found on .*run ffffffff/);
    });

    it('a 409 is a conflict that says to refresh', async () => {
      const conflicted = await localServer((req, res) => {
        if (req.url?.startsWith('/api/v1/installation')) return json(res, 200, { version: '2.16.4', dist: 'ce' });
        if (req.url?.startsWith('/api/v1/users')) return json(res, 404, {});
        if (req.method === 'POST') return json(res, 409, { detail: 'A project with this name was created meanwhile.' });
        return json(res, 200, { count: 0, results: [] });
      });
      try {
        const hub = await openServerHub({ url: conflicted.url, pollMs: 0 });
        await rejects(hub.projects.create('default', 'p1'), 'conflict', /Refresh and try again/);
      } finally {
        await conflicted.close();
      }
    });
  });

  describe('malformed answers', () => {
    it('a list that is not a page, and a run without a uuid, are malformed, not crashes', async () => {
      let page: unknown = { count: 3, results: 'three runs' };
      const odd = await localServer((req, res) => {
        if (req.url?.startsWith('/api/v1/installation')) return json(res, 200, { version: '2.16.4', dist: 'ce' });
        if (req.url?.startsWith('/api/v1/users')) return json(res, 404, {});
        return json(res, 200, page);
      });
      try {
        const hub = await openServerHub({ url: odd.url, pollMs: 0 });
        await rejects(hub.projectRuns!.list('default', 'p'), 'malformed', /without a list page/);
        page = { count: 1, results: [{ name: 'no uuid here' }] };
        await rejects(hub.projectRuns!.list('default', 'p'), 'malformed', /malformed run: it has no "uuid"/);
        page = { count: 1, results: ['a string, not a project'] };
        await rejects(hub.projects.list('default'), 'malformed', /malformed project: it is not an object/);
      } finally {
        await odd.close();
      }
    });

    it('an answer that is not JSON is malformed, quoting what came', async () => {
      const html = await localServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Welcome to nginx!</body></html>');
      });
      try {
        await rejects(openServerHub({ url: html.url }), 'malformed', /not JSON \(<html><body>Welcome to nginx!/);
      } finally {
        await html.close();
      }
    });
  });

  describe("a run's metrics when the server fails on them", () => {
    it('reads the raw event files when the events API fails, and gets the same curves', async () => {
      const hub = await openServerHub({ url: SERVER, credentials, pollMs: 0, timeoutMs: SLOW_SERVER_MS });
      const direct = await hub.projectRuns!.get(SEED.owner, SEED.project, SEED.run.uuid);
      const r = await relay(p => p.includes('/events/metric'));
      try {
        const relayed = await openServerHub({ url: r.url, credentials, pollMs: 0, timeoutMs: SLOW_SERVER_MS });
        const run = await relayed.projectRuns!.get(SEED.owner, SEED.project, SEED.run.uuid);
        assert.equal(run.metricsUnavailable, undefined);
        assert.deepEqual(
          run.metrics.loss.map(p => [p.step, p.value]),
          [
            [0, 0.9],
            [1, 0.5],
            [2, 0.3],
          ],
        );
        assert.deepEqual(run.metrics, direct.metrics);
        assert.ok(r.hits.some(h => h.url.includes('/events/metric')));
        assert.ok(r.hits.some(h => h.url.includes('/artifact?') && h.url.includes('stream=true')));
      } finally {
        await r.close();
      }
    });

    it('keeps the rest of the run view and says "metrics unavailable: <reason>" when both ways fail', async () => {
      const r = await relay(p => p.includes('/events/metric') || p.includes('/artifact?'));
      try {
        const relayed = await openServerHub({ url: r.url, credentials, pollMs: 0, timeoutMs: SLOW_SERVER_MS });
        const run = await relayed.projectRuns!.get(SEED.owner, SEED.project, SEED.run.uuid);
        assert.match(run.metricsUnavailable ?? '', /^metrics unavailable: .*failed on the metrics of run .* \(500: relay: broken on purpose\)/);
        assert.deepEqual(run.metrics, {});
        assert.equal(run.status, 'succeeded');
        assert.deepEqual(run.inputs, { learning_rate: 0.001, epochs: 3, optimizer: 'adam' });
        assert.ok(run.lineage.some(a => a.name === 'model'));
        assert.ok(run.artifacts.dirs.includes('outputs'));
        // promoting needs the lineage, not the curves: it still works
        const plan = await relayed.registry.planPromote({ org: SEED.owner, model: SEED.project, run: SEED.run.uuid, paths: [] });
        assert.equal(plan.problem, undefined);
      } finally {
        await r.close();
      }
    });
  });

  describe('paging', () => {
    it(`reads every page of a project's runs (limit/offset), and a limit stops early`, async () => {
      const r = await relay(() => false);
      try {
        const hub = await openServerHub({ url: r.url, credentials, pollMs: 0, timeoutMs: SLOW_SERVER_MS });
        const runs = await hub.projectRuns!.list(SEED.owner, SEED.paged.project);
        assert.equal(runs.length, SEED.paged.runs);
        assert.equal(new Set(runs.map(x => x.uuid)).size, SEED.paged.runs, 'no run twice across pages');
        const pages = r.hits.filter(h => h.url.startsWith(`/api/v1/${SEED.owner}/${SEED.paged.project}/runs?`)).map(h => new URL(h.url, r.url).searchParams);
        assert.deepEqual(
          pages.map(q => [q.get('offset'), q.get('limit')]),
          [
            ['0', '100'],
            ['100', '100'],
            ['200', '100'],
          ],
        );
        r.hits.length = 0;
        const first = await hub.projectRuns!.list(SEED.owner, SEED.paged.project, { limit: 150 });
        assert.equal(first.length, 150);
        assert.deepEqual(
          first.map(x => x.uuid),
          runs.slice(0, 150).map(x => x.uuid),
        );
        assert.equal(r.hits.filter(h => h.url.includes('/runs?')).length, 2);
      } finally {
        await r.close();
      }
    });

    it('shows a run created elsewhere at the next read: nothing is cached', async () => {
      const hub = await openServerHub({ url: SERVER, credentials, pollMs: 0, timeoutMs: SLOW_SERVER_MS });
      const before = await hub.projectRuns!.list(SEED.owner, SEED.paged.project, { limit: 5 });
      // another client (Polyaxon's own API, as a script would) records a run
      const other = new PolyaxonHttp({ url: SERVER, credentials, timeoutMs: SLOW_SERVER_MS });
      const created = (await other.json(`${SEED.owner}/${SEED.paged.project}/runs`, {
        method: 'POST',
        body: { name: 'made-elsewhere', is_managed: false },
      })) as { uuid: string };
      const after = await hub.projectRuns!.list(SEED.owner, SEED.paged.project, { limit: 5 });
      assert.equal(after[0].uuid, created.uuid);
      assert.equal(after[0].name, 'made-elsewhere');
      assert.ok(!before.some(x => x.uuid === created.uuid));
      assert.equal((await hub.projectRuns!.list(SEED.owner, SEED.paged.project)).length, SEED.paged.runs + 1);
      await other.text(`${SEED.owner}/${SEED.paged.project}/runs/${created.uuid}`, { method: 'DELETE' });
    });
  });
});
