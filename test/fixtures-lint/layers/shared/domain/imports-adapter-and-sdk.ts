// Breaks the core rule: domain code imports an adapter, the composition root, an SDK, the Durable SDK and Node I/O.
import { QueueAdapter } from '../adapters/queue-adapter.js';
import type { Services } from '../app/services.js';
import { QueueClient } from '@azure/storage-queue';
import type { OrchestrationContext } from 'durable-functions';
import { readFileSync } from 'node:fs';
import { lookup } from 'dns';

/** Uses what it must not import. */
export const broken = (services: Services, context: OrchestrationContext) => [new QueueAdapter(), QueueClient, readFileSync, lookup, services, context];
