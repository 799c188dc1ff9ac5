import * as assert from 'node:assert/strict';
import { can } from '../../src/core/access';
import { resolveCurrentUser } from '../../src/core/currentUser';
import { HubError } from '../../src/core/errors';
import type { Database } from '../../src/core/model';
import { addMember, createOrg, deleteOrg, listOrgs, orgView, removeMember, renameOrg, setMemberRole, setOrgVisibility, updateOrg } from '../../src/core/orgs';
import {
  createProject,
  deleteProject,
  listProjects,
  removeConnection,
  renameProject,
  restrictProject,
  setConnection,
  setProjectMemberRole,
  updateProject,
} from '../../src/core/projects';
import { MemoryStore } from '../../src/core/store/memoryStore';
import {
  createTeam,
  deleteTeam,
  grantTeamProject,
  removeTeamMember,
  renameTeam,
  revokeTeamProject,
  setTeamMember,
  setTeamQuota,
  updateTeam,
} from '../../src/core/teams';
import { listAudit, registerCurrentUser } from '../../src/core/users';

const jane = { username: 'jane', displayName: 'Jane Doe', email: 'jane@acme.io' };
const bob = { username: 'bob' };
const carol = { username: 'carol' };

async function acme(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await createOrg(store, jane, 'acme', 'Acme ML');
  return store;
}
const refused = (pattern: RegExp, code?: string) => (e: unknown) => e instanceof HubError && pattern.test(e.message) && (!code || e.code === code);
const lastAudit = (db: Database) => db.audit[db.audit.length - 1];

describe('users', () => {
  it('the current user is recorded on first use, and an invited user completes their record', async () => {
    const store = await acme();
    let db = await store.read();
    assert.deepEqual(
      db.users.map(u => [u.username, u.displayName, u.email]),
      [['jane', 'Jane Doe', 'jane@acme.io']],
    );
    await addMember(store, jane, 'acme', 'Bob', 'member');
    db = await store.read();
    const invited = db.users.find(u => u.username === 'bob');
    assert.equal(invited?.invited, true);
    assert.equal(invited?.invitedBy, 'jane');
    await registerCurrentUser(store, { username: 'bob', displayName: 'Bob B' });
    db = await store.read();
    assert.equal(db.users.find(u => u.username === 'bob')?.invited, undefined);
    assert.equal(db.users.find(u => u.username === 'bob')?.displayName, 'Bob B');
  });
  it('the audit log of an org does not show the events of an earlier, deleted org of the same name', async () => {
    const store = await acme();
    await addMember(store, jane, 'acme', 'bob', 'member');
    await deleteOrg(store, jane, 'acme');
    await createOrg(store, carol, 'acme');
    await addMember(store, carol, 'acme', 'dave', 'viewer');
    const events = await listAudit(store, carol, 'acme');
    assert.deepEqual(
      events.map(e => [e.who, e.action, e.target]),
      [
        ['carol', 'member.add', 'acme/dave'],
        ['carol', 'org.create', 'acme'],
      ],
    );
    // an org renamed into the name brings its own history (under its old name), not the deleted org's
    await createOrg(store, jane, 'lab');
    await deleteOrg(store, carol, 'acme');
    await renameOrg(store, jane, 'lab', 'acme');
    assert.deepEqual(
      (await listAudit(store, jane, 'acme')).map(e => [e.who, e.action, e.target]),
      [
        ['jane', 'org.rename', 'lab'],
        ['jane', 'org.create', 'lab'],
      ],
    );
  });
  it('the current user comes from --as/setting, then POLYAXON_HUB_USER, then git, then the OS', () => {
    const git = (values: Record<string, string>) => (key: string) => values[key];
    assert.deepEqual(resolveCurrentUser({ configured: 'Jane.Doe', env: { POLYAXON_HUB_USER: 'x' }, gitConfig: git({}) }), { username: 'jane.doe' });
    assert.deepEqual(resolveCurrentUser({ env: { POLYAXON_HUB_USER: 'ci-bot' }, gitConfig: git({}) }), { username: 'ci-bot' });
    assert.deepEqual(resolveCurrentUser({ env: {}, gitConfig: git({ 'user.email': 'Jane.Doe@acme.io', 'user.name': 'Jane Doe' }) }), {
      username: 'jane.doe',
      email: 'Jane.Doe@acme.io',
      displayName: 'Jane Doe',
    });
    assert.deepEqual(resolveCurrentUser({ env: {}, gitConfig: git({ 'user.name': 'Jane Doe' }) }), { username: 'jane-doe', displayName: 'Jane Doe' });
    assert.deepEqual(resolveCurrentUser({ env: {}, gitConfig: git({}), osUser: () => 'root' }), { username: 'root' });
  });
});

describe('organizations', () => {
  it('create: the creator is owner; names are checked; duplicates refused (case-insensitively); audited', async () => {
    const store = await acme();
    const db = await store.read();
    assert.deepEqual(db.orgs[0].members, [{ user: 'jane', role: 'owner' }]);
    assert.equal(db.orgs[0].isPublic, false);
    assert.deepEqual([lastAudit(db).who, lastAudit(db).action, lastAudit(db).target], ['jane', 'org.create', 'acme']);
    await assert.rejects(createOrg(store, bob, 'ACME'), refused(/already exists/, 'exists'));
    await assert.rejects(createOrg(store, bob, 'orgs'), refused(/reserved word/, 'invalid-name'));
    await assert.rejects(createOrg(store, bob, '../etc'), refused(/only letters/));
  });
  it('every mutation writes exactly one audit event with who, action, target and when', async () => {
    const store = await acme();
    const steps: [string, () => Promise<unknown>][] = [
      ['org.update', () => updateOrg(store, jane, 'acme', { description: 'x' })],
      ['org.visibility', () => setOrgVisibility(store, jane, 'acme', true)],
      ['member.add', () => addMember(store, jane, 'acme', 'bob', 'admin')],
      ['member.role', () => setMemberRole(store, jane, 'acme', 'bob', 'member')],
      ['team.create', () => createTeam(store, jane, 'acme', 'ml')],
      ['team.update', () => updateTeam(store, jane, 'acme', 'ml', { description: 'd' })],
      ['project.create', () => createProject(store, jane, 'acme', 'churn', { tags: ['a', 'a', ' b '] })],
      ['project.update', () => updateProject(store, jane, 'acme', 'churn', { readme: '# Churn', isPublic: true })],
      ['team.member.add', () => setTeamMember(store, jane, 'acme', 'ml', 'bob', 'member')],
      ['team.member.role', () => setTeamMember(store, jane, 'acme', 'ml', 'bob', 'admin')],
      ['team.grant', () => grantTeamProject(store, jane, 'acme', 'ml', 'churn', 'member')],
      ['team.quota', () => setTeamQuota(store, jane, 'acme', 'ml', { storageBytes: 10_000, modelVersions: 3 })],
      ['project.restrict', () => restrictProject(store, jane, 'acme', 'churn', ['ml'])],
      ['project.member.role', () => setProjectMemberRole(store, jane, 'acme', 'churn', 'carol', 'viewer')],
      ['project.connection.add', () => setConnection(store, jane, 'acme', 'churn', { name: 'data', kind: 's3', description: 'raw data' })],
      ['project.connection.remove', () => removeConnection(store, jane, 'acme', 'churn', 'data')],
      ['project.member.remove', () => setProjectMemberRole(store, jane, 'acme', 'churn', 'carol', undefined)],
      ['team.revoke', () => revokeTeamProject(store, jane, 'acme', 'ml', 'churn')],
      ['team.member.remove', () => removeTeamMember(store, jane, 'acme', 'ml', 'bob')],
      ['project.rename', () => renameProject(store, jane, 'acme', 'churn', 'churn2')],
      ['team.rename', () => renameTeam(store, jane, 'acme', 'ml', 'ml2')],
      ['project.restrict', () => restrictProject(store, jane, 'acme', 'churn2', [])],
      ['team.delete', () => deleteTeam(store, jane, 'acme', 'ml2')],
      ['project.delete', () => deleteProject(store, jane, 'acme', 'churn2')],
      ['member.remove', () => removeMember(store, jane, 'acme', 'bob')],
      ['org.rename', () => renameOrg(store, jane, 'acme', 'acme2')],
      ['org.delete', () => deleteOrg(store, jane, 'acme2')],
    ];
    for (const [action, step] of steps) {
      const before = (await store.read()).audit.length;
      await step();
      const db = await store.read();
      assert.equal(db.audit.length, before + 1, action);
      const e = lastAudit(db);
      assert.equal(e.action, action);
      assert.equal(e.who, 'jane');
      assert.ok(e.target && !Number.isNaN(Date.parse(e.when)), action);
    }
  });
  it("visibility: lists show members' and public orgs only; the owner changes visibility", async () => {
    const store = await acme();
    await createOrg(store, bob, 'bobs');
    assert.deepEqual(
      (await listOrgs(store, jane)).map(o => o.name),
      ['acme'],
    );
    await addMember(store, bob, 'bobs', 'carol', 'manager');
    await assert.rejects(setOrgVisibility(store, carol, 'bobs', true), refused(/Changing the visibility of bobs needs role owner; you are manager/, 'denied'));
    await setOrgVisibility(store, bob, 'bobs', true);
    assert.deepEqual(
      (await listOrgs(store, jane)).map(o => o.name),
      ['acme', 'bobs'],
    );
    assert.throws(() => orgView({ ...emptyish(), orgs: [] } as Database, 'x', 'nope'), refused(/no organization named "nope"/, 'not-found'));
  });
  it('delete refuses an org that holds things, naming them, unless cascade; cascade removes every org-owned record', async () => {
    const store = await acme();
    await createTeam(store, jane, 'acme', 'ml');
    await createProject(store, jane, 'acme', 'p1');
    await createProject(store, jane, 'acme', 'p2');
    await store.mutate(db => {
      db.components.push({ org: 'acme', name: 'c', description: '', tags: [], isPublic: false, createdBy: 'jane', createdAt: 'now' });
      db.componentVersions.push({
        org: 'acme',
        component: 'c',
        name: 'v1',
        content: '',
        contentHash: 'h',
        inputs: [],
        outputs: [],
        stage: 'testing',
        stageHistory: [],
        publishedBy: 'jane',
        publishedAt: 'now',
        history: [],
      });
      (db as unknown as Record<string, unknown>).models = [
        { org: 'acme', name: 'm' },
        { org: 'other', name: 'n' },
      ];
    });
    await createOrg(store, jane, 'other');
    const before = JSON.stringify(await store.read());
    await assert.rejects(
      deleteOrg(store, jane, 'acme'),
      refused(/"acme" still holds 1 team, 2 projects, 1 component, 1 componentVersion, 1 model; .*cascade/, 'not-empty'),
    );
    assert.equal(JSON.stringify(await store.read()), before, 'nothing changed');
    await addMember(store, jane, 'acme', 'bob', 'manager');
    await assert.rejects(deleteOrg(store, bob, 'acme', { cascade: true }), refused(/Deleting acme needs role owner; you are manager/));
    const { deleted } = await deleteOrg(store, jane, 'acme', { cascade: true });
    assert.deepEqual(deleted, { teams: 1, projects: 2, components: 1, componentVersions: 1, models: 1 });
    const db = await store.read();
    assert.deepEqual(
      db.orgs.map(o => o.name),
      ['other'],
    );
    assert.deepEqual([db.teams, db.projects, db.components, db.componentVersions], [[], [], [], []]);
    assert.deepEqual((db as unknown as { models: unknown[] }).models, [{ org: 'other', name: 'n' }]);
    assert.ok(
      db.users.some(u => u.username === 'bob'),
      'users stay',
    );
    await deleteOrg(store, jane, 'other', { cascade: true });
  });
  it('rename moves every record the org owns; members and roles are unchanged', async () => {
    const store = await acme();
    await createTeam(store, jane, 'acme', 'ml');
    await createProject(store, jane, 'acme', 'p');
    await grantTeamProject(store, jane, 'acme', 'ml', 'p', 'member');
    await store.mutate(db => {
      db.components.push({ org: 'acme', name: 'c', description: '', tags: [], isPublic: false, createdBy: 'jane', createdAt: 'now' });
    });
    await createOrg(store, bob, 'taken');
    await assert.rejects(renameOrg(store, jane, 'acme', 'Taken'), refused(/already exists/));
    await assert.rejects(renameOrg(store, jane, 'acme', 'hub'), refused(/reserved/));
    await addMember(store, jane, 'acme', 'mgr', 'manager');
    await assert.rejects(renameOrg(store, { username: 'mgr' }, 'acme', 'x'), refused(/^Renaming acme needs role owner; you are manager\.$/, 'denied'));
    await renameOrg(store, jane, 'acme', 'acme-ai');
    const db = await store.read();
    assert.deepEqual([db.teams[0].org, db.projects[0].org, db.components[0].org], ['acme-ai', 'acme-ai', 'acme-ai']);
    assert.deepEqual(db.teams[0].projects, [{ project: 'p', role: 'member' }]);
    assert.deepEqual(db.orgs.find(o => o.name === 'acme-ai')?.members, [
      { user: 'jane', role: 'owner' },
      { user: 'mgr', role: 'manager' },
    ]);
    assert.deepEqual(lastAudit(db).details, { newName: 'acme-ai', moved: { teams: 1, projects: 1, components: 1 } });
  });
});

function emptyish(): Partial<Database> {
  return { users: [], teams: [], projects: [], audit: [] };
}

describe('members', () => {
  it('roles: owners manage everyone, managers all but owners, nobody grants above their own, last owner stays', async () => {
    const store = await acme();
    await addMember(store, jane, 'acme', 'bob', 'manager');
    await assert.rejects(addMember(store, bob, 'acme', 'carol', 'owner'), refused(/Granting role owner in acme needs role owner or higher; you are manager/));
    await assert.rejects(addMember(store, bob, 'acme', 'carol', 'billing'), refused(/Granting role billing in acme needs role owner/));
    await addMember(store, bob, 'acme', 'carol', 'admin');
    await assert.rejects(setMemberRole(store, bob, 'acme', 'jane', 'viewer'), refused(/jane, an owner of acme, needs role owner; you are manager/));
    await assert.rejects(addMember(store, carol, 'acme', 'dan', 'viewer'), refused(/Managing the members of acme needs role manager or higher; you are admin/));
    await assert.rejects(addMember(store, jane, 'acme', 'bob', 'viewer'), refused(/already a member/, 'exists'));
    await assert.rejects(addMember(store, jane, 'acme', 'dan', 'king'), refused(/"king" is not a role/));
    await assert.rejects(setMemberRole(store, jane, 'acme', 'jane', 'manager'), refused(/last owner of acme and cannot be demoted/, 'last-owner'));
    await assert.rejects(removeMember(store, jane, 'acme', 'jane'), refused(/last owner of acme and cannot leave/, 'last-owner'));
    await setMemberRole(store, jane, 'acme', 'bob', 'owner');
    await removeMember(store, jane, 'acme', 'jane'); // now jane may leave
    const db = await store.read();
    assert.deepEqual(db.orgs[0].members, [
      { user: 'bob', role: 'owner' },
      { user: 'carol', role: 'admin' },
    ]);
    assert.equal(lastAudit(db).action, 'member.leave');
  });
  it("removing a member removes them from the org's teams and project roles", async () => {
    const store = await acme();
    await addMember(store, jane, 'acme', 'bob', 'member');
    await createTeam(store, jane, 'acme', 'ml');
    await createProject(store, jane, 'acme', 'p');
    await setTeamMember(store, jane, 'acme', 'ml', 'bob', 'admin');
    await setProjectMemberRole(store, jane, 'acme', 'p', 'bob', 'admin');
    await removeMember(store, jane, 'acme', 'bob');
    const db = await store.read();
    assert.deepEqual(db.teams[0].members, []);
    assert.deepEqual(db.projects[0].members, []);
    assert.deepEqual(lastAudit(db).details, { role: 'member', teams: 1, projects: 1 });
  });
});

describe('teams', () => {
  it("a team role raises a member on the team's projects; a non-member joins the org as outsider", async () => {
    const store = await acme();
    await createProject(store, jane, 'acme', 'p');
    await createTeam(store, jane, 'acme', 'ml', 'ML people');
    await setTeamMember(store, jane, 'acme', 'ml', 'bob', 'member');
    let db = await store.read();
    assert.deepEqual(
      db.orgs[0].members.find(m => m.user === 'bob'),
      { user: 'bob', role: 'outsider' },
    );
    assert.equal(can(db, 'bob', 'view', { org: 'acme', project: 'p' }), false, 'no access before the grant');
    await grantTeamProject(store, jane, 'acme', 'ml', 'p', 'admin');
    db = await store.read();
    assert.equal(can(db, 'bob', 'run.write', { org: 'acme', project: 'p' }), true);
    assert.equal(can(db, 'bob', 'project.delete', { org: 'acme', project: 'p' }), false, 'capped by the team role member');
    assert.deepEqual(
      (await listProjects(store, 'acme', bob)).map(p => p.name),
      ['p'],
    );
    await assert.rejects(setTeamMember(store, jane, 'acme', 'ml', 'bob', 'owner'), refused(/not a team or project role/));
    await assert.rejects(grantTeamProject(store, jane, 'acme', 'ml', 'nope', 'viewer'), refused(/no project named "nope"/, 'not-found'));
  });
  it('only managers and owners manage teams; quotas are recorded, cleared with null, validated', async () => {
    const store = await acme();
    await addMember(store, jane, 'acme', 'bob', 'admin');
    await assert.rejects(createTeam(store, bob, 'acme', 'ml'), refused(/Managing the teams of acme needs role manager or higher; you are admin/));
    await createTeam(store, jane, 'acme', 'ml');
    await assert.rejects(createTeam(store, jane, 'acme', 'ML'), refused(/already has a team/));
    assert.deepEqual(await setTeamQuota(store, jane, 'acme', 'ml', { storageBytes: 5e9, modelVersions: 10 }), { storageBytes: 5e9, modelVersions: 10 });
    assert.deepEqual(await setTeamQuota(store, jane, 'acme', 'ml', { storageBytes: null }), { modelVersions: 10 });
    await assert.rejects(setTeamQuota(store, jane, 'acme', 'ml', { modelVersions: -1 }), refused(/whole number/));
    await assert.rejects(setTeamQuota(store, jane, 'acme', 'ml', { storageBytes: 1.5 }), refused(/whole number/));
  });
  it('rename updates project restrictions; delete refuses to open a project it alone restricts', async () => {
    const store = await acme();
    await createTeam(store, jane, 'acme', 'ml');
    await createTeam(store, jane, 'acme', 'cv');
    await createProject(store, jane, 'acme', 'a');
    await createProject(store, jane, 'acme', 'b');
    await restrictProject(store, jane, 'acme', 'a', ['ml']);
    await restrictProject(store, jane, 'acme', 'b', ['ml', 'cv']);
    await assert.rejects(restrictProject(store, jane, 'acme', 'a', ['nope']), refused(/no team named "nope"/));
    await renameTeam(store, jane, 'acme', 'ml', 'ml-core');
    let db = await store.read();
    assert.deepEqual(
      db.projects.map(p => p.teams),
      [['ml-core'], ['ml-core', 'cv']],
    );
    await assert.rejects(
      deleteTeam(store, jane, 'acme', 'ml-core'),
      refused(/only team project acme\/a is restricted to; deleting it would open it/, 'in-use'),
    );
    await restrictProject(store, jane, 'acme', 'a', ['cv']);
    await deleteTeam(store, jane, 'acme', 'ml-core');
    db = await store.read();
    assert.deepEqual(
      db.projects.map(p => p.teams),
      [['cv'], ['cv']],
    );
    assert.deepEqual(
      db.teams.map(t => t.name),
      ['cv'],
    );
  });
});

describe('projects', () => {
  it('create needs admin; fields are kept; rename carries team access and project-owned records', async () => {
    const store = await acme();
    await addMember(store, jane, 'acme', 'bob', 'member');
    await assert.rejects(createProject(store, bob, 'acme', 'p'), refused(/Creating projects in acme needs role admin or higher; you are member/));
    const p = await createProject(store, jane, 'acme', 'p', { description: 'd', tags: ['x', 'x', 'y'], readme: '# P', isPublic: true });
    assert.deepEqual([p.description, p.tags, p.readme, p.isPublic, p.teams, p.connections], ['d', ['x', 'y'], '# P', true, [], []]);
    await assert.rejects(createProject(store, jane, 'acme', 'P'), refused(/already has a project/));
    await assert.rejects(createProject(store, jane, 'acme', 'models'), refused(/reserved/));
    await createTeam(store, jane, 'acme', 'ml');
    await grantTeamProject(store, jane, 'acme', 'ml', 'p', 'viewer');
    await store.mutate(db => {
      (db as unknown as Record<string, unknown>).models = [{ org: 'acme', project: 'p', name: 'm' }];
    });
    await assert.rejects(renameProject(store, bob, 'acme', 'p', 'q'), refused(/Configuring project acme\/p needs role admin or higher; you are member/));
    await renameProject(store, jane, 'acme', 'p', 'q');
    const db = await store.read();
    assert.deepEqual(db.teams[0].projects, [{ project: 'q', role: 'viewer' }]);
    assert.deepEqual((db as unknown as { models: unknown[] }).models, [{ org: 'acme', project: 'q', name: 'm' }]);
  });
  it('delete removes team access, and needs cascade when records belong to it', async () => {
    const store = await acme();
    await createProject(store, jane, 'acme', 'p');
    await createTeam(store, jane, 'acme', 'ml');
    await grantTeamProject(store, jane, 'acme', 'ml', 'p', 'viewer');
    await store.mutate(db => {
      (db as unknown as Record<string, unknown>).models = [{ org: 'acme', project: 'p', name: 'm' }];
    });
    await assert.rejects(deleteProject(store, jane, 'acme', 'p'), refused(/still holds 1 models.*cascade/, 'not-empty'));
    await deleteProject(store, jane, 'acme', 'p', { cascade: true });
    const db = await store.read();
    assert.deepEqual([db.projects, db.teams[0].projects, (db as unknown as { models: unknown[] }).models], [[], [], []]);
  });
  it("per-user project roles raise rights, need configure rights, and cannot exceed the granter's", async () => {
    const store = await acme();
    await createProject(store, jane, 'acme', 'p');
    await addMember(store, jane, 'acme', 'bob', 'viewer');
    await setProjectMemberRole(store, jane, 'acme', 'p', 'bob', 'admin');
    let db = await store.read();
    assert.equal(can(db, 'bob', 'project.configure', { org: 'acme', project: 'p' }), true);
    assert.equal(can(db, 'bob', 'project.create', { org: 'acme' }), false);
    await setProjectMemberRole(store, bob, 'acme', 'p', 'carol', 'member'); // a project admin grants project roles
    db = await store.read();
    assert.equal(db.orgs[0].members.find(m => m.user === 'carol')?.role, 'outsider');
    await assert.rejects(setProjectMemberRole(store, carol, 'acme', 'p', 'dan', 'viewer'), refused(/Configuring project acme\/p needs role admin or higher/));
    await assert.rejects(setProjectMemberRole(store, jane, 'acme', 'p', 'dan', 'owner'), refused(/not a project role/));
  });
  it('restriction hides a project from org members outside the teams', async () => {
    const store = await acme();
    await addMember(store, jane, 'acme', 'bob', 'admin');
    await createProject(store, jane, 'acme', 'p');
    await createTeam(store, jane, 'acme', 'ml');
    await restrictProject(store, jane, 'acme', 'p', ['ml']);
    assert.deepEqual(await listProjects(store, 'acme', bob), []);
    assert.deepEqual(
      (await listProjects(store, 'acme', jane)).map(p => p.name),
      ['p'],
      'owners still see it',
    );
    await setTeamMember(store, jane, 'acme', 'ml', 'bob', 'viewer');
    assert.deepEqual(
      (await listProjects(store, 'acme', bob)).map(p => p.name),
      ['p'],
    );
    assert.deepEqual(orgView(await store.read(), 'bob', 'acme').projects, ['p']);
  });
  it('connections are added, replaced and removed by name', async () => {
    const store = await acme();
    await createProject(store, jane, 'acme', 'p');
    await setConnection(store, jane, 'acme', 'p', { name: 'data', kind: 's3', description: '' });
    await setConnection(store, jane, 'acme', 'p', { name: 'data', kind: 'gcs', description: 'moved' });
    assert.deepEqual((await store.read()).projects[0].connections, [{ name: 'data', kind: 'gcs', description: 'moved' }]);
    await assert.rejects(setConnection(store, jane, 'acme', 'p', { name: 'x', kind: '', description: '' }), refused(/needs a kind/));
    await assert.rejects(removeConnection(store, jane, 'acme', 'p', 'nope'), refused(/no connection named "nope"/));
  });
});
