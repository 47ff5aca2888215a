import { DateTime, Duration } from 'luxon';
import { z } from './zod.js';

/*
 * ISO 8601 durations (`P30D`, `PT6H`, `P1W`, `P1M`) as pipelines state their retraining rules. Calendar units
 * (years, months, weeks, days) are added in UTC by luxon, so `P1M` after 31 January is the end of February.
 */

/**
 * ISO 8601 durations the API accepts, exactly as the OpenAPI document states them: at least one non-zero part, and at
 * most so many digits per part that any duration added to any date stays a valid date (about 22,000 years at most).
 * `fixed` leaves out years and months, whose length varies.
 */
export const isoDurationPattern = /^P(?!$)(?=.*[1-9])(\d{1,4}Y)?(\d{1,5}M)?(\d{1,5}W)?(\d{1,6}D)?(T(?=\d)(\d{1,7}H)?(\d{1,8}M)?(\d{1,9}S)?)?$/;
export const fixedIsoDurationPattern = /^P(?!$)(?=.*[1-9])(\d{1,5}W)?(\d{1,6}D)?(T(?=\d)(\d{1,7}H)?(\d{1,8}M)?(\d{1,9}S)?)?$/;

function parse(iso: string): Duration | null {
  if (!isoDurationPattern.test(iso)) return null;
  const d = Duration.fromISO(iso);
  return d.isValid && d.toMillis() > 0 ? d : null;
}

/** An ISO 8601 duration (with `fixed`, one without years or months). */
export function isoDurationSchema(opts: { fixed?: boolean; description: string }) {
  const pattern = opts.fixed ? fixedIsoDurationPattern : isoDurationPattern;
  return z
    .string()
    .max(60)
    .refine((iso) => pattern.test(iso) && parse(iso) !== null, opts.fixed ? 'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, such as PT6H or P7D (not years or months, whose length varies)' : 'must be an ISO 8601 duration such as P30D, PT6H, P4W or P1M')
    .openapi({ pattern: pattern.source, description: opts.description });
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
