import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedPipeline, sha } from '../fakes/seed.js';
import { signIn, startFakeAppHost, type FakeAppHost } from '../support/sign-in.js';

/*
 * With `MLCYCLE_SIGN_IN=off` the app trusts no principal header, even one a front end passed: only keys get in. The
 * dev host's stand-in still signs people in and passes their principal, which is exactly what the app must ignore.
 */

const keys = { functionKey: 'off-function-key', masterKey: 'off-master-key' };
let world: FakeAppHost;

before(async () => {
  world = await startFakeAppHost({ apiKeys: [keys.functionKey], signIn: 'off' }, keys);
  await seedPipeline(world.fakes, 'churn', sha('off'));
});
after(async () => world?.stop());

async function expectUnauthenticated(res: Response, label: string): Promise<void> {
  assert.equal(res.status, 401, label);
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, label);
  assert.equal(((await res.json()) as { code: string }).code, 'UNAUTHENTICATED', label);
}

describe('sign-in off', () => {
  it('ignores a principal (401) and starts nothing, while a key still works', async () => {
    const operator = await signIn(world.baseUrl, { name: 'Olga Operator', role: 'operator', key: keys.functionKey });
    await expectUnauthenticated(await fetch(`${world.baseUrl}/api/pipelines/churn`, { headers: { cookie: operator } }), 'read');
    const write = await fetch(`${world.baseUrl}/api/pipelines/churn/runs`, { method: 'POST', headers: { cookie: operator, 'content-type': 'application/json' }, body: '{}' });
    await expectUnauthenticated(write, 'write');
    assert.equal((await world.services.runs.list('churn', { limit: 10 })).items.length, 0);
    assert.equal((await fetch(`${world.baseUrl}/api/pipelines/churn`, { headers: { 'x-functions-key': keys.functionKey } })).status, 200);
  });
});
