import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Services } from '../../shared/app/services.js';
import { isAppError } from '../../shared/domain/errors.js';
import { initialSteps, type Run } from '../../shared/domain/run.js';
import type { HookDeliveryStore } from '../../shared/ports/hook-delivery-store.js';
import type { PipelineStore } from '../../shared/ports/pipeline-store.js';
import type { RunStore } from '../../shared/ports/run-store.js';
import type { TriggerStore } from '../../shared/ports/trigger-store.js';
import { examplePipeline } from '../support/pipelines.js';

/** The store ports a contract suite runs against, and how to let go of them. */
export type StoreSet = Pick<Services, 'pipelines' | 'runs' | 'triggers' | 'pipelineStates' | 'hookDeliveries'>;
export interface OpenedStores {
  stores: StoreSet;
  stop(): Promise<void>;
}

/**
 * The contract every implementation of the pipeline, run, trigger and hook-delivery stores passes (the Cosmos
 * adapters against the Cosmos server, the local store on disk): `label` names the implementation.
 */
export function storeContract(label: string, open: () => Promise<OpenedStores>): void {
  let opened: OpenedStores;
  let pipelines: PipelineStore;
  let runs: RunStore;
  let triggers: TriggerStore;
  let deliveries: HookDeliveryStore;
  before(async () => {
    opened = await open();
    ({ pipelines, runs, triggers, hookDeliveries: deliveries } = opened.stores);
  });
  after(async () => opened?.stop());

  function run(id: string, pipelineId = 'p1', createdAt = '2026-01-01T00:00:00.000Z'): Run {
    return { id, pipelineId, kind: 'training', trigger: { kind: 'http' }, status: 'queued', force: false, params: {}, steps: initialSteps(), lineage: {}, createdAt, updatedAt: createdAt };
  }

  describe(`${label}: pipeline store`, () => {
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

  describe(`${label}: run store`, () => {
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

  describe(`${label}: trigger store`, () => {
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

  describe(`${label}: run slots, run pages and lineage`, () => {
    it('claims a slot with conditional writes, per lane, and never lists it as a run', async () => {
      assert.equal(await runs.getSlot('p3'), null);
      const claimed = await runs.putSlot({ pipelineId: 'p3', active: { runId: 's1', at: '2026-01-01T00:00:00.000Z' } }, null);
      assert.ok(claimed?.etag);
      assert.equal(await runs.putSlot({ pipelineId: 'p3', active: { runId: 's2', at: '2026-01-01T00:00:00.000Z' } }, null), null, 'a second create loses');
      const released = await runs.putSlot({ pipelineId: 'p3' }, claimed.etag);
      assert.equal(released?.active, undefined);
      assert.equal(await runs.putSlot({ pipelineId: 'p3', active: { runId: 's3', at: '2026-01-01T00:00:00.000Z' } }, claimed.etag), null, 'a stale etag loses');
      const lane = await runs.putSlot({ pipelineId: 'p3', lane: 'pr-7', active: { runId: 's4', at: '2026-01-01T00:00:00.000Z' } }, null);
      assert.equal(lane?.active?.runId, 's4', 'a lane has a slot of its own');
      assert.equal((await runs.getSlot('p3'))?.active, undefined);
      assert.equal((await runs.getSlot('p3', 'pr-7'))?.active?.runId, 's4');
      assert.deepEqual((await runs.list('p3', { limit: 10 })).items, []);
    });

    it('pages a pipeline\'s runs newest first and refuses a forged token', async () => {
      for (let i = 1; i <= 5; i++) await runs.create(run(`pg${i}`, 'p4', `2026-01-0${i}T00:00:00.000Z`));
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await runs.list('p4', { limit: 2, continuationToken: token });
        seen.push(...page.items.map((r) => r.id));
        token = page.continuationToken;
      } while (token && seen.length < 20);
      assert.deepEqual(seen, ['pg5', 'pg4', 'pg3', 'pg2', 'pg1']);
      await assert.rejects(runs.list('p4', { limit: 2, continuationToken: 'bm90LWEtdG9rZW4' }), (e) => isAppError(e, 'VALIDATION'));
    });

    it('finds runs by each lineage key, across pipelines', async () => {
      const lineage: Run['lineage'] = { mlflow: { runId: 'mlf-1', experimentId: '1', metrics: {}, params: {} }, model: { name: 'churn', version: '4', aliasesMoved: [] } };
      await runs.create({ ...run('ln1', 'p5'), lineage });
      assert.deepEqual((await runs.findByLineage({ mlflowRunId: 'mlf-1' })).map((r) => r.id), ['ln1']);
      assert.deepEqual((await runs.findByLineage({ modelName: 'churn', modelVersion: '4' })).map((r) => r.id), ['ln1']);
      assert.deepEqual(await runs.findByLineage({ modelName: 'churn', modelVersion: '5' }), []);
      assert.equal(await runs.get('p1', 'ln1'), null, 'a run is read in its own pipeline only');
    });
  });

  describe(`${label}: pipelines by Azure Repos repository`, () => {
    it('finds the pipelines of a repository without case', async () => {
      const ado = { ...examplePipeline('ado-a'), source: { kind: 'azureRepos' as const, organization: 'org', project: 'Proj', repository: 'Repo', branch: 'main' } };
      await pipelines.put(ado);
      assert.deepEqual((await pipelines.findByAzureRepo('proj', 'REPO')).map((p) => p.id), ['ado-a']);
      assert.deepEqual(await pipelines.findByAzureRepo('proj', 'other'), []);
    });
  });

  describe(`${label}: hook deliveries`, () => {
    const delivery = (id: string, receivedAt: string) => ({ id, source: 'azure-devops' as const, eventType: 'git.push', decision: 'accepted' as const, receivedAt, outcomes: [] });

    it('records a delivery once, completes it, lists newest first, and forgets a removed one', async () => {
      assert.equal((await deliveries.record(delivery('ado~e1', '2026-01-01T00:00:00.000Z'))).created, true);
      const again = await deliveries.record({ ...delivery('ado~e1', '2026-01-03T00:00:00.000Z'), decision: 'ignored' });
      assert.equal(again.created, false);
      assert.equal(again.record.decision, 'accepted', 'the first record stays');
      await deliveries.record(delivery('ado~e2', '2026-01-02T00:00:00.000Z'));
      await deliveries.complete('ado~e1', { outcomes: [], detail: 'done' }, '2026-01-01T00:00:05.000Z');
      await deliveries.complete('ado~never', { outcomes: [] }, '2026-01-01T00:00:05.000Z');
      const listed = await deliveries.list({ limit: 10 });
      assert.deepEqual(listed.items.map((d) => d.id), ['ado~e2', 'ado~e1']);
      assert.equal(listed.items[1]?.processedAt, '2026-01-01T00:00:05.000Z');
      assert.equal(listed.items[1]?.detail, 'done');
      await deliveries.remove('ado~e2');
      await deliveries.remove('ado~e2');
      assert.deepEqual((await deliveries.list({ limit: 10 })).items.map((d) => d.id), ['ado~e1']);
      assert.deepEqual((await triggers.list('~hooks', { limit: 10 })).items, [], 'deliveries are not trigger records');
    });
  });
}
