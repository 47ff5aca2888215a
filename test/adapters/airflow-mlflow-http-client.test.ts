import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { callCounts, resetCallCounts } from '../../shared/adapters/http/call-stats.js';
import { HttpClient, type HttpAuth } from '../../shared/adapters/http/http-client.js';
import { retryAfterMs } from '../../shared/adapters/http/retry-after.js';
import { AppError } from '../../shared/domain/errors.js';
import { z } from '../../shared/domain/zod.js';

/*
 * The HTTP client both REST adapters share, against a scripted loopback server: which statuses are retried, how
 * Retry-After is honoured (waits observed through the injected sleep, never timed), 401 renewal, and messages that
 * never carry a secret.
 */

type Reply = { status: number; body?: string; headers?: Record<string, string> };
let server: Server;
let baseUrl: string;
let script: Reply[] = [];
const requests: { method: string; url: string; authorization?: string }[] = [];

before(async () => {
  server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    req.resume();
    const reply = script.shift() ?? { status: 200, body: '{"ok":true}' };
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body ?? '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  script = [];
  requests.length = 0;
  resetCallCounts();
});

const fast = { retries: 4, minDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 60_000, maxElapsedMs: 60_000 };

function client(opts: { auth?: HttpAuth; sleeps?: number[] } = {}): HttpClient {
  return new HttpClient({
    system: 'mlflow',
    displayName: 'Upstream',
    baseUrl,
    retry: fast,
    describeError: (b) => (typeof b === 'object' && b !== null && 'message' in b ? String((b).message) : undefined),
    sleep: async (ms) => {
      opts.sleeps?.push(ms);
    },
    ...(opts.auth ? { auth: opts.auth } : {}),
  });
}

describe('HTTP client: failure classification', () => {
  it('retries 503, 503 and succeeds on the third call', async () => {
    script = [{ status: 503 }, { status: 503 }, { status: 200, body: '{"value":3}' }];
    const c = client();
    const res = await c.request({ method: 'GET', path: '/x' });
    assert.equal(res.status, 200);
    assert.deepEqual(c.parse(res, z.object({ value: z.number() }), 'x'), { value: 3 });
    assert.equal(requests.length, 3);
    assert.equal(callCounts().mlflow, 3);
  });

  it('returns a 400 after one call, for the caller to judge', async () => {
    script = [{ status: 400, body: '{"message":"bad input"}' }];
    const c = client();
    const res = await c.request({ method: 'POST', path: '/x', json: { a: 1 } });
    assert.equal(res.status, 400);
    assert.equal(requests.length, 1);
    const err = c.failure(res, 'the call');
    assert.equal(err.code, 'PERMANENT');
    assert.equal(err.retryable, false);
    assert.match(err.message, /Upstream refused the call: HTTP 400 – bad input/);
  });

  for (const status of [408, 429, 500, 502, 504]) {
    it(`retries ${status}`, async () => {
      script = [{ status }, { status: 200 }];
      assert.equal((await client().request({ method: 'GET', path: '/x' })).status, 200);
      assert.equal(requests.length, 2);
    });
  }

  it('gives up with a TRANSIENT AppError when the retries run out', async () => {
    script = Array.from({ length: 10 }, () => ({ status: 503, body: '{"message":"down for maintenance"}' }));
    await assert.rejects(client().request({ method: 'GET', path: '/x' }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'TRANSIENT');
      assert.equal(e.retryable, true);
      assert.match(e.message, /Upstream is unavailable: GET \/x answered HTTP 503 – down for maintenance/);
      assert.equal(e.details.status, 503);
      return true;
    });
    assert.equal(requests.length, 5);
  });

  it('treats a refused connection as transient', async () => {
    const c = new HttpClient({ system: 'airflow', displayName: 'Nowhere', baseUrl: 'http://127.0.0.1:9', retry: { ...fast, retries: 1 } });
    await assert.rejects(c.request({ method: 'GET', path: '/x' }), (e: unknown) => e instanceof AppError && e.code === 'TRANSIENT' && /could not connect/.test(e.message));
  });

  it('parses bodies with zod and calls a mismatch PERMANENT', async () => {
    script = [{ status: 200, body: '{"value":"three"}' }];
    const c = client();
    const res = await c.request({ method: 'GET', path: '/x' });
    assert.throws(() => c.parse(res, z.object({ value: z.number() }), 'the read'), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /unexpected body \(value:/.test(e.message));
  });
});

describe('HTTP client: Retry-After', () => {
  it('waits at least the seconds a 429 asks for before the next attempt', async () => {
    const sleeps: number[] = [];
    script = [{ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }];
    assert.equal((await client({ sleeps }).request({ method: 'GET', path: '/x' })).status, 200);
    assert.deepEqual(sleeps, [7000]);
  });

  it('reads an HTTP-date Retry-After', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    assert.equal(retryAfterMs(new Date(now + 12_000).toUTCString(), now), 12_000);
    assert.equal(retryAfterMs('soon', now), null);
    assert.equal(retryAfterMs(undefined, now), null);
  });

  it('stops retrying when Retry-After exceeds the budget (the caller retries later)', async () => {
    const sleeps: number[] = [];
    script = [{ status: 503, headers: { 'retry-after': '3600' } }, { status: 200 }];
    await assert.rejects(client({ sleeps }).request({ method: 'GET', path: '/x' }), (e: unknown) => e instanceof AppError && e.code === 'TRANSIENT');
    assert.equal(requests.length, 1);
    assert.deepEqual(sleeps, []);
  });
});

describe('HTTP client: credentials', () => {
  it('renews credentials once on 401 and retries with the new ones', async () => {
    let generation = 1;
    const auth: HttpAuth = {
      headers: async () => ({ authorization: `Bearer token-${generation}` }),
      renew: async () => {
        generation += 1;
        return true;
      },
      secrets: () => [`token-${generation}`],
    };
    script = [{ status: 401 }, { status: 200 }];
    assert.equal((await client({ auth }).request({ method: 'GET', path: '/x' })).status, 200);
    assert.deepEqual(requests.map((r) => r.authorization), ['Bearer token-1', 'Bearer token-2']);
  });

  it('returns a second 401 to the caller instead of looping', async () => {
    const auth: HttpAuth = { headers: async () => ({ authorization: 'Bearer t' }), renew: async () => true, secrets: () => [] };
    script = [{ status: 401 }, { status: 401 }, { status: 200 }];
    assert.equal((await client({ auth }).request({ method: 'GET', path: '/x' })).status, 401);
    assert.equal(requests.length, 2);
  });

  it('scrubs secrets the upstream echoes out of every message', async () => {
    const auth: HttpAuth = { headers: async () => ({ authorization: 'Bearer very-secret-token' }), secrets: () => ['very-secret-token', 'hunter2-password'] };
    script = [{ status: 422, body: '{"message":"bad token very-secret-token for password hunter2-password"}' }];
    const c = client({ auth });
    const err = c.failure(await c.request({ method: 'GET', path: '/x' }), 'the call');
    assert.doesNotMatch(err.message, /very-secret-token|hunter2-password/);
    assert.match(err.message, /\[redacted\]/);
    assert.doesNotMatch(JSON.stringify(err.toJSON()), /very-secret-token|Bearer/);
  });
});
