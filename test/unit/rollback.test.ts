import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../shared/domain/errors.js';
import { initialSteps, type Run } from '../../shared/domain/run.js';
import { runCloudEventSchema } from '../../shared/domain/run-event.js';
import { recordPromotion } from '../../shared/use-cases/champion.js';
import { rollback } from '../../shared/use-cases/rollback.js';
import { fakeServices, type Fakes } from '../fakes/fake-services.js';
import { seedPipeline, sha } from '../fakes/seed.js';

/* Rolling the champion back over the fakes: targets, aliases, idempotency, refusals and crash recovery. */

const MODEL = 'churn-model';
let clock = Date.UTC(2026, 1, 1);

/** A run that promoted `version` of `model`. */
function promotedRun(runId: string, championVersion?: string): Run {
  const at = new Date(clock).toISOString();
  return {
    id: runId, pipelineId: 'churn', kind: 'training', trigger: { kind: 'http' }, status: 'running', force: false, params: {},
    steps: initialSteps(), lineage: { commitSha: sha(runId), data: { fingerprint: `fp-${runId}`, paths: [] } },
    ...(championVersion ? { decision: { outcome: 'promote' as const, summary: '', rules: [], championVersion } } : {}),
    createdAt: at, updatedAt: at,
  };
}

/** A pipeline whose model had the champions `versions`, in that order (the last is the champion now). */
async function setup(versions: string[]) {
  const { services, fakes } = fakeServices({ now: () => clock });
  await seedPipeline(fakes, 'churn', sha('c'));
  let previous: string | undefined;
  for (const v of versions) {
    clock += 60_000;
    fakes.world.state.versions.push({ name: MODEL, version: v, tags: {}, aliases: [], metrics: {} });
    await fakes.tracker.setAlias(MODEL, 'champion', v);
    await recordPromotion(services, promotedRun(`run-${v}`, previous), MODEL, v);
    previous = v;
  }
  clock += 60_000;
  return { services, fakes };
}

const aliasesOf = (f: Fakes) => ({ champion: f.tracker.alias(MODEL, 'champion'), previous: f.tracker.alias(MODEL, 'previous-champion') });

describe('rollback', () => {
  it('goes back to the previous champion by default, sets previous-champion, records who and why, and emits one event', async () => {
    const { services, fakes } = await setup(['1', '2', '3']);
    const { record, moved } = await rollback(services, { pipelineId: 'churn', by: 'alice', reason: 'accuracy dropped' });
    assert.equal(moved, true);
    assert.deepEqual({ kind: record.kind, from: record.fromVersion, to: record.toVersion, by: record.by, reason: record.reason }, { kind: 'rolled-back', from: '3', to: '2', by: 'alice', reason: 'accuracy dropped' });
    assert.deepEqual(aliasesOf(fakes), { champion: '2', previous: '1' });
    const state = await fakes.pipelineStates.get('churn');
    assert.equal(state?.champion?.version, '2');
    assert.equal(state?.champion?.how, 'rolled-back');
    assert.equal(state?.champion?.runId, 'run-2', 'the lineage of the version rolled back to');
    assert.deepEqual(state?.formerChampions.map((f) => f.version), ['3', '2', '1']);
    assert.equal(state?.eventSeq, 1);
    assert.deepEqual(fakes.events.published.map((e) => [e.type, e.subject]), [['mlcycle.model.rolledBack', 'pipelines/churn/models/churn-model']]);
    assert.deepEqual((await fakes.pipelineStates.listRecords('churn', { limit: 10 })).items.map((r) => r.kind), ['rolled-back', 'promoted', 'promoted', 'promoted']);
  });

  it('goes to an explicit version and removes previous-champion when nothing came before it', async () => {
    const { services, fakes } = await setup(['1', '2', '3']);
    const { record } = await rollback(services, { pipelineId: 'churn', toVersion: '1' });
    assert.equal(record.toVersion, '1');
    assert.deepEqual(aliasesOf(fakes), { champion: '1', previous: undefined });
  });

  it('twice is one move (no key: the newest record is this rollback; same key: its record)', async () => {
    const { services, fakes } = await setup(['1', '2', '3']);
    const first = await rollback(services, { pipelineId: 'churn' });
    const sets = fakes.world.state.counters.aliasesSet;
    const again = await rollback(services, { pipelineId: 'churn' });
    assert.deepEqual(again, { record: first.record, moved: false });
    assert.equal(fakes.world.state.counters.aliasesSet, sets, 'no alias moved again');
    assert.equal(fakes.world.state.counters.eventsPublished, 1);
    const keyed = await rollback(services, { pipelineId: 'churn', toVersion: '1', idempotencyKey: 'k-1' });
    const keyedAgain = await rollback(services, { pipelineId: 'churn', toVersion: '1', idempotencyKey: 'k-1' });
    assert.deepEqual(keyedAgain, { record: keyed.record, moved: false });
    assert.equal(fakes.world.state.counters.eventsPublished, 2);
    const seqs = (await fakes.pipelineStates.get('churn'))?.outbox?.map((e) => e.sequence);
    assert.deepEqual(seqs, [1, 2]);
  });

  it('refuses with 409 when there is nothing to roll back to, moving nothing', async () => {
    const none = await setup([]);
    await assert.rejects(rollback(none.services, { pipelineId: 'churn' }), (e) => e instanceof AppError && e.code === 'CONFLICT');
    const one = await setup(['1']);
    const sets = one.fakes.world.state.counters.aliasesSet;
    await assert.rejects(rollback(one.services, { pipelineId: 'churn' }), (e) => e instanceof AppError && e.code === 'CONFLICT' && /toVersion/.test(e.message));
    assert.equal(one.fakes.world.state.counters.aliasesSet, sets);
    assert.equal((await one.fakes.pipelineStates.listRecords('churn', { limit: 10 })).items.length, 1, 'only the promotion');
  });

  it('refuses an unknown pipeline, a version that does not exist, one of another model, and the champion itself', async () => {
    const { services, fakes } = await setup(['1', '2']);
    fakes.world.state.versions.push({ name: 'other-model', version: '7', tags: {}, aliases: [], metrics: {} });
    await assert.rejects(rollback(services, { pipelineId: 'nope' }), (e) => e instanceof AppError && e.code === 'NOT_FOUND');
    for (const toVersion of ['99', '7']) {
      await assert.rejects(rollback(services, { pipelineId: 'churn', toVersion }), (e) => e instanceof AppError && e.code === 'NOT_FOUND' && e.issues[0]?.field === 'toVersion');
    }
    await assert.rejects(rollback(services, { pipelineId: 'churn', toVersion: '2' }), (e) => e instanceof AppError && e.code === 'CONFLICT' && e.issues[0]?.field === 'toVersion');
    assert.deepEqual(aliasesOf(fakes), { champion: '2', previous: '1' });
    assert.equal(fakes.events.published.length, 0);
    assert.equal((await fakes.pipelineStates.get('churn'))?.champion?.how, 'promoted');
  });

  it('a crash between the steps is completed by the repeat, with one move and one event', async () => {
    const { services, fakes } = await setup(['1', '2', '3']);
    fakes.tracker.faults.failNext('setAlias', 1);
    await assert.rejects(rollback(services, { pipelineId: 'churn', by: 'bob' }));
    assert.equal(aliasesOf(fakes).champion, '3', 'the intent is recorded, nothing moved yet');
    fakes.events.faults.failNext('publish', 1);
    await assert.rejects(rollback(services, { pipelineId: 'churn', by: 'bob' }));
    assert.equal(aliasesOf(fakes).champion, '2');
    assert.equal(fakes.events.published.length, 0, 'the state holds the unsent event');
    const done = await rollback(services, { pipelineId: 'churn', by: 'bob' });
    assert.equal(done.record.toVersion, '2');
    assert.deepEqual(aliasesOf(fakes), { champion: '2', previous: '1' });
    assert.equal(fakes.world.state.counters.eventsPublished, 1);
    const records = (await fakes.pipelineStates.listRecords('churn', { limit: 10 })).items.filter((r) => r.kind === 'rolled-back');
    assert.equal(records.length, 1);
  });

  it('publishes a CloudEvent the documented schema accepts (through the queue adapter shape)', async () => {
    const { services, fakes } = await setup(['1', '2']);
    await rollback(services, { pipelineId: 'churn' });
    const e = (await fakes.pipelineStates.get('churn'))?.outbox?.[0];
    assert.ok(e);
    const message = { specversion: '1.0', id: e.id, source: 'urn:mlcycle', type: e.type, subject: e.subject, time: e.time, datacontenttype: 'application/json', sequence: String(e.sequence), sequencetype: 'Integer', data: e.data };
    assert.ok(runCloudEventSchema.safeParse(message).success);
  });
});
