import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { Services } from '../../shared/app/services.js';
import { startRunDeps } from '../../shared/app/start-run-deps.js';
import { AppError, errors } from '../../shared/domain/errors.js';
import { runIdSchema } from '../../shared/domain/ids.js';
import type { Signal } from '../../shared/domain/signals/signal.js';
import { triggerDecisionSchema, triggerRecordSchema } from '../../shared/domain/trigger-record.js';
import { z } from '../../shared/domain/zod.js';
import { json } from '../../shared/http/route.js';
import { receiveSignal, recordRejectedSignal } from '../../shared/use-cases/receive-signal.js';

/** The answer to a signal or an alert: the decision, the run concerned, and the signal's trigger-log record. */
export const signalOutcomeSchema = z.object({ decision: triggerDecisionSchema, runId: runIdSchema.optional(), record: triggerRecordSchema });

/** The Durable client a signal needs to start a run. */
export const signalInputs = [df.input.durableClient()];

/** Decide on a signal the route has read, and answer 202 with the outcome. */
export async function answerSignal(
  services: Services,
  context: InvocationContext,
  req: { pipelineId: string; signal: Signal; trigger: 'signal' | 'alert'; resolved?: boolean; actor?: string },
): Promise<ReturnType<typeof json>> {
  const outcome = await receiveSignal(startRunDeps(services, context), { ...req, evaluationId: context.invocationId });
  return json(202, outcome);
}

/**
 * Refuse a signal whose body could not be read: recorded `rejected` in the trigger log of the pipeline it names, then
 * answered with its 4xx, or with 404 when no such pipeline exists. Anything but an AppError is rethrown as is.
 */
export async function refuseSignal(services: Services, context: InvocationContext, pipelineId: string | undefined, trigger: 'signal' | 'alert', e: unknown, actor?: string): Promise<never> {
  if (!(e instanceof AppError) || pipelineId === undefined) throw e;
  const known = await recordRejectedSignal(services, { pipelineId, trigger, evaluationId: context.invocationId, error: e, ...(actor !== undefined ? { actor } : {}) });
  throw known ? e : errors.notFound('Pipeline', pipelineId);
}
