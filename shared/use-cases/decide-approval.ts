import { errors } from '../domain/errors.js';
import type { Run } from '../domain/run.js';
import { eventNames, runInstanceId } from '../durable/instance-ids.js';
import type { OrchestrationClient } from '../ports/orchestration-client.js';
import type { RunStore } from '../ports/run-store.js';

/** Approve or reject a promotion the run is waiting for; only a run in `waiting-approval` accepts it. */
export async function decideApproval(
  deps: { runs: RunStore; orchestrations: OrchestrationClient },
  runId: string,
  decision: { approved: boolean; by?: string | undefined; comment?: string | undefined },
): Promise<Run> {
  const run = await deps.runs.find(runId);
  if (!run) throw errors.notFound('Run', runId);
  if (run.status !== 'waiting-approval') throw errors.conflict(`Run '${runId}' is not waiting for approval (status ${run.status}).`);
  const outcome = await deps.orchestrations.raise(runInstanceId(runId), eventNames.approval, decision);
  if (outcome !== 'raised') throw errors.conflict(`Run '${runId}' is no longer running.`);
  return run;
}
