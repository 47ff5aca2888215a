import { z } from './zod.js';
import { traceparentSchema } from './traceparent.js';
import { commitShaSchema, pipelineIdSchema, runIdSchema } from './ids.js';
import { pipelineSchema } from './pipeline.js';
import { reproductionSchema } from './reproduction.js';
import { outboxEntrySchema } from './run-event.js';

/** The steps of a training run, in order (docs/architecture.md, "The run"). */
export const stepNames = ['resolveSource', 'versionData', 'ensureImage', 'train', 'collectResults', 'evaluate', 'promote', 'report'] as const;
export const stepNameSchema = z.enum(stepNames);
export type StepName = z.infer<typeof stepNameSchema>;

/** What started a run: `signal` is a drift or alert signal (the API or the queue), `alert` an Azure Monitor alert. */
export const triggerKindSchema = z.enum(['http', 'schedule', 'staleness', 'data-change', 'ado-push', 'ado-pr', 'queue', 'retry', 'reproduce', 'signal', 'alert']);
export type TriggerKind = z.infer<typeof triggerKindSchema>;

/** `validation`: a pull request's run; `reproduction`: a rerun pinned to an earlier run's inputs. Neither promotes. */
export const runKindSchema = z.enum(['training', 'validation', 'reproduction']);
export type RunKind = z.infer<typeof runKindSchema>;

export const runStatusSchema = z.enum(['queued', 'running', 'waiting-approval', 'succeeded', 'failed', 'cancelled', 'skipped']);
export type RunStatus = z.infer<typeof runStatusSchema>;
export const terminalRunStatuses: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'skipped'];

export const stepStatusSchema = z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

/** An error as kept in history and records: code and readable message, never a stack or a secret. */
export const errorInfoSchema = z.object({ code: z.string(), message: z.string().max(4000) });
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export const stepSchema = z.object({
  name: stepNameSchema,
  status: stepStatusSchema,
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  attempts: z.number().int().nonnegative().default(0),
  error: errorInfoSchema.optional(),
  /** Small step outputs (ids, hashes, URIs) so a retry can resume after this step. */
  outputs: z.record(z.string(), z.unknown()).optional(),
});
export type Step = z.infer<typeof stepSchema>;

export const dataPathVersionSchema = z.object({
  path: z.string(),
  md5: z.string(),
  size: z.number().int().nonnegative().optional(),
  nfiles: z.number().int().nonnegative().optional(),
  hashAlgorithm: z.enum(['md5', 'md5-dos2unix']).default('md5'),
});
export type DataPathVersion = z.infer<typeof dataPathVersionSchema>;

/** The data a run trained on: each tracked output and one combined fingerprint over all of them. */
export const dataVersionSchema = z.object({
  fingerprint: z.string(),
  remoteUrl: z.string().optional(),
  paths: z.array(dataPathVersionSchema),
});
export type DataVersion = z.infer<typeof dataVersionSchema>;

export const imageRefSchema = z.object({
  registry: z.string(),
  repository: z.string(),
  tag: z.string(),
  digest: z.string().optional(),
  buildId: z.string().optional(),
  /** Where people see the build (the Azure Pipelines run's web page). */
  buildUrl: z.string().optional(),
  built: z.boolean().default(false),
});
export type ImageRef = z.infer<typeof imageRefSchema>;

export const lineageSchema = z.object({
  commitSha: commitShaSchema.optional(),
  data: dataVersionSchema.optional(),
  image: imageRefSchema.optional(),
  airflow: z.object({ dagId: z.string(), dagRunId: z.string(), state: z.string().optional(), url: z.string().optional() }).optional(),
  mlflow: z
    .object({
      experimentId: z.string(),
      runId: z.string(),
      metrics: z.record(z.string(), z.number()),
      params: z.record(z.string(), z.string()),
      artifactUri: z.string().optional(),
    })
    .optional(),
  model: z
    .object({
      name: z.string(),
      version: z.string(),
      aliasesMoved: z.array(z.string()).default([]),
      previousChampion: z.string().optional(),
    })
    .optional(),
}).openapi('Lineage');
export type Lineage = z.infer<typeof lineageSchema>;

export const ruleResultSchema = z.object({
  rule: z.string(),
  metric: z.string(),
  challenger: z.number().nullable(),
  champion: z.number().nullable().optional(),
  threshold: z.number().nullable().optional(),
  passed: z.boolean(),
  detail: z.string().optional(),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

export const decisionSchema = z.object({
  outcome: z.enum(['promote', 'hold', 'reject']),
  summary: z.string(),
  rules: z.array(ruleResultSchema),
  championVersion: z.string().optional(),
  approval: z.object({ required: z.boolean(), by: z.string().optional(), outcome: z.enum(['approved', 'rejected', 'expired']).optional() }).optional(),
}).openapi('Decision');
export type Decision = z.infer<typeof decisionSchema>;

export const runTriggerSchema = z.object({
  kind: triggerKindSchema,
  actor: z.string().max(256).optional(),
  sourceEventId: z.string().max(256).optional(),
  reason: z.string().max(1000).optional(),
});
export type RunTrigger = z.infer<typeof runTriggerSchema>;

/** A training (or PR validation) run with its steps, lineage and decision. Stored in Cosmos `runs` (pk `/pipelineId`). */
export const runSchema = z.object({
  id: runIdSchema,
  pipelineId: pipelineIdSchema,
  kind: runKindSchema.default('training'),
  trigger: runTriggerSchema,
  status: runStatusSchema,
  reason: z.string().max(4000).optional(),
  ref: z.string().max(250).optional(),
  force: z.boolean().default(false),
  params: z.record(z.string(), z.string()).default({}),
  steps: z.array(stepSchema),
  lineage: lineageSchema.default({}),
  decision: decisionSchema.optional(),
  retryOf: runIdSchema.optional(),
  /** The W3C traceparent of the trigger that started the run: every span of the run is in its trace. */
  traceparent: traceparentSchema.optional(),
  /** Concurrency `queue-one`: the active run this one waits for; it starts when that run finishes. */
  queuedBehind: runIdSchema.optional(),
  reproduceOf: runIdSchema.optional(),
  /** For a reproduction: each of the original's metrics against the reproduced one, and whether all came back. */
  reproduction: reproductionSchema.optional(),
  /** For validation runs started by a pull request: the PR whose comment thread gets the metrics. */
  pullRequestId: z.number().int().positive().optional(),
  /** The pipeline as it was when the run started: a pipeline edit mid-run does not change a running run. */
  pipelineSnapshot: pipelineSchema.omit({ etag: true }).optional(),
  /** The run's events, numbered in the order they happened; `sent` once on the queue (docs/events.md). */
  outbox: z.array(outboxEntrySchema).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  etag: z.string().optional(),
}).openapi('Run');
export type Run = z.infer<typeof runSchema>;

/** Fresh `pending` steps for a new run. */
export function initialSteps(): Step[] {
  return stepNames.map((name) => ({ name, status: 'pending' as const, attempts: 0 }));
}
