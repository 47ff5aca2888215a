import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cosmosContainers, createCosmosClient } from '../../shared/adapters/cosmos/cosmos-client.js';
import { CosmosPipelineStore } from '../../shared/adapters/cosmos/pipeline-store.js';
import { CosmosRunStore } from '../../shared/adapters/cosmos/run-store.js';
import { CosmosTriggerStore } from '../../shared/adapters/cosmos/trigger-store.js';
import { isAppError } from '../../shared/domain/errors.js';
import { initialSteps, type Run } from '../../shared/domain/run.js';
import { startCosmosServer } from '../../devhost/emulators/cosmos-server.js';
import { examplePipeline } from '../support/pipelines.js';

let stop: () => Promise<void>;
let pipelines: CosmosPipelineStore;
let runs: CosmosRunStore;
let triggers: CosmosTriggerStore;

before(async () => {
  const server = await startCosmosServer();
  stop = () => server.process.stop();
  const cfg = { endpoint: server.endpoint, database: 'test', createContainers: true, auth: { kind: 'key' as const, key: server.key } };
  const containers = cosmosContainers(createCosmosClient(cfg), cfg);
  pipelines = new CosmosPipelineStore(containers);
  runs = new CosmosRunStore(containers);
  triggers = new CosmosTriggerStore(containers);
});
after(async () => stop());

function run(id: string, pipelineId = 'p1', createdAt = '2026-01-01T00:00:00.000Z'): Run {
  return { id, pipelineId, kind: 'training', trigger: { kind: 'http' }, status: 'queued', force: false, params: {}, steps: initialSteps(), lineage: {}, createdAt, updatedAt: createdAt };
}

describe('Cosmos pipeline store (against the Cosmos server)', () => {
  it('creates, reads with an etag, replaces with If-Match, refuses a stale etag, deletes', async () => {
    const created = await pipelines.put(examplePipeline('churn'));
    assert.ok(created.etag);
    assert.deepEqual((await pipelines.get('churn'))?.mlflow, created.mlflow);
    const updated = await pipelines.put({ ...created, enabled: false }, { ifMatch: created.etag });
    assert.equal(updated.enabled, false);
    assert.notEqual(updated.etag, created.etag);
    await assert.rejects(pipelines.put({ ...created, enabled: true }, { ifMatch: created.etag }), (e) => isAppError(e, 'PRECONDITION_FAILED'));
    assert.equal((await pipelines.get('churn'))?.enabled, false, 'a stale write changes nothing');
    await assert.rejects(pipelines.delete('churn', { ifMatch: created.etag }), (e) => isAppError(e, 'PRECONDITION_FAILED'));
    assert.equal(await pipelines.delete('churn', { ifMatch: updated.etag as string }), true);
    assert.equal(await pipelines.get('churn'), null);
    assert.equal(await pipelines.delete('churn'), false);
  });

  it('create-only with If-None-Match: * refuses an existing id', async () => {
    await pipelines.put(examplePipeline('only-once'), { ifNoneMatch: '*' });
    await assert.rejects(pipelines.put(examplePipeline('only-once'), { ifNoneMatch: '*' }), (e) => isAppError(e, 'PRECONDITION_FAILED'));
  });

  it('pages by continuation token in id order', async () => {
    for (const id of ['page-a', 'page-b', 'page-c', 'page-d', 'page-e']) await pipelines.put(examplePipeline(id));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await pipelines.list({ limit: 2, continuationToken: token });
      seen.push(...page.items.map((p) => p.id));
      token = page.continuationToken;
      pages++;
    } while (token && pages < 20);
    const pageIds = seen.filter((id) => id.startsWith('page-'));
    assert.deepEqual(pageIds, ['page-a', 'page-b', 'page-c', 'page-d', 'page-e']);
    assert.ok(pages >= 3);
  });

  it('rejects a forged continuation token as a validation error', async () => {
    await assert.rejects(pipelines.list({ limit: 2, continuationToken: 'bm90LWEtdG9rZW4' }), (e) => isAppError(e, 'VALIDATION'));
  });
});

describe('Cosmos run store', () => {
  it('creates idempotently and updates with optimistic concurrency under contention', async () => {
    const first = await runs.create(run('r1'));
    const again = await runs.create({ ...run('r1'), status: 'failed' });
    assert.equal(again.status, first.status, 'the second create returns the first document');
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => runs.update('p1', 'r1', (r) => ({ ...r, params: { ...r.params, [`k${i}`]: String(i) } }))),
    );
    const stored = await runs.get('p1', 'r1');
    assert.deepEqual(Object.keys(stored!.params).sort(), ['k0', 'k1', 'k2', 'k3', 'k4'], 'no concurrent update was lost');
    assert.equal((await runs.find('r1'))?.id, 'r1');
  });

  it('lists a pipeline newest first with a status filter, and finds by lineage', async () => {
    await runs.create(run('l1', 'p2', '2026-01-01T00:00:00.000Z'));
    await runs.create({ ...run('l2', 'p2', '2026-01-02T00:00:00.000Z'), status: 'succeeded', lineage: { commitSha: 'a'.repeat(40) } });
    const all = await runs.list('p2', { limit: 10 });
    assert.deepEqual(all.items.map((r) => r.id), ['l2', 'l1']);
    const ok = await runs.list('p2', { limit: 10, status: 'succeeded' });
    assert.deepEqual(ok.items.map((r) => r.id), ['l2']);
    assert.deepEqual((await runs.findByLineage({ commitSha: 'a'.repeat(40) })).map((r) => r.id), ['l2']);
  });

  it('finds the runs waiting at given steps across pipelines, as a small projection, a page at a time', async () => {
    const at = (r: Run, step: string, startedAt: string): Run => ({ ...r, status: 'running', steps: r.steps.map((s) => (s.name === step ? { ...s, status: 'running', startedAt } : s)) });
    const snapshot = { ...examplePipeline('w'), airflow: { ...examplePipeline('w').airflow, dagId: 'snap_dag' } };
    await runs.create({ ...at(run('w-train', 'w1'), 'train', '2026-01-03T00:00:00.000Z'), lineage: { airflow: { dagId: 'train_dag', dagRunId: 'mlcycle__w-train' } } });
    await runs.create({ ...at(run('w-trigger', 'w2'), 'train', '2026-01-03T00:01:00.000Z'), pipelineSnapshot: snapshot });
    await runs.create(at(run('w-image', 'w2'), 'ensureImage', '2026-01-03T00:02:00.000Z'));
    await runs.create({ ...at(run('w-done', 'w3'), 'train', '2026-01-03T00:03:00.000Z'), status: 'failed' });
    await runs.putSlot({ pipelineId: 'w1' }, null); // the slot document shares the partition and has no steps
    const training = await runs.runningAt(['train'], { limit: 10 });
    assert.deepEqual(training.items.sort((a, b) => a.runId.localeCompare(b.runId)), [
      { runId: 'w-train', pipelineId: 'w1', step: 'train', startedAt: '2026-01-03T00:00:00.000Z', dagId: 'train_dag' },
      { runId: 'w-trigger', pipelineId: 'w2', step: 'train', startedAt: '2026-01-03T00:01:00.000Z', dagId: 'snap_dag' },
    ]);
    const both = await runs.runningAt(['ensureImage', 'train'], { limit: 10 });
    assert.deepEqual(both.items.map((r) => `${r.runId}@${r.step}`).sort(), ['w-image@ensureImage', 'w-train@train', 'w-trigger@train']);
    const first = await runs.runningAt(['ensureImage', 'train'], { limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.continuationToken, 'a full page says more may follow');
  });
});

describe('Cosmos trigger store', () => {
  it('records a delivery once', async () => {
    const entry = { id: 'ado-1', pipelineId: 'p1', source: 'ado-push' as const, dedupKey: 'ado-1', decision: 'started' as const, at: '2026-01-01T00:00:00.000Z' };
    assert.equal((await triggers.record(entry)).created, true);
    const again = await triggers.record({ ...entry, decision: 'deduplicated' });
    assert.equal(again.created, false);
    assert.equal(again.record.decision, 'started');
    assert.equal((await triggers.list('p1', { limit: 10 })).items.length, 1);
  });

  it('claims the signal gate with conditional writes, keeps the first mark, and lists neither', async () => {
    const holder = { signalKey: 'id:s1', runId: 'r-gate-1', claimedAt: '2026-01-01T00:00:00.000Z', until: '2026-01-01T06:00:00.000Z' };
    const created = await triggers.putSignalGate({ pipelineId: 'p1', holder }, null);
    assert.ok(created?.etag);
    assert.equal(await triggers.putSignalGate({ pipelineId: 'p1', holder: { ...holder, signalKey: 'id:s2' } }, null), null, 'a second create loses');
    const released = await triggers.putSignalGate({ pipelineId: 'p1' }, created.etag);
    assert.equal(released?.holder, undefined);
    assert.equal(await triggers.putSignalGate({ pipelineId: 'p1', holder }, created.etag), null, 'a stale etag loses');
    assert.deepEqual((await triggers.getSignalGate('p1'))?.holder, undefined);
    const mark = { pipelineId: 'p1', signalId: 'alert /with spaces:Fired', decision: 'started' as const, runId: 'r-gate-1', recordId: 'signal:e1', at: '2026-01-01T00:00:00.000Z' };
    assert.equal((await triggers.markSignal(mark)).decision, 'started');
    assert.equal((await triggers.markSignal({ ...mark, decision: 'cooldown' })).decision, 'started', 'the first decision stays');
    assert.equal((await triggers.getSignalMark('p1', mark.signalId))?.runId, 'r-gate-1');
    assert.equal(await triggers.getSignalMark('p1', 'never-seen'), null);
    assert.deepEqual((await triggers.list('p1', { limit: 10 })).items.map((r) => r.id), ['ado-1']);
  });
});
