/*
 * Numeric cron fields written the way people write them, made acceptable to cron-parser without changing what they
 * mean. cron-parser refuses a value listed twice (`4,4`, `1,1-3`, Sunday as both `0` and `7`) and a range that wraps
 * (`22-2` hours, `5-1` Friday to Monday); both read plainly, so each such field is rewritten as its sorted values.
 * A field with `*` is left alone: cron's rule that a restricted day-of-month and day-of-week match either one depends
 * on which of the two is `*`, and expanding it would change that.
 */

/** A field's range: seconds, minutes, hours, days of the month, months, days of the week (7 is Sunday too). */
interface FieldRange {
  min: number;
  max: number;
}

const fiveFieldRanges: FieldRange[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 7 },
];
const secondsRange: FieldRange = { min: 0, max: 59 };

const listItem = /^(\d{1,2})(?:-(\d{1,2}))?(?:\/(\d{1,2}))?$/;

/** The values one numeric field lists, or null when it uses other syntax (`*`, names, `L`, `#`) or leaves its range. */
function fieldValues(field: string, range: FieldRange, dayOfWeek: boolean): number[] | null {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const m = listItem.exec(item);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (step < 1 || [from, to].some((v) => v < range.min || v > range.max)) return null;
    if (m[2] === undefined && m[3] !== undefined) return null; // `a/n` means a-max/n to cron-parser: leave it to it
    // Walk from `from` to `to` through the field's cycle, so `22-2` is 22, 23, 0, 1, 2.
    const size = range.max - range.min + 1;
    const span = (to - from + size) % size;
    for (let offset = 0; offset <= span; offset += step) {
      const value = range.min + ((from - range.min + offset) % size);
      values.add(dayOfWeek && value === 7 ? 0 : value);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** The expression with each numeric list or range field rewritten as its sorted, distinct values. */
export function normalizeCronFields(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  const ranges = fields.length === 6 ? [secondsRange, ...fiveFieldRanges] : fiveFieldRanges;
  if (fields.length !== ranges.length) return cron;
  return fields
    .map((field, i) => {
      if (field.includes('*')) return field;
      const values = fieldValues(field, ranges[i]!, i === ranges.length - 1);
      return values ? values.join(',') : field;
    })
    .join(' ');
}

const step = '/[1-9]\\d?';
/** A field's pattern: `*`, `*\/step`, or a list of values and ranges (`a-b`, wrapping when a > b) with optional steps. */
function fieldPattern(value: string): string {
  const item = `${value}(?:-${value}(?:${step})?)?`;
  return `(?:\\*(?:${step})?|${item}(?:,${item})*)`;
}

/**
 * The cron grammar the OpenAPI document states: 5 fields, or 6 with seconds first; each `*`, `*\/step` or a list of
 * values and ranges within the field's range. Days of the month stop at 28 here so that every expression it matches
 * has an occurrence in every month; 29-31, names (`MON`, `JAN`) and cron-parser's other syntax are accepted as well
 * when the expression has a next occurrence.
 */
export const cronPattern = new RegExp(
  `^(?:${fieldPattern('[0-5]?\\d')} )?${fieldPattern('[0-5]?\\d')} ${fieldPattern('(?:[01]?\\d|2[0-3])')} ` +
    `${fieldPattern('(?:0?[1-9]|1\\d|2[0-8])')} ${fieldPattern('(?:0?[1-9]|1[0-2])')} ${fieldPattern('[0-7]')}$`,
);
