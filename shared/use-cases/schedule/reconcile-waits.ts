import pLimit from 'p-limit';
import type { StepName } from '../../domain/run.js';
import { eventNames, imageInstanceId, runIdOfDagRun, trainingInstanceId } from '../../durable/instance-ids.js';
import type { Logger } from '../../logging/logger.js';
import type { EndedDagRun, TrainingScheduler } from '../../ports/external-systems.js';
import type { OrchestrationClient } from '../../ports/orchestration-client.js';
import type { RunAtStep, RunStore } from '../../ports/run-store.js';

/** Runs in training read per tick: one query page. Past it, the rest keep only their wait's own fallback poll. */
export const reconcileRunsPerTick = 1000;
/** Ended dag runs read per tick: one Airflow request (Airflow's default `maximum_page_limit`). */
export const endedPageSize = 100;
/** How far a check reaches back before the previous one: clock skew between app and Airflow, and commit lag. */
export const reconcileOverlapMs = 2 * 60_000;
/** How long an ended dag run whose run has not left training keeps the window open (it is woken again each tick). */
const holdOpenMs = 60 * 60_000;
const raiseConcurrency = 16;

/** What reconciling waits needs: the run store, Airflow, the Durable client and a logger. */
export interface ReconcileDeps {
  runs: RunStore;
  scheduler: TrainingScheduler;
  orchestrations: OrchestrationClient;
  log: Logger;
}

/** What one reconciliation did. */
export interface ReconcileResult {
  /** Runs found in training (and, at start-up, building an image). */
  waiting: number;
  /** Whether this was the process's start-up check (every in-flight wait woken). */
  startupCheck: boolean;
  /** Waits woken because Airflow says their dag run has ended. */
  woken: number;
}

/**
 * Notices lost Airflow callbacks at a cost that does not grow with the runs in training (docs/scheduler.md): each
 * tick, one store query for the runs in training and one Airflow request for the dag runs of their DAGs that ended
 * since the previous check; each such run's wait is woken (`training-finished`), and confirms by its own poll, so a
 * spurious wake-up is harmless. The first tick of a process also wakes every in-flight wait once (training and image
 * builds), for callbacks lost while the app was down. One instance per process, like the repair schedule.
 */
export class WaitReconciler {
  /** The lower bound of the next check (ms); unset before this process's first successful one. */
  private since: number | undefined;
  private startupChecked = false;

  /** One reconciliation at `now`. Store and Airflow failures propagate; a failed wake-up is logged and retried. */
  async tick(deps: ReconcileDeps, now: Date): Promise<ReconcileResult> {
    const startup = !this.startupChecked;
    const steps: StepName[] = startup ? ['ensureImage', 'train'] : ['train'];
    const page = await deps.runs.runningAt(steps, { limit: reconcileRunsPerTick });
    if (page.continuationToken) deps.log.warn('more runs wait than one reconciliation reads; the rest rely on their fallback poll', { read: page.items.length });
    const woken = new Set<string>();
    if (startup) this.startupChecked = await this.wakeAll(deps, page.items, woken);
    const training = page.items.filter((r): r is RunAtStep & { dagId: string } => r.step === 'train' && r.dagId !== undefined);
    const nowMs = now.getTime();
    if (training.length === 0) {
      this.since = nowMs - reconcileOverlapMs;
      return { waiting: page.items.length, startupCheck: startup, woken: 0 };
    }
    // Before this process's first check the window opens at the earliest training start: that is in the run
    // records, so it survives a restart, and a callback lost while the app was down is found however long ago.
    const since = this.since ?? Math.min(...training.map((r) => (r.startedAt ? Date.parse(r.startedAt) : nowMs))) - reconcileOverlapMs;
    const dagIds = [...new Set(training.map((r) => r.dagId))].sort();
    const ended = await deps.scheduler.listEnded({ dagIds, since: new Date(since), limit: endedPageSize });
    const inTraining = new Map(training.map((r) => [r.runId, r]));
    const stranded = ended.flatMap((d) => {
      const runId = runIdOfDagRun(d.dagRunId);
      return runId !== null && inTraining.get(runId)?.dagId === d.dagId ? [{ ...d, runId }] : [];
    });
    const raised = await this.wakeTraining(deps, stranded.filter((d) => !woken.has(d.runId)));
    this.since = nextSince(ended, stranded, nowMs);
    return { waiting: page.items.length, startupCheck: startup, woken: raised };
  }

  /** The start-up check: wake every wait found. True when every wake-up was delivered (or had nobody to wake). */
  private async wakeAll(deps: ReconcileDeps, runs: RunAtStep[], woken: Set<string>): Promise<boolean> {
    const limit = pLimit(raiseConcurrency);
    const results = await Promise.allSettled(
      runs.map((r) =>
        limit(async () => {
          const outcome =
            r.step === 'train'
              ? await deps.orchestrations.raise(trainingInstanceId(r.runId), eventNames.trainingFinished, {})
              : await deps.orchestrations.raise(imageInstanceId(r.runId), eventNames.imageBuilt, {});
          if (outcome === 'raised' && r.step === 'train') woken.add(r.runId);
        }),
      ),
    );
    const failed = results.filter((x) => x.status === 'rejected').length;
    if (failed > 0) deps.log.warn('start-up check of in-flight waits incomplete; it runs again at the next tick', { failed, waits: runs.length });
    else if (runs.length > 0) deps.log.info('start-up check woke the in-flight waits', { waits: runs.length });
    return failed === 0;
  }

  /** Wake the training waits of dag runs that ended; returns how many were woken. */
  private async wakeTraining(deps: ReconcileDeps, ended: (EndedDagRun & { runId: string })[]): Promise<number> {
    const limit = pLimit(raiseConcurrency);
    const outcomes = await Promise.all(
      ended.map(({ runId, ...d }) =>
        limit(async () => {
          try {
            const outcome = await deps.orchestrations.raise(trainingInstanceId(runId), eventNames.trainingFinished, { state: d.state, dagRunId: d.dagRunId });
            if (outcome === 'raised') deps.log.info('training wait woken: its dag run ended and no callback came', { runId, state: d.state });
            return outcome === 'raised';
          } catch (e) {
            deps.log.warn('training wait not woken; the next tick tries again', { runId, error: e instanceof Error ? e.message : String(e) });
            return false;
          }
        }),
      ),
    );
    return outcomes.filter(Boolean).length;
  }
}

/**
 * The next check's lower bound: after a full page, the last end read (the next tick goes on from there); otherwise now
 * less the overlap. A dag run found ended whose run is still in training holds it open (for at most an hour), so a
 * wait whose confirming poll failed is woken again at the next tick.
 */
function nextSince(ended: EndedDagRun[], stranded: EndedDagRun[], nowMs: number): number {
  const last = ended.at(-1);
  let next = ended.length >= endedPageSize && last ? Date.parse(last.endDate) : nowMs - reconcileOverlapMs;
  for (const d of stranded) {
    const end = Date.parse(d.endDate);
    if (end >= nowMs - holdOpenMs) next = Math.min(next, end);
  }
  return next;
}
