import { AirflowScheduler } from '../adapters/airflow/airflow-scheduler.js';
import { LocalGitSource } from '../adapters/git/local-git-source.js';
import { SourceRouter } from '../adapters/git/source-router.js';
import { probe } from '../adapters/health-checks.js';
import type { HttpClientOptions } from '../adapters/http/http-client.js';
import { MlflowClient } from '../adapters/mlflow/mlflow-client.js';
import { MlflowTracker } from '../adapters/mlflow/mlflow-tracker.js';
import { createS3Client, S3ObjectStore } from '../adapters/s3/s3-object-store.js';
import { unconfigured, unconfiguredPorts } from '../adapters/unconfigured.js';
import type { Config } from '../config/config.js';
import type { ImageBuilder, ImageRegistry, SourceRepository } from '../ports/external-systems.js';
import type { HealthCheck } from '../ports/health.js';
import type { Services } from './services.js';

/** Options for tests and benchmarks: where relative paths resolve, and the fetch the REST adapters use. */
export interface ExternalSystemsOptions {
  /** The app's working directory (local git paths, the local image registry). Default `process.cwd()`. */
  cwd?: string;
  http?: Pick<HttpClientOptions, 'fetch' | 'retry' | 'timeoutMs'>;
}

type ExternalPorts = Pick<Services, 'source' | 'objects' | 'registry' | 'builder' | 'scheduler' | 'tracker'> & { health: HealthCheck[] };

/**
 * One adapter per external system, chosen from the config (docs/architecture.md, "Layers"). A system whose settings are absent keeps its
 * unconfigured stand-in, so a run fails that step with a CONFIG error naming the settings instead of the app refusing
 * to start.
 */
export function buildExternalSystems(config: Config, opts: ExternalSystemsOptions = {}): ExternalPorts {
  const cwd = opts.cwd ?? process.cwd();
  const health: HealthCheck[] = [];
  // A path on the app's own machine means nothing in Azure: there, local sources stay unconfigured.
  const localGit = new LocalGitSource(cwd);
  const source: SourceRepository = new SourceRouter({
    localGit: config.environment === 'local' ? localGit : unconfigured<SourceRepository>('A local git source', ['a pipeline source of kind azureRepos (local paths work only with MLCYCLE_ENVIRONMENT=local)']),
    azureRepos: unconfiguredPorts.source(),
  });

  let objects = unconfiguredPorts.objects();
  if (config.s3) {
    const s3 = createS3Client(config.s3);
    objects = new S3ObjectStore(s3, { maxConcurrency: config.s3.maxConcurrency });
  }

  const registry: ImageRegistry = unconfiguredPorts.registry();
  const builder: ImageBuilder = unconfiguredPorts.builder();

  let scheduler = unconfiguredPorts.scheduler();
  if (config.airflow) {
    const a = config.airflow;
    scheduler = new AirflowScheduler({
      baseUrl: a.baseUrl,
      apiVersion: a.apiVersion,
      ...(a.credentials ? { credentials: a.credentials } : {}),
      unpauseDags: a.unpauseDags,
      ...(a.callbackUrl !== undefined ? { callbackUrl: a.callbackUrl } : {}),
      ...(opts.http ? { http: opts.http } : {}),
    });
    const fetchFn = opts.http?.fetch ?? fetch;
    // Both versions serve an unauthenticated health document.
    health.push(probe('airflow', () => okOrThrow(fetchFn(`${a.baseUrl}/api/${a.apiVersion === 3 ? 'v2/monitor' : 'v1'}/health`, { signal: AbortSignal.timeout(3000) }))));
  }

  let tracker = unconfiguredPorts.tracker();
  if (config.mlflow) {
    const m = config.mlflow;
    const client = new MlflowClient({ trackingUri: m.trackingUri, ...(m.token !== undefined ? { token: m.token } : {}), ...(opts.http ? { http: opts.http } : {}) });
    tracker = new MlflowTracker(client, { readyTimeoutMs: m.modelReadyTimeoutMs });
    const fetchFn = opts.http?.fetch ?? fetch;
    health.push(probe('mlflow', () => okOrThrow(fetchFn(`${m.trackingUri}/health`, { signal: AbortSignal.timeout(3000) }))));
  }

  return { source, objects, registry, builder, scheduler, tracker, health };
}

async function okOrThrow(res: Promise<Response>): Promise<void> {
  const r = await res;
  await r.body?.cancel();
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
}
