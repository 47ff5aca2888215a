import { createHash, randomBytes } from 'node:crypto';

/**
 * Run ids double as Durable instance ids and idempotency keys everywhere. A caller-supplied Idempotency-Key maps to
 * the same id every time (so a retried POST finds the run it started); otherwise the id is time-ordered and random.
 */
export function newRunId(now: Date, idempotency?: { scope: string; key: string }): string {
  if (idempotency) return `r-${createHash('sha256').update(`${idempotency.scope}\n${idempotency.key}`).digest('hex').slice(0, 32)}`;
  const stamp = now.toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
  return `r-${stamp}-${randomBytes(5).toString('hex')}`;
}
