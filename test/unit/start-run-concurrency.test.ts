import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { releaseQueuedRun } from '../../shared/use-cases/release-queued.js';
import { isAppError } from '../../shared/domain/errors.js';
import { startQueuedRun, startRun, type StartRunDeps } from '../../shared/use-cases/start-run.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import type { MemoryRunRequests } from '../fakes/memory-queues.js';
import { seedPipeline, sha } from '../fakes/seed.js';


async function setup(concurrency: 'skip' | 'queue-one' | 'cancel-running') {
  const { services, fakes } = fakeServices({ now: () => Date.UTC(2026, 0, 1) });
  await seedPipeline(fakes, 'churn', sha('c'), { concurrency });
  const orchestrations = recordingOrchestrations();
  const deps: StartRunDeps = { pipelines: services.pipelines, runs: services.runs, triggers: services.triggers, orchestrations, now: services.now };
  let evaluations = 0;
  const start = (runId: string) => startRun(deps, { pipelineId: 'churn', runId, trigger: { kind: 'http' }, dedupKey: runId, evaluationId: `e${++evaluations}` });
  return { services, deps, orchestrations, start };
}

describe('pipeline concurrency rules', () => {
  it('skip: a second run while one is active is refused and logged', async () => {
    const { services, start, orchestrations } = await setup('skip');
    await start('a');
    await assert.rejects(start('b'), (e) => isAppError(e, 'CONFLICT'));
    assert.deepEqual(orchestrations.started, ['a']);
    assert.equal(await services.runs.find('b'), null, 'nothing recorded for the refused run');
    const log = await services.triggers.list('churn', { limit: 10 });
    assert.ok(log.items.some((t) => t.decision === 'concurrency'));
  });

  it('cancel-running: the active run is terminated (with its waits) and the new one starts', async () => {
    const { start, orchestrations } = await setup('cancel-running');
    await start('a');
    await start('b');
    assert.deepEqual(orchestrations.started, ['a', 'b']);
    assert.deepEqual(orchestrations.terminated, ['a', 'a:train', 'a:image']);
  });

  it('queue-one: one run waits behind the active one, a second waiting one is refused, and it starts when released', async () => {
    const { services, deps, start, orchestrations } = await setup('queue-one');
    await start('a');
    const queued = await start('b');
    assert.equal(queued.created, true);
    assert.equal(queued.run.status, 'queued');
    assert.equal(queued.run.queuedBehind, 'a');
    assert.deepEqual(orchestrations.started, ['a'], 'the queued run is not started yet');
    await assert.rejects(start('c'), (e) => isAppError(e, 'CONFLICT'));
    assert.equal((await start('b')).created, false, 'asking again for the queued run starts nothing');
    assert.deepEqual(orchestrations.started, ['a']);

    // Run a finishes: its report asks (through the run-requests queue) for b to start.
    await releaseQueuedRun(services, { id: 'a', pipelineId: 'churn' });
    const sent = (services.runRequests as MemoryRunRequests).sent;
    assert.deepEqual(sent.map((r) => [r.requestId, r.startQueued]), [['b', true]]);
    await startQueuedRun(deps, { pipelineId: 'churn', runId: 'b' });
    assert.deepEqual(orchestrations.started, ['a', 'b']);
    const log = await services.triggers.list('churn', { limit: 20 });
    assert.deepEqual(log.items.filter((t) => t.runId === 'b' || t.detail?.includes('queued')).map((t) => t.decision).sort(), ['deduplicated', 'queued', 'started'], 'the repeat for b is an evaluation of its own');
  });

  it('queue-one: a run with nothing active starts at once', async () => {
    const { start, orchestrations } = await setup('queue-one');
    const r = await start('solo');
    assert.equal(r.run.queuedBehind, undefined);
    assert.deepEqual(orchestrations.started, ['solo']);
  });
});
