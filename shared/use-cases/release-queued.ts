import type { Run } from '../domain/run.js';
import type { RunRequestSender } from '../ports/run-request-sender.js';
import type { RunStore } from '../ports/run-store.js';
import { slotLaneOf } from '../domain/run-slot.js';
import { isWaiting, releaseSlot } from './run-slot.js';

/** What releasing a queued run needs: the runs and their slot, the clock, and the queue that asks for its start. */
export interface ReleaseQueuedDeps {
  runs: RunStore;
  runRequests: RunRequestSender;
  now: () => Date;
}

/**
 * A run has finished (or was cancelled): give up its place in the pipeline's run slot, and ask for the run queued
 * behind it (concurrency `queue-one`), now active, to start. The request goes through the run-requests queue, whose
 * intake holds the Durable client; it is keyed by the queued run's id, so a redelivered request starts nothing twice,
 * and a repeated release (a redelivered report) asks again rather than leave the queued run waiting.
 */
export async function releaseQueuedRun(services: ReleaseQueuedDeps, finished: Pick<Run, 'id' | 'pipelineId'> & Partial<Pick<Run, 'kind' | 'pullRequestId'>>): Promise<void> {
  const next = await releaseSlot(services, finished, slotLaneOf(finished));
  if (!next) return;
  const waiting = await services.runs.get(finished.pipelineId, next);
  if (!waiting || !isWaiting(waiting) || waiting.queuedBehind !== finished.id) return;
  await services.runRequests.send({ pipelineId: waiting.pipelineId, requestId: waiting.id, startQueued: true, reason: `run ${finished.id} finished` });
}
