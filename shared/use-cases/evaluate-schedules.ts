import { AppError } from '../domain/errors.js';
import type { Pipeline } from '../domain/pipeline.js';
import { latestSlot } from '../domain/schedule/cron.js';
import type { Logger } from '../logging/logger.js';
import { newRunId } from './run-ids.js';
import { startRun, type StartRunDeps } from './start-run.js';

/** How far back a missed slot still fires (the timer ticks every minute; a late tick or a short outage is covered). */
export const catchUpMs = 15 * 60_000;

export interface ScheduleOutcome {
  pipelineId: string;
  slot: string;
  runId: string;
  result: 'started' | 'already-started' | 'refused';
  detail?: string;
}

/**
 * The scheduler's tick: for every enabled pipeline with a schedule, the latest cron slot at or before `now` (in the
 * pipeline's time zone) starts a run, if the slot is recent (within `catchUpMs`) and not older than the pipeline.
 * The run id derives from (pipeline, slot), so however often the tick runs a slot starts at most one run; refusals
 * (concurrency, disabled) are recorded in the trigger log by `startRun`, one record per pipeline and tick
 * (`evaluationId`: the tick's invocation id).
 */
export async function evaluateSchedules(deps: StartRunDeps & { log: Logger }, now: Date, evaluationId: string): Promise<ScheduleOutcome[]> {
  const outcomes: ScheduleOutcome[] = [];
  let token: string | undefined;
  do {
    const page = await deps.pipelines.list({ limit: 100, ...(token ? { continuationToken: token } : {}) });
    for (const pipeline of page.items) {
      const outcome = await evaluatePipeline(deps, pipeline, now, evaluationId);
      if (outcome) outcomes.push(outcome);
    }
    token = page.continuationToken;
  } while (token);
  return outcomes;
}

async function evaluatePipeline(deps: StartRunDeps & { log: Logger }, pipeline: Pipeline, now: Date, evaluationId: string): Promise<ScheduleOutcome | null> {
  if (!pipeline.enabled || !pipeline.schedule) return null;
  const slot = latestSlot(pipeline.schedule.cron, pipeline.schedule.timeZone, now);
  if (!slot || now.getTime() - slot.getTime() > catchUpMs || slot.getTime() < Date.parse(pipeline.createdAt)) return null;
  const slotIso = slot.toISOString();
  const runId = newRunId(now, { scope: `schedule:${pipeline.id}`, key: slotIso });
  try {
    const { created } = await startRun(deps, {
      pipelineId: pipeline.id,
      runId,
      trigger: { kind: 'schedule', sourceEventId: slotIso, reason: `schedule ${pipeline.schedule.cron} (${pipeline.schedule.timeZone})` },
      dedupKey: `schedule:${slotIso}`,
      evaluationId,
    });
    return { pipelineId: pipeline.id, slot: slotIso, runId, result: created ? 'started' : 'already-started' };
  } catch (e) {
    // One pipeline's refusal or failure must not stop the others' schedules.
    if (e instanceof AppError && !e.retryable) return { pipelineId: pipeline.id, slot: slotIso, runId, result: 'refused', detail: e.message };
    deps.log.warn('scheduled run could not be started; the next tick tries again', { pipelineId: pipeline.id, slot: slotIso, error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}
