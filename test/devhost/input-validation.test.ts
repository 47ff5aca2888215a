import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startAppHost, type AppHost } from '../support/app-host.js';

/*
 * Hostile input on the dev host with the real app: every case answers a 4xx problem+json naming the field, and
 * changes nothing (no run, no pipeline, no orchestration started or restarted, no delete).
 */
let app: AppHost;
const jsonHeaders = { 'content-type': 'application/json' };
const secret = 'airflow-callback-secret-for-tests';
const example = JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const pipeline = JSON.stringify({ ...example, source: { kind: 'localGit', path: '.mlcycle/no-such-repo', branch: 'main' } });

before(async () => {
  app = await startAppHost({ env: { AIRFLOW_CALLBACK_SECRET: secret } });
  assert.equal((await app.call('/api/pipelines/sec', { method: 'PUT', headers: jsonHeaders, body: pipeline })).status, 201);
});
after(async () => app.stop());

interface ProblemBody {
  code: string;
  errors?: { field: string; message: string }[];
}

async function problem(res: Response, status: number, field?: string): Promise<ProblemBody> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  const body = JSON.parse(text) as ProblemBody;
  if (field) assert.ok(body.errors?.some((e) => e.field === field), `the problem names ${field}: ${text}`);
  return body;
}

const engine = () => {
  assert.ok(app.durable.engine);
  return app.durable.engine;
};
const runCount = async (pipelineId: string) => ((await (await app.call(`/api/pipelines/${pipelineId}/runs?limit=100`)).json()) as { items: unknown[] }).items.length;

async function failedRun(): Promise<string> {
  const res = await app.call('/api/pipelines/sec/runs', { method: 'POST', headers: jsonHeaders, body: '{}' });
  assert.equal(res.status, 202);
  const { runId } = (await res.json()) as { runId: string };
  const end = Date.now() + 30_000;
  while (engine().getStatus(runId)?.runtimeStatus !== 'Completed' && engine().getStatus(runId)?.runtimeStatus !== 'Failed') {
    if (Date.now() > end) throw new Error(`run ${runId} did not finish`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return runId;
}

describe('hostile input on the dev host', () => {
  it('refuses an Airflow callback whose dag run id would inject into the Durable client URL: nothing starts or restarts', async () => {
    const runId = await failedRun();
    const before = engine().getStatus(runId);
    const instancesBefore = engine().listInstances().map((s) => s.instanceId).sort();
    const hook = (dagRunId: string) =>
      app.call('/api/hooks/airflow', { method: 'POST', key: null, headers: { ...jsonHeaders, 'x-mlcycle-callback-secret': secret }, body: JSON.stringify({ dagId: 'mlcycle_training', dagRunId, state: 'success' }) });
    for (const dagRunId of ['mlcycle__../orchestrators/trainingRun/x?', `mlcycle__${runId}/restart?`, `mlcycle__${runId}%2Frestart`, 'mlcycle__a b', `mlcycle__${runId}:x`]) {
      await problem(await hook(dagRunId), 400, 'dagRunId');
    }
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(engine().listInstances().map((s) => s.instanceId).sort(), instancesBefore, 'no new orchestration instance');
    const afterStatus = engine().getStatus(runId);
    assert.equal(afterStatus?.runtimeStatus, before?.runtimeStatus);
    assert.equal(afterStatus?.createdTime, before?.createdTime, 'the finished run was not restarted');
    assert.equal(afterStatus?.lastUpdatedTime, before?.lastUpdatedTime, 'the finished run was not restarted');
  });

  it('answers 400 naming Idempotency-Key for an empty, blank or too long key on start and retry, and starts nothing', async () => {
    const runId = await failedRun();
    const count = await runCount('sec');
    for (const key of ['', '   ', 'k'.repeat(256)]) {
      await problem(await app.call('/api/pipelines/sec/runs', { method: 'POST', headers: { ...jsonHeaders, 'idempotency-key': key }, body: '{}' }), 400, 'Idempotency-Key');
      await problem(await app.call(`/api/runs/${runId}/retry`, { method: 'POST', headers: { 'idempotency-key': key } }), 400, 'Idempotency-Key');
    }
    assert.equal(await runCount('sec'), count);
  });

  it('answers 400 naming ref for a ref git would not accept, and creates no run', async () => {
    const count = await runCount('sec');
    for (const ref of ['--upload-pack=touch /tmp/x', 'main/../../x', 'a..b', 'main\u0001', '-main', 'feature.lock', 'main@{1}', 'x:y', '/main', 'main/', 'main.']) {
      await problem(await app.call('/api/pipelines/sec/runs', { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ ref }) }), 400, 'ref');
    }
    assert.equal(await runCount('sec'), count);
    const bad = { ...JSON.parse(pipeline), source: { kind: 'localGit', path: 'x', branch: '--upload-pack=x' } } as unknown;
    await problem(await app.call('/api/pipelines/bad-branch', { method: 'PUT', headers: jsonHeaders, body: JSON.stringify(bad) }), 400, 'source.branch');
    assert.equal((await app.call('/api/pipelines/bad-branch')).status, 404);
  });

  it('does not read an empty path segment as a pipeline id', async () => {
    const res = await app.call('/api/pipelines//runs', { method: 'PUT', headers: jsonHeaders, body: pipeline });
    assert.ok(res.status === 404 || res.status === 400, `status ${res.status}`);
    assert.equal((await app.call('/api/pipelines/runs')).status, 404, 'no pipeline named runs was created');
  });

  it('refuses a continuation token the API did not issue, even inside its own envelope', async () => {
    for (const id of ['sec-p1', 'sec-p2', 'sec-p3']) assert.equal((await app.call(`/api/pipelines/${id}`, { method: 'PUT', headers: jsonHeaders, body: pipeline })).status, 201);
    const first = (await (await app.call('/api/pipelines?limit=1')).json()) as { continuationToken: string };
    const envelope = (t: unknown) => Buffer.from(JSON.stringify({ v: 1, t }), 'utf8').toString('base64url');
    const [payload, mac] = first.continuationToken.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ v: 2, t: 'x' })).toString('base64url')}.${mac ?? ''}`;
    for (const token of [envelope('garbage'), envelope(''), envelope('[{"token":"-RID:~x#RT:1","range":{"min":"","max":"FF"}}]'), tampered, `${payload ?? ''}.`, payload ?? 'x']) {
      await problem(await app.call(`/api/pipelines?limit=1&continuationToken=${encodeURIComponent(token)}`), 400, 'continuationToken');
    }
    // A token continues only the list it came from.
    await problem(await app.call(`/api/pipelines/sec/runs?continuationToken=${encodeURIComponent(first.continuationToken)}`), 400, 'continuationToken');
    assert.equal((await app.call(`/api/pipelines?limit=1&continuationToken=${encodeURIComponent(first.continuationToken)}`)).status, 200);
  });

  it('treats an empty or malformed If-Match as a bad request and an unknown entity tag as a failed precondition: nothing is deleted', async () => {
    assert.equal((await app.call('/api/pipelines/keep-me', { method: 'PUT', headers: jsonHeaders, body: pipeline })).status, 201);
    await problem(await app.call('/api/pipelines/keep-me', { method: 'DELETE', headers: { 'if-match': '' } }), 400, 'If-Match');
    await problem(await app.call('/api/pipelines/keep-me', { method: 'DELETE', headers: { 'if-match': 'not-quoted' } }), 400, 'If-Match');
    await problem(await app.call('/api/pipelines/keep-me', { method: 'DELETE', headers: { 'if-match': '""' } }), 412);
    await problem(await app.call('/api/pipelines/keep-me', { method: 'DELETE', headers: { 'if-match': '"other"' } }), 412);
    await problem(await app.call('/api/pipelines/keep-me', { method: 'PUT', headers: { ...jsonHeaders, 'if-match': ' ' }, body: pipeline }), 400, 'If-Match');
    const read = await app.call('/api/pipelines/keep-me');
    assert.equal(read.status, 200, 'still there');
    const etag = read.headers.get('etag') ?? '';
    assert.equal((await app.call('/api/pipelines/keep-me', { method: 'DELETE', headers: { 'if-match': `"other", ${etag}` } })).status, 204);
  });

  it('answers 412 to a PUT whose If-None-Match names the current ETag, and proceeds when it does not', async () => {
    const created = await app.call('/api/pipelines/inm', { method: 'PUT', headers: jsonHeaders, body: pipeline });
    const etag = created.headers.get('etag') ?? '';
    await problem(await app.call('/api/pipelines/inm', { method: 'PUT', headers: { ...jsonHeaders, 'if-none-match': etag }, body: pipeline }), 412);
    await problem(await app.call('/api/pipelines/inm', { method: 'PUT', headers: { ...jsonHeaders, 'if-none-match': `W/${etag}` }, body: pipeline }), 412);
    await problem(await app.call('/api/pipelines/inm', { method: 'PUT', headers: { ...jsonHeaders, 'if-none-match': '' }, body: pipeline }), 400, 'If-None-Match');
    assert.equal((await app.call('/api/pipelines/inm', { method: 'PUT', headers: { ...jsonHeaders, 'if-none-match': '"something-else"' }, body: pipeline })).status, 200);
  });

  it('states the enforced rules in the OpenAPI document', async () => {
    const doc = JSON.stringify(await (await app.call('/api/openapi.json')).json());
    for (const needle of ['Idempotency-Key', 'If-Match', 'If-None-Match', 'check-ref-format', 'mlcycle__', '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', 'continuationToken']) {
      assert.ok(doc.includes(needle.replace(/\\/g, '\\\\')), `the document mentions ${needle}`);
    }
  });
});
