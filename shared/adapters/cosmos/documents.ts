import { AppError } from '../../domain/errors.js';

/** Cosmos system properties we never hand to the domain. */
const systemKeys = new Set(['_rid', '_self', '_ts', '_attachments', '_etag', '_lsn']);

/** Strip system properties and expose `_etag` as the domain's `etag`. */
export function fromDocument(doc: unknown): Record<string, unknown> {
  if (typeof doc !== 'object' || doc === null) throw new Error('The database returned no document');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!systemKeys.has(k)) out[k] = v;
  const etag = (doc as { _etag?: unknown })._etag;
  if (typeof etag === 'string') out.etag = etag;
  return out;
}

/** Drop the domain-level `etag` before writing: Cosmos owns `_etag`. */
export function toDocument<T extends { etag?: string | undefined }>(item: T): Omit<T, 'etag'> {
  const { etag: _etag, ...rest } = item;
  return rest;
}

/**
 * Wrap the Cosmos continuation token in a versioned, URL-safe envelope: callers see one opaque string, and a token this
 * API never issued is recognised before it reaches the database.
 */
export const continuation = {
  encode: (token: string | undefined): string | undefined =>
    token ? Buffer.from(JSON.stringify({ v: 1, t: token }), 'utf8').toString('base64url') : undefined,
  decode: (token: string | undefined): string | undefined => {
    if (!token) return undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && (parsed as { v?: unknown }).v === 1 && typeof (parsed as { t?: unknown }).t === 'string') {
        return (parsed as { t: string }).t;
      }
    } catch {
      // fall through to the validation error
    }
    throw invalidContinuationToken();
  },
};

/** The validation error for a continuation token this API did not issue (or that has expired). */
export function invalidContinuationToken(): AppError {
  return new AppError('VALIDATION', 'The continuation token is not valid.', { issues: [{ field: 'continuationToken', message: 'is not a token this API returned' }] });
}
