import * as df from 'durable-functions';
import type { OrchestrationContext, Task } from 'durable-functions';
import type { z } from '../domain/zod.js';
import { withRunTrace } from './run-trace.js';
import { activityResultSchema, type ActivityResult, type ActivitySpec, type RetryPolicy } from './activity-spec.js';

/** The engine's retry options for a policy (the SDK copies every field into the scheduled action). */
export function retryOptions(p: RetryPolicy): df.RetryOptions {
  const r = new df.RetryOptions(p.firstRetryMs, p.maxAttempts);
  r.backoffCoefficient = p.backoffCoefficient;
  r.maxRetryIntervalInMilliseconds = p.maxRetryIntervalMs;
  return r;
}

/** The first line of an engine failure message (`Reason \n Details`), without the SDK's framing. */
function failureMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return (message.split('\n')[0] ?? '').trim().slice(0, 2000) || 'the activity failed';
}

/**
 * Call an activity with its retry policy and decode its result with the activity's own schema. Never throws for an
 * activity failure: a permanent failure, retries running out, or an output that does not match the contract all
 * come back as `{ ok: false, error }` for the orchestrator to turn into a failed step.
 */
export function* callActivity<I extends z.ZodType, O extends z.ZodType>(
  context: OrchestrationContext,
  spec: ActivitySpec<I, O>,
  input: z.input<I>,
): Generator<Task, ActivityResult<z.output<O>>, unknown> {
  let raw: unknown;
  try {
    raw = yield context.df.callActivityWithRetry(spec.name, retryOptions(spec.retry), withRunTrace(context, input as object));
  } catch (e) {
    return { ok: false, error: { code: 'RETRIES_EXHAUSTED', message: `${spec.name} failed after ${spec.retry.maxAttempts} attempts: ${failureMessage(e)}` } };
  }
  const parsed = activityResultSchema(spec.output).safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: { code: 'INTERNAL', message: `${spec.name} returned a value that does not match its contract` } };
  }
  return parsed.data as ActivityResult<z.output<O>>;
}
