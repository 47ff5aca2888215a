import { AppError } from '../domain/errors.js';
import type { Pipeline } from '../domain/pipeline.js';
import { terminalRunStatuses, type ErrorInfo, type Run, type Step, type StepName } from '../domain/run.js';
import type { RunStore } from '../ports/run-store.js';
import { traceAttributes, type RunTracing } from '../ports/run-tracing.js';

/*
 * Step bookkeeping in the run record. Each step activity marks its step running when it starts (one more attempt)
 * and succeeded with its small outputs when done; the report activity closes failed and skipped steps. Every write
 * is a read-modify-write through `RunStore.update`, so a redelivered activity rewrites the same values.
 */

/**
 * What the run record bookkeeping needs: the store and the wall clock that stamps each write; with `tracing`, the
 * attempt a step's delivery counts goes on the active span too.
 */
export interface RunRecordDeps {
  runs: RunStore;
  now: () => Date;
  tracing?: Pick<RunTracing, 'annotate'>;
}

/** The run record, or a permanent NOT_FOUND (the orchestration's first activity creates it). */
export async function loadRun(services: RunRecordDeps, runId: string): Promise<Run> {
  const run = await services.runs.find(runId);
  if (!run) throw new AppError('NOT_FOUND', `Run '${runId}' has no record`, { details: { runId } });
  return run;
}

/** The pipeline as snapshotted when the run started. */
export function snapshotOf(run: Run): Omit<Pipeline, 'etag'> {
  if (!run.pipelineSnapshot) throw new AppError('INTERNAL', `Run '${run.id}' has no pipeline snapshot`);
  return run.pipelineSnapshot;
}

/** Replace one step in a run (pure). */
export function withStep(run: Run, name: StepName, patch: (s: Step) => Step): Run {
  return { ...run, steps: run.steps.map((s) => (s.name === name ? patch(s) : s)) };
}

/** Apply `mutate` and stamp `updatedAt`. */
export async function updateRun(services: RunRecordDeps, run: Pick<Run, 'id' | 'pipelineId'>, mutate: (run: Run) => Run): Promise<Run> {
  const now = services.now().toISOString();
  return services.runs.update(run.pipelineId, run.id, (r) => ({ ...mutate(r), updatedAt: now }));
}

/**
 * Put the step's attempt, as the run record counts it, on the active span (`mlcycle.attempt`). The record is the one
 * place that knows it: the engine retries an activity with the same input, so the activity cannot tell from its input,
 * and the orchestrator may not count (a retry happens inside the SDK's retryable task, not in its code).
 */
export function noteAttempt(services: Pick<RunRecordDeps, 'tracing'>, run: Run, name: StepName): void {
  const attempts = run.steps.find((s) => s.name === name)?.attempts ?? 0;
  if (attempts > 0) services.tracing?.annotate({ [traceAttributes.attempt]: attempts });
}

/** Mark a step running (one more attempt). A run that was cancelled meanwhile refuses further steps. */
export async function beginStep(services: RunRecordDeps, runId: string, name: StepName): Promise<Run> {
  const run = await loadRun(services, runId);
  if (run.status === 'cancelled') throw new AppError('PERMANENT', `Run '${runId}' was cancelled`);
  const now = services.now().toISOString();
  const begun = await updateRun(services, run, (r) =>
    withStep(r, name, (s) => ({ ...s, status: 'running', startedAt: s.startedAt ?? now, attempts: s.attempts + 1 })),
  );
  noteAttempt(services, begun, name);
  return begun;
}

/** Mark a step succeeded with its outputs; `mutate` adds lineage or decision in the same write. */
export async function completeStep(
  services: RunRecordDeps,
  run: Pick<Run, 'id' | 'pipelineId'>,
  name: StepName,
  outputs: Record<string, unknown>,
  mutate: (run: Run) => Run = (r) => r,
  status: 'succeeded' | 'skipped' = 'succeeded',
): Promise<Run> {
  const now = services.now().toISOString();
  return updateRun(services, run, (r) => {
    const next = withStep(mutate(r), name, (s) => {
      const { error: _error, ...rest } = s;
      return { ...rest, status, finishedAt: now, outputs };
    });
    return terminalRunStatuses.includes(next.status) || next.status === 'waiting-approval' ? next : { ...next, status: 'running' };
  });
}

/** Note a retryable failure on a running step (the engine will retry; the record shows why). */
export async function noteStepError(services: RunRecordDeps, runId: string, name: StepName, error: ErrorInfo): Promise<void> {
  const run = await services.runs.find(runId);
  if (!run) return;
  await updateRun(services, run, (r) => withStep(r, name, (s) => ({ ...s, error })));
}

/**
 * Run a step's work between `beginStep` and the caller's own `completeStep`; a retryable failure is noted on the
 * step before it propagates (the activity wrapper rethrows it for the engine to retry).
 */
export async function inStep<T>(services: RunRecordDeps, runId: string, name: StepName, work: (run: Run) => Promise<T>): Promise<T> {
  const run = await beginStep(services, runId, name);
  try {
    return await work(run);
  } catch (e) {
    if (e instanceof AppError && e.retryable) await noteStepError(services, runId, name, { code: e.code, message: e.message }).catch(() => undefined);
    throw e;
  }
}
