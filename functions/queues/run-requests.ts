import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { Services } from '../../shared/app/services.js';
import { startRunDeps } from '../../shared/app/start-run-deps.js';
import { AppError } from '../../shared/domain/errors.js';
import { isSignalMessage, runRequestSchema } from '../../shared/domain/run-request.js';
import { toFieldIssues } from '../../shared/domain/zod-issues.js';
import { newRunId } from '../../shared/use-cases/run-ids.js';
import { startQueuedRun, startRun } from '../../shared/use-cases/start-run.js';
import { handleSignalMessage } from './signal-messages.js';

/** Refusals that no retry can change: the request goes to the poison queue with its reason (or is only logged). */
const finalCodes = new Set(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'PERMANENT']);

/**
 * `run-requests` queue intake: a drift monitor or any system asks for a run, or sends a signal (`{ pipelineId, signal }`). Invalid or impossible requests go to
 * `run-requests-poison` with the reason, right away; transient failures throw, so the host retries them (and after
 * `maxDequeueCount` moves them to the same poison queue).
 */
export function registerRunRequests(services: Services): void {
  const queue = services.config.queues.runRequests;
  app.storageQueue('run-requests', {
    queueName: '%RUN_REQUESTS_QUEUE%',
    connection: 'AzureWebJobsStorage',
    extraInputs: [df.input.durableClient()],
    handler: async (message: unknown, context: InvocationContext) => {
      // A drift or alert signal asks for no run: the pipeline's retrainOn.signals rule decides.
      if (isSignalMessage(message)) return handleSignalMessage(services, message, context);
      const parsed = runRequestSchema.safeParse(message);
      if (!parsed.success) {
        await services.rejectedMessages.reject(queue, message, 'The message is not a valid run request.', toFieldIssues(parsed.error));
        return;
      }
      const req = parsed.data;
      const deps = startRunDeps(services, context);
      if (req.startQueued) {
        // mlcycle's own request: the run queued behind a finished one may start now (a no-op if it already has).
        await startQueuedRun(deps, { pipelineId: req.pipelineId, runId: req.requestId });
        return;
      }
      try {
        await startRun(
          deps,
          {
            pipelineId: req.pipelineId,
            runId: newRunId(services.now(), { scope: `queue:${req.pipelineId}`, key: req.requestId }),
            trigger: { kind: 'queue', sourceEventId: req.requestId, ...(req.requestedBy ? { actor: req.requestedBy } : {}), ...(req.reason ? { reason: req.reason } : {}) },
            dedupKey: req.requestId,
            // One trigger log record per delivery: a redelivered message is logged again (as `deduplicated`).
            evaluationId: context.invocationId,
            ...(req.ref ? { ref: req.ref } : {}),
            ...(req.params ? { params: req.params } : {}),
            force: req.force,
          },
        );
      } catch (e) {
        if (!(e instanceof AppError) || !finalCodes.has(e.code)) throw e;
        // A disabled pipeline or a busy one (concurrency) is a decision already in the trigger log, not a bad message.
        if (e.code === 'CONFLICT') return;
        await services.rejectedMessages.reject(queue, message, e.message, e.issues);
      }
    },
  });
}
