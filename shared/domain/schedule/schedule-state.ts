import { z } from '../zod.js';

/**
 * The scheduler's bookkeeping for one pipeline, per rule: the last cron slot it handled, the staleness boundary it
 * last fired for, and when the data of the branch head is next compared with the champion's.
 */
export const scheduleStateSchema = z.object({
  cron: z.object({ lastSlot: z.iso.datetime() }).optional(),
  staleness: z.object({ championVersion: z.string(), boundary: z.number().int().nonnegative() }).optional(),
  dataChange: z.object({ nextCheckAt: z.iso.datetime(), lastFingerprint: z.string().optional() }).optional(),
});
export type ScheduleState = z.infer<typeof scheduleStateSchema>;
