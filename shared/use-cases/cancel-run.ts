import { errors } from '../domain/errors.js';
import { terminalRunStatuses, type Run } from '../domain/run.js';
import { runInstanceIds } from '../durable/instance-ids.js';
import type { OrchestrationClient } from '../ports/orchestration-client.js';
import type { RunStore } from '../ports/run-store.js';

/**
 * Cancel a run: terminate its orchestration and sub-orchestrations (terminating a parent does not stop its
 * children), then compensate (mark the Airflow run failed, record `cancelled`). Cancelling twice is harmless.
 */
export async function cancelRun(
  deps: { runs: RunStore; orchestrations: OrchestrationClient; compensate: (runId: string, reason: string) => Promise<unknown> },
  runId: string,
  reason: string,
): Promise<Run> {
  const run = await deps.runs.find(runId);
  if (!run) throw errors.notFound('Run', runId);
  if (run.status === 'cancelled') return run;
  if (terminalRunStatuses.includes(run.status)) throw errors.conflict(`Run '${runId}' already finished (${run.status}).`);
  for (const id of runInstanceIds(runId)) await deps.orchestrations.terminate(id, reason);
  await deps.compensate(runId, reason);
  return (await deps.runs.find(runId)) ?? run;
}
