import { QueueServiceClient } from '@azure/storage-queue';
import { ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../../config/config.js';

/** The queue service: the emulator's connection string locally, the managed identity in Azure. */
export function createQueueService(cfg: Config['queues']['connection']): QueueServiceClient {
  if (cfg.kind === 'connectionString') return QueueServiceClient.fromConnectionString(cfg.value);
  return new QueueServiceClient(cfg.queueServiceUri, new ManagedIdentityCredential({ clientId: cfg.clientId }));
}

/** Queue messages for Functions queue triggers are base64 text by default (host.json `messageEncoding`). */
export function encodeQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}
