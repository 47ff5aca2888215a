import { createHash, timingSafeEqual } from 'node:crypto';

/** Compare two secrets in constant time (over digests, so different lengths do not leak or throw). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/** The key a request presents, as the host reads it: the `x-functions-key` header, else the `code` query parameter. */
export function presentedKey(headers: Record<string, string | string[] | undefined>, url: URL): string | undefined {
  const header = headers['x-functions-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value ?? url.searchParams.get('code') ?? undefined;
}

/** Whether a request may call a function of the given auth level (`admin` needs the master key). */
export function isAuthorized(authLevel: string, presented: string | undefined, keys: { functionKey: string; masterKey: string }): boolean {
  if (authLevel === 'anonymous') return true;
  if (presented === undefined) return false;
  if (safeEqual(presented, keys.masterKey)) return true;
  return authLevel === 'function' && safeEqual(presented, keys.functionKey);
}
