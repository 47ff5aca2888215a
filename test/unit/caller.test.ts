import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpRequest } from '@azure/functions';
import { AppError } from '../../shared/domain/errors.js';
import { actorOf } from '../../shared/http/actor.js';
import { authenticate, authorize, refuseCrossSite, type Caller } from '../../shared/http/caller.js';
import type { AuthConfig } from '../../shared/config/config.js';

/* Who is calling (shared/http/caller.ts) and who a write is recorded as (shared/http/actor.ts). */

const auth: AuthConfig = { apiKeys: ['key-one', 'key-two'], signIn: 'app-service' };
const url = 'https://mlcycle.example/api/pipelines';

/** The two things the caller code reads of a request: its URL and its headers. */
function request(headers: Record<string, string> = {}, at = url): HttpRequest {
  return { method: 'POST', url: at, headers: new Headers(headers) } as unknown as HttpRequest;
}

const encode = (principal: unknown) => Buffer.from(typeof principal === 'string' ? principal : JSON.stringify(principal), 'utf8').toString('base64');
const principal = (claims: { typ: string; val: string }[], extra: Record<string, unknown> = {}) => ({
  'x-ms-client-principal': encode({ auth_typ: 'aad', name_typ: 'name', role_typ: 'roles', claims, ...extra }),
});

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e.code;
  }
  return undefined;
}

describe('authenticate', () => {
  it('takes a key from the header or the code query parameter, as an operator', () => {
    assert.deepEqual(authenticate(request({ 'x-functions-key': 'key-two' }), auth), { kind: 'key', name: 'api-key', role: 'operator' });
    assert.deepEqual(authenticate(request({}, `${url}?code=key-one`), auth), { kind: 'key', name: 'api-key', role: 'operator' });
  });

  it('refuses a wrong key even when a principal is present, and a request with neither', () => {
    assert.equal(code(() => authenticate(request({ 'x-functions-key': 'nope', ...principal([{ typ: 'roles', val: 'mlcycle.operator' }]) }), auth)), 'UNAUTHENTICATED');
    assert.equal(code(() => authenticate(request(), auth)), 'UNAUTHENTICATED');
  });

  it('refuses a malformed principal: not base64 JSON, not an object, claims missing or too long', () => {
    for (const header of [encode('not json'), encode('[]'), encode({ auth_typ: 'aad' }), encode({ auth_typ: 'aad', claims: [{ typ: 'name', val: 'x'.repeat(5000) }] }), '%%%']) {
      assert.equal(code(() => authenticate(request({ 'x-ms-client-principal': header }), auth)), 'UNAUTHENTICATED', header);
    }
  });

  it('ignores the principal header when sign-in is off', () => {
    const headers = principal([{ typ: 'name', val: 'Ada' }, { typ: 'roles', val: 'mlcycle.operator' }]);
    assert.equal(code(() => authenticate(request(headers), { ...auth, signIn: 'off' })), 'UNAUTHENTICATED');
    assert.equal(authenticate(request(headers), auth).role, 'operator');
  });

  it('reads the roles from role_typ, or from a roles claim, the strongest granted winning', () => {
    const msRole = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
    assert.equal(authenticate(request(principal([{ typ: msRole, val: 'mlcycle.viewer' }], { role_typ: msRole })), auth).role, 'viewer');
    assert.equal(authenticate(request(principal([{ typ: 'roles', val: 'mlcycle.operator' }], { role_typ: msRole })), auth).role, 'operator');
    assert.equal(authenticate(request(principal([{ typ: 'roles', val: 'mlcycle.viewer' }, { typ: 'roles', val: 'mlcycle.operator' }])), auth).role, 'operator');
    // A role claim of another type, or another app's role, grants nothing.
    assert.equal(authenticate(request(principal([{ typ: 'groups', val: 'mlcycle.operator' }, { typ: 'roles', val: 'other.admin' }])), auth).role, undefined);
    assert.equal(authenticate(request(principal([{ typ: 'roles', val: 'mlcycle.viewer' }], { role_typ: undefined })), auth).role, 'viewer');
  });

  it('names the principal from name_typ, then the usual name claims, else "signed-in user"', () => {
    const name = (claims: { typ: string; val: string }[], extra: Record<string, unknown> = {}) => authenticate(request(principal(claims, extra)), auth).name;
    assert.equal(name([{ typ: 'upn', val: 'ada@contoso.com' }, { typ: 'name', val: 'Ada' }], { name_typ: 'upn' }), 'ada@contoso.com');
    assert.equal(name([{ typ: 'name', val: 'Ada Lovelace' }]), 'Ada Lovelace');
    assert.equal(name([{ typ: 'preferred_username', val: 'ada@contoso.com' }], { name_typ: undefined }), 'ada@contoso.com');
    assert.equal(name([{ typ: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', val: 'ada.l' }]), 'ada.l');
    assert.equal(name([{ typ: 'email', val: 'ada@example.com' }]), 'ada@example.com');
    assert.equal(name([{ typ: 'name', val: '' }]), 'signed-in user');
    assert.equal(name([{ typ: 'name', val: 'A'.repeat(1000) }]).length, 256);
  });
});

describe('authorize and the cross-site rule', () => {
  const viewer: Caller = { kind: 'principal', name: 'Vic', role: 'viewer' };
  const operator: Caller = { kind: 'principal', name: 'Olga', role: 'operator' };
  const nobody: Caller = { kind: 'principal', name: 'Nora' };

  it('lets a role do what it covers and refuses the rest with FORBIDDEN', () => {
    assert.equal(code(() => authorize(viewer, 'viewer')), undefined);
    assert.equal(code(() => authorize(viewer, 'operator')), 'FORBIDDEN');
    assert.equal(code(() => authorize(operator, 'operator')), undefined);
    assert.equal(code(() => authorize(nobody, 'viewer')), 'FORBIDDEN');
  });

  it("refuses a person's write from another site or origin, and lets keys and non-browsers through", () => {
    assert.equal(code(() => refuseCrossSite(request({ 'sec-fetch-site': 'cross-site' }), operator)), 'FORBIDDEN');
    assert.equal(code(() => refuseCrossSite(request({ 'sec-fetch-site': 'same-site' }), operator)), 'FORBIDDEN');
    assert.equal(code(() => refuseCrossSite(request({ origin: 'https://evil.example' }), operator)), 'FORBIDDEN');
    assert.equal(code(() => refuseCrossSite(request({ 'sec-fetch-site': 'same-origin', origin: 'https://mlcycle.example' }), operator)), undefined);
    assert.equal(code(() => refuseCrossSite(request({}), operator)), undefined);
    assert.equal(code(() => refuseCrossSite(request({ origin: 'https://evil.example' }), { kind: 'key', name: 'api-key', role: 'operator' })), undefined);
  });
});

describe('actorOf', () => {
  const key: Caller = { kind: 'key', name: 'api-key', role: 'operator' };
  it("records a person by name whatever the body's by says, and a key by its by, marked", () => {
    assert.equal(actorOf({ kind: 'principal', name: 'Ada', role: 'operator' }, 'Mallory'), 'Ada');
    assert.equal(actorOf(key, 'release-bot'), 'release-bot (api-key)');
    assert.equal(actorOf(key, '  '), 'api-key');
    assert.equal(actorOf(key), 'api-key');
    assert.equal(actorOf(key, 'x'.repeat(256)).length, 256);
    assert.equal(code(() => actorOf(undefined)), 'INTERNAL');
  });
});
