import { z } from '../domain/zod.js';
import { HOUR_MS, MINUTE_MS } from './timers.js';

/**
 * How a wait sub-orchestration polls while it waits for an event. The event (Airflow callback, ADO build hook) is the
 * fast path; polling only catches a lost callback, so it starts slow and backs off: with the training defaults a
 * 24-hour training is polled 4 times (at 1.5 h, 4.5 h, 10.5 h and 18.5 h) instead of 1,440 times at one a minute.
 */
export const waitPolicySchema = z.object({
  firstPollMs: z.number().int().positive(),
  backoff: z.number().min(1),
  maxPollMs: z.number().int().positive(),
  /** Hard limit from the wait's start; past it the step fails with TIMEOUT. */
  deadlineMs: z.number().int().positive(),
  /** Poll iterations per orchestration generation before `continueAsNew` (bounds the history). */
  iterationsPerGeneration: z.number().int().min(1).max(100),
});
export type WaitPolicy = z.infer<typeof waitPolicySchema>;

/** Training: callbacks usually arrive; poll at 1.5 h, then doubling to at most 8 h; give up after 72 h. */
export const trainingWaitPolicy: WaitPolicy = { firstPollMs: 90 * MINUTE_MS, backoff: 2, maxPollMs: 8 * HOUR_MS, deadlineMs: 72 * HOUR_MS, iterationsPerGeneration: 3 };

/** Image builds take minutes: poll at 10 min, doubling to at most 30 min; give up after 3 h. */
export const imageWaitPolicy: WaitPolicy = { firstPollMs: 10 * MINUTE_MS, backoff: 2, maxPollMs: 30 * MINUTE_MS, deadlineMs: 3 * HOUR_MS, iterationsPerGeneration: 5 };

/** The wait before poll number `iteration` (0-based). */
export function pollDelayMs(policy: WaitPolicy, iteration: number): number {
  return Math.min(policy.maxPollMs, Math.round(policy.firstPollMs * Math.pow(policy.backoff, iteration)));
}
