import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** Wraps and unwraps the Cosmos continuation tokens the API hands out. */
export interface ContinuationCodec {
  /** The opaque token for Cosmos's `token`, bound to `scope` (the query it continues). */
  encode(token: string | undefined, scope: string): string | undefined;
  /** The Cosmos token inside `token`; a VALIDATION error unless this API issued it for the same `scope`. */
  decode(token: string | undefined, scope: string): string | undefined;
}

/**
 * Continuation tokens in a versioned, URL-safe envelope signed with HMAC-SHA256: callers see one opaque string, and a
 * token this API did not issue, or issued for another query, is refused before it reaches the database (Cosmos and
 * its emulators do not all refuse a well-formed token from elsewhere; some answer the first page again). The key is
 * `CONTINUATION_TOKEN_KEY` when set (every instance of the app must share it); otherwise one random key per process,
 * so tokens then last as long as the process.
 */
export function continuationCodec(key: string | undefined): ContinuationCodec {
  const secret = key !== undefined ? Buffer.from(key, 'utf8') : randomBytes(32);
  const mac = (payload: string, scope: string) => createHmac('sha256', secret).update(`${scope}\n${payload}`).digest();
  return {
    encode: (token, scope) => {
      if (!token) return undefined;
      const payload = Buffer.from(JSON.stringify({ v: 2, t: token }), 'utf8').toString('base64url');
      return `${payload}.${mac(payload, scope).toString('base64url')}`;
    },
    decode: (token, scope) => {
      if (!token) return undefined;
      const [payload, signature, ...rest] = token.split('.');
      if (payload === undefined || signature === undefined || rest.length > 0) throw invalidContinuationToken();
      const expected = mac(payload, scope);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidContinuationToken();
      try {
        const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (typeof parsed === 'object' && parsed !== null && (parsed as { v?: unknown }).v === 2 && typeof (parsed as { t?: unknown }).t === 'string') {
          return (parsed as { t: string }).t;
        }
      } catch {
        // fall through to the validation error
      }
      throw invalidContinuationToken();
    },
  };
}

/** The validation error for a continuation token this API did not issue (or that has expired). */
export function invalidContinuationToken(): AppError {
  return new AppError('VALIDATION', 'The continuation token is not valid.', { issues: [{ field: 'continuationToken', message: 'is not a token this API returned' }] });
}
