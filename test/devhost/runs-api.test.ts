import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startAppHost, type AppHost } from '../support/app-host.js';

/*
 * The run endpoints on the dev host with the real app, Cosmos server, Azurite and the durable engine. The example
 * pipeline here points at a repository that does not exist, so every run fails at its first step: enough to prove
 * the HTTP contract (start, idempotency, read, list, retry, cancel, approvals, the Airflow hook) without the ML stack.
 */
let app: AppHost;
const jsonHeaders = { 'content-type': 'application/json' };
const secret = 'airflow-callback-secret-for-tests';
const pipeline = JSON.stringify({ ...JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')), source: { kind: 'localGit', path: '.mlcycle/no-such-repo', branch: 'main' } });

before(async () => {
  app = await startAppHost({ env: { AIRFLOW_CALLBACK_SECRET: secret } });
  assert.equal((await app.call('/api/pipelines/churn', { method: 'PUT', headers: jsonHeaders, body: pipeline })).status, 201);
});
after(async () => app.stop());

interface RunBody {
  id: string;
  status: string;
  steps: { name: string; status: string; error?: { code: string; message: string } }[];
  retryOf?: string;
}

async function runUntil(id: string, done: (r: RunBody) => boolean): Promise<RunBody> {
  const end = Date.now() + 30_000;
  for (;;) {
    const res = await app.call(`/api/runs/${id}`);
    if (res.status === 200) {
      const run = (await res.json()) as RunBody;
      if (done(run)) return run;
    }
    if (Date.now() > end) throw new Error(`run ${id} did not reach the expected state`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('run endpoints on the dev host', () => {
  it('starts a run (202 with a status link) and records its failure at the first step', async () => {
    const res = await app.call('/api/pipelines/churn/runs', { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ reason: 'test', params: { C: '0.5' } }) });
    assert.equal(res.status, 202);
    const body = (await res.json()) as { runId: string; statusUrl: string; created: boolean };
    assert.equal(res.headers.get('location'), body.statusUrl);
    assert.equal(body.created, true);
    const run = await runUntil(body.runId, (r) => r.status === 'failed');
    assert.equal(run.steps[0]?.name, 'resolveSource');
    assert.equal(run.steps[0]?.status, 'failed');
    assert.ok(run.steps[0]?.error?.message, 'the failed step carries a readable reason');
  });

  it('starts one run for the same Idempotency-Key, however often it is sent', async () => {
    const send = () => app.call('/api/pipelines/churn/runs', { method: 'POST', headers: { ...jsonHeaders, 'idempotency-key': 'deploy-42' }, body: '{}' });
    const first = await send();
    const second = await send();
    const a = (await first.json()) as { runId: string };
    const b = (await second.json()) as { runId: string; created: boolean };
    assert.equal(first.status, 202);
    assert.equal(second.status, 200);
    assert.equal(b.runId, a.runId);
    assert.equal(b.created, false);
    await runUntil(a.runId, (r) => r.status === 'failed');
    const list = (await (await app.call('/api/pipelines/churn/runs?limit=50')).json()) as { items: { id: string }[] };
    assert.equal(list.items.filter((r) => r.id === a.runId).length, 1);
  });

  it('lists runs by status and rejects a bad status filter', async () => {
    const failed = (await (await app.call('/api/pipelines/churn/runs?status=failed')).json()) as { items: { status: string }[] };
    assert.ok(failed.items.length >= 1 && failed.items.every((r) => r.status === 'failed'));
    const bad = await app.call('/api/pipelines/churn/runs?status=bogus');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field, 'status');
  });

  it('rejects bad run requests without starting anything', async () => {
    assert.equal((await app.call('/api/pipelines/nope/runs', { method: 'POST', headers: jsonHeaders, body: '{}' })).status, 404);
    const bad = await app.call('/api/pipelines/churn/runs', { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ force: 'yes' }) });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field, 'force');
    assert.equal((await app.call('/api/pipelines/churn/runs', { method: 'POST', key: null, headers: jsonHeaders, body: '{}' })).status, 401);
    assert.equal((await app.call('/api/runs/does-not-exist')).status, 404);
  });

  it('retries a failed run as a new run linked to it', async () => {
    const start = (await (await app.call('/api/pipelines/churn/runs', { method: 'POST', headers: jsonHeaders, body: '{}' })).json()) as { runId: string };
    await runUntil(start.runId, (r) => r.status === 'failed');
    const retry = await app.call(`/api/runs/${start.runId}/retry`, { method: 'POST' });
    assert.equal(retry.status, 202);
    const { runId } = (await retry.json()) as { runId: string };
    assert.notEqual(runId, start.runId);
    const run = await runUntil(runId, (r) => r.status === 'failed');
    assert.equal(run.retryOf, start.runId);
  });

  it('refuses to approve a run that is not waiting, and to cancel a finished one', async () => {
    const start = (await (await app.call('/api/pipelines/churn/runs', { method: 'POST', headers: jsonHeaders, body: '{}' })).json()) as { runId: string };
    await runUntil(start.runId, (r) => r.status === 'failed');
    assert.equal((await app.call(`/api/runs/${start.runId}/approve`, { method: 'POST' })).status, 409);
    assert.equal((await app.call(`/api/runs/${start.runId}/cancel`, { method: 'POST' })).status, 409);
    assert.equal((await app.call(`/api/runs/${start.runId}/retry`, { method: 'POST', headers: jsonHeaders })).status, 202);
  });

  it('refuses a disabled pipeline unless forced, and logs the decision', async () => {
    const disabled = JSON.stringify({ ...JSON.parse(pipeline), enabled: false });
    await app.call('/api/pipelines/off', { method: 'PUT', headers: jsonHeaders, body: disabled });
    assert.equal((await app.call('/api/pipelines/off/runs', { method: 'POST', headers: jsonHeaders, body: '{}' })).status, 409);
    assert.equal((await app.call('/api/pipelines/off/runs', { method: 'POST', headers: jsonHeaders, body: '{"force":true}' })).status, 202);
  });

  it("keeps a trigger log that says why each request did or didn't start a run", async () => {
    const log = (await (await app.call('/api/pipelines/churn/triggers?limit=100')).json()) as { items: { decision: string; dedupKey: string; runId?: string }[] };
    const decisions = new Set(log.items.map((t) => t.decision));
    assert.ok(decisions.has('started') && decisions.has('deduplicated'), JSON.stringify([...decisions]));
    assert.ok(log.items.some((t) => t.dedupKey === 'deploy-42' && t.decision === 'deduplicated'));
    const off = (await (await app.call('/api/pipelines/off/triggers')).json()) as { items: { decision: string }[] };
    assert.ok(off.items.some((t) => t.decision === 'disabled'));
    assert.equal((await app.call('/api/pipelines/nope/triggers')).status, 404);
  });

  it('looks lineage up by exactly one key', async () => {
    const none = (await (await app.call(`/api/lineage?commit=${'a'.repeat(40)}`)).json()) as { items: unknown[] };
    assert.deepEqual(none.items, []);
    assert.equal((await app.call('/api/lineage')).status, 400);
    assert.equal((await app.call(`/api/lineage?commit=${'a'.repeat(40)}&mlflowRunId=x`)).status, 400);
    const bad = await app.call('/api/lineage?imageDigest=latest');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field, 'imageDigest');
  });

  it('authenticates the Airflow callback with its shared secret', async () => {
    const body = JSON.stringify({ dagId: 'mlcycle_training', dagRunId: 'mlcycle__r-unknown', state: 'success' });
    assert.equal((await app.call('/api/hooks/airflow', { method: 'POST', key: null, headers: jsonHeaders, body })).status, 401);
    assert.equal((await app.call('/api/hooks/airflow', { method: 'POST', key: null, headers: { ...jsonHeaders, 'x-mlcycle-callback-secret': 'wrong-secret-value!!' }, body })).status, 401);
    const notOurs = await app.call('/api/hooks/airflow', { method: 'POST', key: null, headers: { ...jsonHeaders, 'x-mlcycle-callback-secret': secret }, body: JSON.stringify({ dagId: 'x', dagRunId: 'manual__2026', state: 'success' }) });
    assert.equal(notOurs.status, 400);
    const unknown = await app.call('/api/hooks/airflow', { method: 'POST', key: null, headers: { ...jsonHeaders, 'x-mlcycle-callback-secret': secret }, body });
    assert.equal(unknown.status, 404);
  });

  it('takes the run from dagRunId: the DAG may send runId null (no conf) or another value, which changes nothing', async () => {
    const headers = { ...jsonHeaders, 'x-mlcycle-callback-secret': secret };
    for (const runId of [null, 'r-other']) {
      const res = await app.call('/api/hooks/airflow', { method: 'POST', key: null, headers, body: JSON.stringify({ dagId: 'mlcycle_training', dagRunId: 'mlcycle__r-unknown', runId, state: 'failed' }) });
      assert.equal(res.status, 404, `runId ${String(runId)}`);
      assert.match(((await res.json()) as { detail: string }).detail, /r-unknown/);
    }
  });
});
