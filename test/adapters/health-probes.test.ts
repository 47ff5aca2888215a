import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { registryHealth, s3Health } from '../../shared/adapters/health-checks.js';
import { freePort } from '../../devhost/emulators/free-port.js';

/*
 * Health of the dependencies without a health document of their own, against an HTTP server answering as they do:
 * an S3 endpoint refuses an anonymous request with 403 (serving), a registry's `/v2/` asks for credentials with 401
 * (serving); a 5xx, a wrong answer or nothing listening is down.
 */

let status = 200;
let server: Server;
let baseUrl: string;
const paths: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('health of S3 and the registry', () => {
  it('S3 is up when its endpoint answers, an anonymous 403 included, and down on a 5xx', async () => {
    status = 403;
    assert.equal((await s3Health(baseUrl).check()).status, 'up');
    status = 503;
    const down = await s3Health(baseUrl).check();
    assert.deepEqual([down.status, down.detail], ['down', 'answered HTTP 503']);
  });

  it('the registry is up when /v2/ answers 200 or 401, and down on anything else', async () => {
    paths.length = 0;
    for (const [s, expected] of [[200, 'up'], [401, 'up'], [404, 'down'], [500, 'down']] as const) {
      status = s;
      assert.equal((await registryHealth(baseUrl).check()).status, expected, `HTTP ${s}`);
    }
    assert.ok(paths.every((p) => p === '/v2/'), paths.join(', '));
  });

  it('nothing listening is down, without naming the endpoint', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const [s3, registry] = await Promise.all([s3Health(nowhere).check(), registryHealth(nowhere).check()]);
    assert.deepEqual([s3.status, registry.status], ['down', 'down']);
    assert.ok(!JSON.stringify([s3, registry]).includes(nowhere));
  });
});
