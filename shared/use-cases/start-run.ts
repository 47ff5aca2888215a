import { AppError, errors } from '../domain/errors.js';
import type { Pipeline } from '../domain/pipeline.js';
import { initialSteps, type Run, type RunTrigger } from '../domain/run.js';
import type { TriggerDecision } from '../domain/trigger-record.js';
import { orchestratorNames, runInstanceIds } from '../durable/instance-ids.js';
import type { ResumeFrom, TrainingRunInput } from '../durable/training-run-input.js';
import type { OrchestrationClient } from '../ports/orchestration-client.js';
import type { PipelineStore } from '../ports/pipeline-store.js';
import type { RunStore } from '../ports/run-store.js';
import type { TriggerStore } from '../ports/trigger-store.js';

export interface StartRunDeps {
  pipelines: PipelineStore;
  runs: RunStore;
  triggers: TriggerStore;
  orchestrations: OrchestrationClient;
  now: () => Date;
}

export interface StartRunRequest {
  pipelineId: string;
  runId: string;
  trigger: RunTrigger;
  /** Key the trigger log deduplicates on (Idempotency-Key, notification id, schedule slot...). */
  dedupKey: string;
  ref?: string;
  params?: Record<string, string>;
  force?: boolean;
  kind?: 'training' | 'validation';
  pullRequestId?: number;
  resumeFrom?: ResumeFrom;
  retryOf?: string;
  reproduceOf?: string;
}

export interface StartRunResult {
  run: Run;
  /** False when this request found a run an earlier identical request created. */
  created: boolean;
}

const activeStatuses = ['queued', 'running', 'waiting-approval'] as const;

/**
 * Start a training run: check the pipeline and its concurrency rule, create the run record (`queued`), start the
 * orchestration under the run id, and log the trigger's decision. Every step is idempotent on the run id, so a
 * repeated request (same Idempotency-Key) returns the same run and never starts a second orchestration.
 */
export async function startRun(deps: StartRunDeps, req: StartRunRequest): Promise<StartRunResult> {
  const pipeline = await deps.pipelines.get(req.pipelineId);
  if (!pipeline) throw errors.notFound('Pipeline', req.pipelineId);
  const existing = await deps.runs.find(req.runId);
  if (existing && existing.pipelineId !== req.pipelineId) {
    throw errors.conflict(`The Idempotency-Key was already used for a run of pipeline '${existing.pipelineId}'.`, { runId: existing.id });
  }
  let queueBehind: string | undefined;
  if (!existing) {
    if (!pipeline.enabled && !req.force) {
      await log(deps, req, 'disabled', 'the pipeline is disabled');
      throw errors.conflict(`Pipeline '${pipeline.id}' is disabled; enable it or start with force.`);
    }
    queueBehind = await applyConcurrency(deps, pipeline, req);
  }
  const now = deps.now().toISOString();
  const run =
    existing ??
    (await deps.runs.create({
      id: req.runId,
      pipelineId: req.pipelineId,
      kind: req.kind ?? 'training',
      trigger: req.trigger,
      status: 'queued',
      ...(req.ref !== undefined ? { ref: req.ref } : {}),
      force: req.force ?? false,
      params: req.params ?? {},
      steps: initialSteps(),
      lineage: {},
      ...(req.retryOf ? { retryOf: req.retryOf } : {}),
      ...(req.reproduceOf ? { reproduceOf: req.reproduceOf } : {}),
      ...(req.pullRequestId !== undefined ? { pullRequestId: req.pullRequestId } : {}),
      ...(queueBehind ? { queuedBehind: queueBehind, reason: `queued behind run ${queueBehind}` } : {}),
      createdAt: now,
      updatedAt: now,
    }));
  if (queueBehind) {
    // Not started now: the active run's report starts it (through the run-requests queue) when it finishes.
    await log(deps, req, 'queued', `queued behind run ${queueBehind}`);
    return { run, created: true };
  }
  if (isWaiting(run)) return { run, created: false };
  // Started even when the record existed: the first request may have died between the two writes.
  const outcome = await deps.orchestrations.start(orchestratorNames.trainingRun, run.id, orchestrationInput(run, req.resumeFrom));
  const created = !existing && outcome === 'started';
  await log(deps, req, created ? 'started' : 'deduplicated', created ? undefined : 'a run with this key exists');
  return { run, created };
}

/** The orchestration's (small) input, from the run record: the record is what a repeated request finds. */
function orchestrationInput(run: Run, resumeFrom?: ResumeFrom): TrainingRunInput {
  return {
    runId: run.id,
    pipelineId: run.pipelineId,
    ...(run.ref !== undefined ? { ref: run.ref } : {}),
    force: run.force,
    params: run.params,
    trigger: run.trigger,
    kind: run.kind,
    ...(run.pullRequestId !== undefined ? { pullRequestId: run.pullRequestId } : {}),
    ...(resumeFrom ? { resumeFrom } : {}),
  };
}

/** A run queued behind another (concurrency `queue-one`) whose orchestration has not started yet. */
export function isWaiting(run: Run): boolean {
  return run.status === 'queued' && run.queuedBehind !== undefined;
}

/**
 * The pipeline's concurrency rule against its active runs: skip (409), cancel-running (terminate them first), or
 * queue-one (returns the run to queue behind; a second waiting run is refused).
 */
async function applyConcurrency(deps: StartRunDeps, pipeline: Pipeline, req: StartRunRequest): Promise<string | undefined> {
  const all: Run[] = [];
  for (const status of activeStatuses) all.push(...(await deps.runs.list(pipeline.id, { limit: 10, status })).items);
  const active = all.filter((r) => !isWaiting(r));
  if (active.length === 0) return undefined;
  if (pipeline.concurrency === 'cancel-running') {
    for (const run of active) for (const id of runInstanceIds(run.id)) await deps.orchestrations.terminate(id, `superseded by run ${req.runId}`);
    return undefined;
  }
  if (pipeline.concurrency === 'queue-one' && !all.some(isWaiting)) return active[0]?.id;
  const ids = all.map((r) => r.id).join(', ');
  await log(deps, req, 'concurrency', `active run(s): ${ids}`);
  throw new AppError('CONFLICT', `Pipeline '${pipeline.id}' already has an active run (${ids}); its concurrency rule is '${pipeline.concurrency}'.`, {
    details: { activeRunIds: active.map((r) => r.id) },
  });
}

/**
 * Start a run that was queued behind one that has now finished. A no-op when it already started or no longer exists,
 * so a redelivered request is harmless.
 */
export async function startQueuedRun(deps: StartRunDeps, runId: string): Promise<Run | null> {
  const run = await deps.runs.find(runId);
  if (!run || !isWaiting(run)) return null;
  await deps.orchestrations.start(orchestratorNames.trainingRun, run.id, orchestrationInput(run));
  await deps.triggers.record({
    id: `${run.trigger.kind}:${run.id}:started`,
    pipelineId: run.pipelineId,
    source: run.trigger.kind,
    dedupKey: run.trigger.sourceEventId ?? run.id,
    decision: 'started',
    detail: `started after run ${run.queuedBehind ?? '?'} finished`,
    runId: run.id,
    at: deps.now().toISOString(),
  });
  return run;
}

async function log(deps: StartRunDeps, req: StartRunRequest, decision: TriggerDecision, detail?: string): Promise<void> {
  await deps.triggers.record({
    id: `${req.trigger.kind}:${req.runId}:${decision}`,
    pipelineId: req.pipelineId,
    source: req.trigger.kind,
    dedupKey: req.dedupKey,
    decision,
    ...(detail ? { detail } : {}),
    ...(decision === 'started' || decision === 'deduplicated' ? { runId: req.runId } : {}),
    at: deps.now().toISOString(),
  });
}
