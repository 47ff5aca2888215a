import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../shared/logging/logger.js';
import { trainingWaitPolicy } from '../../shared/durable/wait-policy.js';
import type { RunStore } from '../../shared/ports/run-store.js';
import { WaitReconciler, type ReconcileDeps } from '../../shared/use-cases/schedule/reconcile-waits.js';
import { seedPipeline, sha } from '../fakes/seed.js';
import type { RunHarness } from './support/harness.js';
import { harness } from './support/per-test.js';
import { SchedulerDriver } from './support/scheduler-driver.js';

/*
 * A lost Airflow callback, on the dev host's durable engine over fakes: no `training-finished` comes from the DAG, and
 * the scheduler's reconciliation (what the timer runs after its tick, once a clock minute) must notice the ended dag
 * runs within two ticks, with one store query and at most one Airflow call per tick however many runs train.
 */

const MINUTE = 60_000;
const terminal = new Set(['succeeded', 'failed', 'cancelled', 'skipped']);

/** Counts the reconciliation's store queries and Airflow calls. */
function countingDeps(h: RunHarness): { deps: ReconcileDeps; queries: () => number; airflowCalls: () => number } {
  let queries = 0;
  const runs: RunStore = Object.create(h.services.runs) as RunStore;
  runs.runningAt = (steps, opts) => {
    queries++;
    return h.services.runs.runningAt(steps, opts);
  };
  const deps = { runs, scheduler: h.services.scheduler, orchestrations: new SchedulerDriver(h).client(), log: silentLogger };
  return { deps, queries: () => queries, airflowCalls: () => h.fakes.scheduler.listEndedCalls };
}

/** Start `n` runs (one pipeline each) whose callbacks will be lost, and let them reach training. */
async function startTraining(h: RunHarness, n: number): Promise<string[]> {
  h.callbacks = false;
  h.fakes.builder.synchronous = true;
  const ids = Array.from({ length: n }, (_, i) => `lost-${i}`);
  for (const id of ids) {
    await seedPipeline(h.fakes, `p-${id}`, sha(id));
    await h.start({ runId: id, pipelineId: `p-${id}`, trigger: { kind: 'http' } });
  }
  await h.runUntil(async () => (await Promise.all(ids.map((id) => h.fakes.runs.find(id)))).every((r) => r?.lineage.airflow !== undefined));
  return ids;
}

/** Tick at every whole minute until every run has ended (or `maxTicks`); the ticks taken since `from`. */
async function tickUntilDone(h: RunHarness, reconciler: WaitReconciler, c: ReturnType<typeof countingDeps>, ids: string[], from: number, maxTicks = 10) {
  const perTick: { queries: number; airflowCalls: number }[] = [];
  let t = Math.floor(from / MINUTE) * MINUTE;
  for (let tick = 1; tick <= maxTicks; tick++) {
    t += MINUTE;
    await h.runUntil(() => false, { until: t });
    const [q, a] = [c.queries(), c.airflowCalls()];
    await reconciler.tick(c.deps, new Date(h.clock.now()));
    perTick.push({ queries: c.queries() - q, airflowCalls: c.airflowCalls() - a });
    await h.runUntil(async () => (await Promise.all(ids.map((id) => h.fakes.runs.find(id)))).every((r) => terminal.has(r?.status ?? '')), { until: t + MINUTE - 1 });
    const runs = await Promise.all(ids.map((id) => h.fakes.runs.find(id)));
    if (runs.every((r) => terminal.has(r?.status ?? ''))) return { ticks: tick, perTick, runs };
  }
  return { ticks: Number.POSITIVE_INFINITY, perTick, runs: await Promise.all(ids.map((id) => h.fakes.runs.find(id))) };
}

describe('a lost Airflow callback', () => {
  for (const n of [1, 30]) {
    it(`is noticed within two scheduler ticks with ${n} run(s) in training, at one query and one Airflow call a tick`, async () => {
      const h = await harness();
      const ids = await startTraining(h, n);
      const c = countingDeps(h);
      const reconciler = new WaitReconciler();
      // The process's first tick (its start-up check) happens while training still runs: it finds nothing ended.
      const first = await reconciler.tick(c.deps, new Date(h.clock.now()));
      assert.equal(first.startupCheck, true);
      assert.equal(first.waiting, n);
      await h.engine.idle();

      const endsAt = Math.max(...h.fakes.scheduler.runs().map((r) => r.finishAt));
      assert.ok(endsAt - h.clock.now() < trainingWaitPolicy.firstPollMs, 'training ends long before the wait\'s first fallback poll');
      await h.runUntil(() => false, { until: endsAt });
      const { ticks, perTick, runs } = await tickUntilDone(h, reconciler, c, ids, endsAt);

      assert.ok(ticks <= 2, `all ${n} runs finished after ${ticks} ticks (statuses: ${runs.map((r) => `${r?.id}:${r?.status}`).join(', ')})`);
      assert.deepEqual(runs.map((r) => r?.status), ids.map(() => 'succeeded'));
      for (const p of perTick) assert.deepEqual(p, { queries: 1, airflowCalls: 1 }, 'one store query and one Airflow call per tick, whatever the number of runs');
      assert.equal(h.fakes.world.state.counters.dagRunsCreated, n, 'no dag run was triggered twice');
    });
  }

  it('lost while the app was down is noticed by the next process\'s first tick (the start-up check)', async () => {
    const h = await harness();
    const ids = await startTraining(h, 2);
    const c = countingDeps(h);
    // The app is down as training ends: nobody ticks, nothing calls back. A new process starts 10 minutes later.
    const endsAt = Math.max(...h.fakes.scheduler.runs().map((r) => r.finishAt));
    await h.runUntil(() => false, { until: endsAt + 10 * MINUTE });
    const { ticks, runs } = await tickUntilDone(h, new WaitReconciler(), c, ids, h.clock.now());
    assert.equal(ticks, 1, `finished at the first tick (statuses: ${runs.map((r) => r?.status).join(', ')})`);
  });

  it('wakes a run again at the next tick when its wake-up failed (the window stays open for it)', async () => {
    const h = await harness();
    const ids = await startTraining(h, 1);
    const c = countingDeps(h);
    const reconciler = new WaitReconciler();
    await reconciler.tick(c.deps, new Date(h.clock.now()));
    await h.engine.idle();
    const endsAt = Math.max(...h.fakes.scheduler.runs().map((r) => r.finishAt));
    let failures = 1;
    const raise = c.deps.orchestrations.raise.bind(c.deps.orchestrations);
    c.deps.orchestrations = { ...c.deps.orchestrations, raise: async (...a) => (failures-- > 0 ? Promise.reject(new Error('task hub unavailable')) : raise(...a)) };
    // The first tick after the end comes 3 minutes late: past the overlap, so only the held window finds the run again.
    await h.runUntil(() => false, { until: endsAt + 3 * MINUTE });
    assert.equal((await reconciler.tick(c.deps, new Date(h.clock.now()))).woken, 0, 'the first wake-up failed');
    await h.runUntil(() => false, { until: endsAt + 4 * MINUTE });
    assert.equal((await reconciler.tick(c.deps, new Date(h.clock.now()))).woken, 1);
    await h.runUntil(async () => (await h.fakes.runs.find(ids[0] ?? ''))?.status === 'succeeded', { until: endsAt + 5 * MINUTE });
    assert.equal((await h.fakes.runs.find(ids[0] ?? ''))?.status, 'succeeded');
  });

  it('wakes nothing when no dag run has ended, and asks Airflow nothing when no run trains', async () => {
    const h = await harness();
    await startTraining(h, 3);
    const c = countingDeps(h);
    const reconciler = new WaitReconciler();
    await reconciler.tick(c.deps, new Date(h.clock.now()));
    await h.engine.idle();
    const again = await reconciler.tick(c.deps, new Date(h.clock.now() + MINUTE));
    assert.deepEqual(again, { waiting: 3, startupCheck: false, woken: 0 });
    const idle = fakeIdle();
    const calls = c.airflowCalls();
    await new WaitReconciler().tick({ ...c.deps, runs: idle }, new Date(h.clock.now()));
    assert.equal(c.airflowCalls(), calls, 'no Airflow call without runs in training');
  });
});

/** A run store with no run in training. */
function fakeIdle(): RunStore {
  return { runningAt: async () => ({ items: [] }) } as unknown as RunStore;
}
