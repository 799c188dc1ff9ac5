import * as assert from 'node:assert/strict';
import {
  ACTIONS,
  actionsContextValue,
  allowedActions,
  can,
  canGrantOrgRole,
  check,
  checkRemoveMember,
  checkSetOrgRole,
  type Action,
} from '../../src/core/access';
import { HubError } from '../../src/core/errors';
import { emptyDatabase, ORG_ROLES, type Database, type OrgRole } from '../../src/core/model';
import { projectRecord } from './helpers/records';

// The permission matrix of DESIGN.md, written out independently of src/core/access.ts.
const ROW = {
  view: 'viewer member admin manager owner',
  write: 'member admin manager owner',
  admin: 'admin manager owner',
  manage: 'manager owner',
  owner: 'owner',
  billing: 'owner billing',
};
const MATRIX: Record<Action, string> = {
  view: ROW.view,
  'run.write': ROW.write,
  'modelVersion.write': ROW.write,
  'componentVersion.write': ROW.write,
  'project.create': ROW.admin,
  'project.delete': ROW.admin,
  'project.configure': ROW.admin,
  'registry.configure': ROW.admin,
  'hub.configure': ROW.admin,
  'version.delete': ROW.admin,
  'org.activity': ROW.admin,
  'org.settings': ROW.manage,
  'team.manage': ROW.manage,
  'member.manage': ROW.manage,
  'org.delete': ROW.owner,
  'org.rename': ROW.owner,
  'org.visibility': ROW.owner,
  billing: ROW.billing,
};
const PROJECT_SCOPED = new Set<Action>([
  'view',
  'run.write',
  'modelVersion.write',
  'componentVersion.write',
  'project.delete',
  'project.configure',
  'version.delete',
]);

const T = '2026-01-01T00:00:00.000Z';
function world(): Database {
  const db = emptyDatabase();
  db.orgs.push({
    name: 'acme',
    description: '',
    isPublic: false,
    createdBy: 'owner',
    createdAt: T,
    updatedAt: T,
    members: ORG_ROLES.map(role => ({ user: role, role })),
  });
  db.orgs.push({ name: 'open', description: '', isPublic: true, createdBy: 'x', createdAt: T, updatedAt: T, members: [{ user: 'x', role: 'owner' }] });
  const project = (name: string, extra: Partial<Database['projects'][number]> = {}) => db.projects.push(projectRecord('acme', name, 'owner', T, extra));
  project('p');
  project('secret', { teams: ['ml'] });
  project('shown', { isPublic: true });
  db.projects.push({ ...db.projects[0], org: 'open', name: 'pub', isPublic: true });
  db.teams.push({ org: 'acme', name: 'ml', description: '', members: [], projects: [], quota: {}, createdAt: T });
  return db;
}

describe('access: the permission matrix (every role × every action)', () => {
  const db = world();
  for (const role of ORG_ROLES) {
    for (const action of ACTIONS) {
      const expected = MATRIX[action].split(' ').includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        const targets = PROJECT_SCOPED.has(action) ? [{ org: 'acme' }, { org: 'acme', project: 'p' }] : [{ org: 'acme' }];
        for (const target of targets) {
          assert.equal(can(db, role, action, target), expected, `on ${JSON.stringify(target)}`);
          if (expected) assert.doesNotThrow(() => check(db, role, action, target));
          else {
            assert.throws(
              () => check(db, role, action, target),
              (e: unknown) => e instanceof HubError && e.code === 'denied' && e.message.includes(`; you are ${role}`),
            );
          }
        }
      });
    }
  }
  it('a non-member may do nothing in a private org', () => {
    for (const action of ACTIONS) assert.equal(can(db, 'stranger', action, { org: 'acme', project: 'p' }), false, action);
  });
  it('refusals name the action, the role needed and the role held', () => {
    assert.throws(() => check(db, 'viewer', 'componentVersion.write', { org: 'acme' }), {
      message: 'Publishing to acme needs role member or higher; you are viewer.',
    });
    assert.throws(() => check(db, 'member', 'project.delete', { org: 'acme', project: 'p' }), {
      message: 'Deleting project acme/p needs role admin or higher; you are member.',
    });
    assert.throws(() => check(db, 'manager', 'org.delete', { org: 'acme' }), { message: 'Deleting acme needs role owner; you are manager.' });
    assert.throws(() => check(db, 'admin', 'billing', { org: 'acme' }), {
      message: 'Managing the billing of acme needs role owner or billing; you are admin.',
    });
    assert.throws(() => check(db, 'stranger', 'view', { org: 'acme' }), { message: 'Viewing acme needs role viewer or higher; you are not a member of acme.' });
  });
  it('allowedActions lists exactly the permitted actions (for tree contextValues)', () => {
    assert.deepEqual(allowedActions(db, 'member', { org: 'acme', project: 'p' }), ['view', 'run.write', 'modelVersion.write', 'componentVersion.write']);
    assert.deepEqual(allowedActions(db, 'billing', { org: 'acme' }), ['billing']);
    assert.deepEqual(allowedActions(db, 'outsider', { org: 'acme', project: 'p' }), []);
  });
  it('unknown orgs and projects are "not found", not "denied"', () => {
    assert.throws(() => can(db, 'owner', 'view', { org: 'nope' }), { code: 'not-found' });
    assert.throws(() => can(db, 'owner', 'view', { org: 'acme', project: 'nope' }), { code: 'not-found' });
  });
});

describe('access: team and project roles', () => {
  it("a team role raises a member on the team's projects only, capped by the team's access role", () => {
    const db = world();
    db.teams[0].members.push({ user: 'viewer', role: 'admin' });
    db.teams[0].projects.push({ project: 'p', role: 'member' });
    assert.equal(can(db, 'viewer', 'run.write', { org: 'acme', project: 'p' }), true);
    assert.equal(can(db, 'viewer', 'project.delete', { org: 'acme', project: 'p' }), false, 'capped at the access role member');
    assert.equal(can(db, 'viewer', 'run.write', { org: 'acme', project: 'shown' }), false, 'another project');
    assert.equal(can(db, 'viewer', 'project.create', { org: 'acme' }), false, 'not org-level actions');
    assert.throws(() => check(db, 'viewer', 'project.delete', { org: 'acme', project: 'p' }), {
      message: 'Deleting project acme/p needs role admin or higher; you are viewer in acme and member on this project (team ml).',
    });
  });
  it('a team or project role never lowers the org role', () => {
    const db = world();
    db.teams[0].members.push({ user: 'admin', role: 'viewer' });
    db.teams[0].projects.push({ project: 'p', role: 'viewer' });
    db.projects[0].members.push({ user: 'admin', role: 'viewer' });
    assert.equal(can(db, 'admin', 'project.delete', { org: 'acme', project: 'p' }), true);
  });
  it('an outsider sees only what a team or project role gives', () => {
    const db = world();
    assert.deepEqual(allowedActions(db, 'outsider', { org: 'acme', project: 'p' }), []);
    db.projects[0].members.push({ user: 'outsider', role: 'viewer' });
    assert.deepEqual(allowedActions(db, 'outsider', { org: 'acme', project: 'p' }), ['view']);
    db.teams[0].members.push({ user: 'outsider', role: 'member' });
    db.teams[0].projects.push({ project: 'shown', role: 'admin' });
    assert.ok(can(db, 'outsider', 'run.write', { org: 'acme', project: 'shown' }));
    assert.equal(can(db, 'outsider', 'view', { org: 'acme' }), false, 'no org-level view');
  });
  it('a project restricted to teams is visible only to their members, owners and managers', () => {
    const db = world();
    for (const role of ['viewer', 'member', 'admin'] as const) assert.equal(can(db, role, 'view', { org: 'acme', project: 'secret' }), false, role);
    for (const role of ['manager', 'owner'] as const) assert.equal(can(db, role, 'project.configure', { org: 'acme', project: 'secret' }), true, role);
    db.teams[0].members.push({ user: 'admin', role: 'viewer' });
    assert.equal(can(db, 'admin', 'project.delete', { org: 'acme', project: 'secret' }), true, 'team member: org role counts again');
    assert.throws(() => check(db, 'member', 'view', { org: 'acme', project: 'secret' }), /restricted to team ml/);
  });
  it('public projects can be viewed (only viewed) by anyone', () => {
    const db = world();
    assert.deepEqual(allowedActions(db, 'stranger', { org: 'acme', project: 'shown' }), ['view']);
    assert.deepEqual(allowedActions(db, 'stranger', { org: 'open', project: 'pub' }), ['view']);
    assert.deepEqual(allowedActions(db, 'stranger', { org: 'open' }), ['view']);
  });
});

describe('access: managing people', () => {
  it('nobody grants a role above their own', () => {
    const grants: Record<OrgRole, OrgRole[]> = {
      owner: [...ORG_ROLES],
      manager: ['manager', 'admin', 'member', 'viewer', 'outsider'],
      admin: ['admin', 'member', 'viewer', 'outsider'],
      member: ['member', 'viewer', 'outsider'],
      viewer: ['viewer', 'outsider'],
      billing: ['billing', 'outsider'],
      outsider: ['outsider'],
    };
    for (const granter of ORG_ROLES) {
      for (const role of ORG_ROLES) {
        assert.equal(canGrantOrgRole(granter, role), grants[granter].includes(role), `${granter} grants ${role}`);
      }
    }
  });
  it('owners manage everyone, managers everyone but owners, others nobody', () => {
    const db = world();
    assert.doesNotThrow(() => checkSetOrgRole(db, 'owner', 'acme', 'manager', 'viewer'));
    assert.doesNotThrow(() => checkSetOrgRole(db, 'manager', 'acme', 'admin', 'manager'));
    assert.throws(() => checkSetOrgRole(db, 'manager', 'acme', 'owner', 'viewer'), /an owner of acme, needs role owner; you are manager/);
    assert.throws(() => checkSetOrgRole(db, 'manager', 'acme', 'viewer', 'owner'), /Granting role owner in acme needs role owner or higher; you are manager/);
    assert.throws(() => checkSetOrgRole(db, 'admin', 'acme', 'viewer', 'member'), /Managing the members of acme needs role manager or higher; you are admin/);
    assert.throws(() => checkRemoveMember(db, 'manager', 'acme', 'owner'), /needs role owner/);
    assert.doesNotThrow(() => checkRemoveMember(db, 'manager', 'acme', 'billing'));
    assert.doesNotThrow(() => checkRemoveMember(db, 'viewer', 'acme', 'viewer'), 'anyone may leave');
  });
  it('the last owner can neither leave nor be demoted', () => {
    const db = world();
    assert.throws(() => checkRemoveMember(db, 'owner', 'acme', 'owner'), { code: 'last-owner', message: /last owner of acme and cannot leave/ });
    assert.throws(() => checkSetOrgRole(db, 'owner', 'acme', 'owner', 'manager'), { code: 'last-owner' });
    db.orgs[0].members.push({ user: 'second', role: 'owner' });
    assert.doesNotThrow(() => checkRemoveMember(db, 'owner', 'acme', 'owner'));
    assert.doesNotThrow(() => checkSetOrgRole(db, 'second', 'acme', 'owner', 'manager'));
  });
});

describe('access: contextValue helper', () => {
  it('lists the allowed actions for when-clauses', () => {
    const db = world();
    const value = actionsContextValue('project', allowedActions(db, 'member', { org: 'acme', project: 'p' }));
    assert.equal(value, 'project can:view can:run.write can:modelVersion.write can:componentVersion.write');
    assert.match(value, /\bcan:run\.write\b/);
    assert.doesNotMatch(value, /\bcan:project\.delete\b/);
  });
});
