// Visibility decided once (src/core/visibility.ts), and the client's lists agreeing with it.
import * as assert from 'node:assert/strict';
import { openHub } from '../../src/core/client';
import { emptyDatabase, type Database, type OrgRole } from '../../src/core/model';
import { projectRecord } from './helpers/records';
import { MemoryStore } from '../../src/core/store/memoryStore';
import { canSeeOrg, findVisibleOrg, orgsWithVisibleHub, visibleComponents, visibleOrgs, visibleProjects, visibleTeams } from '../../src/core/visibility';

const T = '2026-01-01T00:00:00.000Z';
const ROLES: OrgRole[] = ['owner', 'viewer', 'billing', 'outsider'];

function db(): Database {
  const d = emptyDatabase();
  for (const [name, isPublic] of [
    ['closed', false],
    ['open', true],
  ] as const) {
    d.orgs.push({ name, description: '', isPublic, members: ROLES.map(role => ({ user: role, role })), createdBy: 'owner', createdAt: T, updatedAt: T });
    d.teams.push({ org: name, name: 'ml', description: '', members: [], projects: [], quota: {}, createdBy: 'owner', createdAt: T, updatedAt: T });
    d.projects.push(projectRecord(name, 'p', 'owner', T));
    d.components.push({ org: name, name: 'c', description: '', tags: [], isPublic: false, createdBy: 'owner', createdAt: T });
    d.components.push({ org: name, name: 'pc', description: '', tags: [], isPublic: true, createdBy: 'owner', createdAt: T });
  }
  return d;
}

describe('visibility', () => {
  const d = db();
  // who → [sees closed, sees closed's teams/projects/components, sees open's teams/projects/components]
  const expected: Record<string, [boolean, number, number]> = {
    owner: [true, 1, 1],
    viewer: [true, 1, 1],
    billing: [true, 0, 1],
    outsider: [true, 0, 1],
    stranger: [false, 0, 1],
  };
  for (const [user, [seesClosed, closedContent, openContent]] of Object.entries(expected)) {
    it(`${user}: orgs, teams, projects and components`, () => {
      assert.equal(canSeeOrg(d, user, 'closed'), seesClosed);
      assert.deepEqual(
        visibleOrgs(d, user).map(o => o.name),
        seesClosed ? ['closed', 'open'] : ['open'],
      );
      for (const [org, n] of [
        ['closed', closedContent],
        ['open', openContent],
      ] as const) {
        assert.equal(visibleTeams(d, user, org).length, n, `teams of ${org}`);
      }
      // a public component goes with its org's content; a private one (the default) only to members from viewer up
      const member = user === 'owner' || user === 'viewer';
      assert.deepEqual(
        visibleComponents(d, user, 'closed').map(c => c.name),
        closedContent ? ['c', 'pc'] : [],
      );
      assert.deepEqual(
        visibleComponents(d, user, 'open').map(c => c.name),
        member ? ['c', 'pc'] : ['pc'],
        'components of a public org',
      );
      assert.equal(visibleProjects(d, user, 'closed').length, closedContent, 'private projects of a private org');
      assert.equal(visibleProjects(d, user, 'open').length, user === 'owner' || user === 'viewer' ? 1 : 0, 'a private project of a public org');
      assert.deepEqual(orgsWithVisibleHub(d, user), closedContent ? ['closed', 'open'] : ['open']);
    });
  }

  it('refuses an unseen org with the membership message, and a missing one as not found', () => {
    assert.throws(() => findVisibleOrg(d, 'stranger', 'closed'), {
      code: 'denied',
      message: 'Viewing closed needs membership; you are not a member of closed.',
    });
    assert.throws(() => findVisibleOrg(d, 'owner', 'nope'), { code: 'not-found' });
    assert.equal(canSeeOrg(d, 'owner', 'nope'), false);
  });

  it('the client counts and lists what visibility decides', async () => {
    const store = new MemoryStore(db());
    for (const user of Object.keys(expected)) {
      const hub = openHub(store, { username: user });
      const orgs = await hub.orgs.list();
      assert.deepEqual(
        orgs.map(o => [o.name, o.teamCount, o.projectCount, o.componentCount]),
        visibleOrgs(d, user).map(o => [
          o.name,
          visibleTeams(d, user, o.name).length,
          visibleProjects(d, user, o.name).length,
          visibleComponents(d, user, o.name).length,
        ]),
        user,
      );
    }
  });
});
