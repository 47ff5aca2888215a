import { fileDashboardAssets } from '../../shared/adapters/dashboard/file-dashboard-assets.js';
import { otelRunTracing } from '../../shared/adapters/opentelemetry/otel-run-tracing.js';
import { durableOrchestrationsOf } from '../../shared/adapters/durable/durable-orchestration-client.js';
import type { Services } from '../../shared/app/services.js';
import type { Config } from '../../shared/config/config.js';
import { silentLogger, type Logger } from '../../shared/logging/logger.js';
import { FakeImageBuilder } from './fake-builder.js';
import { FakeEventPublisher, FakeReviewNotifier } from './fake-notifications.js';
import { FakeObjectStore } from './fake-objects.js';
import { FakeImageRegistry } from './fake-registry.js';
import { FakeTrainingScheduler } from './fake-scheduler.js';
import { FakeSourceRepository } from './fake-source.js';
import { FakeExperimentTracker } from './fake-tracker.js';
import { MemoryHookDeliveryStore } from './memory-hook-deliveries.js';
import { MemoryHookEvents, MemoryRejectedMessages, MemoryRunRequests } from './memory-queues.js';
import { MemoryPipelineStateStore, MemoryPipelineStore, MemoryRunStore, MemoryTriggerStore } from './memory-stores.js';
import { World } from './world.js';

/** A config for tests: local environment, values that point nowhere (fakes do not read them). */
export const testConfig: Config = {
  environment: 'local',
  taskHubName: 'mlcycletest',
  durableBackend: { kind: 'azureStorage' },
  logLevel: 'error',
  telemetry: { console: false },
  apiPageSizeMax: 100,
  deadlines: { attemptMs: 30_000, connectMs: 5_000 },
  // The keys of test/support/app-host.ts; worlds on a dev host with other keys pass their own (`fakeServices({ auth })`).
  auth: { apiKeys: ['test-function-key', 'test-master-key'], signIn: 'app-service' },
  hooks: { airflowSecret: 'test-airflow-callback-secret', azureDevOps: { username: 'mlcycle', secret: 'test-ado-webhook-secret' } },
  cosmos: { endpoint: 'https://127.0.0.1:1', database: 'mlcycle', createContainers: false, auth: { kind: 'key', key: 'unused' } },
  queues: { runRequests: 'run-requests', runEvents: 'run-events', adoHooks: 'ado-hooks', connection: { kind: 'connectionString', value: 'UseDevelopmentStorage=true' } },
  registry: { auth: { kind: 'anonymous' } },
};

/** Every fake, for knobs and assertions. */
export interface Fakes {
  world: World;
  source: FakeSourceRepository;
  objects: FakeObjectStore;
  registry: FakeImageRegistry;
  builder: FakeImageBuilder;
  scheduler: FakeTrainingScheduler;
  tracker: FakeExperimentTracker;
  events: FakeEventPublisher;
  review: FakeReviewNotifier;
  pipelines: MemoryPipelineStore;
  runs: MemoryRunStore;
  triggers: MemoryTriggerStore;
  pipelineStates: MemoryPipelineStateStore;
  hookDeliveries: MemoryHookDeliveryStore;
  hookEvents: MemoryHookEvents;
  /** Metrics the next trainings log, by pipeline id (default for all: `defaultMetrics`). */
  metrics: Map<string, Record<string, number>>;
}

/** Metrics a fake training logs unless told otherwise. */
export const defaultMetrics = { auc: 0.9, precision: 0.8 };

/**
 * A full `Services` over in-memory fakes. `now` is the fake clock (the dev host's ManualClock in dev-host tests);
 * `persistPath` keeps the fakes' state in a file across process restarts. A created dag run logs its MLflow run
 * straight away (visible to `collectResults` once the dag run has succeeded).
 */
export function fakeServices(opts: { now?: () => number; persistPath?: string; log?: Logger; auth?: Config['auth'] } = {}): { services: Services; fakes: Fakes } {
  const now = opts.now ?? (() => Date.now());
  const world = new World(opts.persistPath);
  const fakes: Fakes = {
    world,
    source: new FakeSourceRepository(world),
    objects: new FakeObjectStore(world),
    registry: new FakeImageRegistry(world),
    builder: new FakeImageBuilder(world, now),
    scheduler: new FakeTrainingScheduler(world, now),
    tracker: new FakeExperimentTracker(world),
    events: new FakeEventPublisher(world),
    review: new FakeReviewNotifier(world),
    pipelines: new MemoryPipelineStore(world),
    runs: new MemoryRunStore(world),
    triggers: new MemoryTriggerStore(world),
    pipelineStates: new MemoryPipelineStateStore(world, now),
    hookDeliveries: new MemoryHookDeliveryStore(),
    hookEvents: new MemoryHookEvents(),
    metrics: new Map(),
  };
  fakes.scheduler.onCreated = (dagRun) => {
    const runId = String(dagRun.conf.runId);
    const pipelineId = String(dagRun.conf.pipelineId);
    const experiment = String((dagRun.conf.mlflow as { experimentName?: unknown } | undefined)?.experimentName);
    const traceparent = typeof dagRun.conf.traceparent === 'string' ? { 'mlcycle.traceparent': dagRun.conf.traceparent } : {};
    fakes.tracker.logRun(experiment, runId, fakes.metrics.get(pipelineId) ?? fakes.metrics.get('*') ?? defaultMetrics, {}, traceparent);
  };
  const services: Services = {
    config: opts.auth ? { ...testConfig, auth: opts.auth } : testConfig,
    log: opts.log ?? silentLogger,
    // The OpenTelemetry API: a no-op unless a test registers a provider (test/devhost/run-trace.test.ts).
    tracing: otelRunTracing,
    now: () => new Date(now()),
    pipelines: fakes.pipelines,
    runs: fakes.runs,
    triggers: fakes.triggers,
    pipelineStates: fakes.pipelineStates,
    hookDeliveries: fakes.hookDeliveries,
    hookEvents: fakes.hookEvents,
    health: [],
    // The real Durable client: a registered function reaches whatever engine its input binding names (the dev
    // host's); use-case tests pass `recordingOrchestrations()` to the use case instead.
    orchestrations: durableOrchestrationsOf,
    source: fakes.source,
    objects: fakes.objects,
    registry: fakes.registry,
    builder: fakes.builder,
    scheduler: fakes.scheduler,
    tracker: fakes.tracker,
    events: fakes.events,
    review: fakes.review,
    rejectedMessages: new MemoryRejectedMessages(),
    runRequests: new MemoryRunRequests(),
    dashboard: fileDashboardAssets(),
  };
  return { services, fakes };
}
