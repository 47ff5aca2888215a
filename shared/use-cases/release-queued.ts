import type { Run } from '../domain/run.js';
import type { RunRequestSender } from '../ports/run-request-sender.js';
import type { RunStore } from '../ports/run-store.js';

/** What releasing a queued run needs: the runs to find it among, and the queue that asks for its start. */
export interface ReleaseQueuedDeps {
  runs: RunStore;
  runRequests: RunRequestSender;
}

/**
 * A run has finished (or was cancelled): ask for the run queued behind it (concurrency `queue-one`) to start. The
 * request goes through the run-requests queue, whose intake holds the Durable client; it is keyed by the queued run's
 * id, so a redelivered request starts nothing twice.
 */
export async function releaseQueuedRun(services: ReleaseQueuedDeps, finished: Pick<Run, 'id' | 'pipelineId'>): Promise<void> {
  const queued = await services.runs.list(finished.pipelineId, { limit: 10, status: 'queued' });
  for (const waiting of queued.items.filter((r) => r.queuedBehind === finished.id)) {
    await services.runRequests.send({ pipelineId: waiting.pipelineId, requestId: waiting.id, startQueued: true, reason: `run ${finished.id} finished` });
  }
}
