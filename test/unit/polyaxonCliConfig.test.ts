// Reading the host and token where Polyaxon's own CLI keeps them. The config files are written by polyaxon 2.16.4's
// own config managers (what `polyaxon config set` and `polyaxon login` call), in temporary homes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { readPolyaxonCliConfig } from '../../src/core/client/server';
import { HubError } from '../../src/core/errors';
import { run } from '../../src/cli/run';
import { tempDir } from './helpers/tmp';

const PYTHON = path.join(process.cwd(), '.cache', 'py', 'polyaxon', 'bin', 'python');

/** polyaxon's config managers write three homes in one process (importing polyaxon takes seconds) */
function polyaxonWrites(root: string): { plxHome: string; fileHome: string; homedHome: string; elsewhere: string } {
  if (!fs.existsSync(PYTHON)) throw new Error('polyaxon is not installed at .cache/py/polyaxon: run `bash scripts/setup-python` once.');
  const dirs = {
    plxHome: path.join(root, 'plx'),
    fileHome: path.join(root, 'file-home'),
    homedHome: path.join(root, 'homed-home'),
    elsewhere: path.join(root, 'elsewhere'),
  };
  // HOME must exist: polyaxon falls back to /tmp/.polyaxon when it cannot write there
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const basic = Buffer.from('ann:pa:ss').toString('base64');
  // set_config_path is what polyaxon.settings does with POLYAXON_HOME at start (CONFIG_PATH/.polyaxon/<file>)
  const script = `
import sys, json
import polyaxon.settings
from polyaxon._managers.client import ClientConfigManager
from polyaxon._managers.auth import AuthConfigManager
from polyaxon._managers.home import HomeConfigManager
from polyaxon._schemas.client import ClientConfig
from polyaxon._schemas.authentication import AccessTokenConfig
from polyaxon._schemas.home import HomeConfig
d = json.loads(sys.argv[1])
def at(home):
    ClientConfigManager.set_config_path(home)
    AuthConfigManager.set_config_path(home)
at(d["plxHome"])
ClientConfigManager.set_config(ClientConfig(host="http://plx.example:8000", authentication_type="Basic"))
AuthConfigManager.set_config(AccessTokenConfig(username="ann", token="${basic}"))
at(d["fileHome"])
ClientConfigManager.set_config(ClientConfig(host="http://from-file"))
AuthConfigManager.set_config(AccessTokenConfig(username="ann", token="file-token"))
HomeConfigManager.set_config_path(None)
HomeConfigManager.set_config(HomeConfig(path=d["elsewhere"]))
at(d["elsewhere"])
ClientConfigManager.set_config(ClientConfig(host="http://homed"))
`;
  const r = spawnSync(PYTHON, ['-c', script, JSON.stringify(dirs)], { env: { PATH: process.env.PATH ?? '', HOME: dirs.homedHome }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return dirs;
}

describe("Polyaxon CLI's host and token", function () {
  this.timeout(60_000);
  let t: ReturnType<typeof tempDir>;
  let homes: ReturnType<typeof polyaxonWrites>;
  before(() => {
    t = tempDir('plx-cfg-');
    homes = polyaxonWrites(t.dir);
  });
  after(() => t.cleanup());

  it('reads .client and .auth under POLYAXON_HOME, a Basic token as user and password', () => {
    const c = readPolyaxonCliConfig({ POLYAXON_HOME: homes.plxHome }, path.join(t.dir, 'nowhere'));
    assert.equal(c.dir, path.join(homes.plxHome, '.polyaxon'));
    assert.equal(c.host, 'http://plx.example:8000');
    assert.equal(c.hostSource, path.join(homes.plxHome, '.polyaxon', '.client'));
    assert.deepEqual(c.credentials, { kind: 'basic', username: 'ann', password: 'pa:ss' });
    assert.equal(c.credentialsSource, path.join(homes.plxHome, '.polyaxon', '.auth'));
  });

  it('lets POLYAXON_HOST, POLYAXON_AUTH_TOKEN and POLYAXON_AUTHENTICATION_TYPE override the files', () => {
    assert.deepEqual(readPolyaxonCliConfig({}, homes.fileHome).credentials, { kind: 'token', token: 'file-token', scheme: 'Token' });
    const c = readPolyaxonCliConfig(
      { POLYAXON_HOST: 'http://from-env', POLYAXON_AUTH_TOKEN: 'env-token', POLYAXON_AUTHENTICATION_TYPE: 'EphemeralToken' },
      homes.fileHome,
    );
    assert.equal(c.host, 'http://from-env');
    assert.equal(c.hostSource, 'POLYAXON_HOST');
    assert.deepEqual(c.credentials, { kind: 'token', token: 'env-token', scheme: 'EphemeralToken' });
    assert.equal(c.credentialsSource, 'POLYAXON_AUTH_TOKEN');
  });

  it("follows ~/.polyaxon/.home to Polyaxon's configured home", () => {
    assert.equal(readPolyaxonCliConfig({}, homes.homedHome).host, 'http://homed');
  });

  it('has nothing when nothing is configured, and names a broken file', () => {
    const empty = path.join(t.dir, 'empty');
    const c = readPolyaxonCliConfig({}, empty);
    assert.equal(c.host, undefined);
    assert.equal(c.credentials, undefined);
    fs.mkdirSync(path.join(empty, '.polyaxon'), { recursive: true });
    fs.writeFileSync(path.join(empty, '.polyaxon', '.auth'), '{"POLYAXON_AUTH_TOKEN": ');
    assert.throws(
      () => readPolyaxonCliConfig({}, empty),
      (e: unknown) => e instanceof HubError && e.code === 'invalid' && e.message.includes(path.join(empty, '.polyaxon', '.auth')),
    );
  });

  describe('polyaxon-hub --server', () => {
    async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
      let out = '',
        err = '';
      const code = await run(argv, {
        out: s => {
          out += `${s}\n`;
        },
        err: s => {
          err += `${s}\n`;
        },
        env: { HOME: path.join(t.dir, 'cli-home'), ...env },
        cwd: t.dir,
      });
      return { code, out, err };
    }

    it('refuses a line that mixes backends or has an empty server, before any request', async () => {
      assert.equal((await cli(['--server', '', 'project', 'list', 'default'])).code, 2);
      const mixed = await cli(['--server', 'http://127.0.0.1:9', '--store', 'x.json', 'project', 'list', 'default']);
      assert.equal(mixed.code, 2);
      assert.match(mixed.err, /--store and --server/);
      const as = await cli(['--as', 'ann', 'project', 'list', 'default'], { POLYAXON_HUB_SERVER: 'http://127.0.0.1:9' });
      assert.equal(as.code, 2);
      assert.match(as.err, /--as is for the local store/);
      const store = await cli(['--json', 'store', 'path'], { POLYAXON_HUB_SERVER: 'http://127.0.0.1:9' });
      assert.equal(store.code, 1);
      assert.equal(JSON.parse(store.out).error.code, 'unsupported');
    });

    it('says where to configure the host when --server polyaxon finds none', async () => {
      const r = await cli(['--server', 'polyaxon', 'project', 'list', 'default']);
      assert.equal(r.code, 1);
      assert.match(r.err, /Polyaxon's CLI has no server configured: set POLYAXON_HOST, or run `polyaxon config set --host URL`/);
    });

    it('fails clearly on a closed port, after retrying the read', async () => {
      const port = await new Promise<number>(resolve => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as net.AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      const r = await cli(['--json', 'project', 'list', 'default'], { POLYAXON_HUB_SERVER: `http://127.0.0.1:${port}`, POLYAXON_HUB_TIMEOUT: '5' });
      assert.equal(r.code, 1);
      assert.equal(JSON.parse(r.out).error.code, 'unreachable');
      assert.match(r.err, /connection refused/);
    });
  });
});
