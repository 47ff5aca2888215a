import { z } from '../zod.js';
import { pipelineIdSchema, runIdSchema } from '../ids.js';
import { triggerDecisionSchema } from '../trigger-record.js';

/** The signal holding a pipeline's cool-down: its key, the run it started, and until when no other signal starts one. */
export const signalGateHolderSchema = z.object({
  signalKey: z.string().min(1).max(300),
  runId: runIdSchema,
  claimedAt: z.iso.datetime(),
  until: z.iso.datetime(),
});
export type SignalGateHolder = z.infer<typeof signalGateHolderSchema>;

/**
 * A pipeline's signal cool-down gate: one small document per pipeline, claimed with a conditional write (create, or
 * replace under the ETag) the way run slots are, so of any number of racing signals exactly one starts a run per
 * cool-down. A gate without a holder is free.
 */
export const signalGateSchema = z.object({
  pipelineId: pipelineIdSchema,
  holder: signalGateHolderSchema.optional(),
  etag: z.string().optional(),
});
export type SignalGate = z.infer<typeof signalGateSchema>;

/** What became of a signal with a sender's id: a later signal with the same id is deduplicated against it. */
export const signalMarkSchema = z.object({
  pipelineId: pipelineIdSchema,
  signalId: z.string().min(1).max(255),
  decision: triggerDecisionSchema,
  runId: runIdSchema.optional(),
  /** The trigger-log record of the evaluation that decided. */
  recordId: z.string().max(255),
  at: z.iso.datetime(),
});
export type SignalMark = z.infer<typeof signalMarkSchema>;
