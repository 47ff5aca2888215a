import type { InvocationContext } from '@azure/functions';
import type { StartRunDeps } from '../use-cases/start-run.js';
import type { Services } from './services.js';

/** What starting a run needs, for one invocation: the stores, the clock, and that invocation's Durable client. */
export function startRunDeps(services: Services, context: InvocationContext): StartRunDeps {
  return { pipelines: services.pipelines, runs: services.runs, triggers: services.triggers, orchestrations: services.orchestrations(context), now: services.now, tracing: services.tracing };
}
