import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StepName } from '../../shared/domain/run.js';
import { REMOTE, seedPipeline, sha } from '../fakes/seed.js';
import type { Fakes } from '../fakes/fake-services.js';
import { harness } from './support/per-test.js';

/** How to make each step fail permanently, and what the reason must say. */
const permanent: { step: StepName; arrange: (f: Fakes) => void; reason: RegExp }[] = [
  { step: 'resolveSource', arrange: (f) => f.source.faults.failAlways('resolveCommit', { kind: 'permanent', code: 'NOT_FOUND', message: "ref 'main' not found" }), reason: /resolveSource failed: ref 'main' not found/ },
  { step: 'versionData', arrange: (f) => { for (const k of Object.keys(f.world.state.objects).filter((k) => !k.endsWith('.dir'))) delete f.world.state.objects[k]; }, reason: /versionData failed: Data is not in the DVC remote \(run dvc push\): data\/test\.csv, data\/train\.csv/ },
  { step: 'ensureImage', arrange: (f) => { f.builder.finalState = 'failed'; }, reason: /ensureImage failed: docker build failed/ },
  { step: 'train', arrange: (f) => { f.scheduler.finalState = 'failed'; }, reason: /train failed: task train failed: exit code 1/ },
  { step: 'collectResults', arrange: (f) => f.tracker.faults.failAlways('findRun', { kind: 'permanent', message: 'experiment churn was deleted' }), reason: /collectResults failed: experiment churn was deleted/ },
  { step: 'evaluate', arrange: (f) => f.tracker.faults.failAlways('getChampion', { kind: 'permanent', code: 'FORBIDDEN', message: 'no permission on model churn-model' }), reason: /evaluate failed: no permission/ },
  { step: 'promote', arrange: (f) => f.tracker.faults.failAlways('setAlias', { kind: 'permanent', message: 'model registry is read-only' }), reason: /promote failed: model registry is read-only/ },
];

describe('a step that fails permanently fails the run with a readable reason', () => {
  for (const c of permanent) {
    it(c.step, async () => {
      const h = await harness();
      await seedPipeline(h.fakes, 'churn', sha('c1'));
      // evaluate reads the champion after versionData does: fail only the later call.
      if (c.step === 'evaluate') {
        const original = h.fakes.tracker.getChampion.bind(h.fakes.tracker);
        let calls = 0;
        h.fakes.tracker.getChampion = async (name) => (++calls === 1 ? original(name) : (c.arrange(h.fakes), original(name)));
      } else c.arrange(h.fakes);
      await h.start({ runId: `fail-${c.step}`, pipelineId: 'churn', trigger: { kind: 'http' } });
      const { status, output } = await h.finish(`fail-${c.step}`);
      assert.equal(status.runtimeStatus, 'Completed');
      assert.equal(output.status, 'failed');
      assert.equal(output.failedStep, c.step);
      assert.match(output.reason ?? '', c.reason);
      const run = await h.fakes.runs.find(`fail-${c.step}`);
      assert.equal(run?.status, 'failed');
      assert.match(run?.reason ?? '', c.reason);
      const step = run?.steps.find((s) => s.name === c.step);
      assert.equal(step?.status, 'failed');
      assert.ok(step?.error?.message);
      const after = run?.steps.slice(run.steps.findIndex((s) => s.name === c.step) + 1, -1) ?? [];
      assert.ok(after.every((s) => s.status === 'skipped'), JSON.stringify(run?.steps));
      assert.equal(run?.steps.at(-1)?.status, 'succeeded', 'report still runs');
      const registered = c.step === 'promote' ? ['mlcycle.model.registered'] : [];
      assert.deepEqual(h.fakes.events.published.map((e) => e.type), ['mlcycle.run.started', ...registered, 'mlcycle.run.stepFailed', 'mlcycle.run.failed']);
      if (c.step !== 'promote') assert.equal(h.fakes.world.state.counters.modelVersionsRegistered, 0);
    });
  }

  it('report: a permanent failure of the notification keeps the outcome and marks the report step failed', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    h.fakes.events.faults.failAlways('publish', { kind: 'permanent', message: 'queue run-events does not exist' });
    await h.start({ runId: 'fail-report', pipelineId: 'churn', trigger: { kind: 'http' } });
    const { output } = await h.finish('fail-report');
    assert.equal(output.status, 'succeeded');
    assert.match(output.reportError?.message ?? '', /queue run-events does not exist/);
    const run = await h.fakes.runs.find('fail-report');
    assert.equal(run?.status, 'succeeded');
    assert.equal(run?.steps.at(-1)?.status, 'failed');
  });

  it('data never pushed names the remote keys in the error details', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    const manifestKey = Object.keys(h.fakes.world.state.objects).find((k) => k.endsWith('.dir'));
    assert.ok(manifestKey);
    h.fakes.objects.remove(REMOTE, manifestKey.slice(REMOTE.length + 1));
    await h.start({ runId: 'not-pushed', pipelineId: 'churn', trigger: { kind: 'http' } });
    const { output } = await h.finish('not-pushed');
    assert.equal(output.error?.code, 'DATA_NOT_PUSHED');
    assert.match(output.reason ?? '', /run dvc push\): data$/);
  });
});

describe('transient failures are retried with backoff, then the run succeeds', () => {
  it('503/429/timeouts on several ports', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    h.fakes.source.faults.failNext('resolveCommit', 2, { kind: 'transient', status: 503 });
    h.fakes.scheduler.faults.failNext('trigger', 3, { kind: 'transient', status: 503 });
    h.fakes.tracker.faults.failNext('registerVersion', 2, { kind: 'transient', status: 429 });
    h.fakes.runs.faults.failNext('update', 1, { kind: 'transient', status: 408 });
    await h.start({ runId: 'flaky', pipelineId: 'churn', trigger: { kind: 'http' } });
    const { output } = await h.finish('flaky');
    assert.equal(output.status, 'succeeded', output.reason);
    assert.equal(h.fakes.source.faults.count('resolveCommit'), 3);
    assert.equal(h.fakes.scheduler.faults.count('trigger'), 4);
    assert.equal(h.fakes.world.state.counters.dagRunsCreated, 1);
    assert.equal(h.fakes.world.state.counters.modelVersionsRegistered, 1);
    const run = await h.fakes.runs.find('flaky');
    assert.equal(run?.steps.find((s) => s.name === 'train')?.attempts, 4);
    assert.equal(run?.steps.find((s) => s.name === 'train')?.error, undefined, 'the last error is cleared on success');
  });

  it('retries run out: the step fails and says how often it tried', async () => {
    const h = await harness();
    await seedPipeline(h.fakes, 'churn', sha('c1'));
    h.fakes.registry.faults.failAlways('findTag', { kind: 'transient', status: 502 });
    await h.start({ runId: 'exhausted', pipelineId: 'churn', trigger: { kind: 'http' } });
    const { output } = await h.finish('exhausted');
    assert.equal(output.failedStep, 'ensureImage');
    assert.equal(output.error?.code, 'RETRIES_EXHAUSTED');
    assert.match(output.reason ?? '', /ensureImage failed: ensureImage failed after 5 attempts: .*HTTP 502/);
    assert.equal(h.fakes.registry.faults.count('findTag'), 5);
  });
});
