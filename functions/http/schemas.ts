import { z } from '../../shared/domain/zod.js';
import { parseEntityTags, type EntityTagCondition } from '../../shared/domain/entity-tags.js';
import { pipelineIdSchema } from '../../shared/domain/ids.js';
import type { LinkSpec } from '../../shared/http/route.js';

/** `{id}` of the pipeline routes. */
export const pipelineIdParams = z.object({ id: pipelineIdSchema });

/** The shape of a continuation token: a base64url payload, a dot, and its base64url HMAC-SHA256. */
const continuationTokenPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/**
 * `*`, or a comma-separated list of entity tags (RFC 9110 §8.8.3) in printable ASCII: the subset of what
 * `parseEntityTags` accepts that the OpenAPI document promises (it also takes obs-text and empty list elements).
 */
const entityTagsPattern = /^(W\/)?"[!#-~]*"( *, *(W\/)?"[!#-~]*")*$/;

/** Query of list endpoints: page size and the continuation token from the previous page. */
export function pageQuery(maxLimit: number) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(Math.min(50, maxLimit)),
    continuationToken: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .openapi({
        pattern: continuationTokenPattern.source,
        description:
          'The opaque continuationToken of the previous page of the same list, unchanged. It is signed, which no schema can say: ' +
          'any other value, even one of this shape, is a 400 naming continuationToken.',
      }),
  });
}

/** The link from a page of a list to its next page (same path parameters, the returned continuation token). */
export function nextPageLink(operationId: string, withId = false): Record<string, LinkSpec> {
  return {
    'next-page': {
      operationId,
      parameters: { continuationToken: '$response.body#/continuationToken', ...(withId ? { id: '$request.path.id' } : {}) },
    },
  };
}

/** A page of items as the API returns it. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), continuationToken: z.string().optional(), nextLink: z.string().optional() });
}

/** An `If-Match` / `If-None-Match` header: `*` or a list of quoted entity tags; empty or malformed is a 400 naming it. */
function preconditionHeader(description: string) {
  return z
    .string()
    .transform((value, ctx): EntityTagCondition => {
      const parsed = parseEntityTags(value);
      if (parsed === null) ctx.addIssue({ code: 'custom', message: 'must be * or a comma-separated list of quoted entity tags, such as "abc" or W/"abc"' });
      return parsed ?? '*';
    })
    // One pattern rather than anyOf [const *, pattern]: generators (openapi-python-client) take only plain header types.
    .openapi({ type: 'string', pattern: `^\\*$|${entityTagsPattern.source}`, description });
}

/** The precondition headers of a write (PUT): `If-Match` for optimistic concurrency, `If-None-Match` to create only. */
export const writePreconditionHeaders = z.object({
  'If-Match': preconditionHeader('Write only when the current ETag is one of these strong entity tags (`*`: when the resource exists); 412 otherwise. Empty or malformed: 400.').optional(),
  'If-None-Match': preconditionHeader('`*`: create only (412 when the resource exists). Entity tags: 412 when the current ETag matches one of them (weak comparison). Empty or malformed: 400.').optional(),
});

/** The precondition header of a delete. */
export const deletePreconditionHeaders = writePreconditionHeaders.pick({ 'If-Match': true });

/** Format a store etag as an HTTP entity tag. */
export function formatEtag(etag: string | undefined): Record<string, string> {
  return etag ? { ETag: `"${etag.replace(/^"|"$/g, '')}"` } : {};
}

/** A page as the API returns it: the items, and when there is more, the token and a link to the next page. */
export function pageBody<T>(requestUrl: string, page: { items: T[]; continuationToken?: string | undefined }): { items: T[]; continuationToken?: string; nextLink?: string } {
  if (!page.continuationToken) return { items: page.items };
  // The link keeps the caller's other query parameters (filters, page size), but never a key sent as `code`.
  const url = new URL(requestUrl);
  url.searchParams.delete('code');
  url.searchParams.set('continuationToken', page.continuationToken);
  return { items: page.items, continuationToken: page.continuationToken, nextLink: `${url.pathname}${url.search}` };
}

/**
 * The optional `Idempotency-Key` header, described for the route (`what` the same key returns). Printable ASCII, not
 * starting or ending with a space: the subset of "1-255 characters, not blank" a header carries intact.
 */
export function idempotencyKeyHeader(what: string) {
  return z.object({
    'Idempotency-Key': z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .openapi({ pattern: '^[!-~](?:[ -~]{0,253}[!-~])?$', description: `1-255 characters, not blank (surrounding whitespace is ignored). ${what}` }),
  });
}
