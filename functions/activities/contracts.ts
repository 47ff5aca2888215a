import { z } from '../../shared/domain/zod.js';
import { commitShaSchema, runIdSchema } from '../../shared/domain/ids.js';
import { errorInfoSchema, runKindSchema, stepNameSchema } from '../../shared/domain/run.js';
import { defineActivity, type RetryPolicy } from '../../shared/durable/activity-spec.js';
import { trainingRunInputSchema } from '../../shared/durable/training-run-input.js';

/*
 * Activity contracts: names, input/output schemas and retry policies. Orchestrators import this file (it does no
 * I/O); activities validate their input and output against the same schemas. Inputs and outputs stay small (ids,
 * hashes, URIs): lists and metrics live in the run record, which activities read by run id.
 */

const byRunId = z.object({ runId: runIdSchema });

/** Polls are cheap and repeated by the wait loop anyway: fewer attempts, shorter waits. */
const pollRetry: RetryPolicy = { firstRetryMs: 5_000, maxAttempts: 3, backoffCoefficient: 2, maxRetryIntervalMs: 30_000 };

/** Step outputs, as kept in the run record and carried by a retry. */
export const stepOutputSchemas = {
  resolveSource: z.object({ commitSha: commitShaSchema }),
  versionData: z.object({ fingerprint: z.string(), sameAsChampion: z.string().nullable().default(null) }),
  ensureImage: z.object({ tag: z.string(), digest: z.string().optional(), buildId: z.string().optional() }),
  train: z.object({ dagRunId: z.string(), state: z.string() }),
  collectResults: z.object({ mlflowRunId: z.string(), modelUri: z.string().optional() }),
  evaluate: z.object({ outcome: z.enum(['promote', 'hold', 'reject']), championVersion: z.string().optional(), approvalRequired: z.boolean().default(false) }),
  promote: z.object({ promoted: z.boolean(), version: z.string().optional() }),
  report: z.object({}),
} as const;

/** Create or load the run record, snapshot the pipeline, record carried steps, and resolve the commit (step 1). */
export const startRun = defineActivity(
  'startRun',
  trainingRunInputSchema,
  z.object({
    commitSha: commitShaSchema,
    kind: runKindSchema,
    approval: z.object({ required: z.boolean(), timeoutHours: z.number().positive() }),
  }),
);

/** Read the tracked DVC files at the commit, check every object is in the remote, fingerprint the data (step 2). */
export const versionData = defineActivity('versionData', z.object({ runId: runIdSchema, commitSha: commitShaSchema }), stepOutputSchemas.versionData);

/** Look up the content-tagged image; a digest means it exists and step 3 is done (step 3). */
export const ensureImage = defineActivity('ensureImage', z.object({ runId: runIdSchema, commitSha: commitShaSchema }), z.object({ tag: z.string(), digest: z.string().optional() }));

const pollState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
const buildReport = z.object({ state: pollState, digest: z.string().optional(), error: z.string().optional() });

/**
 * Start (or find, by run id) the image build; called by the wait sub-orchestration so its hook always has a target.
 * A build that finished while starting (local images, or a build found done) is checked at once: `report`.
 */
export const startImageBuild = defineActivity(
  'startImageBuild',
  z.object({ runId: runIdSchema, tag: z.string() }),
  z.object({ buildId: z.string(), finished: z.boolean().optional(), report: buildReport.optional() }),
);

/** Check a started image build; on success record the digest (step 3 completes). */
export const pollImageBuild = defineActivity('pollImageBuild', z.object({ runId: runIdSchema, buildId: z.string(), tag: z.string() }), buildReport, pollRetry);

/** Trigger the Airflow dag run whose id derives from the run id (step 4 starts). */
export const startTraining = defineActivity('startTraining', byRunId, stepOutputSchemas.train);

/** Check the dag run; on success record it (step 4 completes). */
export const pollTraining = defineActivity('pollTraining', byRunId, z.object({ state: pollState, error: z.string().optional() }), pollRetry);

/** Find the MLflow run tagged with the run id and record its metrics, params and artifact URI (step 5). */
export const collectResults = defineActivity('collectResults', byRunId, stepOutputSchemas.collectResults);

/**
 * Judge the challenger against the champion with the pipeline's policy and record the decision (step 6). A training
 * run's `promote` decision that needs no approval is promoted in the same activity (step 7): `promotion` says so.
 */
export const evaluate = defineActivity('evaluate', byRunId, stepOutputSchemas.evaluate.extend({ promotion: stepOutputSchemas.promote.optional() }));

/** Register the model version (found by tag if it exists) and move the champion alias (step 7). */
export const promote = defineActivity(
  'promote',
  z.object({
    runId: runIdSchema,
    approval: z.object({ outcome: z.enum(['approved', 'rejected', 'expired']), by: z.string().optional() }).optional(),
  }),
  stepOutputSchemas.promote,
);

/** Finish the run record, publish the run event and set the commit status / PR comment (step 8). */
export const report = defineActivity(
  'report',
  z.object({
    runId: runIdSchema,
    status: z.enum(['succeeded', 'failed', 'skipped']),
    reason: z.string().max(4000).optional(),
    failedStep: stepNameSchema.optional(),
    error: errorInfoSchema.optional(),
  }),
  stepOutputSchemas.report,
);

/** Every activity contract, for registration. */
export const activitySpecs = [startRun, versionData, ensureImage, startImageBuild, pollImageBuild, startTraining, pollTraining, collectResults, evaluate, promote, report] as const;
