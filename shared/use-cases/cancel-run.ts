import { errors } from '../domain/errors.js';
import { terminalRunStatuses, type Run } from '../domain/run.js';
import { runInstanceIds } from '../durable/instance-ids.js';
import type { OrchestrationClient } from '../ports/orchestration-client.js';
import type { RunStore } from '../ports/run-store.js';

/**
 * Cancel a run: terminate its orchestration and sub-orchestrations (terminating a parent does not stop its
 * children), then compensate (mark the Airflow run failed, record `cancelled` with a reason naming `actor`, who asked).
 * Cancelling twice is harmless.
 */
export async function cancelRun(
  deps: { runs: RunStore; orchestrations: OrchestrationClient; compensate: (runId: string, reason: string) => Promise<unknown> },
  runId: string,
  request: { actor: string; reason?: string | undefined },
): Promise<Run> {
  const reason = request.reason !== undefined ? `${request.reason} (cancelled by ${request.actor})` : `cancelled by ${request.actor}`;
  const run = await deps.runs.find(runId);
  if (!run) throw errors.notFound('Run', runId);
  if (run.status === 'cancelled') return run;
  if (terminalRunStatuses.includes(run.status)) throw errors.conflict(`Run '${runId}' already finished (${run.status}).`);
  for (const id of runInstanceIds(runId)) await deps.orchestrations.terminate(id, reason);
  await deps.compensate(runId, reason);
  return (await deps.runs.find(runId)) ?? run;
}
