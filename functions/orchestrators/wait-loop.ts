import type { OrchestrationContext, Task } from 'durable-functions';
import { runTraceFieldsSchema } from '../../shared/durable/run-trace.js';
import { z } from '../../shared/domain/zod.js';
import { errorInfoSchema } from '../../shared/domain/run.js';
import type { ActivityResult } from '../../shared/durable/activity-spec.js';
import { at, nowMs, parseIsoMs, toIso } from '../../shared/durable/timers.js';
import { pollDelayMs, waitPolicySchema } from '../../shared/durable/wait-policy.js';

/** The state a wait carries across `continueAsNew` generations. */
export const waitStateSchema = z.object({
  /** The run's trace, kept across generations (`continueAsNew`). */
  ...runTraceFieldsSchema.shape,
  policy: waitPolicySchema,
  /** When the wait began; the deadline counts from here across generations. */
  startedAt: z.iso.datetime(),
  /** Timer-driven polls so far (drives the backoff). */
  iteration: z.number().int().nonnegative().default(0),
});
export type WaitState = z.infer<typeof waitStateSchema>;

/** How a wait ended. `timeout`: the deadline passed with the work still running. */
export const waitOutcomeSchema = z.object({
  state: z.enum(['succeeded', 'failed', 'cancelled', 'timeout']),
  error: errorInfoSchema.optional(),
  digest: z.string().optional(),
});
export type WaitOutcome = z.infer<typeof waitOutcomeSchema>;

/** What one poll reports. */
export interface PollReport {
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  error?: string | undefined;
  digest?: string | undefined;
}

/**
 * Wait for external work: race the wake-up event against a backing-off poll timer, confirm through `poll` either way
 * (an event only says "look now"), and after `iterationsPerGeneration` rounds hand over to a fresh generation via
 * `continueAsNew` so history stays bounded however long the work takes. Returns null when it continued as new.
 */
export function* waitForCompletion(
  context: OrchestrationContext,
  opts: { eventName: string; state: WaitState; poll: () => Generator<Task, ActivityResult<PollReport>, unknown>; continueWith: (state: WaitState) => unknown },
): Generator<Task, WaitOutcome | null, unknown> {
  const { policy } = opts.state;
  const deadline = parseIsoMs(opts.state.startedAt) + policy.deadlineMs;
  let iteration = opts.state.iteration;
  for (let round = 0; ; round++) {
    if (round >= policy.iterationsPerGeneration) {
      context.df.continueAsNew(opts.continueWith({ ...opts.state, iteration }));
      return null;
    }
    const now = nowMs(context);
    if (now >= deadline) {
      return { state: 'timeout', error: { code: 'TIMEOUT', message: `no result within ${Math.round(policy.deadlineMs / 60_000)} minutes (deadline ${toIso(deadline)})` } };
    }
    const fireAt = Math.min(now + pollDelayMs(policy, iteration), deadline);
    context.df.setCustomStatus({ waitingFor: opts.eventName, iteration, nextPollAt: toIso(fireAt), deadline: toIso(deadline) });
    const timer = context.df.createTimer(at(fireAt));
    const event = context.df.waitForExternalEvent(opts.eventName);
    const winner = yield context.df.Task.any([event, timer]);
    if (winner === event) timer.cancel();
    else iteration++;
    const polled = yield* opts.poll();
    if (!polled.ok) {
      // A poll that ran out of retries says nothing about the work (the system may be briefly down): keep waiting.
      if (polled.error.code === 'RETRIES_EXHAUSTED') continue;
      return { state: 'failed', error: polled.error };
    }
    const report = polled.value;
    if (report.state === 'running') continue;
    return outcomeOf({ ...report, state: report.state });
  }
}

/** A finished poll report as the wait's outcome. */
export function outcomeOf(report: PollReport & { state: Exclude<PollReport['state'], 'running'> }): WaitOutcome {
  return {
    state: report.state,
    ...(report.error !== undefined ? { error: { code: report.state === 'succeeded' ? 'INTERNAL' : 'PERMANENT', message: report.error } } : {}),
    ...(report.digest !== undefined ? { digest: report.digest } : {}),
  };
}
