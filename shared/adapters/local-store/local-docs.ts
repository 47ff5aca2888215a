import type { Page } from '../../ports/pipeline-store.js';
import { invalidContinuationToken, type ContinuationCodec } from '../cosmos/documents.js';
import type { StoredDoc } from './local-db.js';

/** The record as the domain sees it: storage fields dropped, the ETag exposed as `etag` (as the Cosmos adapters do). */
export function fromStored(doc: StoredDoc): Record<string, unknown> {
  const { _etag, ...rest } = doc;
  return { ...rest, etag: _etag };
}

/** Drop the domain-level `etag` before writing: the store owns it. */
export function toStored<T extends { etag?: string | undefined }>(item: T): Omit<T, 'etag'> {
  const { etag: _etag, ...rest } = item;
  return rest;
}

/** Order by one string field, descending or ascending, ties broken by id so pages never overlap. */
export function byField(field: string, dir: 'asc' | 'desc'): (a: StoredDoc, b: StoredDoc) => number {
  const sign = dir === 'asc' ? 1 : -1;
  return (a, b) => sign * (compare(a[field], b[field]) || compare(a.id, b.id));
}

function compare(a: unknown, b: unknown): number {
  const x = typeof a === 'string' ? a : '';
  const y = typeof b === 'string' ? b : '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * One page of an already filtered and ordered list. The continuation token is the offset, in the same signed envelope
 * the Cosmos adapters use, bound to `scope` (the query it continues), so a forged or foreign token is a VALIDATION error.
 */
export function pageOf<T>(docs: StoredDoc[], opts: { limit: number; continuationToken?: string | undefined }, tokens: ContinuationCodec, scope: string, parse: (d: Record<string, unknown>) => T): Page<T> {
  return pageItems(docs, opts, tokens, scope, (d) => parse(fromStored(d)));
}

/** One page of already-ordered items, the offset carried in a signed continuation token bound to `scope`. */
export function pageItems<S, T>(items: S[], opts: { limit: number; continuationToken?: string | undefined }, tokens: ContinuationCodec, scope: string, map: (item: S) => T): Page<T> {
  const raw = tokens.decode(opts.continuationToken, scope);
  const offset = raw === undefined ? 0 : Number(raw);
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalidContinuationToken();
  const page = items.slice(offset, offset + opts.limit).map(map);
  const next = offset + opts.limit < items.length ? tokens.encode(String(offset + opts.limit), scope) : undefined;
  return { items: page, ...(next ? { continuationToken: next } : {}) };
}
