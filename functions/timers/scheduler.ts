import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { Services } from '../../shared/app/services.js';
import { startRunDeps } from '../../shared/app/start-run-deps.js';
import { WaitReconciler } from '../../shared/use-cases/schedule/reconcile-waits.js';
import { RepairSchedule, repairStates } from '../../shared/use-cases/schedule/repair-sweep.js';
import { schedulerTick } from '../../shared/use-cases/schedule/scheduler-tick.js';

/**
 * The scheduler timer: every minute, evaluate the pipelines the due index says are due (cron slots, staleness,
 * polled data changes) and start their runs, reading at most the sweep's budget of repositories for data checks. The
 * first tick of a process, and then one an hour, first gives states to pipelines that have none and counts that
 * budget (docs/scheduler.md). Each tick also wakes the training waits whose dag run ended without a callback, and the
 * first tick of a process every in-flight wait.
 */
export function registerScheduler(services: Services): void {
  const repair = new RepairSchedule();
  const reconciler = new WaitReconciler();
  app.timer('scheduler', {
    schedule: '0 * * * * *',
    extraInputs: [df.input.durableClient()],
    handler: async (_timer, context) => {
      const now = services.now();
      if (repair.claim(now)) {
        // A failed sweep must not stop the schedules of the pipelines that have states; the next hour sweeps again.
        await repairStates(services, now).then(
          (sweep) => {
            repair.swept(sweep);
            if (sweep.created > 0) services.log.info('scheduler states created for pipelines that had none', { created: sweep.created });
          },
          (e: unknown) => services.log.warn('scheduler repair sweep failed', { error: e instanceof Error ? e.message : String(e) }),
        );
      }
      const deps = { ...startRunDeps(services, context), pipelineStates: services.pipelineStates, source: services.source, log: services.log };
      const outcomes = await schedulerTick(deps, now, context.invocationId, { dataCheckBudget: repair.budget });
      for (const o of outcomes.filter((x) => x.result === 'started')) services.log.info('scheduled run started', { ...o });
      repair.deferred(outcomes.filter((x) => x.result === 'deferred').length);
      // A failed reconciliation must not fail the tick: the next one checks again from the same point.
      await reconciler
        .tick({ runs: services.runs, scheduler: services.scheduler, orchestrations: deps.orchestrations, log: services.log }, now)
        .catch((e: unknown) => services.log.warn('reconciliation of training waits failed', { error: e instanceof Error ? e.message : String(e) }));
    },
  });
}
