import type { Pipeline } from '../../domain/pipeline.js';
import type { PipelineState } from '../../domain/pipeline-state.js';
import type { ScheduleState } from '../../domain/schedule/schedule-state.js';
import { nextStalenessBoundary } from '../../domain/schedule/next-due.js';
import { stalenessBoundary } from '../../domain/schedule/staleness.js';
import { newRunId } from '../run-ids.js';
import type { Firing } from './firing.js';

/**
 * The staleness rule at `now`: once the champion has been champion for k whole periods of `maxChampionAge` (k ≥ 1),
 * one run per (champion version, k), for the latest boundary only (after downtime too). A run that holds leaves the
 * champion, so the next run waits for boundary k+1; a new champion starts again at 1. No champion: nothing fires.
 */
export function stalenessRule(pipeline: Pipeline, state: PipelineState, now: Date): { firing?: Firing; staleness?: NonNullable<ScheduleState['staleness']> } {
  const age = pipeline.staleness?.maxChampionAge;
  const champion = state.champion;
  if (age === undefined || !champion) return {};
  const k = stalenessBoundary(new Date(champion.since), age, now);
  if (k < nextStalenessBoundary(state)) return {};
  const key = `${champion.version}:${k}`;
  const detail = `champion ${champion.modelName} version ${champion.version}, champion since ${champion.since}, is ${k} × ${age} old`;
  return {
    staleness: { championVersion: champion.version, boundary: k },
    firing: {
      kind: 'staleness',
      runId: newRunId(now, { scope: `staleness:${pipeline.id}`, key }),
      dedupKey: `staleness:${key}`.slice(0, 255),
      sourceEventId: key.slice(0, 256),
      reason: `stale: ${detail}`.slice(0, 1000),
      detail,
    },
  };
}
