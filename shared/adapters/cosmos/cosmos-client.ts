import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { ManagedIdentityCredential } from '@azure/identity';
import type { CosmosConfig, Deadlines } from '../../config/config.js';
import { continuationCodec, type ContinuationCodec } from './documents.js';

/** Container names and their partition keys (the Bicep template declares the same). */
export const containerDefinitions = {
  pipelines: '/id',
  runs: '/pipelineId',
  triggers: '/pipelineId',
  lifecycle: '/pipelineId',
} as const;
export type ContainerName = keyof typeof containerDefinitions;

/** The database handle plus one lazily-ensured handle per container. */
export interface CosmosContainers {
  database: Database;
  /** Signs and checks the continuation tokens of every paged query. */
  tokens: ContinuationCodec;
  container(name: ContainerName): Promise<Container>;
  ping(): Promise<void>;
}

/**
 * Build the Cosmos client: a key on one machine, the user-assigned managed identity in Azure (never
 * DefaultAzureCredential). `requestTimeout` bounds each attempt (the SDK's default is a minute).
 */
export function createCosmosClient(cfg: CosmosConfig, deadlines: Deadlines = { attemptMs: 30_000, connectMs: 5_000 }): CosmosClient {
  const connectionPolicy = { enableEndpointDiscovery: cfg.auth.kind === 'managedIdentity', requestTimeout: deadlines.attemptMs };
  if (cfg.auth.kind === 'key') return new CosmosClient({ endpoint: cfg.endpoint, key: cfg.auth.key, connectionPolicy });
  return new CosmosClient({ endpoint: cfg.endpoint, aadCredentials: new ManagedIdentityCredential({ clientId: cfg.auth.clientId }), connectionPolicy });
}

/** Containers of the configured database; creates database and containers once when `createContainers` is set. */
export function cosmosContainers(client: CosmosClient, cfg: CosmosConfig): CosmosContainers {
  const database = client.database(cfg.database);
  let ready: Promise<void> | undefined;
  const ensure = (): Promise<void> => {
    if (!cfg.createContainers) return Promise.resolve();
    ready ??= (async () => {
      await client.databases.createIfNotExists({ id: cfg.database });
      for (const [id, path] of Object.entries(containerDefinitions)) {
        await database.containers.createIfNotExists({ id, partitionKey: { paths: [path] } });
      }
    })().catch((e: unknown) => {
      ready = undefined; // let the next call try again rather than caching a failure
      throw e;
    });
    return ready;
  };
  return {
    database,
    tokens: continuationCodec(cfg.continuationTokenKey),
    async container(name) {
      await ensure();
      return database.container(name);
    },
    async ping() {
      await ensure();
      await database.read();
    },
  };
}
