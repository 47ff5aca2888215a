import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { AppError } from '../../domain/errors.js';
import type { Page } from '../../ports/pipeline-store.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument, invalidContinuationToken, type ContinuationCodec } from './documents.js';

/** Run one page of a query and parse each document; a forged continuation token is a validation error. */
export async function pagedQuery<T>(
  container: Container,
  tokens: ContinuationCodec,
  query: SqlQuerySpec,
  opts: { limit: number; continuationToken?: string | undefined; partitionKey?: string },
  parse: (doc: Record<string, unknown>) => T,
  what: string,
): Promise<Page<T>> {
  // A token continues one query only: the container, the query text, its parameters and the partition.
  const scope = JSON.stringify([container.id, query.query, query.parameters ?? [], opts.partitionKey ?? null]);
  try {
    const response = await container.items
      .query<Record<string, unknown>>(query, {
        maxItemCount: opts.limit,
        ...withToken(tokens.decode(opts.continuationToken, scope)),
        ...(opts.partitionKey !== undefined ? { partitionKey: opts.partitionKey } : {}),
      })
      .fetchNext();
    const token = tokens.encode(response.continuationToken, scope);
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
