import { z } from '../../domain/zod.js';
import type { TaskLogBody } from './airflow-schemas.js';

/** The last lines of a task log, as plain text: at most `maxLines` lines and `maxChars` characters. */
export function logTail(text: string, maxLines = 25, maxChars = 2_500): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n').filter((l) => l.trim() !== '');
  let tail = lines.slice(-maxLines).join('\n');
  if (tail.length > maxChars) tail = `…${tail.slice(tail.length - maxChars + 1)}`;
  return tail;
}

const errorDetailSchema = z.array(z.looseObject({ exc_type: z.string().optional(), exc_value: z.string().optional() }));

/** Airflow 3's section markers (`::group::…`, `::endgroup::`) carry no information for a reader of the tail. */
const isMarker = (event: string) => event.startsWith('::group::') || event === '::endgroup::';

/**
 * A JSON task log (Airflow 3 structured events, or Airflow 2's single string) as plain `LEVEL event` lines. An
 * exception travels in `error_detail` (type and value), not in the event text, so it gets a line of its own.
 */
export function logText(body: TaskLogBody): string {
  if (typeof body.content === 'string') return body.content;
  const lines: string[] = [];
  for (const line of body.content) {
    if (typeof line === 'string') {
      lines.push(line);
      continue;
    }
    const event = typeof line.event === 'string' ? line.event : line.event === undefined ? '' : JSON.stringify(line.event);
    if (isMarker(event)) continue;
    const level = typeof line.level === 'string' ? line.level.toUpperCase() : undefined;
    lines.push([level, event].filter((p) => p !== undefined && p !== '').join(' '));
    const detail = errorDetailSchema.safeParse((line as Record<string, unknown>).error_detail);
    if (detail.success) for (const d of detail.data) lines.push(`  ${d.exc_type ?? 'Error'}: ${d.exc_value ?? ''}`.trimEnd());
  }
  return lines.join('\n');
}

/**
 * The exception a failed task raised (`RuntimeError: bad data`), from the last `error_detail` of an Airflow 3 log.
 * It deserves the headline: events are ordered by timestamp, and captured stdout is stamped later than the exception,
 * so the exception can sit far above the tail.
 */
export function raisedException(body: TaskLogBody): string | undefined {
  if (typeof body.content === 'string') return undefined;
  let found: string | undefined;
  for (const line of body.content) {
    if (typeof line === 'string') continue;
    const detail = errorDetailSchema.safeParse((line as Record<string, unknown>).error_detail);
    const first = detail.success ? detail.data[0] : undefined;
    if (first) found = `${first.exc_type ?? 'Error'}: ${first.exc_value ?? ''}`.trimEnd();
  }
  return found;
}
