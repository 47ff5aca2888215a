import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../shared/domain/errors.js';
import { runInstanceIds } from '../../shared/durable/instance-ids.js';
import { eventNames } from '../../shared/durable/instance-ids.js';
import { HOUR_MS } from '../../shared/durable/timers.js';
import { compensateRun } from '../../shared/use-cases/compensate-run.js';
import { commitData, pipelineSpec, seedPipeline, sha } from '../fakes/seed.js';
import type { RunHarness } from './support/harness.js';
import { harness } from './support/per-test.js';

/* Run events on the durable harness: in order, numbered 1..n per run, and none sent twice when activities retry. */


/** Make the first publish of `type` fail (a retryable queue error), so the activity publishing it retries. */
function failOnce(h: RunHarness, type: string): void {
  const publish = h.fakes.events.publish.bind(h.fakes.events);
  let failed = false;
  h.fakes.events.publish = async (event) => {
    if (event.type === type && !failed) {
      failed = true;
      throw new AppError('TRANSIENT', `run-events answered HTTP 503 for ${type}`);
    }
    return publish(event);
  };
}

/** The run's events as sent: exactly `types`, in that order, sequence 1..n, each sent once. */
function assertEvents(h: RunHarness, runId: string, types: string[]): void {
  const mine = h.fakes.events.published.filter((e) => e.subject === `pipelines/churn/runs/${runId}`);
  assert.deepEqual(mine.map((e) => e.type), types);
  assert.deepEqual(mine.map((e) => e.sequence), types.map((_, i) => i + 1));
  assert.equal(new Set(mine.map((e) => e.id)).size, mine.length);
  assert.equal(h.fakes.world.state.counters.eventsPublished, h.fakes.events.published.length, 'no event was sent twice');
}

describe('run events', () => {
  it('a promoted run: started, registered, promoted, succeeded, despite retries after publishing', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    h.fakes.source.faults.failNext('resolveCommit', 1); // startRun retries after `started` went out
    failOnce(h, 'mlcycle.model.promoted'); // left in the outbox, sent first by the next emit
    failOnce(h, 'mlcycle.run.succeeded'); // the report retries
    await h.start({ runId: 'ev-ok', pipelineId: 'churn', trigger: { kind: 'http' } });
    const { output } = await h.finish('ev-ok');
    assert.equal(output.outcome, 'promote');
    assertEvents(h, 'ev-ok', ['mlcycle.run.started', 'mlcycle.model.registered', 'mlcycle.model.promoted', 'mlcycle.run.succeeded']);
    assert.ok((await h.fakes.runs.find('ev-ok'))?.outbox?.every((e) => e.sent));
  });

  it('a failed run: started, stepFailed, failed; the report retried sends the step failure once', async () => {
    const h = await harness();
    h.fakes.scheduler.finalState = 'failed';
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    failOnce(h, 'mlcycle.run.failed');
    await h.start({ runId: 'ev-fail', pipelineId: 'churn', trigger: { kind: 'schedule' } });
    const { output } = await h.finish('ev-fail');
    assert.equal(output.status, 'failed');
    assertEvents(h, 'ev-fail', ['mlcycle.run.started', 'mlcycle.run.stepFailed', 'mlcycle.run.failed']);
    assert.equal(h.fakes.events.published.find((e) => e.type === 'mlcycle.run.stepFailed')?.data.step, 'train');
  });

  it('a cancelled run: started, cancelled; a compensation repeated after a failed publish sends it once', async () => {
    const h = await harness();
    h.fakes.scheduler.durationMs = 10 * HOUR_MS;
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'ev-cancel', pipelineId: 'churn', trigger: { kind: 'http' } });
    await h.runUntil(() => h.fakes.world.state.counters.dagRunsCreated === 1);
    for (const id of runInstanceIds('ev-cancel')) await h.engine.terminate(id, 'cancelled');
    h.fakes.events.faults.failNext('publish', 1);
    await assert.rejects(compensateRun(h.services, 'ev-cancel', { reason: 'cancelled' }));
    await compensateRun(h.services, 'ev-cancel', { reason: 'cancelled' });
    await compensateRun(h.services, 'ev-cancel', { reason: 'cancelled' });
    assertEvents(h, 'ev-cancel', ['mlcycle.run.started', 'mlcycle.run.cancelled']);
  });

  it('an approval run: started, registered, approvalRequested, promoted, succeeded', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'), { policy: { ...pipelineSpec().policy, requireApproval: true, approvalTimeoutHours: 24 } });
    failOnce(h, 'mlcycle.run.approvalRequested');
    await h.start({ runId: 'ev-approval', pipelineId: 'churn', trigger: { kind: 'http' } });
    await h.runUntil(async () => (await h.fakes.runs.find('ev-approval'))?.status === 'waiting-approval');
    await h.engine.raiseEvent('ev-approval', eventNames.approval, JSON.stringify({ approved: true, by: 'bob' }));
    await h.finish('ev-approval');
    assertEvents(h, 'ev-approval', ['mlcycle.run.started', 'mlcycle.model.registered', 'mlcycle.run.approvalRequested', 'mlcycle.model.promoted', 'mlcycle.run.succeeded']);
  });
});

describe('champion tracking', () => {
  it('records each promotion, and adopts a champion moved by hand in the registry', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'champ-1', pipelineId: 'churn', trigger: { kind: 'http' } });
    await h.finish('champ-1');
    let state = await h.fakes.pipelineStates.get('churn');
    assert.deepEqual([state?.champion?.version, state?.champion?.how, state?.champion?.runId, state?.champion?.commitSha], ['1', 'promoted', 'champ-1', sha('c1')]);
    assert.ok(state?.champion?.dataFingerprint);
    // Someone points the alias at another version by hand; the next run's evaluate adopts it, then promotes over it.
    h.fakes.tracker.seedChampion('churn-model', '5', { auc: 0.5, precision: 0.5 });
    commitData(h.fakes, pipelineSpec(), sha('c2'), { dataVariant: 'v2' });
    await h.start({ runId: 'champ-2', pipelineId: 'churn', trigger: { kind: 'http' }, force: true });
    const { output } = await h.finish('champ-2');
    assert.equal(output.outcome, 'promote');
    state = await h.fakes.pipelineStates.get('churn');
    assert.equal(state?.champion?.runId, 'champ-2');
    assert.deepEqual(state?.formerChampions.map((f) => [f.version, f.how]), [['5', 'adopted'], ['1', 'promoted']]);
    const records = (await h.fakes.pipelineStates.listRecords('churn', { limit: 10 })).items;
    assert.deepEqual(records.map((r) => [r.kind, r.runId, r.fromVersion, r.toVersion]).sort(), [['promoted', 'champ-1', undefined, '1'], ['promoted', 'champ-2', '5', output.modelVersion]].sort());
  });
});
