import { z } from '../../shared/domain/zod.js';
import { pipelineIdSchema } from '../../shared/domain/ids.js';

/** `{id}` of the pipeline routes. */
export const pipelineIdParams = z.object({ id: pipelineIdSchema });

/** Query of list endpoints: page size and the continuation token from the previous page. */
export function pageQuery(maxLimit: number) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(Math.min(50, maxLimit)),
    continuationToken: z.string().min(1).max(4096).optional(),
  });
}

/** A page of items as the API returns it. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), continuationToken: z.string().optional(), nextLink: z.string().optional() });
}

/** `If-Match` / `If-None-Match` as sent by HTTP clients: strip the quotes of an entity tag and `W/`. */
export function entityTag(value: string | null): string | undefined {
  if (value === null) return undefined;
  const v = value.trim().replace(/^W\//, '');
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1) : v;
}

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
