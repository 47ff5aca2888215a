import { z } from '../domain/zod.js';
import { errorInfoSchema, type ErrorInfo } from '../domain/run.js';

/** How the Durable engine retries an activity that throws (a retryable failure). */
export interface RetryPolicy {
  firstRetryMs: number;
  maxAttempts: number;
  /** ≥ 1.5: each wait is this much longer than the previous one. */
  backoffCoefficient: number;
  maxRetryIntervalMs: number;
}

/** Default for calls to external systems: 5 attempts over about a minute and a half. */
export const defaultRetry: RetryPolicy = { firstRetryMs: 5_000, maxAttempts: 5, backoffCoefficient: 2, maxRetryIntervalMs: 60_000 };

/** An activity's contract: its name, input and output schemas and retry policy. Shared by the orchestrator and the activity. */
export interface ActivitySpec<I extends z.ZodType, O extends z.ZodType> {
  name: string;
  input: I;
  output: O;
  retry: RetryPolicy;
}

/** Declare an activity contract (no I/O: orchestrators import these). */
export function defineActivity<I extends z.ZodType, O extends z.ZodType>(name: string, input: I, output: O, retry: RetryPolicy = defaultRetry): ActivitySpec<I, O> {
  return { name, input, output, retry };
}

/**
 * What an activity returns through Durable: a value, or a permanent failure as a value. Permanent failures are not
 * thrown because the engine retries every thrown error; only retryable failures are thrown.
 */
export type ActivityResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The wire schema of an activity's result, decoding the value with the activity's own output schema. */
export function activityResultSchema<O extends z.ZodType>(output: O) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value: output }), z.object({ ok: z.literal(false), error: errorInfoSchema })]);
}

/** Largest serialized activity input or output we allow into history (well under the 45 KB large-message threshold). */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
