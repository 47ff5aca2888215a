import type { RunningDevHost } from '../../devhost/dev-host.js';
import type { Services } from '../../shared/app/services.js';
import type { PipelineSpec } from '../../shared/domain/pipeline.js';
import type { Run } from '../../shared/domain/run.js';
import { eventNames, imageInstanceId } from '../../shared/durable/instance-ids.js';
import type { Fakes } from '../fakes/fake-services.js';
import { pipelineSpec, seedPipeline, sha } from '../fakes/seed.js';
import { startFakeAppHost } from './sign-in.js';

/*
 * The dashboard's world: the real app (routes, orchestrations, activities, the dashboard's files) on the dev host,
 * its ports served by the fakes, so pages can be shown runs that really happen without the ML stack. Trainings take
 * `trainingMs` of real time; when one ends, the world posts the DAG's callback to the app, as Airflow would.
 */

export const dashboardKeys = { functionKey: 'dashboard-function-key', masterKey: 'dashboard-master-key' };
const callbackSecret = 'dashboard-airflow-callback-secret';

/** A running dashboard world. */
export interface DashboardWorld {
  baseUrl: string;
  host: RunningDevHost;
  fakes: Fakes;
  services: Services;
  /** The dashboard's URL for an app path such as `/runs/<id>`. */
  url(path?: string): string;
  /** Call the API with the operator key (machines' way in). */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Register a pipeline (fakes: its repository, data and remote) with the example's shape, overridden. */
  pipeline(id: string, overrides?: Partial<PipelineSpec>): Promise<void>;
  /** Start a run through the API; resolves with its id. */
  startRun(pipelineId: string, body?: Record<string, unknown>): Promise<string>;
  /** Read a run through the API. */
  run(runId: string): Promise<Run>;
  /** Wait until the run's status is one of `statuses`. */
  waitForStatus(runId: string, statuses: string[], ms?: number): Promise<Run>;
  stop(): Promise<void>;
}

/** Start the dashboard world. `trainingMs`: how long each fake training takes on the wall clock (default 1.5 s). */
export async function startDashboardWorld(opts: { trainingMs?: number } = {}): Promise<DashboardWorld> {
  const auth = { apiKeys: [dashboardKeys.functionKey, dashboardKeys.masterKey], signIn: 'app-service' as const };
  const app = await startFakeAppHost(auth, dashboardKeys);
  const { services, fakes, host, durable } = app;
  fakes.scheduler.durationMs = opts.trainingMs ?? 1_500;
  fakes.builder.durationMs = 500;
  // The callback's secret is checked against the services' config (read per request), which the fakes own.
  services.config = { ...services.config, hooks: { ...services.config.hooks, airflowSecret: callbackSecret } };
  const api = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('x-functions-key', dashboardKeys.functionKey);
    if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    // A call the host does not answer fails in seconds, naming itself, rather than stalling the test to its timeout.
    return fetch(`${host.baseUrl}${path}`, { signal: AbortSignal.timeout(20_000), ...init, headers });
  };
  // What Airflow and Azure DevOps would do when fake work ends: the DAG's callback, the build's event.
  const attempts = new Map<string, number>();
  const pump = setInterval(() => {
    const now = Date.now();
    for (const r of fakes.scheduler.takeFinished(now)) {
      // Like the DAG's own callback, this one retries until the app takes it (its wait may not exist yet under load).
      const again = () => {
        const n = (attempts.get(r.dagRunId) ?? 0) + 1;
        attempts.set(r.dagRunId, n);
        if (n < 100) fakes.scheduler.announceAgain(r);
      };
      void fetch(`${host.baseUrl}/api/hooks/airflow`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mlcycle-callback-secret': callbackSecret },
        body: JSON.stringify({ dagId: r.dagId, dagRunId: r.dagRunId, runId: r.conf.runId, state: r.finalState }),
        signal: AbortSignal.timeout(20_000),
      }).then((res) => (res.ok ? undefined : again()), again);
    }
    for (const b of fakes.builder.takeFinished(now)) void durable.engine?.raiseEvent(imageInstanceId(b.runId), eventNames.imageBuilt, JSON.stringify({ buildId: b.buildId }));
  }, 200);
  const run = async (runId: string): Promise<Run> => {
    const res = await api(`/api/runs/${encodeURIComponent(runId)}`);
    if (res.status !== 200) throw new Error(`GET run ${runId}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Run;
  };
  let commits = 0;
  return {
    baseUrl: host.baseUrl,
    host,
    fakes,
    services,
    url: (path = '/') => `${host.baseUrl}/api/ui${path}`,
    api,
    async pipeline(id, overrides = {}) {
      await seedPipeline(fakes, id, sha(`${id}-${commits++}`), { ...pipelineSpec(), mlflow: { experimentName: id, registeredModelName: `${id}-model` }, ...overrides });
    },
    async startRun(pipelineId, body = {}) {
      const res = await api(`/api/pipelines/${encodeURIComponent(pipelineId)}/runs`, { method: 'POST', body: JSON.stringify(body) });
      if (res.status !== 202 && res.status !== 200) throw new Error(`start ${pipelineId}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { runId: string }).runId;
    },
    run,
    async waitForStatus(runId, statuses, ms = 30_000) {
      const end = Date.now() + ms;
      for (;;) {
        const r = await run(runId);
        if (statuses.includes(r.status)) return r;
        if (Date.now() > end) throw new Error(`run ${runId} is ${r.status}, not ${statuses.join(' or ')}, after ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      clearInterval(pump);
      // Says so on stderr (which reaches the test log at once) when stopping the host takes long, and what it waits for.
      const watchdog = setInterval(() => process.stderr.write(`dashboard world: the dev host at ${host.baseUrl} is still stopping\n`), 10_000);
      try {
        await app.stop();
      } finally {
        clearInterval(watchdog);
      }
    },
  };
}
