import type { Container } from '@azure/cosmos';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument } from './documents.js';

/**
 * Read one document by id and partition key and parse it; null when there is none. The container is awaited inside,
 * so a failure to reach it (or to create it) maps to a domain error like the read's own.
 */
export async function pointRead<T>(
  container: Container | Promise<Container>,
  id: string,
  partitionKey: string,
  parse: (doc: Record<string, unknown>) => T,
  what: string,
): Promise<T | null> {
  try {
    const { resource } = await (await container).item(id, partitionKey).read<Record<string, unknown>>();
    return resource ? parse(fromDocument(resource)) : null;
  } catch (e) {
    if (cosmosStatus(e) === 404) return null;
    throw fromCosmosError(e, what);
  }
}
