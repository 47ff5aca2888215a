import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compensateRun } from '../../shared/use-cases/compensate-run.js';
import { eventNames, mlflowTags, orchestratorNames, runInstanceIds, trainingInstanceId } from '../../shared/durable/instance-ids.js';
import { resumePlanFor } from '../../shared/durable/training-run-input.js';
import { HOUR_MS } from '../../shared/durable/timers.js';
import { commitData, pipelineSpec, seedPipeline, sha } from '../fakes/seed.js';
import { harness } from './support/per-test.js';

describe('skip, force and hold', () => {
  it('a second run on the champion commit and data ends skipped with the reason; force runs it anyway', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'first', pipelineId: 'churn', trigger: { kind: 'http' } });
    assert.equal((await h.finish('first')).output.outcome, 'promote');
    const champion = h.fakes.tracker.versions('churn-model')[0];
    assert.equal(champion?.tags[mlflowTags.commitSha], sha('c1'));

    await h.start({ runId: 'again', pipelineId: 'churn', trigger: { kind: 'schedule' } });
    const skipped = await h.finish('again');
    assert.equal(skipped.output.status, 'skipped');
    assert.match(skipped.output.reason ?? '', /^no change: commit [0-9a-f]{12} and data [0-9a-f]{12} are those of champion version 1$/);
    const run = await h.fakes.runs.find('again');
    assert.equal(run?.status, 'skipped');
    assert.deepEqual(run?.steps.map((s) => s.status), ['succeeded', 'succeeded', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'succeeded']);
    assert.equal(h.fakes.world.state.counters.dagRunsCreated, 1);

    await h.start({ runId: 'forced', pipelineId: 'churn', force: true, trigger: { kind: 'http' } });
    const forced = await h.finish('forced');
    assert.equal(forced.output.status, 'succeeded');
    assert.equal(forced.output.outcome, 'hold', 'same metrics do not beat the champion by 0.005');
    assert.equal(h.fakes.world.state.counters.dagRunsCreated, 2);
    assert.equal(h.fakes.world.state.counters.buildsStarted, 1, 'the content-tagged image is reused');
  });

  it('new data retrains; a worse challenger is held and a guard-rail breach rejected, keeping each rule', async () => {
    const h = await harness();
    const spec = pipelineSpec();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    h.fakes.tracker.seedChampion('churn-model', '7', { auc: 0.9, precision: 0.8 }, { [mlflowTags.commitSha]: sha('c0') });
    commitData(h.fakes, spec, sha('c2'), { dataVariant: 'v2' });
    h.fakes.metrics.set('churn', { auc: 0.902, precision: 0.8 });
    await h.start({ runId: 'small-gain', pipelineId: 'churn', trigger: { kind: 'data-change' } });
    const held = await h.finish('small-gain');
    assert.equal(held.output.outcome, 'hold');
    const decision = (await h.fakes.runs.find('small-gain'))?.decision;
    assert.equal(decision?.championVersion, '7');
    assert.deepEqual(decision?.rules.find((r) => r.rule === 'primary.min-absolute-improvement'), {
      rule: 'primary.min-absolute-improvement', metric: 'auc', challenger: 0.902, champion: 0.9, threshold: 0.005, passed: false,
      detail: 'auc 0.902 vs champion 0.9: +0.002 (higher is better), needs ≥ +0.005',
    });
    assert.equal((await h.fakes.runs.find('small-gain'))?.steps.find((s) => s.name === 'promote')?.status, 'skipped');

    h.fakes.metrics.set('churn', { auc: 0.95, precision: 0.7 });
    await h.start({ runId: 'regressed', pipelineId: 'churn', trigger: { kind: 'http' } });
    assert.equal((await h.finish('regressed')).output.outcome, 'reject');
    assert.equal(h.fakes.world.state.aliases['churn-model#champion'], '7');
  });
});

describe('waiting for training', () => {
  it('without callbacks, the slow polling fallback finds the result (24 h training: 4 polls)', async () => {
    const h = await harness();
    h.callbacks = false;
    h.fakes.scheduler.durationMs = 24 * HOUR_MS;
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    h.fakes.registry.push('mlcycle.azurecr.io', 'churn-model', 'preexisting', 'sha256:x');
    await h.start({ runId: 'polled', pipelineId: 'churn', trigger: { kind: 'http' } });
    const { output } = await h.finish('polled');
    assert.equal(output.status, 'succeeded');
    // Polls at 1.5 h, 4.5 h, 10.5 h, 18.5 h, 26.5 h after the start: the fifth sees success.
    assert.equal(h.fakes.scheduler.faults.count('getRun'), 5);
  });

  it('with the callback, training ends as soon as the event arrives', async () => {
    const h = await harness();
    h.fakes.scheduler.durationMs = 2 * HOUR_MS;
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'evented', pipelineId: 'churn', trigger: { kind: 'http' } });
    await h.finish('evented');
    assert.equal(h.fakes.scheduler.faults.count('getRun'), 2, 'one poll at 1.5 h, one to confirm the event');
    const run = await h.fakes.runs.find('evented');
    const train = run?.steps.find((s) => s.name === 'train');
    assert.ok(train?.finishedAt);
    // The build takes 5 min, so training starts then and ends 2 h later: no waiting for a poll.
    assert.equal(Date.parse(train.finishedAt) - Date.parse(train.startedAt ?? ''), 2 * HOUR_MS);
  });

  it('a training past the deadline fails with TIMEOUT and the dag run is stopped', async () => {
    const h = await harness();
    h.fakes.scheduler.durationMs = 100 * HOUR_MS;
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'slow', pipelineId: 'churn', trigger: { kind: 'http' } });
    const { output } = await h.finish('slow');
    assert.equal(output.failedStep, 'train');
    assert.equal(output.error?.code, 'TIMEOUT');
    assert.match(output.reason ?? '', /no result within 4320 minutes/);
    assert.equal(h.fakes.scheduler.runs()[0]?.markedFailed, true);
    const history = h.engine.readHistory(trainingInstanceId('slow')) ?? [];
    assert.ok(history.length < 60, `the wait's history stays bounded by continueAsNew (${history.length} events)`);
  });
});

describe('cancel and retry', () => {
  it('cancel during training terminates the instances, stops the dag run and marks the run cancelled', async () => {
    const h = await harness();
    h.fakes.scheduler.durationMs = 10 * HOUR_MS;
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'to-cancel', pipelineId: 'churn', trigger: { kind: 'http' } });
    await h.runUntil(() => h.fakes.world.state.counters.dagRunsCreated === 1);
    await h.runUntil(() => false, { until: h.clock.now() + HOUR_MS });
    for (const id of runInstanceIds('to-cancel')) await h.engine.terminate(id, 'cancelled by alice');
    assert.deepEqual(await compensateRun(h.services, 'to-cancel', { reason: 'cancelled by alice' }), { cancelled: true });
    await h.runUntil(() => false, { until: h.clock.now() + 30 * HOUR_MS });
    assert.equal(h.status('to-cancel')?.runtimeStatus, 'Terminated');
    assert.equal(h.status(trainingInstanceId('to-cancel'))?.runtimeStatus, 'Terminated');
    const run = await h.fakes.runs.find('to-cancel');
    assert.equal(run?.status, 'cancelled');
    assert.equal(run?.reason, 'cancelled by alice');
    assert.equal(run?.steps.find((s) => s.name === 'train')?.status, 'cancelled');
    assert.equal(h.fakes.scheduler.runs()[0]?.markedFailed, true);
    assert.equal(h.fakes.world.state.counters.modelVersionsRegistered, 0);
    assert.deepEqual(h.fakes.events.published.map((e) => e.type), ['mlcycle.run.started', 'mlcycle.run.cancelled']);
    assert.deepEqual(await compensateRun(h.services, 'to-cancel'), { cancelled: true }, 'idempotent');
  });

  it('retry from the failed step carries the earlier steps and their lineage', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    h.fakes.scheduler.finalState = 'failed';
    await h.start({ runId: 'broken', pipelineId: 'churn', trigger: { kind: 'http' } });
    assert.equal((await h.finish('broken')).output.failedStep, 'train');
    const failed = await h.fakes.runs.find('broken');
    assert.ok(failed);
    const plan = resumePlanFor(failed);
    assert.equal(plan?.step, 'train');
    assert.deepEqual(Object.keys(plan?.outputs ?? {}), ['resolveSource', 'versionData', 'ensureImage']);

    h.fakes.scheduler.finalState = 'success';
    h.fakes.source.commit(pipelineSpec().source, 'main', sha('moved-on'), {});
    await h.start({ runId: 'broken-retry', pipelineId: 'churn', trigger: { kind: 'retry' }, ...(plan ? { resumeFrom: plan } : {}) });
    const { output } = await h.finish('broken-retry');
    assert.equal(output.status, 'succeeded', output.reason);
    const retried = await h.fakes.runs.find('broken-retry');
    assert.equal(retried?.retryOf, 'broken');
    assert.equal(retried?.lineage.commitSha, sha('c1'), 'the carried commit, not the moved branch');
    assert.equal(retried?.lineage.image?.digest, failed.lineage.image?.digest);
    assert.deepEqual(retried?.steps.slice(0, 3).map((s) => [s.status, s.outputs?.carriedFrom]), [['succeeded', 'broken'], ['succeeded', 'broken'], ['succeeded', 'broken']]);
    assert.equal(h.fakes.world.state.counters.buildsStarted, 1);
    assert.equal(h.fakes.world.state.counters.dagRunsCreated, 2);
    assert.equal(h.fakes.source.faults.count('resolveCommit'), 1);
  });
});

describe('manual approval', () => {
  const approvalSpec = pipelineSpec().policy;
  for (const [name, event, outcome, promoted] of [
    ['approved', { approved: true, by: 'bob' }, 'promote', true],
    ['rejected', { approved: false, by: 'carol' }, 'reject', false],
    ['expired', null, 'hold', false],
  ] as const) {
    it(`${name}`, async () => {
      const h = await harness();
      await seedPipeline(h.fakes, 'churn', sha('c1'), { policy: { ...approvalSpec, requireApproval: true, approvalTimeoutHours: 48 } });
      await h.start({ runId: `appr-${name}`, pipelineId: 'churn', trigger: { kind: 'http' } });
      await h.runUntil(async () => (await h.fakes.runs.find(`appr-${name}`))?.status === 'waiting-approval');
      assert.equal((h.status(`appr-${name}`)?.customStatus as { status: string }).status, 'waiting-approval');
      if (event) {
        await h.runUntil(() => false, { until: h.clock.now() + 47 * HOUR_MS });
        await h.engine.raiseEvent(`appr-${name}`, eventNames.approval, JSON.stringify({ junk: true }));
        await h.engine.raiseEvent(`appr-${name}`, eventNames.approval, JSON.stringify(event));
      }
      const { output } = await h.finish(`appr-${name}`);
      assert.equal(output.outcome, outcome);
      const run = await h.fakes.runs.find(`appr-${name}`);
      assert.equal(run?.status, 'succeeded');
      assert.equal(run?.decision?.outcome, outcome);
      assert.equal(run?.decision?.approval?.outcome, name);
      if (event) assert.equal(run?.decision?.approval?.by, event.by);
      // The candidate is registered (alias challenger) at evaluation whatever the approval; only promotion moves champion.
      assert.equal(h.fakes.world.state.counters.modelVersionsRegistered, 1);
      assert.equal(run?.lineage.model?.aliasesMoved.includes('champion'), promoted);
      if (!event) assert.equal(Date.parse(run?.finishedAt ?? '') - Date.parse(run?.steps.find((s) => s.name === 'evaluate')?.finishedAt ?? ''), 48 * HOUR_MS);
    });
  }
});

describe('one run per id', () => {
  it('starting the same run id twice while it runs is refused: one run, one training', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    const input = { runId: 'idem-1', pipelineId: 'churn', trigger: { kind: 'http' as const } };
    await h.start(input);
    const again = await h.engine.startNew(orchestratorNames.trainingRun, { instanceId: 'idem-1', input });
    assert.equal(again.ok, false);
    await h.finish('idem-1');
    assert.equal(h.fakes.world.state.counters.dagRunsCreated, 1);
    assert.equal(h.fakes.runs.all().length, 1);
  });
});

describe('validation runs', () => {
  it('a PR validation run evaluates, never promotes, and posts status and comment', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'pr-12-1', pipelineId: 'churn', kind: 'validation', pullRequestId: 12, trigger: { kind: 'ado-pr' } });
    const { output } = await h.finish('pr-12-1');
    assert.equal(output.outcome, 'promote');
    assert.equal(output.modelVersion, undefined);
    assert.equal(h.fakes.world.state.counters.modelVersionsRegistered, 0);
    assert.equal(h.fakes.world.state.statuses[0]?.state, 'succeeded');
    const comment = h.fakes.world.state.threads['12#churn']?.comments[0]?.content ?? '';
    assert.match(comment, /validation succeeded: \*\*promote\*\*/);
    assert.match(comment, /\| primary\.first-model \| auc \| 0\.9000 \| – \| – \| ✅ \|/);
    assert.equal(h.fakes.world.state.statuses[0]?.name, 'churn');
    assert.equal(h.fakes.world.state.threads['12#churn']?.comments.length, 1);
  });
});
