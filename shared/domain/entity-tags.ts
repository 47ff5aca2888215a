/*
 * HTTP preconditions (RFC 9110 §13.1): `If-Match` and `If-None-Match` carry `*` or a list of entity tags. A header
 * that is present but empty or malformed is a bad request, never "no precondition": a client that meant to make its
 * write conditional must not get an unconditional one.
 */

/** One entity tag: its opaque value without quotes, and whether it is weak (`W/"…"`). */
export interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** What a precondition header asks for: any current representation (`*`), or one of these tags. */
export type EntityTagCondition = '*' | EntityTag[];

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3). A comma is an
// etagc, so the list is read tag by tag (each followed by a comma or the end), never split on commas.
const listElementPattern = /\s*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*)?(,|$)/y;

/** Parse an `If-Match` / `If-None-Match` value; null when it is empty or not `*` or a list of entity tags. */
export function parseEntityTags(value: string): EntityTagCondition | null {
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  // Empty list elements are allowed by the list syntax (`"a", , "b"`).
  const tags: EntityTag[] = [];
  listElementPattern.lastIndex = 0;
  while (listElementPattern.lastIndex < trimmed.length) {
    const start = listElementPattern.lastIndex;
    const m = listElementPattern.exec(trimmed);
    if (!m || (m[3] === '' && listElementPattern.lastIndex !== trimmed.length)) return null;
    if (m[2] !== undefined) tags.push({ weak: m[1] !== undefined, opaque: m[2] });
    if (listElementPattern.lastIndex === start) return null;
  }
  return tags.length === 0 ? null : tags;
}

/** A stored etag as its opaque value (Cosmos may keep the quotes in `_etag`). */
const opaqueOf = (etag: string): string => etag.replace(/^W\//, '').replace(/^"|"$/g, '');

/**
 * `If-Match`: true when the current representation satisfies it. `*` needs the resource to exist; tags compare
 * strongly (a weak tag never matches), so a missing resource or an unknown tag fails the precondition.
 */
export function ifMatchPasses(condition: EntityTagCondition, current: { exists: boolean; etag?: string | undefined }): boolean {
  if (!current.exists) return false;
  if (condition === '*') return true;
  const etag = current.etag;
  return etag !== undefined && condition.some((t) => !t.weak && t.opaque === opaqueOf(etag));
}

/** `If-None-Match` on a write: true when the request may proceed (`*` needs no resource; tags compare weakly). */
export function ifNoneMatchPasses(condition: EntityTagCondition, current: { exists: boolean; etag?: string | undefined }): boolean {
  if (!current.exists) return true;
  if (condition === '*') return false;
  const etag = current.etag;
  return etag === undefined || !condition.some((t) => t.opaque === opaqueOf(etag));
}
