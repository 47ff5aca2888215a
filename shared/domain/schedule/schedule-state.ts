import { z } from '../zod.js';

/**
 * The scheduler's bookkeeping for one pipeline, per rule (docs/scheduler.md):
 * - `cron`: the schedule it was kept for and the last slot handled (a different schedule starts afresh);
 * - `staleness`: the champion version and the age boundary it last fired for;
 * - `dataChange`: the period, when the branch head is next compared, the head and fingerprint seen at the last check
 *   (so an unmoved head needs no file reads), and the fingerprint a run was last started for (so it starts once).
 */
export const scheduleStateSchema = z.object({
  cron: z.object({ cron: z.string(), timeZone: z.string(), lastSlot: z.iso.datetime() }).optional(),
  staleness: z.object({ championVersion: z.string(), boundary: z.number().int().nonnegative() }).optional(),
  dataChange: z
    .object({
      every: z.string(),
      nextCheckAt: z.iso.datetime(),
      commitSha: z.string().max(64).optional(),
      fingerprint: z.string().max(128).optional(),
      firedFor: z.string().max(128).optional(),
    })
    .optional(),
});
export type ScheduleState = z.infer<typeof scheduleStateSchema>;
