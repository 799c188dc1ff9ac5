// polyaxon-hub publish / components list|show|pull|stage|delete through the CLI's run(), on a temp store.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import { tempDir } from './helpers/tmp';

const COMPONENT = `version: 1.1
kind: component
name: train
description: Trains
inputs:
- name: lr
  type: float
  value: 0.1
  isOptional: true
run:
  kind: job
  container:
    image: python:3.11
`;

describe('CLI: Component Hub commands', () => {
  let tmp: ReturnType<typeof tempDir>;
  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(['--store', path.join(tmp.dir, 'hub.json'), ...argv], {
      out: t => {
        out += t + '\n';
      },
      err: t => {
        err += t + '\n';
      },
      env: { POLYAXON_HUB_USER: 'alice' },
      cwd: tmp.dir,
    });
    return { code, out, err };
  };
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(tmp.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, rel), text);
  };

  beforeEach(async () => {
    tmp = tempDir('phub-cli-hub-');
    assert.equal((await cli('org', 'create', 'acme')).code, 0);
    assert.equal((await cli('member', 'add', 'acme', 'vic', '--role', 'viewer')).code, 0);
    write('components/train.yaml', COMPONENT);
  });
  afterEach(() => tmp.cleanup());

  it('--json prints one JSON document on stdout even when the failure is not a rule of the hub (a file system error)', async () => {
    assert.equal((await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1')).code, 0);
    write('blocker', 'a file where a folder is needed');
    const r = await cli('--json', 'components', 'pull', 'acme/train:v1', '--out', 'blocker/train.yaml');
    assert.equal(r.code, 1);
    assert.match(r.err, /blocker/);
    const doc = JSON.parse(r.out) as { error: { code: string; message: string } };
    assert.match(doc.error.message, /blocker/);
  });

  it('publishes with --json: the created version, then the same one for an identical republish', async () => {
    const first = await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1', '--json');
    assert.equal(first.code, 0, first.err);
    const created = JSON.parse(first.out);
    assert.equal(created.status, 'created');
    assert.equal(created.hubRef, 'acme/train:v1');
    assert.match(created.contentHash, /^[0-9a-f]{64}$/);
    assert.equal(created.sourcePath, 'components/train.yaml');
    assert.equal(created.content, undefined, 'publish output leaves the YAML out');
    const again = await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1', '--json');
    assert.equal(again.code, 0);
    assert.equal(JSON.parse(again.out).status, 'unchanged');
    assert.equal(JSON.parse(again.out).contentHash, created.contentHash);
    const text = await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1');
    assert.match(text.out, /Already published as acme\/train:v1/);
  });

  it('exit 1 with the reason for refusals; exit 2 for usage errors; the store unchanged', async () => {
    await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1');
    const store = path.join(tmp.dir, 'hub.json');
    const before = fs.readFileSync(store, 'utf8');
    write('components/train.yaml', COMPONENT.replace('3.11', '3.12'));
    const changed = await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1');
    assert.equal(changed.code, 1);
    assert.match(changed.err, /already published with different content/);
    const viewer = await run(['--store', store, '--as', 'vic', 'publish', 'components/train.yaml', '--org', 'acme', '--version', 'v2'], {
      out: () => {},
      err: () => {},
      env: {},
      cwd: tmp.dir,
    });
    assert.equal(viewer, 1);
    write('bad.yaml', COMPONENT.replace('  value: 0.1\n', '  default: 0.1\n'));
    const bad = await cli('publish', 'bad.yaml', 'components/train.yaml', '--org', 'acme', '--version', 'v9');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /bad\.yaml:8:3: error: Unknown key `default`/);
    assert.match(bad.err, /nothing was published/);
    assert.equal((await cli('publish', 'missing.yaml', '--org', 'acme', '--version', 'v1')).code, 1);
    assert.equal((await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', '../x')).code, 1);
    assert.equal((await cli('publish', 'components/train.yaml', '--org', 'acme')).code, 2, 'no version and none in the path');
    assert.equal((await cli('publish', 'components/train.yaml')).code, 2, '--org is required');
    assert.equal(fs.readFileSync(store, 'utf8'), before);
    // an admin replaces deliberately
    const replaced = await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1', '--replace', '--json');
    assert.equal(replaced.code, 0, replaced.err);
    assert.equal(JSON.parse(replaced.out).status, 'replaced');
    assert.equal(JSON.parse(replaced.out).history.length, 1);
  });

  it('takes versions from file paths, and lists, shows, pulls, stages and deletes', async () => {
    write('hub/train/1.0.yaml', COMPONENT);
    write('hub/train/1.1.yaml', COMPONENT.replace('3.11', '3.12'));
    const pub = await cli('publish', 'hub/train/1.0.yaml', 'hub/train/1.1.yaml', '--org', 'acme', '--json');
    assert.equal(pub.code, 0, pub.err);
    assert.deepEqual(
      JSON.parse(pub.out).map((v: { hubRef: string }) => v.hubRef),
      ['acme/train:1.0', 'acme/train:1.1'],
    );

    const list = JSON.parse((await cli('components', 'list', 'acme', '--json')).out);
    assert.equal(list[0].name, 'train');
    assert.deepEqual(list[0].versions.map((v: { name: string }) => v.name).sort(), ['1.0', '1.1']);

    const show = JSON.parse((await cli('components', 'show', 'acme/train:1.0', '--json')).out);
    assert.equal(show.content, COMPONENT);
    assert.deepEqual(
      show.inputs.map((i: { name: string }) => i.name),
      ['lr'],
    );
    assert.match((await cli('components', 'show', 'acme/train')).out, /1\.0/);

    const out = path.join(tmp.dir, 'pulled', 'train.yaml');
    assert.equal((await cli('components', 'pull', 'acme/train:1.0', '--out', out)).code, 0);
    assert.equal(fs.readFileSync(out, 'utf8'), COMPONENT);
    fs.writeFileSync(out, 'mine');
    const refused = await cli('components', 'pull', 'acme/train:1.0', '--out', out);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /already exists; nothing was written/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'mine');
    assert.equal((await cli('components', 'pull', 'acme/train:1.0', '--out', out, '--force')).code, 0);
    assert.equal(fs.readFileSync(out, 'utf8'), COMPONENT);
    assert.equal((await cli('components', 'pull', 'acme/train:9', '--out', path.join(tmp.dir, 'x.yaml'))).code, 1);
    assert.equal((await cli('components', 'show', 'train')).code, 1);

    assert.equal(JSON.parse((await cli('components', 'stage', 'acme/train:1.1', 'production', '--json')).out).stage, 'production');
    assert.equal((await cli('components', 'stage', 'acme/train:1.1', 'prod')).code, 1);
    assert.equal((await cli('components', 'delete', 'acme/train:1.0')).code, 0);
    assert.equal((await cli('components', 'delete', 'acme/train')).code, 2);
  });

  it('validate: one line per problem (1-based), exit 1 when any file is invalid, JSON per the contract', async () => {
    write('bad.yaml', COMPONENT.replace('  value: 0.1\n', '  default: 0.1\n'));
    const text = await cli('validate', 'components/train.yaml', 'bad.yaml', 'missing.yaml');
    assert.equal(text.code, 1);
    assert.match(text.out, /components\/train\.yaml: valid \(component\)/);
    assert.match(text.out, /bad\.yaml:8:3: error: Unknown key `default`/);
    assert.match(text.out, /missing\.yaml:1:1: error: The file does not exist/);
    assert.match(text.out, /3 files: 1 valid, 2 invalid/);
    const json = await cli('validate', 'bad.yaml', '--json');
    assert.equal(json.code, 1);
    const [entry] = JSON.parse(json.out);
    assert.equal(entry.file, 'bad.yaml');
    assert.equal(entry.valid, false);
    assert.deepEqual({ line: entry.errors[0].line, column: entry.errors[0].column }, { line: 8, column: 3 });
    assert.match(entry.errors[0].message, /Unknown key/);
    // a folder stands for its YAML files
    const folder = await cli('validate', 'components', '--json');
    assert.equal(folder.code, 0, folder.out);
    assert.deepEqual(
      JSON.parse(folder.out).map((r: { file: string }) => r.file),
      [path.join('components', 'train.yaml')],
    );
    assert.equal((await cli('validate')).code, 2);
  });

  it('validate warns about a hubRef the store does not hold, without calling the file invalid', async () => {
    await cli('publish', 'components/train.yaml', '--org', 'acme', '--version', 'v1');
    write('op.yaml', 'version: 1.1\nkind: operation\nhubRef: acme/train:v1\n');
    write('op2.yaml', 'version: 1.1\nkind: operation\nhubRef: acme/train:v2\n');
    const ok = JSON.parse((await cli('validate', 'op.yaml', '--json')).out)[0];
    assert.deepEqual([ok.valid, ok.warnings.length], [true, 0]);
    const r = await cli('validate', 'op2.yaml', '--json');
    assert.equal(r.code, 0);
    const missing = JSON.parse(r.out)[0];
    assert.equal(missing.valid, true);
    assert.ok(missing.warnings.length > 0, 'no warning for a hubRef missing from the hub');
  });
});
