import { z } from './zod.js';
import { pipelineIdSchema, runIdSchema } from './ids.js';
import { triggerKindSchema } from './run.js';

export const triggerDecisionSchema = z.enum(['started', 'queued', 'deduplicated', 'skipped-no-change', 'disabled', 'concurrency', 'rejected']);
export type TriggerDecision = z.infer<typeof triggerDecisionSchema>;

/** One evaluation of a trigger: answers "why did or didn't it fire?". Stored in Cosmos `triggers` (pk `/pipelineId`). */
export const triggerRecordSchema = z.object({
  id: z.string().min(1).max(255),
  pipelineId: pipelineIdSchema,
  source: triggerKindSchema,
  payloadHash: z.string().optional(),
  dedupKey: z.string().max(255),
  decision: triggerDecisionSchema,
  detail: z.string().max(2000).optional(),
  runId: runIdSchema.optional(),
  at: z.iso.datetime(),
});
export type TriggerRecord = z.infer<typeof triggerRecordSchema>;
