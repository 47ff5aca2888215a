import { DateTime, Duration } from 'luxon';
import { z } from './zod.js';

/*
 * ISO 8601 durations (`P30D`, `PT6H`, `P1W`, `P1M`) as pipelines state their retraining rules. Calendar units
 * (years, months, weeks, days) are added in UTC by luxon, so `P1M` after 31 January is the end of February.
 */

/** The shape an ISO 8601 duration has (what the OpenAPI document advertises); luxon decides validity. */
export const isoDurationPattern = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

function parse(iso: string): Duration | null {
  if (!isoDurationPattern.test(iso)) return null;
  const d = Duration.fromISO(iso);
  return d.isValid && d.toMillis() > 0 ? d : null;
}

/** An ISO 8601 duration of at least `minMs` (and, with `fixed`, without years or months, whose length varies). */
export function isoDurationSchema(opts: { minMs: number; maxMs: number; fixed?: boolean; description: string }) {
  return z
    .string()
    .max(40)
    .superRefine((iso, ctx) => {
      const d = parse(iso);
      if (!d) return void ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 duration such as P30D, PT6H or P1W' });
      if (opts.fixed && (d.years !== 0 || d.months !== 0)) return void ctx.addIssue({ code: 'custom', message: 'must not use years or months (their length varies): use days or weeks' });
      const ms = approximateMs(iso);
      if (ms < opts.minMs) ctx.addIssue({ code: 'custom', message: `must be at least ${Duration.fromMillis(opts.minMs).rescale().toISO()}` });
      if (ms > opts.maxMs) ctx.addIssue({ code: 'custom', message: `must be at most ${Duration.fromMillis(opts.maxMs).rescale().toISO()}` });
    })
    .openapi({ pattern: isoDurationPattern.source, description: opts.description });
}

/** The duration's length in milliseconds (months 30 days, years 365): exact for durations without them. */
export function approximateMs(iso: string): number {
  const d = parse(iso);
  if (!d) throw new Error(`not an ISO 8601 duration: ${iso}`);
  return d.toMillis();
}

/** `from` plus `times` the duration, with calendar arithmetic in UTC. */
export function addDuration(from: Date, iso: string, times = 1): Date {
  const d = parse(iso);
  if (!d) throw new Error(`not an ISO 8601 duration: ${iso}`);
  return DateTime.fromJSDate(from, { zone: 'utc' }).plus(d.mapUnits((x) => x * times)).toJSDate();
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
