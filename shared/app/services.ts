import type { InvocationContext } from '@azure/functions';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type {
  EventPublisher,
  ExperimentTracker,
  ImageBuilder,
  ImageRegistry,
  ObjectStore,
  ReviewNotifier,
  SourceRepository,
  TrainingScheduler,
} from '../ports/external-systems.js';
import type { DashboardAssets } from '../ports/dashboard-assets.js';
import type { HookDeliveryStore } from '../ports/hook-delivery-store.js';
import type { HookEventQueue } from '../ports/hook-event-queue.js';
import type { HealthCheck } from '../ports/health.js';
import type { OrchestrationClient } from '../ports/orchestration-client.js';
import type { PipelineStateStore } from '../ports/pipeline-state-store.js';
import type { PipelineStore } from '../ports/pipeline-store.js';
import type { RejectedMessages } from '../ports/rejected-messages.js';
import type { RunRequestSender } from '../ports/run-request-sender.js';
import type { RunStore } from '../ports/run-store.js';
import type { RunTracing } from '../ports/run-tracing.js';
import type { TriggerStore } from '../ports/trigger-store.js';

/**
 * Everything the functions need, built once by the composition root (`shared/app/build-services.ts`) from the
 * config. Tests and benchmarks build their own (fakes from `test/fakes/`) and pass it to `registerFunctions`.
 */
export interface Services {
  config: Config;
  log: Logger;
  /** Spans of triggers and activities, one trace per run (docs/observability.md). */
  tracing: RunTracing;
  /** Wall clock for activities and HTTP handlers (never for orchestrators). */
  now: () => Date;
  pipelines: PipelineStore;
  runs: RunStore;
  triggers: TriggerStore;
  /** Each pipeline's champion history, scheduler bookkeeping and lifecycle records (rollbacks, promotions). */
  pipelineStates: PipelineStateStore;
  /** Service-hook deliveries as received, whatever pipeline they concern. */
  hookDeliveries: HookDeliveryStore;
  /** Accepted service-hook events, acted on by the `ado-hooks` queue intake. */
  hookEvents: HookEventQueue;
  health: HealthCheck[];
  /**
   * Starting, signalling and stopping orchestrations. The Durable client exists per invocation (it comes from the
   * invocation's `durableClient` input binding, which the function declares), so this builds one for `context`.
   */
  orchestrations: (context: InvocationContext) => OrchestrationClient;
  source: SourceRepository;
  objects: ObjectStore;
  registry: ImageRegistry;
  builder: ImageBuilder;
  scheduler: TrainingScheduler;
  tracker: ExperimentTracker;
  events: EventPublisher;
  /** Inbound queue messages refused for good, kept with their reason. */
  rejectedMessages: RejectedMessages;
  /** Outbound run requests (mlcycle's own, e.g. starting a run queued behind a finished one). */
  runRequests: RunRequestSender;
  review: ReviewNotifier;
  /** The web dashboard's built files, served by the app itself. */
  dashboard: DashboardAssets;
}
