import { z } from './zod.js';

/** Pipeline ids are URL- and Cosmos-safe slugs chosen by the user. */
export const pipelineIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'must be 1-64 lowercase letters, digits or dashes, not starting or ending with a dash');
export type PipelineId = z.infer<typeof pipelineIdSchema>;

/**
 * The one pattern every run id, Durable instance id part and event name matches: characters that need no encoding in a
 * URL path or query, no `/`, `?`, `#`, `%` or `:`, and never `.` or `..` as a whole (the first character is a letter or
 * digit). Ids reach URLs (the Durable client puts them there unencoded), Cosmos ids and external systems' ids.
 */
export const safeIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const safeIdMessage = 'must be 1-128 letters, digits, dots, dashes or underscores, starting with a letter or digit';

/** True when `value` matches the one id pattern (`safeIdPattern`). */
export const isSafeId = (value: string): boolean => safeIdPattern.test(value);

/** Run ids double as Durable instance ids, Cosmos ids and idempotency keys for every external system. */
export const runIdSchema = z.string().regex(safeIdPattern, safeIdMessage);
export type RunId = z.infer<typeof runIdSchema>;

/** A full 40-hex git commit id. */
export const commitShaSchema = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character lowercase hex commit id');

/** `repoPathSchema`'s rule for the OpenAPI document. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const repoPathPattern = /^(?!\/)(?!(?:[^\x00-\x1f]*\/)?\.\.(?:\/|$))[^\\\x00-\x1f]{1,512}$/;

/** A relative, forward-slash path inside a repository (no `..`, no leading slash, no backslash, no control character). */
export const repoPathSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), 'must be a relative path inside the repository')
  // Paths reach git command lines and log lines, where a control character has no business.
  .refine((p) => ![...p].some((c) => c.charCodeAt(0) < 0x20), 'must not contain control characters')
  .openapi({ pattern: repoPathPattern.source });

/** An Azure DevOps organization name: letters, digits and hyphens, not starting or ending with a hyphen. */
export const adoOrganizationPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/;
/**
 * An Azure DevOps project or repository name as the service allows it (no control characters, none of
 * `/ \ : * ? " < > | ; # $ { } , + = [ ] % &`, not starting with `_`, `.` or a space, not ending with `.` or a space),
 * so it can go into a URL path segment without ambiguity. Written without lookarounds, so the OpenAPI pattern is one
 * every JSON Schema tool can generate from.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const adoNamePattern = /^[^\x00-\x20\x7f/\\:*?"<>|;#${},+=[\]%&_.](?:[^\x00-\x1f\x7f/\\:*?"<>|;#${},+=[\]%&]{0,62}[^\x00-\x20\x7f/\\:*?"<>|;#${},+=[\]%&.])?$/;
