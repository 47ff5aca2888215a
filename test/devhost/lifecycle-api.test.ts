import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startAppHost, type AppHost } from '../support/app-host.js';

/*
 * The rollback and lifecycle routes on the dev host (real app, Cosmos server, Azurite; no MLflow): bad input is a
 * 4xx problem+json naming the field, and changes nothing. Rollback itself is tested over the fakes (test/unit).
 */
let app: AppHost;
const jsonHeaders = { 'content-type': 'application/json' };
const pipeline = readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8');

before(async () => {
  app = await startAppHost();
  assert.equal((await app.call('/api/pipelines/churn', { method: 'PUT', headers: jsonHeaders, body: pipeline })).status, 201);
});
after(async () => app.stop());

async function problem(res: Response, status: number, code: string): Promise<{ errors?: { field: string }[] }> {
  assert.equal(res.status, status, await res.clone().text());
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  const body = (await res.json()) as { code: string; errors?: { field: string }[] };
  assert.equal(body.code, code);
  return body;
}

const rollback = (body: string, headers: Record<string, string> = {}, path = '/api/pipelines/churn/rollback') => app.call(path, { method: 'POST', headers: { ...jsonHeaders, ...headers }, body });

describe('rollback and lifecycle on the dev host', () => {
  it('refuses bad input with a problem naming the field, and records nothing', async () => {
    for (const [body, field] of [['{"toVersion":"abc"}', 'toVersion'], ['{"toVersion":"0"}', 'toVersion'], ['{"toVersion":3}', 'toVersion'], ['{"by":7}', 'by'], [JSON.stringify({ reason: 'x'.repeat(2001) }), 'reason']] as const) {
      const p = await problem(await rollback(body), 400, 'VALIDATION');
      assert.ok(p.errors?.some((e) => e.field === field), `${body}: ${JSON.stringify(p.errors)}`);
    }
    await problem(await rollback('{not json'), 400, 'VALIDATION');
    const p = await problem(await rollback('{}', { 'Idempotency-Key': ' ' }), 400, 'VALIDATION');
    assert.ok(p.errors?.some((e) => e.field === 'Idempotency-Key'), JSON.stringify(p.errors));
    await problem(await rollback('{}', {}, '/api/pipelines/no-such/rollback'), 404, 'NOT_FOUND');
    await problem(await rollback('{}', {}, '/api/pipelines/bad%20id/rollback'), 400, 'VALIDATION');
    const anonymous = await app.call('/api/pipelines/churn/rollback', { method: 'POST', headers: jsonHeaders, body: '{}', key: null });
    assert.equal(anonymous.status, 401);
    const lifecycle = await app.call('/api/pipelines/churn/lifecycle');
    assert.equal(lifecycle.status, 200);
    assert.deepEqual(await lifecycle.json(), { pipelineId: 'churn', formerChampions: [], items: [] });
  });

  it('lifecycle: 404 for an unknown pipeline, 400 for a bad page size', async () => {
    await problem(await app.call('/api/pipelines/no-such/lifecycle'), 404, 'NOT_FOUND');
    const p = await problem(await app.call('/api/pipelines/churn/lifecycle?limit=0'), 400, 'VALIDATION');
    assert.ok(p.errors?.some((e) => e.field === 'limit'), JSON.stringify(p.errors));
  });
});
