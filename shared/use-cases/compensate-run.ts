import { terminalRunStatuses, type Run } from '../domain/run.js';
import { dagRunIdFor } from '../durable/instance-ids.js';
import type { EventPublisher, TrainingScheduler } from '../ports/external-systems.js';
import { releaseQueuedRun, type ReleaseQueuedDeps } from './release-queued.js';
import { updateRun, type RunRecordDeps } from './run-record.js';
import { emitRunEvents } from './run-events.js';

/** What a compensation touches: the run record, the run queued behind it, the Airflow dag run and the run event. */
export interface CompensateRunDeps extends RunRecordDeps, ReleaseQueuedDeps {
  scheduler: Pick<TrainingScheduler, 'markFailed'>;
  events: EventPublisher;
}

/**
 * Compensation after a cancel: the caller terminates the run's instances (`runInstanceIds(runId)`: terminating the
 * parent does not stop its sub-orchestrations), then calls this to stop the Airflow dag run (a no-op if it never
 * started or already ended) and mark the record `cancelled`. Idempotent; a run that already finished is left as it is.
 */
export async function compensateRun(services: CompensateRunDeps, runId: string, opts: { reason?: string } = {}): Promise<{ cancelled: boolean }> {
  const run = await services.runs.find(runId);
  if (!run) return { cancelled: false };
  if (terminalRunStatuses.includes(run.status) && run.status !== 'cancelled') return { cancelled: false };
  const now = services.now().toISOString();
  // Mark first: activities still in flight see `cancelled` and refuse to start more work.
  const updated = await updateRun(services, run, (r) => cancelledRecord(r, opts.reason ?? 'cancelled', now));
  await releaseQueuedRun(services, updated);
  // Only a run that reached training can have a dag run to stop (and Airflow need not even be configured otherwise).
  const train = run.steps.find((s) => s.name === 'train')?.status;
  const reachedTraining = run.lineage.airflow !== undefined || (train !== undefined && train !== 'pending' && train !== 'skipped');
  const dagId = updated.pipelineSnapshot?.airflow.dagId ?? updated.lineage.airflow?.dagId;
  if (dagId && reachedTraining) await services.scheduler.markFailed(dagId, dagRunIdFor(runId));
  await emitRunEvents(services, updated, [{ key: 'cancelled', type: 'mlcycle.run.cancelled', data: { kind: updated.kind, status: 'cancelled', ...(updated.reason !== undefined ? { reason: updated.reason } : {}) } }]);
  return { cancelled: true };
}

/** The record of a cancelled run (pure): running steps cancelled, pending ones skipped; a finished run stays as it is. */
export function cancelledRecord(r: Run, reason: string, now: string): Run {
  if (terminalRunStatuses.includes(r.status) && r.status !== 'cancelled') return r;
  return {
    ...r,
    status: 'cancelled',
    reason: r.status === 'cancelled' ? r.reason : reason,
    finishedAt: r.finishedAt ?? now,
    steps: r.steps.map((s) => (s.status === 'running' ? { ...s, status: 'cancelled' as const, finishedAt: now } : s.status === 'pending' ? { ...s, status: 'skipped' as const } : s)),
  };
}
