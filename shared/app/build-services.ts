import { fileDashboardAssets } from '../adapters/dashboard/file-dashboard-assets.js';
import { cosmosContainers, createCosmosClient } from '../adapters/cosmos/cosmos-client.js';
import { CosmosHookDeliveryStore } from '../adapters/cosmos/hook-delivery-store.js';
import { CosmosPipelineStore } from '../adapters/cosmos/pipeline-store.js';
import { CosmosRunStore } from '../adapters/cosmos/run-store.js';
import { CosmosTriggerStore } from '../adapters/cosmos/trigger-store.js';
import { CosmosPipelineStateStore } from '../adapters/cosmos/pipeline-state-store.js';
import { localStores } from '../adapters/local-store/local-stores.js';
import { durableOrchestrationsOf } from '../adapters/durable/durable-orchestration-client.js';
import { cosmosHealth, queueHealth } from '../adapters/health-checks.js';
import { StorageHookEventQueue } from '../adapters/storage-queue/hook-event-queue.js';
import { QueueEventPublisher } from '../adapters/storage-queue/event-publisher.js';
import { createQueueService } from '../adapters/storage-queue/queue-client.js';
import { PoisonQueueRejects } from '../adapters/storage-queue/poison-queue.js';
import { QueueRunRequestSender } from '../adapters/storage-queue/run-request-sender.js';
import { JsonQueue } from '../adapters/storage-queue/json-queue.js';
import type { Config } from '../config/config.js';
import type { HealthCheck } from '../ports/health.js';
import { consoleLogger } from '../logging/logger.js';
import { otelRunTracing } from '../adapters/opentelemetry/otel-run-tracing.js';
import { buildExternalSystems, type ExternalSystemsOptions } from './build-external-systems.js';
import type { Services } from './services.js';

/**
 * The composition root: the only place that builds SDK clients and picks an adapter for each port. Clients are
 * created once per process and shared by every invocation.
 */
export function buildServices(config: Config, opts: ExternalSystemsOptions = {}): Services {
  const now = () => new Date();
  const tracing = otelRunTracing;
  const log = consoleLogger(config.logLevel, { app: 'mlcycle' }, () => tracing.logFields());
  const stores = storePorts(config, now);
  const queueService = createQueueService(config.queues.connection, { attemptMs: config.deadlines.attemptMs });
  const external = buildExternalSystems(config, opts);
  return {
    config,
    log,
    tracing,
    now,
    pipelines: stores.pipelines,
    runs: stores.runs,
    triggers: stores.triggers,
    pipelineStates: stores.pipelineStates,
    hookDeliveries: stores.hookDeliveries,
    hookEvents: new StorageHookEventQueue(new JsonQueue(queueService.getQueueClient(config.queues.adoHooks))),
    health: [stores.health, queueHealth(queueService), ...external.health],
    dashboard: fileDashboardAssets(),
    orchestrations: durableOrchestrationsOf,
    rejectedMessages: new PoisonQueueRejects(queueService, now),
    runRequests: new QueueRunRequestSender(new JsonQueue(queueService.getQueueClient(config.queues.runRequests))),
    events: new QueueEventPublisher(new JsonQueue(queueService.getQueueClient(config.queues.runEvents)), 'urn:mlcycle', now),
    source: external.source,
    objects: external.objects,
    registry: external.registry,
    builder: external.builder,
    scheduler: external.scheduler,
    tracker: external.tracker,
    review: external.review,
  };
}

type StorePorts = Pick<Services, 'pipelines' | 'runs' | 'triggers' | 'pipelineStates' | 'hookDeliveries'> & { health: HealthCheck };

/** Cosmos DB, or locally (`MLCYCLE_LOCAL_STORE_DIR`) the on-disk local store behind the same ports. */
function storePorts(config: Config, now: () => Date): StorePorts {
  if (config.localStore) return localStores(config.localStore, now);
  if (!config.cosmos) throw new Error('No store is configured: set COSMOS_ENDPOINT (or, locally, MLCYCLE_LOCAL_STORE_DIR).');
  const containers = cosmosContainers(createCosmosClient(config.cosmos, config.deadlines), config.cosmos);
  return {
    pipelines: new CosmosPipelineStore(containers),
    runs: new CosmosRunStore(containers),
    triggers: new CosmosTriggerStore(containers),
    pipelineStates: new CosmosPipelineStateStore(containers, now),
    hookDeliveries: new CosmosHookDeliveryStore(containers),
    health: cosmosHealth(containers),
  };
}
