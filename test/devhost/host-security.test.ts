import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { functionKey, startAppHost, type AppHost } from '../support/app-host.js';

/*
 * Hostile input at the dev host's front door, before any function runs: the Durable management API needs the system
 * (or master) key, requests the parser or the router cannot read get a 4xx problem+json with a code, the host's own
 * errors carry a code, and a key sent as `?code=` is never repeated in a link.
 */

let app: AppHost;
const example = readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8');
const jsonHeaders = { 'content-type': 'application/json' };
const masterKey = 'test-master-key';
const webhooks = '/runtime/webhooks/durabletask';

before(async () => {
  app = await startAppHost();
});
after(async () => app.stop());

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Send bytes as they are (fetch refuses a malformed Host or target) and read the response until the server closes. */
function raw(request: string): Promise<RawResponse> {
  const { port, hostname } = new URL(app.host.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (b: Buffer) => chunks.push(b));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    // Write without ending: the server closes the connection after its answer (Connection: close, or an error).
    socket.write(request);
  });
}

function get(target: string, host: string): string {
  return `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
}

async function problemOf(res: Response, status: number): Promise<{ code?: string; status?: number; detail?: string }> {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  return (await res.json()) as { code?: string; status?: number };
}

function rawProblem(res: RawResponse, status: number): { code?: string; status?: number; errors?: { field: string }[] } {
  assert.equal(res.status, status, res.body);
  assert.equal(res.headers['content-type'], 'application/problem+json');
  return JSON.parse(res.body) as { code?: string; status?: number };
}

describe('the Durable management API needs the system or master key', () => {
  it('refuses every call without the key, with 401 problem+json', async () => {
    const calls: [string, string][] = [
      ['GET', `${webhooks}/instances`],
      ['GET', `${webhooks}/instances/some-id?showHistory=true`],
      ['POST', `${webhooks}/orchestrators/pipelineRun/evil-1`],
      ['POST', `${webhooks}/instances/some-id/terminate`],
      ['POST', `${webhooks}/instances/some-id/restart`],
      ['POST', `${webhooks}/instances/some-id/raiseEvent/x`],
      ['DELETE', `${webhooks}/instances?createdTimeFrom=2000-01-01T00:00:00Z`],
    ];
    for (const [method, path] of calls) {
      for (const key of [null, functionKey, 'wrong']) {
        const res = await app.call(path, { method, key, ...(method === 'POST' ? { headers: jsonHeaders, body: '{}' } : {}) });
        const p = await problemOf(res, 401);
        assert.equal(p.code, 'UNAUTHENTICATED', `${method} ${path}`);
        assert.match(res.headers.get('www-authenticate') ?? '', /realm="mlcycle"/);
      }
      // The key as `?code=` is refused the same way when it is not the system or master key.
      const sep = path.includes('?') ? '&' : '?';
      assert.equal((await app.call(`${path}${sep}code=${functionKey}`, { method, key: null })).status, 401);
    }
  });

  it('answers with the master key (header or code) and the system key, and builds links from the base URL, not Host', async () => {
    assert.equal((await app.call(`${webhooks}/instances`, { key: masterKey })).status, 200);
    assert.equal((await app.call(`${webhooks}/instances?code=${masterKey}`, { key: null })).status, 200);
    const systemKey = app.durable.engine?.systemKey ?? '';
    assert.ok(systemKey.length >= 32, 'a random system key');
    assert.equal((await app.call(`${webhooks}/instances?code=${encodeURIComponent(systemKey)}`, { key: null })).status, 200);
    // The binding data the app's df.getClient() reads carries the key for every URL it builds.
    const binding = app.durable.engine!.clientBindingData();
    assert.equal(binding.requiredQueryStringParameters, `code=${encodeURIComponent(systemKey)}`);
    for (const url of [...Object.values(binding.managementUrls).filter((u) => u.startsWith('http')), binding.creationUrls.createNewInstancePostUri]) {
      assert.ok(url.includes(`code=${encodeURIComponent(systemKey)}`), url);
    }
    assert.ok(binding.rpcBaseUrl.startsWith(app.host.baseUrl), binding.rpcBaseUrl);
    const res = await raw(`POST ${webhooks}/orchestrators/nope-not-there HTTP/1.1\r\nHost: evil.example\r\nx-functions-key: ${masterKey}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    assert.equal(res.status, 400, 'an unknown orchestrator');
  });

  it('serves the status links from the base URL even when Host says otherwise', async () => {
    const started = await raw(
      `POST ${webhooks}/orchestrators/awaitTraining/host-check HTTP/1.1\r\nHost: evil.example:8080\r\nx-functions-key: ${masterKey}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnull`,
    );
    assert.equal(started.status, 202, started.body);
    const links = JSON.parse(started.body) as Record<string, string>;
    for (const [name, url] of Object.entries(links)) if (name !== 'id') assert.ok(url.startsWith(`${app.host.baseUrl}${webhooks}/`), `${name}: ${url}`);
    assert.ok(started.headers.location?.startsWith(app.host.baseUrl));
    assert.ok(!started.body.includes(masterKey), 'the master key is not echoed');
    await app.call(`${webhooks}/instances/host-check/terminate`, { method: 'POST', key: masterKey });
  });

  it('the rpc routes the app uses refuse a wrong key in the path', async () => {
    const rpc = new URL(app.durable.engine!.clientBindingData().rpcBaseUrl);
    const wrong = rpc.pathname.replace(/[^/]+\/$/, 'wrong/');
    assert.equal((await app.call(`${wrong}instances`, { key: null })).status, 401);
    assert.equal((await app.call(`${rpc.pathname}instances`, { key: null })).status, 200);
  });
});

describe('requests the host cannot read are 400 problem+json, before authentication', () => {
  it('invalid percent-encoding in the path', async () => {
    for (const target of ['/api/pipelines/%ZZ', '/api/health/%E0%A4%A', `${webhooks}/instances/%ZZ`, '/api/%ZZ']) {
      const p = rawProblem(await raw(get(target, '127.0.0.1')), 400);
      assert.equal(p.code, 'VALIDATION', target);
      assert.deepEqual(p.errors?.map((e) => e.field), ['path']);
    }
  });

  it('a malformed Host header, on every route, health included', async () => {
    for (const target of ['/api/health', '/api/pipelines', `${webhooks}/instances`]) {
      for (const host of ['bad host', 'a/b', '[::1', 'x:99999', 'user@evil']) {
        const p = rawProblem(await raw(get(target, host)), 400);
        assert.equal(p.code, 'VALIDATION', `${target} Host: ${host}`);
        assert.deepEqual(p.errors?.map((e) => e.field), ['host']);
      }
    }
    assert.equal((await raw(get('/api/health', 'localhost:7071'))).status, 200);
  });
});

describe("the host's own errors carry a code", () => {
  it('401 with WWW-Authenticate, 404, 405, 413', async () => {
    const unauth = await app.call('/api/pipelines', { key: null });
    assert.equal((await problemOf(unauth, 401)).code, 'UNAUTHENTICATED');
    assert.match(unauth.headers.get('www-authenticate') ?? '', /^FunctionKey realm="mlcycle"/);
    assert.equal((await problemOf(await app.call('/api/no-such-route'), 404)).code, 'NOT_FOUND');
    assert.equal((await problemOf(await app.call('/elsewhere'), 404)).code, 'NOT_FOUND');
    assert.equal((await problemOf(await app.call('/api/pipelines/x', { method: 'POST', headers: jsonHeaders, body: '{}' }), 405)).code, 'METHOD_NOT_ALLOWED');
    const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
    assert.equal((await problemOf(await app.call('/api/pipelines/x', { method: 'PUT', headers: jsonHeaders, body: big }), 413)).code, 'PAYLOAD_TOO_LARGE');
  });

  it('an over-long URL or header is 431 problem+json, not a bare 431', async () => {
    const longUrl = rawProblem(await raw(get(`/api/pipelines?x=${'a'.repeat(20_000)}`, '127.0.0.1')), 431);
    assert.equal(longUrl.code, 'HEADERS_TOO_LARGE');
    const longHeader = rawProblem(await raw(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`), 431);
    assert.equal(longHeader.code, 'HEADERS_TOO_LARGE');
    const garbage = rawProblem(await raw('NOT HTTP AT ALL\r\n\r\n'), 400);
    assert.equal(garbage.code, 'VALIDATION');
  });
});

describe('a key sent as ?code= is never echoed', () => {
  it('is dropped from nextLink', async () => {
    for (const id of ['code-1', 'code-2', 'code-3']) assert.equal((await app.call(`/api/pipelines/${id}`, { method: 'PUT', headers: jsonHeaders, body: example })).status, 201);
    const res = await app.call(`/api/pipelines?limit=1&code=${functionKey}`, { key: null });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(!text.includes(functionKey), text);
    const { nextLink } = JSON.parse(text) as { nextLink?: string };
    assert.ok(nextLink?.includes('limit=1'), nextLink);
    assert.equal((await app.call(nextLink ?? "")).status, 200, 'the link still works with the key in a header');
  });
});
