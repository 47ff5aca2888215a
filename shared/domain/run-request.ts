import { z } from './zod.js';
import { gitRefSchema } from './git-ref.js';
import { pipelineIdSchema, runIdSchema } from './ids.js';
import { signalSchema } from './signals/signal.js';

/**
 * A run request on the `run-requests` queue: how a drift monitor (or any system) asks for a run. `requestId` is the
 * sender's idempotency key: the same request delivered twice starts one run.
 */
export const runRequestSchema = z.object({
  pipelineId: pipelineIdSchema,
  requestId: z.string().min(1).max(255),
  ref: gitRefSchema.optional(),
  params: z.record(z.string().max(250), z.string().max(4000)).optional(),
  reason: z.string().max(1000).optional(),
  requestedBy: z.string().max(256).optional(),
  force: z.boolean().default(false),
  /** Set by mlcycle itself when an active run finishes: start the run that was queued behind it (`requestId` is its run id). */
  startQueued: z.boolean().optional(),
})
  // mlcycle's own request names a run id, which becomes a Durable instance id: it must match the id pattern.
  .refine((r) => !r.startQueued || runIdSchema.safeParse(r.requestId).success, { error: 'must be a run id when startQueued is set', path: ['requestId'] });
export type RunRequest = z.infer<typeof runRequestSchema>;

/**
 * A drift or alert signal on the `run-requests` queue: `{ pipelineId, signal }`. Unlike a run request it asks for
 * nothing: the pipeline's `retrainOn.signals` rule decides whether it starts a run.
 */
export const signalRequestSchema = z.object({ pipelineId: pipelineIdSchema, signal: signalSchema });
export type SignalRequest = z.infer<typeof signalRequestSchema>;

/** Whether a queue message is a signal (an object with a `signal` member) rather than a run request. */
export function isSignalMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && 'signal' in message;
}
