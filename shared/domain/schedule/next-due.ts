import { addDuration } from '../duration.js';
import type { Pipeline } from '../pipeline.js';
import type { PipelineState } from '../pipeline-state.js';
import type { ScheduleState } from './schedule-state.js';
import { nextSlot } from './slots.js';
import { nextCheckAfter } from './spread.js';
import { boundaryAt } from './staleness.js';

type Cron = NonNullable<Pipeline['schedule']>;

/** Whether the cron bookkeeping was kept for this very schedule (a changed cron or zone starts afresh). */
export function sameCron(kept: ScheduleState['cron'], schedule: Cron): kept is NonNullable<ScheduleState['cron']> {
  return kept !== undefined && kept.cron === schedule.cron && kept.timeZone === schedule.timeZone;
}

/** The staleness boundary the rule waits for next: one past the boundary it fired for, for this champion. */
export function nextStalenessBoundary(state: PipelineState): number {
  const fired = state.schedule.staleness;
  return fired && fired.championVersion === state.champion?.version ? fired.boundary + 1 : 1;
}

/**
 * The earliest moment any of the pipeline's rules needs a look: the next cron slot after the last one handled, the
 * champion's next age boundary, the next data check. Absent when the pipeline is disabled or has no such rule.
 * Without a champion the staleness rule looks again one period from now: a champion that appears meanwhile (whose
 * first boundary is at least that far off) is then never missed, whoever wrote it.
 */
export function nextDueAt(pipeline: Pipeline, state: PipelineState, now: Date): Date | undefined {
  if (!pipeline.enabled) return undefined;
  const candidates: Date[] = [];
  if (pipeline.schedule) {
    const kept = state.schedule.cron;
    const base = sameCron(kept, pipeline.schedule) ? new Date(kept.lastSlot) : now;
    const slot = nextSlot(pipeline.schedule.cron, pipeline.schedule.timeZone, base);
    if (slot) candidates.push(slot);
  }
  if (pipeline.staleness) {
    const age = pipeline.staleness.maxChampionAge;
    const champion = state.champion;
    candidates.push(champion ? boundaryAt(new Date(champion.since), age, nextStalenessBoundary(state)) : addDuration(now, age));
  }
  const every = pipeline.retrainOn.dataChange.every;
  if (every !== undefined) {
    const kept = state.schedule.dataChange;
    candidates.push(kept && kept.every === every ? new Date(kept.nextCheckAt) : nextCheckAfter(pipeline.id, every, now));
  }
  return candidates.length === 0 ? undefined : new Date(Math.min(...candidates.map((d) => d.getTime())));
}

/**
 * The state as a write of `pipeline` leaves it (`previous`: the pipeline before the write, null when new or unknown):
 * a new or changed schedule, or a pipeline enabled again, handles slots from `now` on (no missed slot of the old
 * schedule or of the disabled time fires); a new or changed polling period checks next at the pipeline's offset; a
 * rule removed loses its bookkeeping; `nextDueAt` follows.
 */
export function syncedState(previous: Pipeline | null, pipeline: Pipeline, state: PipelineState, now: Date): PipelineState {
  const schedule: ScheduleState = {};
  const reEnabled = previous !== null && !previous.enabled && pipeline.enabled;
  if (pipeline.schedule) {
    const kept = state.schedule.cron;
    schedule.cron = sameCron(kept, pipeline.schedule) && !reEnabled ? kept : { ...pipeline.schedule, lastSlot: now.toISOString() };
  }
  if (pipeline.staleness && state.schedule.staleness) schedule.staleness = state.schedule.staleness;
  const every = pipeline.retrainOn.dataChange.every;
  if (every !== undefined) {
    const kept = state.schedule.dataChange;
    schedule.dataChange = kept && kept.every === every ? kept : { ...kept, every, nextCheckAt: nextCheckAfter(pipeline.id, every, now).toISOString() };
  }
  const next: PipelineState = { ...state, schedule, updatedAt: now.toISOString() };
  const due = nextDueAt(pipeline, next, now);
  if (due) next.nextDueAt = due.toISOString();
  else delete next.nextDueAt;
  return next;
}
