import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha, seedPipeline } from '../fakes/seed.js';
import { harness } from './support/per-test.js';
import { EventType } from '../../devhost/durable/history-events.js';
import { imageInstanceId } from '../../shared/durable/instance-ids.js';


describe('a training run on the dev host', () => {
  it('succeeds end to end and promotes the first model', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    await h.start({ runId: 'run-1', pipelineId: 'churn', trigger: { kind: 'http', actor: 'alice' } });
    const { status, output } = await h.finish('run-1');
    assert.equal(status.runtimeStatus, 'Completed', JSON.stringify(status.output));
    assert.equal(output.status, 'succeeded');
    assert.equal(output.outcome, 'promote');
    assert.equal(output.modelVersion, '1');
    const run = await h.fakes.runs.find('run-1');
    assert.ok(run);
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(run.steps.map((s) => [s.name, s.status]), [
      ['resolveSource', 'succeeded'], ['versionData', 'succeeded'], ['ensureImage', 'succeeded'], ['train', 'succeeded'],
      ['collectResults', 'succeeded'], ['evaluate', 'succeeded'], ['promote', 'succeeded'], ['report', 'succeeded'],
    ]);
    assert.equal(run.lineage.commitSha, sha('c1'));
    assert.equal(run.lineage.airflow?.dagRunId, 'mlcycle__run-1');
    assert.equal(run.lineage.model?.version, '1');
    assert.ok(run.lineage.image?.digest?.startsWith('sha256:'));
    assert.equal(run.decision?.outcome, 'promote');
    assert.equal(h.fakes.world.state.counters.dagRunsCreated, 1);
    assert.equal(h.fakes.world.state.counters.buildsStarted, 1);
    assert.equal(h.fakes.world.state.counters.modelVersionsRegistered, 1);
    assert.deepEqual(h.fakes.events.published.map((e) => e.type), ['mlcycle.run.started', 'mlcycle.model.registered', 'mlcycle.model.promoted', 'mlcycle.run.succeeded']);
    const custom = status.customStatus as { status: string; steps: Record<string, string> };
    assert.equal(custom.status, 'succeeded');
    assert.equal(custom.steps.report, 'succeeded');
  });

  it('checks a build that finished while starting within the start, without a poll', async () => {
    const h = await harness();
    h.callbacks = false; // nothing would raise image-built: only the immediate check can end the wait
    h.fakes.builder.synchronous = true;
    await seedPipeline(h.fakes, 'sync', sha('s1'));
    await h.start({ runId: 'run-sync', pipelineId: 'sync', trigger: { kind: 'http' } });
    await h.engine.waitFor(imageInstanceId('run-sync'), (s) => s.runtimeStatus === 'Completed', 10_000);
    const history = h.engine.readHistory(imageInstanceId('run-sync')) ?? [];
    assert.equal(history.filter((e) => e.EventType === EventType.TimerCreated).length, 0, 'no poll timer was needed');
    const scheduled = history.filter((e) => e.EventType === EventType.TaskScheduled).map((e) => e.Name);
    assert.deepEqual(scheduled, ['startImageBuild'], 'the start checked the finished build itself');
    const run = await h.fakes.runs.find('run-sync');
    assert.equal(run?.steps.find((s) => s.name === 'ensureImage')?.status, 'succeeded');
  });

  it('promotes within evaluate when no approval is needed: no separate promote activity', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'fast', sha('f1'));
    await h.start({ runId: 'run-fast', pipelineId: 'fast', trigger: { kind: 'http' } });
    const { output } = await h.finish('run-fast');
    assert.equal(output.modelVersion, '1');
    const scheduled = (h.engine.readHistory('run-fast') ?? []).filter((e) => e.EventType === EventType.TaskScheduled).map((e) => e.Name);
    assert.ok(scheduled.includes('evaluate') && !scheduled.includes('promote'), scheduled.join(', '));
    const run = await h.fakes.runs.find('run-fast');
    const promote = run?.steps.find((s) => s.name === 'promote');
    assert.equal(promote?.status, 'succeeded');
    assert.equal(promote?.attempts, 1);
    assert.deepEqual(run?.lineage.model?.aliasesMoved, ['challenger', 'champion']);
    assert.equal(h.fakes.tracker.faults.count('registerVersion'), 1, 'the version is registered once');
  });

  it('leaves a promotion that failed within evaluate to the promote activity, which reuses the registered version', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'slow', sha('s2'));
    h.fakes.tracker.faults.failNext('setAlias', 1);
    await h.start({ runId: 'run-slow', pipelineId: 'slow', trigger: { kind: 'http' } });
    const { output } = await h.finish('run-slow');
    assert.equal(output.status, 'succeeded');
    assert.equal(output.modelVersion, '1');
    const scheduled = (h.engine.readHistory('run-slow') ?? []).filter((e) => e.EventType === EventType.TaskScheduled).map((e) => e.Name);
    assert.ok(scheduled.includes('promote'), scheduled.join(', '));
    assert.equal(h.fakes.tracker.faults.count('registerVersion'), 1, 'promote reused the version evaluate registered');
    const run = await h.fakes.runs.find('run-slow');
    assert.equal(run?.steps.find((s) => s.name === 'promote')?.status, 'succeeded');
    assert.equal(run?.lineage.model?.aliasesMoved.includes('champion'), true);
  });
});
