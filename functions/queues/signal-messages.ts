import type { InvocationContext } from '@azure/functions';
import type { Services } from '../../shared/app/services.js';
import { startRunDeps } from '../../shared/app/start-run-deps.js';
import { AppError } from '../../shared/domain/errors.js';
import { pipelineIdSchema } from '../../shared/domain/ids.js';
import { signalRequestSchema } from '../../shared/domain/run-request.js';
import { toFieldIssues } from '../../shared/domain/zod-issues.js';
import { receiveSignal, recordRejectedSignal } from '../../shared/use-cases/receive-signal.js';

/**
 * A signal message on the `run-requests` queue (`{ pipelineId, signal }`): the pipeline's `retrainOn.signals` rule
 * decides, as for `POST /api/pipelines/{id}/signals`. A malformed message, or one for an unknown pipeline, goes to the
 * poison queue with its reason (and a malformed one is also in the named pipeline's trigger log, as `rejected`);
 * transient failures throw, so the host retries them.
 */
export async function handleSignalMessage(services: Services, message: unknown, context: InvocationContext): Promise<void> {
  const queue = services.config.queues.runRequests;
  const parsed = signalRequestSchema.safeParse(message);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    await services.rejectedMessages.reject(queue, message, 'The message is not a valid signal.', issues);
    const named = pipelineIdSchema.safeParse((message as { pipelineId?: unknown }).pipelineId);
    if (named.success) {
      const error = new AppError('VALIDATION', 'The message is not a valid signal.', { issues });
      await recordRejectedSignal(services, { pipelineId: named.data, trigger: 'signal', evaluationId: context.invocationId, error });
    }
    return;
  }
  try {
    await receiveSignal(startRunDeps(services, context), { pipelineId: parsed.data.pipelineId, signal: parsed.data.signal, trigger: 'signal', evaluationId: context.invocationId });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'NOT_FOUND') throw e;
    await services.rejectedMessages.reject(queue, message, e.message, e.issues);
  }
}
