import { CronExpressionParser } from 'cron-parser';
import { normalizeCronFields } from './cron-fields.js';

export { cronPattern } from './cron-fields.js';

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Why a cron expression is not usable (5 fields, or 6 with seconds first), or null when it is. */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return 'must have 5 fields (minute first) or 6 (second first)';
  try {
    CronExpressionParser.parse(normalizeCronFields(cron), { tz: 'UTC' }).next();
    return null;
  } catch (e) {
    return `is not a valid cron expression (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** The latest occurrence of `cron` in `timeZone` at or before `now` (null if none can be computed). */
export function latestSlot(cron: string, timeZone: string, now: Date): Date | null {
  try {
    // prev() is strictly before currentDate: nudge by 1 ms so a slot exactly at `now` counts.
    return CronExpressionParser.parse(normalizeCronFields(cron), { currentDate: new Date(now.getTime() + 1), tz: timeZone }).prev().toDate();
  } catch {
    return null;
  }
}

/** The IANA zones this runtime lists, and `UTC` (the OpenAPI document's enum for `timeZone`). */
export function timeZoneNames(): [string, ...string[]] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}
