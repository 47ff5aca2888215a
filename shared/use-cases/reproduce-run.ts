import { errors } from '../domain/errors.js';
import { terminalRunStatuses, type Run } from '../domain/run.js';
import { startRun, type StartRunDeps, type StartRunResult } from './start-run.js';

/** A request to reproduce run `originalId` as run `runId`. */
export interface ReproduceRunRequest {
  originalId: string;
  runId: string;
  /** Key the trigger log deduplicates on (the Idempotency-Key, or the new run id). */
  dedupKey: string;
  /** This evaluation's own id (the invocation id), keying its trigger-log record. */
  evaluationId: string;
  /** Who asked (recorded as the run's `trigger.actor` and in the trigger log). */
  actor: string;
  reason?: string;
}

/** What a run must have recorded to be reproduced: everything that made its model. */
function missingLineage(run: Run): string[] {
  const l = run.lineage;
  return [
    ...(l.commitSha ? [] : ['commit']),
    ...(l.data?.fingerprint ? [] : ['data fingerprint']),
    ...(l.image?.digest ? [] : ['image digest']),
    ...(l.mlflow ? [] : ['MLflow run']),
    ...(l.mlflow && Object.keys(l.mlflow.metrics).length === 0 ? ['metrics'] : []),
  ];
}

/**
 * Start a reproduction of a finished run: a run of kind `reproduction` pinned to the original's commit, data
 * fingerprint, image digest and params, forced (the skip rule does not apply) and in its own slot lane. A run still
 * under way, or one that never trained, is refused with a CONFLICT naming why, logged in the trigger log, and nothing
 * starts. Repeats with the same run id (Idempotency-Key) answer with the run the first request started.
 */
export async function reproduceRun(deps: StartRunDeps, req: ReproduceRunRequest): Promise<StartRunResult> {
  const original = await deps.runs.find(req.originalId);
  if (!original) throw errors.notFound('Run', req.originalId);
  const refuse = async (message: string, details: Record<string, unknown>) => {
    await deps.triggers.record({
      id: `reproduce:${req.evaluationId}`,
      pipelineId: original.pipelineId,
      source: 'reproduce',
      dedupKey: req.dedupKey,
      decision: 'rejected',
      detail: message.slice(0, 2000),
      actor: req.actor,
      at: deps.now().toISOString(),
    });
    return errors.conflict(message, { runId: original.id, ...details });
  };
  if (!terminalRunStatuses.includes(original.status)) {
    throw await refuse(`Run '${original.id}' is ${original.status}; only a finished run can be reproduced.`, { status: original.status });
  }
  const missing = missingLineage(original);
  if (missing.length > 0) {
    throw await refuse(`Run '${original.id}' never trained a model to reproduce: it records no ${missing.join(', ')}.`, { missing });
  }
  return startRun(deps, {
    pipelineId: original.pipelineId,
    runId: req.runId,
    trigger: { kind: 'reproduce', actor: req.actor, reason: req.reason ?? `reproduction of run ${original.id}` },
    dedupKey: req.dedupKey,
    evaluationId: req.evaluationId,
    params: original.params,
    force: true,
    kind: 'reproduction',
    reproduceOf: original.id,
  });
}
