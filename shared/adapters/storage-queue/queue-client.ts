import { QueueServiceClient } from '@azure/storage-queue';
import { ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../../config/config.js';

/** How long one try of a queue request may take, and how many tries a call makes (the SDK's default is 4). */
export interface QueueDeadlines {
  attemptMs: number;
  maxTries?: number;
}

/**
 * The queue service: the emulator's connection string locally, the managed identity in Azure. Each try has a client
 * deadline: the SDK's `tryTimeoutInMs` only asks the server to give up, so a hung server would hold the call forever.
 */
export function createQueueService(cfg: Config['queues']['connection'], deadlines: QueueDeadlines = { attemptMs: 30_000 }): QueueServiceClient {
  const retryOptions = { tryTimeoutInMs: deadlines.attemptMs, ...(deadlines.maxTries !== undefined ? { maxTries: deadlines.maxTries } : {}) };
  const service =
    cfg.kind === 'connectionString'
      ? QueueServiceClient.fromConnectionString(cfg.value, { retryOptions })
      : new QueueServiceClient(cfg.queueServiceUri, new ManagedIdentityCredential({ clientId: cfg.clientId }), { retryOptions });
  PipelineOf.addTryDeadline(service, deadlines.attemptMs);
  return service;
}

/**
 * Reaches the client's HTTP pipeline, which the SDK keeps protected, to bound each try on the client side. Queue
 * clients from `getQueueClient` share that pipeline, so they inherit the deadline.
 */
class PipelineOf extends QueueServiceClient {
  static addTryDeadline(service: PipelineOf, ms: number): void {
    service.storageClientContext.pipeline.addPolicy({
      name: 'mlcycleTryDeadline',
      sendRequest: (request, next) => {
        if (!request.timeout) request.timeout = ms;
        return next(request);
      },
    });
  }
}

/** Queue messages for Functions queue triggers are base64 text by default (host.json `messageEncoding`). */
export function encodeQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}
