import type { Services } from '../../shared/app/services.js';
import type { Run } from '../../shared/domain/run.js';

/**
 * A run has finished (or was cancelled): ask for the run queued behind it (concurrency `queue-one`) to start. The
 * request goes through the run-requests queue, whose intake holds the Durable client; it is keyed by the queued run's
 * id, so a redelivered request starts nothing twice.
 */
export async function releaseQueuedRun(services: Services, finished: Pick<Run, 'id' | 'pipelineId'>): Promise<void> {
  const queued = await services.runs.list(finished.pipelineId, { limit: 10, status: 'queued' });
  for (const waiting of queued.items.filter((r) => r.queuedBehind === finished.id)) {
    await services.runRequests.send({ pipelineId: waiting.pipelineId, requestId: waiting.id, startQueued: true, reason: `run ${finished.id} finished` });
  }
}
