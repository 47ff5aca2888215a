import type { OrchestrationContext, Task } from 'durable-functions';
import { z } from '../../shared/domain/zod.js';
import { runIdSchema } from '../../shared/domain/ids.js';
import { callActivity } from '../../shared/durable/call-activity.js';
import { adoptRunTrace } from '../../shared/durable/run-trace.js';
import { eventNames } from '../../shared/durable/instance-ids.js';
import { pollTraining, startTraining } from '../activities/contracts.js';
import { waitForCompletion, waitStateSchema, type WaitOutcome } from './wait-loop.js';

/** Input of `awaitTraining`; `started` is true once the dag run was triggered (later generations only wait). */
export const awaitTrainingInputSchema = waitStateSchema.extend({ runId: runIdSchema, started: z.boolean().default(false) });
export type AwaitTrainingInput = z.input<typeof awaitTrainingInputSchema>;

/**
 * Sub-orchestration `${runId}:train`: trigger the Airflow dag run, then wait for `training-finished` (raised by the
 * DAG's completion callback) with a slow polling fallback and a deadline.
 */
export function* awaitTrainingOrchestrator(context: OrchestrationContext): Generator<Task, WaitOutcome | null, unknown> {
  const parsed = awaitTrainingInputSchema.safeParse(context.df.getInput());
  if (!parsed.success) return { state: 'failed', error: { code: 'VALIDATION', message: 'awaitTraining: invalid input' } };
  const input = parsed.data;
  adoptRunTrace(context, input);
  if (!input.started) {
    const started = yield* callActivity(context, startTraining, { runId: input.runId });
    if (!started.ok) return { state: 'failed', error: started.error };
  }
  return yield* waitForCompletion(context, {
    eventName: eventNames.trainingFinished,
    state: input,
    poll: () => callActivity(context, pollTraining, { runId: input.runId }),
    continueWith: (state) => ({ ...input, ...state, started: true }),
  });
}
