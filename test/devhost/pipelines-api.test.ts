import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startAppHost, type AppHost } from '../support/app-host.js';

let app: AppHost;
const example = readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8');
const jsonHeaders = { 'content-type': 'application/json' };

before(async () => {
  app = await startAppHost();
});
after(async () => app.stop());

async function problem(res: Response, status: number): Promise<{ code: string; errors?: { field: string; message: string }[]; detail: string }> {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  return (await res.json()) as { code: string; errors?: { field: string; message: string }[]; detail: string };
}

describe('pipelines API on the dev host (Cosmos server, Azurite)', () => {
  it('creates, reads, lists and deletes a pipeline', async () => {
    const created = await app.call('/api/pipelines/churn', { method: 'PUT', headers: jsonHeaders, body: example });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), '/api/pipelines/churn');
    const etag = created.headers.get('etag');
    assert.ok(etag);
    const read = await app.call('/api/pipelines/churn');
    assert.equal(read.status, 200);
    const body = (await read.json()) as { id: string; mlflow: { registeredModelName: string }; createdAt: string };
    assert.equal(body.id, 'churn');
    assert.equal(body.mlflow.registeredModelName, 'churn-model');
    const replaced = await app.call('/api/pipelines/churn', { method: 'PUT', headers: { ...jsonHeaders, 'if-match': etag }, body: example });
    assert.equal(replaced.status, 200);
    assert.equal(((await replaced.json()) as { createdAt: string }).createdAt, body.createdAt, 'a replace keeps createdAt');
    const list = (await (await app.call('/api/pipelines')).json()) as { items: { id: string }[] };
    assert.ok(list.items.some((p) => p.id === 'churn'));
    assert.equal((await app.call('/api/pipelines/churn', { method: 'DELETE' })).status, 204);
    await problem(await app.call('/api/pipelines/churn'), 404);
  });

  it('pages the list with continuation tokens and a next link', async () => {
    for (const id of ['pg-1', 'pg-2', 'pg-3']) assert.equal((await app.call(`/api/pipelines/${id}`, { method: 'PUT', headers: jsonHeaders, body: example })).status, 201);
    const first = (await (await app.call('/api/pipelines?limit=2')).json()) as { items: unknown[]; continuationToken?: string; nextLink?: string };
    assert.equal(first.items.length, 2);
    assert.ok(first.continuationToken && first.nextLink);
    const second = (await (await app.call(first.nextLink)).json()) as { items: { id: string }[] };
    assert.ok(second.items.length >= 1);
  });

  it('answers 401 without a key, with a wrong key, and serves health anonymously', async () => {
    assert.equal((await app.call('/api/pipelines', { key: null })).status, 401);
    assert.equal((await app.call('/api/pipelines', { key: 'wrong' })).status, 401);
    assert.equal((await app.call('/api/pipelines?code=test-function-key', { key: null })).status, 200, 'the code query parameter works too');
    const health = await app.call('/api/health', { key: null });
    assert.equal(health.status, 200);
    const h = (await health.json()) as { status: string; dependencies: { name: string; status: string }[] };
    assert.equal(h.status, 'healthy');
    assert.deepEqual(h.dependencies.map((d) => [d.name, d.status]), [['cosmos', 'up'], ['storage-queues', 'up']]);
  });

  it('rejects an invalid body with 400 naming each bad field, and stores nothing', async () => {
    const bad = JSON.parse(example) as Record<string, unknown>;
    bad.policy = { primaryMetric: { name: 'auc', direction: 'sideways' } };
    delete bad.mlflow;
    const p = await problem(await app.call('/api/pipelines/bad-one', { method: 'PUT', headers: jsonHeaders, body: JSON.stringify(bad) }), 400);
    const fields = (p.errors ?? []).map((e) => e.field).sort();
    assert.deepEqual(fields, ['mlflow', 'policy.primaryMetric.direction']);
    await problem(await app.call('/api/pipelines/bad-one'), 404);
  });

  it('rejects malformed JSON, a bad id, non-JSON content and an oversized body', async () => {
    const malformed = await problem(await app.call('/api/pipelines/x1', { method: 'PUT', headers: jsonHeaders, body: '{"source":' }), 400);
    assert.equal(malformed.errors?.[0]?.field, '$');
    const badId = await problem(await app.call('/api/pipelines/Not_A_Slug', { method: 'PUT', headers: jsonHeaders, body: example }), 400);
    assert.equal(badId.errors?.[0]?.field, 'id');
    await problem(await app.call('/api/pipelines/x1', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: example }), 415);
    const big = JSON.stringify({ ...JSON.parse(example), description: 'x'.repeat(1_100_000) });
    await problem(await app.call('/api/pipelines/x1', { method: 'PUT', headers: jsonHeaders, body: big }), 413);
    await problem(await app.call('/api/pipelines/x1'), 404);
  });

  it('refuses a stale If-Match with 412 and keeps the stored pipeline', async () => {
    const created = await app.call('/api/pipelines/etag-test', { method: 'PUT', headers: jsonHeaders, body: example });
    const etag = created.headers.get('etag')!;
    const changed = JSON.stringify({ ...JSON.parse(example), enabled: false });
    assert.equal((await app.call('/api/pipelines/etag-test', { method: 'PUT', headers: { ...jsonHeaders, 'if-match': etag }, body: changed })).status, 200);
    await problem(await app.call('/api/pipelines/etag-test', { method: 'PUT', headers: { ...jsonHeaders, 'if-match': etag }, body: example }), 412);
    const stored = (await (await app.call('/api/pipelines/etag-test')).json()) as { enabled: boolean };
    assert.equal(stored.enabled, false);
    await problem(await app.call('/api/pipelines/etag-test', { method: 'PUT', headers: { ...jsonHeaders, 'if-none-match': '*' }, body: example }), 412);
    await problem(await app.call('/api/pipelines/etag-test', { method: 'DELETE', headers: { 'if-match': etag } }), 412);
  });

  it('validates list paging parameters', async () => {
    const p = await problem(await app.call('/api/pipelines?limit=0'), 400);
    assert.equal(p.errors?.[0]?.field, 'limit');
    const t = await problem(await app.call('/api/pipelines?continuationToken=forged'), 400);
    assert.equal(t.errors?.[0]?.field, 'continuationToken');
  });

  it('serves an OpenAPI document generated from the routes', async () => {
    const doc = (await (await app.call('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/pipelines/{id}', '/api/pipelines', '/api/health', '/api/openapi.json']) assert.ok(doc.paths[path], path);
    assert.deepEqual(Object.keys(doc.paths['/api/pipelines/{id}']!).sort(), ['delete', 'get', 'put']);
  });

  it('answers 405 with Allow for a known route and a wrong method', async () => {
    const res = await app.call('/api/pipelines/churn', { method: 'POST', headers: jsonHeaders, body: '{}' });
    assert.equal(res.status, 405);
    assert.match(res.headers.get('allow') ?? '', /GET/);
  });
});
