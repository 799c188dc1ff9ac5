// In a real VS Code extension host, against Polyaxon's own API server (haupt, started and seeded with the real
// polyaxon client by scripts/test-server.mjs): sign in (the secret kept in SecretStorage), the faces read the
// backend's capabilities (no teams/members rows or commands, one row that says why), browse projects and runs through
// the real Runs tree provider, promote a run's lineage artifact to a model version, set its stage, publish a component
// file of the workspace and stage it, the status bar names backend and user, switching backends needs no reload, and a
// server that stops answers every face with a clear message instead of a hang.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModelVersionView, PublishResult } from '../../src/core/client';
import type { activate } from '../../src/extension';
import type { NotOfferedItem, OrganizationsNode } from '../../src/features/orgs/organizationsTree';
import type { RunsNode } from '../../src/features/registry/runsTree';
import type { ServerArtifactItem, ServerProjectItem, ServerRunGroupItem, ServerRunItem } from '../../src/features/registry/serverRunItems';
import { PASSWORD, SEED, SERVER, USER } from '../server/helpers/testServer';

type Api = ReturnType<typeof activate>;

async function api(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>('polyaxon-hub.polyaxon-hub');
  assert.ok(extension);
  return extension.activate();
}

/** Waits for `probe` to give a value; haupt on a loaded 2-core machine answers in seconds, not milliseconds. */
async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 120_000): Promise<T> {
  let last: unknown;
  for (const until = Date.now() + ms; ;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/** Resolves with the promise's outcome, or fails the test when it takes longer than `ms` (a hang). */
async function within<T>(what: string, ms: number, p: Thenable<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(p),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} still had no answer after ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function labelOf(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
}

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri.fsPath;
}

const hostOf = (url: string) => new URL(url).host;

/** A TCP relay to the real server: its URL is a server the test can stop (close) while the extension is signed in to it. */
async function relay(target: string): Promise<{ url: string; stop(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise(r => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const COMPONENT = (name: string) => `version: 1.1
kind: component
name: ${name}
description: Scores a model on the holdout set
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
    image: python:3.11
    command: [python, evaluate.py]
`;

describe('Polyaxon Hub against a real Polyaxon server (in the extension host)', function () {
  // haupt serves one request at a time from sqlite; a promote is several requests, each seconds under load
  this.timeout(600_000);
  const suffix = Date.now().toString(36);
  const localOrg = `local-${suffix}`;
  let promoted: ModelVersionView | undefined;

  before(async () => {
    if (!SERVER) throw new Error('POLYAXON_TEST_SERVER is not set: run this suite with `npm run test:server`, which starts and seeds haupt.');
    const { session } = await api();
    // the suite starts on the local store, with one org of its own to tell the backends apart
    assert.equal(session.backend.kind, 'local');
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.org.create', { name: localOrg }), localOrg);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('polyaxonHub').update('server', '', vscode.ConfigurationTarget.Global);
  });

  it('on the local store, the organizations tree has members and teams and nothing is said to be missing', async () => {
    const { orgs, capabilities, backendStatus } = await api();
    await capabilities.applied;
    assert.equal(capabilities.values['polyaxonHub.backend'], 'local');
    assert.equal(capabilities.values['polyaxonHub.lacks.teams'], false);
    assert.match(backendStatus.text, /^\$\(database\) Polyaxon: local · tester$/);
    const roots = (await orgs.organizations.getChildren()) as OrganizationsNode[];
    const org = roots.find(n => labelOf(n) === localOrg);
    assert.ok(org, `the local org ${localOrg} is listed`);
    assert.deepEqual((await orgs.organizations.getChildren(org)).map(labelOf), ['Members', 'Teams', 'Projects']);
  });

  it('signs in with the credentials checked by the server, kept in SecretStorage, and switches backend without a reload', async () => {
    const { session, backendStatus } = await api();
    const signedIn = await within(
      'Sign In to Server',
      300_000,
      vscode.commands.executeCommand<string | undefined>('polyaxonHub.server.signIn', { url: SERVER, secret: `${USER}:${PASSWORD}` }),
    );
    assert.equal(signedIn, `${USER} at ${SERVER}`);
    assert.equal(vscode.workspace.getConfiguration('polyaxonHub').get('server'), SERVER);
    assert.deepEqual(await session.serverCredentials?.get(SERVER), { kind: 'basic', username: USER, password: PASSWORD });
    // the password is not in the settings
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('polyaxonHub')).includes(PASSWORD));
    const backend = await eventually('the session on the server, signed in', () =>
      session.backend.signedIn && !session.backend.problem ? session.backend : undefined,
    );
    assert.equal(backend.kind, 'server');
    assert.equal(backend.user, USER);
    assert.match(backend.server ?? '', /^Polyaxon CE 2\.16\.4$/);
    // the session's change event is coalesced (20 ms): the status bar follows the checked client a moment later,
    // and its text is the same before the check, so wait for the tooltip that names the server's version too
    const tooltip = new RegExp(`Polyaxon CE 2\\.16\\.4 at ${SERVER.replace(/\./g, '\\.')}, signed in as ${USER}`);
    await eventually(
      'the status bar naming the server, its version and the user',
      () => backendStatus.text === `$(server) Polyaxon: ${hostOf(SERVER)} · ${USER}` && tooltip.test(backendStatus.tooltip),
    );
  });

  it('hides what the server lacks (organizations, teams, members, activity) and says why in one row', async () => {
    const { orgs, capabilities } = await api();
    await eventually('the capability context of the server', async () => {
      await capabilities.applied;
      return capabilities.values['polyaxonHub.backend'] === 'server';
    });
    for (const feature of ['orgs.manage', 'teams', 'members', 'audit', 'project.rename', 'registry.files']) {
      assert.equal(capabilities.values[`polyaxonHub.lacks.${feature}`], true, feature);
    }
    const roots = (await orgs.organizations.getChildren()) as OrganizationsNode[];
    assert.deepEqual(roots.map(labelOf), [SEED.owner], 'the server has one owner, and the local org is not shown');
    const children = (await orgs.organizations.getChildren(roots[0])) as OrganizationsNode[];
    assert.deepEqual(children.map(labelOf), ['Projects', 'No members, teams or activity log on this server']);
    const note = children[1] as NotOfferedItem;
    assert.equal(note.command, undefined, 'the note is no button');
    assert.equal(note.contextValue, 'notOffered', 'and has no menu');
    assert.match(String(note.tooltip), /no member management/);
    assert.match(String(note.tooltip), /no teams/);
    // the org's own context value allows no management: its menus show no Add Member, Create Team, Rename…
    assert.ok(!/can:(member|team)\.manage|can:org\.(rename|delete|settings)/.test(roots[0].contextValue ?? ''), roots[0].contextValue);
    const projects = (await orgs.organizations.getChildren(children[0])).map(labelOf);
    assert.ok(projects.includes(SEED.project), `projects ${projects.join(', ')} include ${SEED.project}`);
  });

  it('the org and project pages say what the server does not offer instead of showing its controls', async () => {
    const { orgs } = await api();
    const org = orgs.orgPages.show({ org: SEED.owner });
    const orgState = await (org as unknown as { loadState(): Promise<{ notOffered?: Record<string, string>; activity?: unknown }> }).loadState();
    assert.match(orgState.notOffered?.teams ?? '', /no teams/);
    assert.match(orgState.notOffered?.members ?? '', /no member management/);
    assert.equal(orgState.activity, undefined);
    org.dispose();
    const project = orgs.projectPages.show({ org: SEED.owner, project: SEED.project });
    const state = await (project as unknown as { loadState(): Promise<{ readme: string; notOffered?: Record<string, string> }> }).loadState();
    assert.match(state.readme, /^# Vision/);
    assert.match(state.notOffered?.connections ?? '', /Connections are configured in the Polyaxon deployment/);
    assert.match(state.notOffered?.rename ?? '', /Renaming a project/);
    project.dispose();
  });

  it("browses the server's projects and runs through the Runs view", async () => {
    const { registry } = await api();
    const runsTree = registry.runs;
    const projects = (await eventually('the server projects in the Runs view', async () => {
      const roots = (await runsTree.getChildren()) as RunsNode[];
      return roots.some(r => labelOf(r) === SEED.project) ? roots : undefined;
    })) as ServerProjectItem[];
    const vision = projects.find(p => labelOf(p) === SEED.project)!;
    assert.equal(vision.kind, 'serverProject');
    const runs = (await runsTree.getChildren(vision)) as ServerRunItem[];
    const run = runs.find(r => r.kind === 'serverRun' && r.serverRun.uuid === SEED.run.uuid);
    assert.ok(run, `run ${SEED.run.name} listed in ${runs.map(labelOf).join(', ')}`);
    assert.equal(labelOf(run), SEED.run.name);
    assert.match(String(run.description), /^succeeded/);
    assert.equal(run.contextValue, 'serverRun', 'a whole run offers Promote');
    const children = (await runsTree.getChildren(run)) as RunsNode[];
    const byLabel = new Map(children.map(c => [labelOf(c), c]));
    assert.match(String(byLabel.get('status')?.description), /^succeeded/);
    const inputs = byLabel.get('Inputs') as ServerRunGroupItem;
    assert.ok(inputs, `Inputs among ${[...byLabel.keys()].join(', ')}`);
    assert.deepEqual(Object.fromEntries(inputs.entries), { learning_rate: '0.001', epochs: '3', optimizer: 'adam' });
    const metrics = (await runsTree.getChildren(byLabel.get('Metrics'))).map(m => `${labelOf(m)}=${String(m.description)}`);
    assert.deepEqual(metrics.sort(), ['accuracy=0.91 (step 2)', 'loss=0.3 (step 2)']);
    const model = byLabel.get('model') as ServerArtifactItem;
    assert.ok(model, 'the lineage model artifact is listed');
    assert.equal(model.contextValue, 'serverRunArtifact', 'an output artifact offers Promote');
    assert.match(String(model.description), /output · model · pytorch/);
  });

  it("promotes the run's lineage model to a model version, which the Model Registry shows", async () => {
    const { registry } = await api();
    const version = `v-host-${suffix}`;
    promoted = await within(
      'Promote to Model Registry',
      400_000,
      vscode.commands.executeCommand<ModelVersionView | undefined>('polyaxonHub.registry.promote', {
        paths: ['model'],
        org: SEED.owner,
        project: SEED.project,
        model: SEED.project,
        run: SEED.run.uuid,
        version,
      }),
    );
    assert.ok(promoted, 'the promote returned the new version (see the notifications for why not)');
    assert.equal(promoted.ref, `${SEED.owner}/${SEED.project}:${version}`);
    assert.equal(promoted.stage, 'testing');
    assert.equal(promoted.runId, SEED.run.uuid);
    assert.equal(promoted.framework, 'pytorch');
    const orgItem = await eventually('the registry org', async () => (await registry.registry.getChildren()).find(n => labelOf(n) === SEED.owner));
    const modelItem = await eventually('the model', async () => (await registry.registry.getChildren(orgItem)).find(n => labelOf(n) === SEED.project));
    const versions = (await registry.registry.getChildren(modelItem)).map(labelOf);
    assert.ok(versions.includes(version), `${version} among ${versions.join(', ')}`);
  });

  it('sets the stage of the promoted model version', async () => {
    assert.ok(promoted, 'needs the promoted version');
    const updated = await within(
      'Set Model Version Stage',
      300_000,
      vscode.commands.executeCommand<ModelVersionView | undefined>(
        'polyaxonHub.registry.setStage',
        { org: promoted.org, model: promoted.model, version: promoted.name },
        { stage: 'staging', reason: 'beats the baseline' },
      ),
    );
    assert.equal(updated?.stage, 'staging');
    assert.deepEqual(
      updated.stageHistory.map(s => s.stage),
      ['testing', 'staging'],
    );
  });

  it('publishes a component file of the workspace to the server and sets its stage', async () => {
    const { session } = await api();
    const name = `evaluator-${suffix}`;
    const file = path.join(workspaceDir(), `${name}.yaml`);
    fs.writeFileSync(file, COMPONENT(name));
    const [result] = await within(
      'Publish to Component Hub',
      400_000,
      vscode.commands.executeCommand<(PublishResult | undefined)[]>('polyaxonHub.hub.publish', {
        uris: [vscode.Uri.file(file)],
        org: SEED.owner,
        version: 'v1',
      }),
    );
    assert.ok(result, 'published (see the notifications for why not)');
    assert.equal(result.status, 'created');
    assert.equal(result.hubRef, `${SEED.owner}/${name}:v1`);
    const key = { org: SEED.owner, component: name, version: 'v1' };
    assert.equal(await vscode.commands.executeCommand('polyaxonHub.hub.setStage', key, { stage: 'production', reason: 'reviewed' }), 'production');
    // read back from the server, not from what the command returned
    assert.equal((await session.hub.components.version(SEED.owner, name, 'v1')).stage, 'production');
  });

  it('switches back to the local store and to the server again by the setting alone, without a reload', async () => {
    const { session, orgs, backendStatus, capabilities } = await api();
    await vscode.commands.executeCommand('polyaxonHub.server.useLocal');
    await eventually('the local store again', () => session.backend.kind === 'local');
    await eventually('the local status bar', () => backendStatus.text === '$(database) Polyaxon: local · tester');
    await eventually('the local capability context', async () => {
      await capabilities.applied;
      return capabilities.values['polyaxonHub.lacks.teams'] === false && capabilities.values['polyaxonHub.backend'] === 'local';
    });
    assert.ok((await orgs.organizations.getChildren()).some(n => labelOf(n) === localOrg));
    // the credentials stay in SecretStorage: setting the URL again is enough
    await vscode.workspace.getConfiguration('polyaxonHub').update('server', SERVER, vscode.ConfigurationTarget.Global);
    await eventually('the server again, signed in', () => session.backend.kind === 'server' && session.backend.signedIn && !session.backend.problem);
    await eventually('the server status bar', () => backendStatus.text === `$(server) Polyaxon: ${hostOf(SERVER)} · ${USER}`);
    assert.deepEqual((await orgs.organizations.getChildren()).map(labelOf), [SEED.owner]);
  });

  it('a server that stops: every face says so clearly, and nothing hangs', async () => {
    const { session, orgs, registry, backendStatus } = await api();
    const proxy = await relay(SERVER);
    try {
      assert.equal(
        await within(
          'Sign In through the relay',
          300_000,
          vscode.commands.executeCommand('polyaxonHub.server.signIn', { url: proxy.url, secret: `${USER}:${PASSWORD}` }),
        ),
        `${USER} at ${proxy.url}`,
      );
      await eventually('the relayed server in use', () => session.backend.location === proxy.url && session.backend.signedIn && !session.backend.problem);
      assert.ok(
        (await registry.runs.getChildren()).some(n => labelOf(n) === SEED.project),
        'browsing works through the relay',
      );
    } finally {
      await proxy.stop();
    }
    // the server is gone: the Runs view shows one row that says so
    const rows = await within('the Runs view', 60_000, registry.runs.getChildren());
    assert.equal(rows.length, 1);
    assert.match(labelOf(rows[0]), /Nothing is listening at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)\. Is the Polyaxon server running/);
    // the organizations tree gives up at once (the error is shown once, as for an unreadable store)
    assert.deepEqual(await within('the Organizations view', 60_000, orgs.organizations.getChildren()), []);
    // a command reports and returns instead of waiting
    assert.equal(
      await within(
        'Promote against a stopped server',
        60_000,
        vscode.commands.executeCommand('polyaxonHub.registry.promote', { paths: [], org: SEED.owner, project: SEED.project, run: SEED.run.uuid }),
      ),
      undefined,
    );
    // reconnecting (what a settings change or a new secret does) marks the status bar
    await within('reconnecting', 60_000, session.reconnect());
    assert.match(session.backend.problem ?? '', /connection refused/);
    await eventually('a warning in the status bar', () => backendStatus.text === `$(warning) Polyaxon: ${hostOf(proxy.url)}`, 10_000);
    assert.match(backendStatus.tooltip, /connection refused.*Click to sign in/);
  });
});
