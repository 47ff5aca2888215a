import { CronExpressionParser } from 'cron-parser';
import { normalizeCronFields } from './cron-fields.js';

export { cronPattern } from './cron-fields.js';

/*
 * Both checks run whenever a pipeline (or a run, which carries a snapshot of one) is parsed, many times per run, and
 * their answers never change within a process: they are remembered, in maps cleared when they grow large.
 */
const maxRemembered = 10_000;
const zones = new Map<string, boolean>();
const problems = new Map<string, string | null>();

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  if (map.size >= maxRemembered) map.clear();
  map.set(key, value);
  return value;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  const known = zones.get(timeZone);
  if (known !== undefined) return known;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return remember(zones, timeZone, true);
  } catch {
    return remember(zones, timeZone, false);
  }
}

/** Why a cron expression is not usable (5 fields, or 6 with seconds first), or null when it is. */
export function cronProblem(cron: string): string | null {
  const known = problems.get(cron);
  if (known !== undefined) return known;
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return remember(problems, cron, 'must have 5 fields (minute first) or 6 (second first)');
  try {
    CronExpressionParser.parse(normalizeCronFields(cron), { tz: 'UTC' }).next();
    return remember(problems, cron, null);
  } catch (e) {
    return remember(problems, cron, `is not a valid cron expression (${e instanceof Error ? e.message : String(e)})`);
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
