import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { Services } from '../../shared/app/services.js';
import { startRunDeps } from '../../shared/app/start-run-deps.js';
import { evaluateSchedules } from '../../shared/use-cases/evaluate-schedules.js';

/** The scheduler timer: every minute, start the runs whose pipeline schedules are due (each slot fires once). */
export function registerScheduler(services: Services): void {
  app.timer('scheduler', {
    schedule: '0 * * * * *',
    extraInputs: [df.input.durableClient()],
    handler: async (_timer, context) => {
      const outcomes = await evaluateSchedules(
        { ...startRunDeps(services, context), log: services.log },
        services.now(),
        context.invocationId,
      );
      for (const o of outcomes.filter((x) => x.result === 'started')) services.log.info('scheduled run started', { ...o });
    },
  });
}
