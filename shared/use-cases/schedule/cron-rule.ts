import type { Pipeline } from '../../domain/pipeline.js';
import type { ScheduleState } from '../../domain/schedule/schedule-state.js';
import { sameCron } from '../../domain/schedule/next-due.js';
import { describeSlots, slotsBetween } from '../../domain/schedule/slots.js';
import { newRunId } from '../run-ids.js';
import type { Firing } from './firing.js';

/**
 * The cron rule at `now`: the slots in (last slot handled, now] fire one run keyed by the latest of them (so a timer
 * fired twice, or two instances, start it once); more than one slot is a catch-up, and says so. Bookkeeping kept for
 * another schedule counts from the pipeline's last write (when that schedule was set).
 */
export function cronRule(pipeline: Pipeline, kept: ScheduleState['cron'], now: Date): { firing?: Firing; cron?: NonNullable<ScheduleState['cron']> } {
  const schedule = pipeline.schedule;
  if (!schedule) return {};
  const after = sameCron(kept, schedule) ? kept.lastSlot : pipeline.updatedAt;
  const slots = slotsBetween(schedule.cron, schedule.timeZone, new Date(after), now);
  if (!slots) return { cron: { ...schedule, lastSlot: after } };
  const slot = slots.last.toISOString();
  const told = describeSlots(slots);
  return {
    cron: { ...schedule, lastSlot: slot },
    firing: {
      kind: 'schedule',
      runId: newRunId(now, { scope: `schedule:${pipeline.id}`, key: slot }),
      dedupKey: `schedule:${slot}`,
      sourceEventId: slot,
      reason: `schedule ${schedule.cron} (${schedule.timeZone})${slots.count > 1 ? `, ${told}` : ''}`.slice(0, 1000),
      detail: told,
    },
  };
}
