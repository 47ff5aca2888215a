import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { AppError } from '../../domain/errors.js';
import type { Page } from '../../ports/pipeline-store.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { continuation, fromDocument, invalidContinuationToken } from './documents.js';

/** Run one page of a query and parse each document; a forged continuation token is a validation error. */
export async function pagedQuery<T>(
  container: Container,
  query: SqlQuerySpec,
  opts: { limit: number; continuationToken?: string | undefined; partitionKey?: string },
  parse: (doc: Record<string, unknown>) => T,
  what: string,
): Promise<Page<T>> {
  try {
    const response = await container.items
      .query<Record<string, unknown>>(query, {
        maxItemCount: opts.limit,
        ...withToken(continuation.decode(opts.continuationToken)),
        ...(opts.partitionKey !== undefined ? { partitionKey: opts.partitionKey } : {}),
      })
      .fetchNext();
    const token = continuation.encode(response.continuationToken);
    return { items: response.resources.map((r) => parse(fromDocument(r))), ...(token ? { continuationToken: token } : {}) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (opts.continuationToken && cosmosStatus(e) === 400) throw invalidContinuationToken();
    throw fromCosmosError(e, what);
  }
}

/** The SDK's feed option takes a token or no key at all (an explicit `undefined` is not "no token" to the type). */
function withToken(token: string | undefined): { continuationToken?: string } {
  return token === undefined ? {} : { continuationToken: token };
}
