import type { TaskLogBody } from './airflow-schemas.js';

/** The last lines of a task log, as plain text: at most `maxLines` lines and `maxChars` characters. */
export function logTail(text: string, maxLines = 25, maxChars = 2_500): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n').filter((l) => l.trim() !== '');
  let tail = lines.slice(-maxLines).join('\n');
  if (tail.length > maxChars) tail = `…${tail.slice(tail.length - maxChars + 1)}`;
  return tail;
}

/** A JSON task log (Airflow 3 structured events, or Airflow 2's single string) as plain text lines. */
export function logText(body: TaskLogBody): string {
  if (typeof body.content === 'string') return body.content;
  return body.content
    .map((line) => {
      if (typeof line === 'string') return line;
      const event = typeof line.event === 'string' ? line.event : line.event === undefined ? '' : JSON.stringify(line.event);
      const level = typeof line.level === 'string' ? line.level.toUpperCase() : undefined;
      const timestamp = typeof line.timestamp === 'string' ? line.timestamp : undefined;
      return [timestamp, level, event].filter((p) => p !== undefined && p !== '').join(' ');
    })
    .join('\n');
}
