import * as assert from 'node:assert/strict';
import { parseCredentials } from '../../src/core/client/server';
import { normalizeBaseUrl } from '../../src/core/client/server/http';
import { HubError } from '../../src/core/errors';

describe('server sign-in input', () => {
  it('reads a token, or user:password for a server that signs users in with a password', () => {
    assert.deepEqual(parseCredentials('  8f1e2d3c4b5a  '), { kind: 'token', token: '8f1e2d3c4b5a' });
    assert.deepEqual(parseCredentials('ann:s3cret:x'), { kind: 'basic', username: 'ann', password: 's3cret:x' });
  });

  it('refuses an empty or broken paste with a reason', () => {
    assert.throws(
      () => parseCredentials('   '),
      (e: unknown) => e instanceof HubError && /API token/.test(e.message),
    );
    assert.throws(
      () => parseCredentials('abc def'),
      (e: unknown) => e instanceof HubError && /no spaces/.test(e.message),
    );
  });

  it('normalizes a server address: no trailing slash or /api/v1, http(s) only', () => {
    assert.equal(normalizeBaseUrl('https://plx.example.com/'), 'https://plx.example.com');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:8000/api/v1/'), 'http://127.0.0.1:8000');
    assert.equal(normalizeBaseUrl('https://example.com/polyaxon/'), 'https://example.com/polyaxon');
    assert.throws(() => normalizeBaseUrl('ftp://x'), /not an http/);
    assert.throws(() => normalizeBaseUrl('not a url'), /not a server address/);
  });
});
