/**
 * The next `count` slots of a cron in a time zone, computed in the browser with the same library the scheduler uses
 * (loaded only when a schedule is shown). Null when the library reads the expression differently from the scheduler
 * (it refuses wrapping ranges and repeated values, which the scheduler rewrites first): the page then shows the cron alone.
 */
export async function nextSlots(cron: string, timeZone: string, count: number): Promise<Date[] | null> {
  const { CronExpressionParser } = await import('cron-parser');
  try {
    const it = CronExpressionParser.parse(cron, { tz: timeZone, currentDate: new Date() });
    return Array.from({ length: count }, () => it.next().toDate());
  } catch {
    return null;
  }
}
