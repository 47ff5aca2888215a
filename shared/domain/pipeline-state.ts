import { z } from './zod.js';
import { pipelineIdSchema, runIdSchema } from './ids.js';
import { scheduleStateSchema } from './schedule/schedule-state.js';
import { outboxEntrySchema } from './run-event.js';

/**
 * A pipeline's champion as mlcycle last saw it move: the model version behind the MLflow `champion` alias, since when,
 * and what made it. `how`: `promoted` by a run, `rolled-back` to, or `adopted` (found in the registry, not moved by
 * mlcycle).
 */
export const championSchema = z.object({
  modelName: z.string().min(1).max(500),
  version: z.string().min(1).max(50),
  since: z.iso.datetime(),
  how: z.enum(['promoted', 'rolled-back', 'adopted']),
  runId: runIdSchema.optional(),
  commitSha: z.string().max(64).optional(),
  dataFingerprint: z.string().max(128).optional(),
});
export type Champion = z.infer<typeof championSchema>;

/** How many earlier champions the state keeps (newest first): enough to roll back, small enough to rewrite often. */
export const maxFormerChampions = 50;

/**
 * What mlcycle keeps about a pipeline besides its spec (Cosmos `lifecycle`, pk `/pipelineId`, id `state`): the champion
 * and its predecessors, the scheduler's bookkeeping, when the scheduler next needs to look (`nextDueAt`; absent:
 * never), and the sequence of the pipeline's run-less events. Written by the system only, so a user's `If-Match` on
 * the pipeline never fails because of it.
 */
export const pipelineStateSchema = z.object({
  pipelineId: pipelineIdSchema,
  champion: championSchema.optional(),
  formerChampions: z.array(championSchema.extend({ until: z.iso.datetime() })).max(maxFormerChampions).default([]),
  nextDueAt: z.iso.datetime().optional(),
  schedule: scheduleStateSchema.default({}),
  eventSeq: z.number().int().nonnegative().default(0),
  /** The pipeline's run-less events (a rollback), numbered by `eventSeq`; `sent` once on the queue. */
  outbox: z.array(outboxEntrySchema).optional(),
  updatedAt: z.iso.datetime(),
  etag: z.string().optional(),
});
export type PipelineState = z.infer<typeof pipelineStateSchema>;

/** A fresh state for a pipeline that has none yet. */
export function emptyPipelineState(pipelineId: string, now: Date): PipelineState {
  return { pipelineId, formerChampions: [], schedule: {}, eventSeq: 0, updatedAt: now.toISOString() };
}

/**
 * A change of champion that no run record holds (a rollback), or one a run made (a promotion), kept per pipeline in
 * the same container as its state. `id` is the change's idempotency key.
 */
export const lifecycleRecordSchema = z.object({
  id: z.string().min(1).max(255),
  pipelineId: pipelineIdSchema,
  kind: z.enum(['promoted', 'rolled-back']),
  modelName: z.string().min(1).max(500),
  fromVersion: z.string().max(50).optional(),
  toVersion: z.string().min(1).max(50),
  runId: runIdSchema.optional(),
  by: z.string().max(256).optional(),
  reason: z.string().max(2000).optional(),
  at: z.iso.datetime(),
});
export type LifecycleRecord = z.infer<typeof lifecycleRecordSchema>;
