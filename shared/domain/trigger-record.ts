import { z } from './zod.js';
import { pipelineIdSchema, runIdSchema } from './ids.js';
import { triggerKindSchema } from './run.js';

/**
 * What a trigger's evaluation decided. `skipped`: nothing to do for a reason in `detail` (a force push, a deleted
 * branch, a pull request from a fork or without a merge commit); `cancelled`: it stopped runs (an abandoned pull
 * request); `woken`: it woke a waiting run (a finished image build); `ignored`: it concerned no run; `cooldown`: a
 * signal within the cool-down of the run an earlier signal started.
 */
export const triggerDecisionSchema = z.enum(['started', 'queued', 'deduplicated', 'skipped-no-change', 'skipped', 'disabled', 'concurrency', 'rejected', 'cancelled', 'woken', 'ignored', 'cooldown']);
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
  /** Who caused the evaluation when someone did: the signed-in person, or the key caller's `<by> (api-key)`. */
  actor: z.string().max(256).optional(),
  at: z.iso.datetime(),
}).openapi('TriggerRecord');
export type TriggerRecord = z.infer<typeof triggerRecordSchema>;
