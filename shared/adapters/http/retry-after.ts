/**
 * The delay a `Retry-After` header asks for, in milliseconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Null when the header is absent or unreadable; never negative.
 */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
