import type { Services } from '../shared/app/services.js';
import { appVersion } from '../shared/app/version.js';
import { registerRoutes, type RouteSpec } from '../shared/http/route.js';
import { compensateRun } from '../shared/use-cases/compensate-run.js';
import { airflowHookRoute } from './http/airflow-hook.js';
import { azureDevOpsHookRoutes } from './http/azure-devops-hook.js';
import { azureMonitorHookRoute } from './http/azure-monitor-hook.js';
import { dashboardRoutes } from './http/dashboard.js';
import { healthRoutes } from './http/health.js';
import { lifecycleRoutes } from './http/lifecycle.js';
import { lineageRoutes } from './http/lineage.js';
import { openApiRoute } from './http/openapi.js';
import { pipelinesOverviewRoute } from './http/pipelines-overview.js';
import { pipelineRoutes } from './http/pipelines.js';
import { runRoutes } from './http/runs.js';
import { signalRoutes } from './http/signals.js';
import { registerTrainingRun } from './orchestrators/register-training-run.js';
import { registerAdoHooks } from './queues/ado-hooks.js';
import { registerRunRequests } from './queues/run-requests.js';
import { registerScheduler } from './timers/scheduler.js';

/** Every HTTP route of the app, the OpenAPI document's own included. */
export function appRoutes(services: Services): RouteSpec[] {
  const routes: RouteSpec[] = [
    ...healthRoutes(services),
    pipelinesOverviewRoute(services),
    ...pipelineRoutes(services),
    ...runRoutes(services, (runId, reason) => compensateRun(services, runId, { reason })),
    ...lineageRoutes(services),
    ...lifecycleRoutes(services),
    airflowHookRoute(services),
    ...azureDevOpsHookRoutes(services),
    ...signalRoutes(services),
    azureMonitorHookRoute(services),
    ...dashboardRoutes(services),
  ];
  routes.push(openApiRoute(() => routes, appVersion));
  return routes;
}

/** Register every function of the app against the given services (real ones from the composition root, or fakes). */
export function registerFunctions(services: Services): void {
  registerRoutes(appRoutes(services), { log: services.log, auth: services.config.auth, tracing: services.tracing });
  registerTrainingRun(services);
  registerRunRequests(services);
  registerAdoHooks(services);
  registerScheduler(services);
}
