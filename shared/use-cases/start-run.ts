import { AppError, errors } from '../domain/errors.js';
import type { Pipeline } from '../domain/pipeline.js';
import { initialSteps, type Run, type RunKind, type RunTrigger } from '../domain/run.js';
import type { TriggerDecision } from '../domain/trigger-record.js';
import { orchestratorNames, runInstanceIds } from '../durable/instance-ids.js';
import type { ResumeFrom, TrainingRunInput } from '../durable/training-run-input.js';
import type { OrchestrationClient } from '../ports/orchestration-client.js';
import type { PipelineStore } from '../ports/pipeline-store.js';
import type { RunStore } from '../ports/run-store.js';
import type { TriggerStore } from '../ports/trigger-store.js';
import { traceAttributes, type RunTracing } from '../ports/run-tracing.js';
import { cancelledRecord } from './compensate-run.js';
import { slotLaneOf } from '../domain/run-slot.js';
import { claimSlot, isWaiting } from './run-slot.js';

export interface StartRunDeps {
  pipelines: PipelineStore;
  runs: RunStore;
  triggers: TriggerStore;
  orchestrations: OrchestrationClient;
  now: () => Date;
  /** The trigger's trace, stored with a new run (absent: runs start untraced). */
  tracing?: Pick<RunTracing, 'currentTraceparent' | 'annotate' | 'inSpan'>;
}

export interface StartRunRequest {
  pipelineId: string;
  runId: string;
  trigger: RunTrigger;
  /** Key the trigger log deduplicates on (Idempotency-Key, notification id, schedule slot...). */
  dedupKey: string;
  /**
   * This evaluation's own id (the Functions invocation id: one per HTTP request, timer tick or queue delivery); its
   * trigger log record is keyed by it, so no two evaluations share a record.
   */
  evaluationId: string;
  ref?: string;
  params?: Record<string, string>;
  force?: boolean;
  kind?: RunKind;
  pullRequestId?: number;
  resumeFrom?: ResumeFrom;
  retryOf?: string;
  reproduceOf?: string;
  /** What the trigger saw (a signal's source, kind and severity; the slots a catch-up covers): leads the trigger-log detail. */
  note?: string;
  /** The pipeline as the caller has just read it, to save a read (a scheduler tick reads hundreds). */
  pipeline?: Pipeline;
}

export interface StartRunResult {
  run: Run;
  /** False when this request found a run an earlier identical request created. */
  created: boolean;
}

/**
 * Start a training run: claim the pipeline's run slot under its concurrency rule (a conditional write, so racing
 * starts cannot all win), create the run record (`queued`), start the orchestration under the run id, and log the
 * decision. The request that claims the slot is the one that started the run (202); every repeat of it (same run id,
 * from the same Idempotency-Key, queue request id or schedule slot) answers with that run (200) and is logged as
 * `deduplicated`, whatever the concurrency rule would say about a new request.
 */
export async function startRun(deps: StartRunDeps, req: StartRunRequest): Promise<StartRunResult> {
  // A trigger with no span of its own (the scheduler's tick, a queue delivery) still gives each run a trace: the start
  // becomes its root span, so a run is one trace whatever started it, and a tick's runs are not one trace together.
  const tracing = deps.tracing;
  if (tracing && tracing.currentTraceparent() === undefined) {
    return tracing.inSpan(`start ${req.trigger.kind} run`, { role: 'trigger', runId: req.runId, fields: { [traceAttributes.pipelineId]: req.pipelineId } }, () => startInTrace(deps, req));
  }
  return startInTrace(deps, req);
}

async function startInTrace(deps: StartRunDeps, req: StartRunRequest): Promise<StartRunResult> {
  const pipeline = req.pipeline?.id === req.pipelineId ? req.pipeline : await deps.pipelines.get(req.pipelineId);
  if (!pipeline) throw errors.notFound('Pipeline', req.pipelineId);
  const existing = await deps.runs.get(req.pipelineId, req.runId);
  if (existing) return repeatStart(deps, req, existing);
  if (!pipeline.enabled && !req.force) {
    await log(deps, req, 'disabled', 'the pipeline is disabled');
    throw errors.conflict(`Pipeline '${pipeline.id}' is disabled; enable it or start with force.`);
  }
  const claim = await claimSlot(deps, pipeline, req.runId, async (promoted, dead) => {
    await stopRuns(deps, req.pipelineId, dead, `abandoned: run ${promoted} moved up`);
    await startQueuedRun(deps, { pipelineId: req.pipelineId, runId: promoted });
  }, slotLaneOf(req));
  if (claim.kind === 'refused') {
    await log(deps, req, 'concurrency', claim.reason);
    throw new AppError('CONFLICT', `Pipeline '${pipeline.id}' already has an active run (${claim.holders.join(', ')}); its concurrency rule is '${pipeline.concurrency}'.`, {
      details: { activeRunIds: claim.holders },
    });
  }
  if (claim.kind === 'won') await stopRuns(deps, req.pipelineId, claim.supersede, `superseded by run ${req.runId}`);
  // A repeat that finds its run holding the slot may get here before the winner wrote the record: create is idempotent.
  const run = await deps.runs.create(newRecord(deps, req, claim.behind));
  if (claim.kind === 'mine') return repeatStart(deps, req, run);
  if (claim.behind) {
    // Not started now: the active run's report starts it (through the run-requests queue) when it finishes.
    await log(deps, req, 'queued', `queued behind run ${claim.behind}`);
    return { run, created: true };
  }
  await deps.orchestrations.start(orchestratorNames.trainingRun, run.id, orchestrationInput(run, req.resumeFrom));
  await log(deps, req, 'started');
  return { run, created: true };
}

/**
 * A repeat of the request that created `run`: the same run, its orchestration started if the first request died.
 * For a caller that already holds the run record (and so knows the request is a repeat).
 */
export async function repeatStart(deps: StartRunDeps, req: StartRunRequest, run: Run): Promise<StartRunResult> {
  if (run.status === 'queued' && !isWaiting(run)) await deps.orchestrations.start(orchestratorNames.trainingRun, run.id, orchestrationInput(run, req.resumeFrom));
  await log(deps, req, 'deduplicated', 'a run with this key exists');
  return { run, created: false };
}

/** The record of a run about to start (or to wait behind `behind`). */
function newRecord(deps: StartRunDeps, req: StartRunRequest, behind: string | undefined): Run {
  const now = deps.now().toISOString();
  deps.tracing?.annotate({ [traceAttributes.runId]: req.runId, [traceAttributes.pipelineId]: req.pipelineId });
  const traceparent = deps.tracing?.currentTraceparent();
  return {
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
    ...(behind ? { queuedBehind: behind, reason: `queued behind run ${behind}` } : {}),
    ...(traceparent !== undefined ? { traceparent } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Stop runs that lost the slot (taken over under `cancel-running`, or found dead): terminate their instances and mark
 * their records cancelled. Their slot is already someone else's, so nothing is released.
 */
async function stopRuns(deps: StartRunDeps, pipelineId: string, runIds: string[], reason: string): Promise<void> {
  for (const runId of runIds) {
    for (const id of runInstanceIds(runId)) await deps.orchestrations.terminate(id, reason);
    if (!(await deps.runs.get(pipelineId, runId))) continue;
    const now = deps.now().toISOString();
    await deps.runs.update(pipelineId, runId, (r) => ({ ...cancelledRecord(r, reason, now), updatedAt: now }));
  }
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
    ...(run.traceparent !== undefined ? { traceparent: run.traceparent } : {}),
  };
}

/**
 * Start a run that was queued behind one that has now finished, once it holds the slot. A no-op when it already
 * started, no longer waits or is not yet active, so a redelivered request is harmless. Its `started` record in the
 * trigger log is keyed by the run (one per run, however often the release is delivered).
 */
export async function startQueuedRun(deps: StartRunDeps, ref: { pipelineId: string; runId: string }): Promise<Run | null> {
  const run = await deps.runs.get(ref.pipelineId, ref.runId);
  if (!run || !isWaiting(run)) return null;
  if ((await deps.runs.getSlot(run.pipelineId, slotLaneOf(run)))?.active?.runId !== run.id) return null;
  await deps.orchestrations.start(orchestratorNames.trainingRun, run.id, orchestrationInput(run));
  await deps.triggers.record({
    id: `${run.trigger.kind}:${run.id}:released`,
    pipelineId: run.pipelineId,
    source: run.trigger.kind,
    dedupKey: run.trigger.sourceEventId ?? run.id,
    decision: 'started',
    detail: `started after run ${run.queuedBehind ?? '?'} finished`,
    runId: run.id,
    ...(run.trigger.actor !== undefined ? { actor: run.trigger.actor } : {}),
    at: deps.now().toISOString(),
  });
  return run;
}

/** One evaluation, one record: its id is the evaluation's, so every request answered has its own entry. */
async function log(deps: StartRunDeps, req: StartRunRequest, decision: TriggerDecision, reason?: string): Promise<void> {
  const detail = [req.note, reason].filter((x) => x !== undefined && x !== '').join('; ').slice(0, 2000);
  await deps.triggers.record({
    id: `${req.trigger.kind}:${req.evaluationId}`,
    pipelineId: req.pipelineId,
    source: req.trigger.kind,
    dedupKey: req.dedupKey,
    decision,
    ...(detail ? { detail } : {}),
    ...(decision === 'started' || decision === 'deduplicated' || decision === 'queued' ? { runId: req.runId } : {}),
    ...(req.trigger.actor !== undefined ? { actor: req.trigger.actor } : {}),
    at: deps.now().toISOString(),
  });
}
