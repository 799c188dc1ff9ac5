import * as assert from 'node:assert/strict';
import {
  formatHubRef,
  isReservedName,
  MAX_NAME_LENGTH,
  parseHubRef,
  parseOrgRef,
  slugProblem,
  usernameFrom,
  usernameProblem,
  versionNameProblem,
} from '../../src/core/names';
import { HubError } from '../../src/core/errors';

describe('names', () => {
  describe('slugs', () => {
    for (const ok of ['acme', 'ml-team', 'A_b-9', 'x', 'a'.repeat(MAX_NAME_LENGTH), 'models-v2', 'orgs1', 'my-project']) {
      it(`accepts ${ok.length > 20 ? `${ok.length} characters` : ok}`, () => assert.equal(slugProblem(ok), undefined));
    }
    for (const [bad, why] of [
      ['', /empty/],
      ['a'.repeat(MAX_NAME_LENGTH + 1), /129 characters; at most 128/],
      ['a b', /only letters/],
      ['a.b', /only letters/],
      ['a/b', /only letters/],
      ['../x', /only letters/],
      ['é', /only letters/],
      ['a:b', /only letters/],
    ] as const) {
      it(`refuses ${JSON.stringify(bad.length > 20 ? `${bad.length} characters` : bad)}`, () => assert.match(slugProblem(bad, 'project name') ?? '', why));
    }
    for (const word of [
      'model',
      'models',
      'hub',
      'hubs',
      'component',
      'components',
      'team',
      'teams',
      'org',
      'orgs',
      'project',
      'projects',
      'run',
      'runs',
      'Admin',
      'ROOT',
      'api',
      'registries',
      'dependencies',
      'activities',
      'versions',
      'statuses',
      'statusess',
      '404',
      '404s',
      'config_map',
    ]) {
      it(`refuses the reserved word ${word}`, () => {
        assert.ok(isReservedName(word));
        assert.match(slugProblem(word, 'project name') ?? '', /reserved word/);
      });
    }
    it('refuses with a HubError naming what was named', () => {
      assert.match(slugProblem('runs', 'project name') ?? '', /"runs" is a reserved word and cannot be used as a project name/);
    });
  });

  describe('version names', () => {
    for (const ok of ['latest', 'v1', 'v1.0', '1.2.3', 'rc_1-2.x', 'a'.repeat(128)]) {
      it(`accepts ${ok.slice(0, 20)}`, () => assert.equal(versionNameProblem(ok), undefined));
    }
    for (const bad of ['', 'v 1', 'v1/2', 'v1:2', 'a'.repeat(129), 'é']) {
      it(`refuses ${JSON.stringify(bad.slice(0, 20))}`, () => assert.ok(versionNameProblem(bad)));
    }
  });

  describe('usernames', () => {
    it('allow dots and reserved words', () => {
      assert.equal(usernameProblem('jane.doe'), undefined);
      assert.equal(usernameProblem('root'), undefined);
    });
    it('are derived from free text', () => {
      assert.equal(usernameFrom('Jane Doe'), 'jane-doe');
      assert.equal(usernameFrom('jane.doe'), 'jane.doe');
      assert.equal(usernameFrom('  --  '), 'user');
    });
  });

  describe('hub references [owner/]name[:version]', () => {
    const cases: [string, string, string, string][] = [
      // reference, owner, name, version — the forms of the reference (versioned_entity.py)
      ['tensorboard', 'polyaxon', 'tensorboard', 'latest'],
      ['tensorboard:v1', 'polyaxon', 'tensorboard', 'v1'],
      ['tensorboard:', 'polyaxon', 'tensorboard', 'latest'],
      ['acme/tensorboard', 'acme', 'tensorboard', 'latest'],
      ['acme/tensorboard:1.0.2', 'acme', 'tensorboard', '1.0.2'],
      ['acme.tensorboard', 'acme', 'tensorboard', 'latest'],
      ['acme.tensorboard:v1.1', 'acme', 'tensorboard', 'v1.1'],
      ['kaniko', 'polyaxon', 'kaniko', 'latest'],
    ];
    for (const [ref, owner, name, version] of cases) {
      it(`parses ${ref}`, () => {
        const parsed = parseHubRef(ref);
        assert.deepEqual([parsed.owner, parsed.name, parsed.version], [owner, name, version]);
      });
    }
    it('uses the given default owner', () => assert.equal(parseHubRef('x:1', 'acme').owner, 'acme'));
    for (const bad of ['', 'a:b:c', 'a/b/c', 'a.b.c', 'a/b.c', '/x', 'x/', 'a b', 'acme/x:v 1']) {
      it(`refuses ${JSON.stringify(bad)} with Polyaxon's message`, () => {
        assert.throws(
          () => parseHubRef(bad),
          (e: unknown) => e instanceof HubError && e.message.startsWith(`Received an invalid component reference: \`${bad}\``),
        );
      });
    }
    it('formats full and short forms, and round-trips', () => {
      assert.equal(formatHubRef({ owner: 'acme', name: 'x', version: 'v1' }), 'acme/x:v1');
      assert.equal(formatHubRef({ owner: 'polyaxon', name: 'x', version: 'latest' }, { short: true }), 'x');
      assert.equal(formatHubRef({ owner: 'acme', name: 'x', version: 'latest' }, { short: true, defaultOwner: 'acme' }), 'x');
      for (const [ref] of cases) {
        const p = parseHubRef(ref);
        assert.deepEqual(parseHubRef(formatHubRef(p)), { ...p, explicitOwner: true, explicitVersion: true });
      }
    });
    it('parses ORG/NAME[:VERSION] with the owner required, for components and models alike', () => {
      assert.deepEqual(parseOrgRef(' acme/churn:v2 ', 'model', 'acme/churn:v1'), { org: 'acme', name: 'churn', version: 'v2' });
      assert.deepEqual(parseOrgRef('acme.churn'), { org: 'acme', name: 'churn', version: undefined });
      assert.throws(
        () => parseOrgRef('churn:v1', 'model', 'acme/churn:v1'),
        (e: unknown) =>
          e instanceof HubError &&
          e.code === 'invalid-reference' &&
          e.message === '"churn:v1" does not name an organization: write ORG/NAME or ORG/NAME:VERSION (for example acme/churn:v1).',
      );
      assert.throws(
        () => parseOrgRef('acme/churn:v:1', 'model'),
        (e: unknown) => e instanceof HubError && e.message.startsWith('Received an invalid model reference'),
      );
    });
  });
});
