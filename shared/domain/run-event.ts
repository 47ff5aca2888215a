import { z } from './zod.js';

/*
 * The events mlcycle publishes on the `run-events` queue (CloudEvents 1.0 JSON; docs/events.md). Types are
 * `mlcycle.<entity>.<pastTenseVerb>` in lower camel case: what happened to a run or to a model.
 */

/** Every event type, in the order a run can produce them. */
export const runEventTypes = [
  'mlcycle.run.started',
  'mlcycle.model.registered',
  'mlcycle.run.approvalRequested',
  'mlcycle.model.promoted',
  'mlcycle.run.stepFailed',
  'mlcycle.run.succeeded',
  'mlcycle.run.failed',
  'mlcycle.run.skipped',
  'mlcycle.run.cancelled',
  'mlcycle.model.rolledBack',
] as const;
export const runEventTypeSchema = z.enum(runEventTypes);
export type RunEventType = z.infer<typeof runEventTypeSchema>;

/** The `data` of an event: the fields that apply to its type (ids, statuses, versions; never a secret). */
export const runEventDataSchema = z.object({
  pipelineId: z.string(),
  runId: z.string().optional(),
  kind: z.string().optional(),
  status: z.string().optional(),
  reason: z.string().optional(),
  trigger: z.string().optional(),
  step: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  commitSha: z.string().optional(),
  dataFingerprint: z.string().optional(),
  outcome: z.string().optional(),
  modelName: z.string().optional(),
  modelVersion: z.string().optional(),
  fromVersion: z.string().optional(),
  toVersion: z.string().optional(),
  by: z.string().optional(),
});
export type RunEventData = z.infer<typeof runEventDataSchema>;

/**
 * An event waiting in, or sent from, an outbox (the run record's, or the pipeline state's for run-less events): its
 * id and sequence are fixed when it is first written, so a retried activity sends it again with the same ones.
 */
export const outboxEntrySchema = z.object({
  id: z.string().min(1).max(300),
  type: runEventTypeSchema,
  subject: z.string().max(600),
  sequence: z.number().int().positive(),
  time: z.iso.datetime(),
  data: runEventDataSchema,
  sent: z.boolean().default(false),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** The message on the queue: CloudEvents 1.0 with the `sequence` extension (`sequencetype: Integer`, from 1). */
export const runCloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: runEventTypeSchema,
  subject: z.string(),
  time: z.iso.datetime(),
  datacontenttype: z.literal('application/json'),
  sequence: z.string().regex(/^[1-9][0-9]*$/),
  sequencetype: z.literal('Integer'),
  data: runEventDataSchema,
});
export type RunCloudEvent = z.infer<typeof runCloudEventSchema>;

/** The subject of a run's events. */
export const runSubject = (pipelineId: string, runId: string): string => `pipelines/${pipelineId}/runs/${runId}`;
/** The subject of a model's run-less events (a rollback). */
export const modelSubject = (pipelineId: string, modelName: string): string => `pipelines/${pipelineId}/models/${encodeURIComponent(modelName)}`;

/** Keep at most this many sent entries in an outbox: the rest are history nobody resends. */
export const maxSentOutboxEntries = 20;

/**
 * Add `events` not in `outbox` yet (by id), numbering them after the highest sequence so far (pure). Sent entries
 * beyond the newest `maxSentOutboxEntries` are dropped; the highest sequence is kept in `lastSequence` by callers
 * that trim, so numbering never goes back.
 */
export function appendToOutbox(outbox: OutboxEntry[], events: Omit<OutboxEntry, 'sequence' | 'sent'>[], lastSequence: number): { outbox: OutboxEntry[]; lastSequence: number } {
  let seq = Math.max(lastSequence, ...outbox.map((e) => e.sequence));
  const next = [...outbox];
  for (const e of events) {
    if (next.some((x) => x.id === e.id)) continue;
    next.push({ ...e, sequence: ++seq, sent: false });
  }
  const sent = next.filter((e) => e.sent);
  const drop = new Set(sent.slice(0, Math.max(0, sent.length - maxSentOutboxEntries)).map((e) => e.id));
  return { outbox: next.filter((e) => !drop.has(e.id)), lastSequence: seq };
}
