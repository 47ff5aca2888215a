import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { Services } from '../../shared/app/services.js';
import { startRunDeps } from '../../shared/app/start-run-deps.js';
import { adoHookMessageSchema } from '../../shared/domain/ado-hooks/event.js';
import { AppError } from '../../shared/domain/errors.js';
import { toFieldIssues } from '../../shared/domain/zod-issues.js';
import { handleHookEvent } from '../../shared/use-cases/ado-hooks/handle-hook-event.js';

/** Failures no retry can change: the message goes to the poison queue with its reason. */
const finalCodes = new Set(['VALIDATION', 'PERMANENT', 'CONFIG']);

/**
 * `ado-hooks` queue intake: acts on the service-hook events `POST /api/hooks/azure-devops` accepted, and notes what
 * each did on its delivery record. Transient failures (Azure DevOps or a store unavailable) throw, so the host
 * retries the message; acting again is harmless (runs are keyed by what started them).
 */
export function registerAdoHooks(services: Services): void {
  const queue = services.config.queues.adoHooks;
  app.storageQueue('ado-hooks', {
    queueName: '%ADO_HOOKS_QUEUE%',
    connection: 'AzureWebJobsStorage',
    extraInputs: [df.input.durableClient()],
    handler: async (message: unknown, context: InvocationContext) => {
      const parsed = adoHookMessageSchema.safeParse(message);
      if (!parsed.success) {
        await services.rejectedMessages.reject(queue, message, 'The message is not a service-hook event.', toFieldIssues(parsed.error));
        return;
      }
      const deps = {
        ...startRunDeps(services, context),
        source: services.source,
        review: services.review,
        scheduler: services.scheduler,
        events: services.events,
        runRequests: services.runRequests,
        ...(services.config.publicBaseUrl ? { publicBaseUrl: services.config.publicBaseUrl } : {}),
      };
      try {
        const result = await handleHookEvent(deps, parsed.data);
        await services.hookDeliveries.complete(parsed.data.deliveryId, result.summary ? { outcomes: result.outcomes, detail: result.summary } : { outcomes: result.outcomes }, services.now().toISOString());
      } catch (e) {
        if (!(e instanceof AppError) || !finalCodes.has(e.code)) throw e;
        await services.hookDeliveries.complete(parsed.data.deliveryId, { outcomes: [], detail: `failed: ${e.code}: ${e.message}` }, services.now().toISOString());
        await services.rejectedMessages.reject(queue, message, e.message, e.issues);
      }
    },
  });
}
