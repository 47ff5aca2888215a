import { CronExpressionParser } from 'cron-parser';
import { normalizeCronFields } from './cron-fields.js';

/** How many slots a catch-up enumerates at most (a per-second cron after days down has far more). */
export const maxEnumeratedSlots = 10_000;
/** Up to this many missed slots, the trigger log lists them all. */
const listedSlots = 5;

/** The slots of a cron in (`after`, `upTo`]: how many (capped), the first, the latest, and all of them when few. */
export interface MissedSlots {
  count: number;
  /** True when there were more than `maxEnumeratedSlots` (then `count` is that cap). */
  capped: boolean;
  first: Date;
  last: Date;
  listed: Date[];
}

/** The next occurrence of `cron` in `timeZone` strictly after `after` (null if none). */
export function nextSlot(cron: string, timeZone: string, after: Date): Date | null {
  try {
    return CronExpressionParser.parse(normalizeCronFields(cron), { currentDate: after, tz: timeZone }).next().toDate();
  } catch {
    return null;
  }
}

/** The latest occurrence at or before `upTo` (cron-parser's prev() is strictly before its start: nudge by 1 ms). */
function latestAtOrBefore(cron: string, timeZone: string, upTo: Date): Date | null {
  try {
    return CronExpressionParser.parse(normalizeCronFields(cron), { currentDate: new Date(upTo.getTime() + 1), tz: timeZone }).prev().toDate();
  } catch {
    return null;
  }
}

/** The slots of `cron` in (`after`, `upTo`], or null when there are none; enumeration stops at `maxEnumeratedSlots`. */
export function slotsBetween(cron: string, timeZone: string, after: Date, upTo: Date): MissedSlots | null {
  let it;
  try {
    it = CronExpressionParser.parse(normalizeCronFields(cron), { currentDate: after, endDate: new Date(upTo.getTime() + 1), tz: timeZone });
  } catch {
    return null;
  }
  const listed: Date[] = [];
  let first: Date | null = null;
  let last: Date | null = null;
  let count = 0;
  while (it.hasNext() && count < maxEnumeratedSlots) {
    const slot = it.next().toDate();
    if (slot.getTime() > upTo.getTime()) break;
    first ??= slot;
    last = slot;
    count++;
    if (listed.length < listedSlots) listed.push(slot);
  }
  if (!first || !last) return null;
  const capped = count >= maxEnumeratedSlots;
  if (capped) last = latestAtOrBefore(cron, timeZone, upTo) ?? last;
  return { count, capped, first, last, listed: count <= listedSlots ? listed : [] };
}

/** How a catch-up is told in the trigger log and the run's reason: count, first, last, and the slots when few. */
export function describeSlots(s: MissedSlots): string {
  if (s.count === 1) return `slot ${s.last.toISOString()}`;
  const count = s.capped ? `more than ${maxEnumeratedSlots}` : String(s.count);
  const list = s.listed.length > 0 ? `: ${s.listed.map((d) => d.toISOString()).join(', ')}` : '';
  return `catch-up of ${count} missed slots, first ${s.first.toISOString()}, last ${s.last.toISOString()}${list}`;
}
