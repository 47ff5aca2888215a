import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { cosmosContainers, createCosmosClient } from '../../shared/adapters/cosmos/cosmos-client.js';
import { CosmosRunStore } from '../../shared/adapters/cosmos/run-store.js';
import { loadConfig } from '../../shared/config/load.js';
import { AppError } from '../../shared/domain/errors.js';
import { initialSteps, type Lineage, type Run, type RunStatus } from '../../shared/domain/run.js';
import { startAppHost, type AppHost } from '../support/app-host.js';

/*
 * `POST /api/runs/{id}/reproduce` on the dev host with the real app, Cosmos server and Azurite. Original runs are
 * written straight into the runs container (no ML stack here); the repository does not exist, so a reproduction that
 * starts fails at its data step: enough for the HTTP contract (refusals, Idempotency-Key, what the new run records).
 */
let app: AppHost;
let runs: CosmosRunStore;
const jsonHeaders = { 'content-type': 'application/json' };
const pipeline = JSON.stringify({ ...JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')), source: { kind: 'localGit', path: '.mlcycle/no-such-repo', branch: 'main' } });

const trained: Lineage = {
  commitSha: 'a'.repeat(40),
  data: { fingerprint: 'f'.repeat(32), paths: [] },
  image: { registry: 'mlcycle.azurecr.io', repository: 'churn-model', tag: 'tree-1', digest: `sha256:${'b'.repeat(64)}`, built: true },
  mlflow: { experimentId: '1', runId: 'mlflow-1', metrics: { auc: 0.9 }, params: { C: '0.5' } },
};

async function seedRun(id: string, status: RunStatus, lineage: Lineage): Promise<void> {
  const at = new Date().toISOString();
  const run: Run = { id, pipelineId: 'churn', kind: 'training', trigger: { kind: 'http' }, status, force: false, params: { C: '0.5' }, steps: initialSteps(), lineage, createdAt: at, updatedAt: at };
  await runs.create(run);
}

async function runUntil(id: string, done: (r: Run) => boolean): Promise<Run> {
  const end = Date.now() + 30_000;
  for (;;) {
    const res = await app.call(`/api/runs/${id}`);
    if (res.status === 200) {
      const run = (await res.json()) as Run;
      if (done(run)) return run;
    }
    if (Date.now() > end) throw new Error(`run ${id} did not reach the expected state`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const reproduce = (id: string, init: RequestInit & { key?: string | null } = {}) => app.call(`/api/runs/${id}/reproduce`, { method: 'POST', ...init });

async function problem(res: Response): Promise<{ code: string; detail: string; errors?: { field: string }[] }> {
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  return (await res.json()) as { code: string; detail: string; errors?: { field: string }[] };
}

async function runCount(): Promise<number> {
  const page = (await (await app.call('/api/pipelines/churn/runs?limit=100')).json()) as { items: unknown[] };
  return page.items.length;
}

before(async () => {
  app = await startAppHost();
  assert.equal((await app.call('/api/pipelines/churn', { method: 'PUT', headers: jsonHeaders, body: pipeline })).status, 201);
  const config = loadConfig(app.env);
  if (config instanceof AppError) throw config;
  if (!config.cosmos) throw new Error('the app host runs on the Cosmos server');
  runs = new CosmosRunStore(cosmosContainers(createCosmosClient(config.cosmos), config.cosmos));
  await seedRun('r-trained', 'succeeded', trained);
  await seedRun('r-skipped', 'skipped', { commitSha: trained.commitSha, ...(trained.data ? { data: trained.data } : {}) });
  await seedRun('r-running', 'running', trained);
});
after(async () => app?.stop());

describe('reproduce endpoint on the dev host', () => {
  it('refuses what cannot be reproduced with a problem and a stable code, starting nothing', async () => {
    const before = await runCount();
    const unknown = await reproduce('r-unknown');
    assert.equal(unknown.status, 404);
    assert.equal((await problem(unknown)).code, 'NOT_FOUND');

    const never = await reproduce('r-skipped');
    assert.equal(never.status, 409);
    const neverBody = await problem(never);
    assert.equal(neverBody.code, 'CONFLICT');
    assert.match(neverBody.detail, /never trained a model to reproduce: it records no image digest, MLflow run/);

    const running = await reproduce('r-running', { headers: jsonHeaders, body: '{}' });
    assert.equal(running.status, 409);
    assert.match((await problem(running)).detail, /is running; only a finished run can be reproduced/);

    const badId = await reproduce('bad..id!');
    assert.equal(badId.status, 400);
    assert.equal((await problem(badId)).errors?.[0]?.field, 'id');
    const badBody = await reproduce('r-trained', { headers: jsonHeaders, body: JSON.stringify({ reason: 5 }) });
    assert.equal(badBody.status, 400);
    assert.equal((await problem(badBody)).errors?.[0]?.field, 'reason');
    assert.equal((await reproduce('r-trained', { key: null })).status, 401);

    assert.equal(await runCount(), before, 'no run was started');
    const log = (await (await app.call('/api/pipelines/churn/triggers?limit=100')).json()) as { items: { source: string; decision: string }[] };
    assert.equal(log.items.filter((t) => t.source === 'reproduce' && t.decision === 'rejected').length, 2);
  });

  it('starts one reproduction per Idempotency-Key, pinned to the original', async () => {
    const send = () => reproduce('r-trained', { headers: { ...jsonHeaders, 'idempotency-key': 'repro-1' }, body: JSON.stringify({ reason: 'audit' }) });
    const first = await send();
    assert.equal(first.status, 202);
    const a = (await first.json()) as { runId: string; created: boolean };
    assert.equal(a.created, true);
    const second = await send();
    assert.equal(second.status, 200);
    const b = (await second.json()) as { runId: string; created: boolean };
    assert.equal(b.runId, a.runId);
    assert.equal(b.created, false);
    const run = (await (await app.call(`/api/runs/${a.runId}`)).json()) as Run;
    assert.equal(run.kind, 'reproduction');
    assert.equal(run.reproduceOf, 'r-trained');
    assert.deepEqual(run.trigger, { kind: 'reproduce', reason: 'audit', actor: 'api-key' });
    assert.deepEqual(run.params, { C: '0.5' });
    assert.equal(run.force, true);
    // Reproductions share a lane (concurrency `skip` here): let this one end before the next test starts another.
    await runUntil(a.runId, (r) => r.status === 'failed');
  });

  it('retries a failed reproduction as a reproduction of the same original', async () => {
    const started = (await (await reproduce('r-trained', { headers: { 'idempotency-key': 'repro-retry' } })).json()) as { runId: string };
    // The repository does not exist: the data step fails.
    const failed = await runUntil(started.runId, (r) => r.status === 'failed');
    assert.equal(failed.steps.find((s) => s.status === 'failed')?.name, 'versionData');
    const retry = await app.call(`/api/runs/${started.runId}/retry`, { method: 'POST' });
    assert.equal(retry.status, 202);
    const { runId } = (await retry.json()) as { runId: string };
    const run = await runUntil(runId, (r) => r.status === 'failed');
    assert.equal(run.kind, 'reproduction');
    assert.equal(run.reproduceOf, 'r-trained');
    assert.equal(run.retryOf, started.runId);
    assert.equal(run.steps.find((s) => s.status === 'failed')?.name, 'versionData', 'the retry, too, got as far as the data');
  });
});
