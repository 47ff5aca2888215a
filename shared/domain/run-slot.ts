import { z } from './zod.js';
import { pipelineIdSchema, runIdSchema } from './ids.js';
import type { RunKind } from './run.js';

/** A run holding a place in its pipeline's slot, and when it took it (a young claim may not have its record yet). */
export const slotHolderSchema = z.object({ runId: runIdSchema, at: z.iso.datetime() });
export type SlotHolder = z.infer<typeof slotHolderSchema>;

/**
 * A pipeline's run slot: the one run allowed to be active and, under `queue-one`, the one run waiting behind it.
 * Every start claims it with a conditional write (create, or replace under the ETag), so the concurrency rule holds
 * however many starts race; a run releases it when it finishes. Stored beside the pipeline's runs (same partition).
 */
export const runSlotSchema = z.object({
  pipelineId: pipelineIdSchema,
  active: slotHolderSchema.optional(),
  waiting: slotHolderSchema.extend({ behind: runIdSchema }).optional(),
  /**
   * Absent: the pipeline's training runs. `pr-<id>`: the validation runs of one pull request, which never wait for
   * training. `reproduction`: the pipeline's reproductions, which neither wait for training nor hold it up.
   */
  lane: z.string().regex(/^(?:pr-[1-9][0-9]{0,9}|reproduction)$/).optional(),
  etag: z.string().optional(),
});
export type RunSlot = z.infer<typeof runSlotSchema>;

/** The slot a run takes: its pull request's for a validation run, the reproductions' lane for a reproduction, the pipeline's otherwise. */
export function slotLaneOf(run: { kind?: RunKind | undefined; pullRequestId?: number | undefined }): string | undefined {
  if (run.kind === 'reproduction') return 'reproduction';
  return run.kind === 'validation' && run.pullRequestId !== undefined ? `pr-${run.pullRequestId}` : undefined;
}
