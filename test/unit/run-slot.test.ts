import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../shared/domain/errors.js';
import { slotGraceMs } from '../../shared/use-cases/run-slot.js';
import { startRun, type StartRunDeps } from '../../shared/use-cases/start-run.js';
import { releaseQueuedRun } from '../../shared/use-cases/release-queued.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { seedPipeline, sha } from '../fakes/seed.js';

/* The run slot's edge cases: holders that died, repeats racing their winner, and releases seen twice. */
async function setup(concurrency: 'skip' | 'queue-one' | 'cancel-running') {
  let clock = Date.UTC(2026, 0, 1);
  const { services, fakes } = fakeServices({ now: () => clock });
  await seedPipeline(fakes, 'churn', sha('c'), { concurrency });
  const orchestrations = recordingOrchestrations();
  const deps: StartRunDeps = { pipelines: services.pipelines, runs: services.runs, triggers: services.triggers, orchestrations, now: () => new Date(clock) };
  let evaluations = 0;
  const start = (runId: string) => startRun(deps, { pipelineId: 'churn', runId, trigger: { kind: 'http' }, dedupKey: runId, evaluationId: `e${++evaluations}` });
  return { services, orchestrations, start, advance: (ms: number) => (clock += ms) };
}

describe('the run slot', () => {
  it('a claim whose record was never written blocks only for the grace period', async () => {
    const { services, start, advance } = await setup('skip');
    await services.runs.putSlot({ pipelineId: 'churn', active: { runId: 'ghost', at: new Date(Date.UTC(2026, 0, 1)).toISOString() } }, null);
    await assert.rejects(start('a'), (e) => isAppError(e, 'CONFLICT'));
    advance(slotGraceMs + 1);
    assert.equal((await start('b')).created, true);
    assert.equal((await services.runs.getSlot('churn'))?.active?.runId, 'b');
  });

  it('a run whose orchestration is gone loses the slot and its record is closed', async () => {
    const { services, start, advance, orchestrations } = await setup('skip');
    await start('a');
    orchestrations.started.length = 0; // the instance vanished (purged, or the task hub was reset)
    await assert.rejects(start('b'), (e) => isAppError(e, 'CONFLICT'), 'a young holder is trusted');
    advance(slotGraceMs + 1);
    assert.equal((await start('c')).created, true);
    assert.equal((await services.runs.get('churn', 'a'))?.status, 'cancelled');
  });

  it('cancel-running: a start does not take over a run still being started (its record not yet written), which would escape the cancel', async () => {
    const { services, start, orchestrations } = await setup('cancel-running');
    // Another start has just claimed the slot and is about to write its record and start its orchestration.
    await services.runs.putSlot({ pipelineId: 'churn', active: { runId: 'starting', at: new Date(Date.UTC(2026, 0, 1)).toISOString() } }, null);
    await assert.rejects(start('late'), (e) => isAppError(e, 'CONFLICT'));
    const logged = (await services.triggers.list('churn', { limit: 10 })).items;
    assert.match(logged[0]?.detail ?? '', /run starting is taking the pipeline over at this moment/);
    assert.equal((await services.runs.getSlot('churn'))?.active?.runId, 'starting');
    assert.deepEqual(orchestrations.started, []);
  });

  it('a finished run whose release was lost does not block the next start', async () => {
    const { services, start } = await setup('skip');
    await start('a');
    await services.runs.update('churn', 'a', (r) => ({ ...r, status: 'failed' }));
    assert.equal((await start('b')).created, true);
  });

  it('a repeat that races its winner answers with the same run, never a refusal', async () => {
    const { start, orchestrations } = await setup('skip');
    const answers = await Promise.all(Array.from({ length: 20 }, () => start('same')));
    assert.equal(answers.filter((a) => a.created).length, 1);
    assert.ok(answers.every((a) => a.run.id === 'same'));
    assert.deepEqual(orchestrations.started, ['same']);
  });

  it('cancel-running: of starts racing on an idle pipeline one wins, the others are refused', async () => {
    const { start, orchestrations } = await setup('cancel-running');
    const answers = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => start(`r${i}`)));
    assert.equal(answers.filter((a) => a.status === 'fulfilled').length, 1);
    assert.ok(answers.every((a) => a.status === 'fulfilled' || isAppError(a.reason, 'CONFLICT')));
    assert.equal(orchestrations.started.length, 1);
    assert.deepEqual(orchestrations.terminated, []);
  });

  it('queue-one: the waiting run moves up when the run ahead releases, and a second release asks again', async () => {
    const { services, start } = await setup('queue-one');
    await start('a');
    await start('b');
    await releaseQueuedRun(services, { id: 'a', pipelineId: 'churn' });
    await releaseQueuedRun(services, { id: 'a', pipelineId: 'churn' });
    assert.equal((await services.runs.getSlot('churn'))?.active?.runId, 'b');
    const sent = (services.runRequests as unknown as { sent: { requestId: string }[] }).sent;
    assert.deepEqual(sent.map((r) => r.requestId), ['b', 'b']);
    assert.equal((await start('c')).run.queuedBehind, 'b', 'b is active now, so c waits behind it');
  });

  it('cancelling the waiting run frees the waiting place', async () => {
    const { services, start } = await setup('queue-one');
    await start('a');
    await start('b');
    await releaseQueuedRun(services, { id: 'b', pipelineId: 'churn' });
    const slot = await services.runs.getSlot('churn');
    assert.equal(slot?.active?.runId, 'a');
    assert.equal(slot?.waiting, undefined);
    assert.equal((await start('c')).run.queuedBehind, 'a');
  });
});
