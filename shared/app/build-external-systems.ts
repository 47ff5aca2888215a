import { ManagedIdentityCredential } from '@azure/identity';
import { airflowHealth } from '../adapters/airflow/airflow-health.js';
import { AirflowScheduler } from '../adapters/airflow/airflow-scheduler.js';
import { AdoConnection } from '../adapters/azure-devops/ado-connection.js';
import { AzurePipelinesBuilder } from '../adapters/azure-devops/azure-pipelines-builder.js';
import { AzureReposReview } from '../adapters/azure-devops/azure-repos-review.js';
import { AzureReposSource } from '../adapters/azure-devops/azure-repos-source.js';
import { OciImageRegistry } from '../adapters/oci-registry/oci-image-registry.js';
import type { RegistryCredentials } from '../adapters/oci-registry/registry-tokens.js';
import { LocalGitSource } from '../adapters/git/local-git-source.js';
import { SourceRouter } from '../adapters/git/source-router.js';
import { probe, registryHealth, s3Health } from '../adapters/health-checks.js';
import type { HttpClientOptions } from '../adapters/http/http-client.js';
import { MlflowClient } from '../adapters/mlflow/mlflow-client.js';
import { MlflowTracker } from '../adapters/mlflow/mlflow-tracker.js';
import { createS3Client, S3ObjectStore } from '../adapters/s3/s3-object-store.js';
import { unconfigured, unconfiguredPorts } from '../adapters/unconfigured.js';
import type { AzureDevOpsConfig, Config } from '../config/config.js';
import type { ImageBuilder, ImageRegistry, ReviewNotifier, SourceRepository } from '../ports/external-systems.js';
import type { HealthCheck } from '../ports/health.js';
import type { Services } from './services.js';

/** Options for tests and benchmarks: where relative paths resolve, and the fetch the REST adapters use. */
export interface ExternalSystemsOptions {
  /** The app's working directory (local git paths, the local image registry). Default `process.cwd()`. */
  cwd?: string;
  http?: Pick<HttpClientOptions, 'fetch' | 'retry' | 'timeoutMs'>;
}

type ExternalPorts = Pick<Services, 'source' | 'objects' | 'registry' | 'builder' | 'scheduler' | 'tracker' | 'review'> & { health: HealthCheck[] };

/**
 * One adapter per external system, chosen from the config (docs/architecture.md, "Layers"). A system whose settings are absent keeps its
 * unconfigured stand-in, so a run fails that step with a CONFIG error naming the settings instead of the app refusing
 * to start.
 */
export function buildExternalSystems(config: Config, opts: ExternalSystemsOptions = {}): ExternalPorts {
  const cwd = opts.cwd ?? process.cwd();
  const health: HealthCheck[] = [];
  // A path on the app's own machine means nothing in Azure: there, local sources stay unconfigured.
  const attemptMs = config.deadlines.attemptMs;
  const localGit = new LocalGitSource(cwd, { timeoutMs: 2 * attemptMs });
  const ado = config.azureDevOps ? azureDevOps(config.azureDevOps, attemptMs) : undefined;
  const source: SourceRepository = new SourceRouter({
    localGit: config.environment === 'local' ? localGit : unconfigured<SourceRepository>('A local git source', ['a pipeline source of kind azureRepos (local paths work only with MLCYCLE_ENVIRONMENT=local)']),
    azureRepos: ado?.source ?? unconfiguredPorts.source(),
  });

  let objects = unconfiguredPorts.objects();
  if (config.s3) {
    const s3 = createS3Client({ ...config.s3, attemptTimeoutMs: attemptMs, connectTimeoutMs: config.deadlines.connectMs });
    objects = new S3ObjectStore(s3, { maxConcurrency: config.s3.maxConcurrency });
    health.push(s3Health(config.s3.endpoint ?? `https://s3.${config.s3.region}.amazonaws.com`, opts.http?.fetch));
  }

  const registry: ImageRegistry = imageRegistry(config, opts);
  const { loginServer } = config.registry;
  if (loginServer !== undefined) health.push(registryHealth(`${registryScheme(config, loginServer)}://${loginServer}`, opts.http?.fetch));
  const builder: ImageBuilder = ado?.builder ?? unconfiguredPorts.builder();

  let scheduler = unconfiguredPorts.scheduler();
  if (config.airflow) {
    const a = config.airflow;
    scheduler = new AirflowScheduler({
      baseUrl: a.baseUrl,
      apiVersion: a.apiVersion,
      ...(a.credentials ? { credentials: a.credentials } : {}),
      unpauseDags: a.unpauseDags,
      ...(a.callbackUrl !== undefined ? { callbackUrl: a.callbackUrl } : {}),
      http: { timeoutMs: attemptMs, ...opts.http },
    });
    // Both versions serve an unauthenticated health document with each component's state.
    health.push(airflowHealth(a.baseUrl, a.apiVersion, opts.http?.fetch ?? fetch));
  }

  let tracker = unconfiguredPorts.tracker();
  if (config.mlflow) {
    const m = config.mlflow;
    const client = new MlflowClient({ trackingUri: m.trackingUri, ...(m.token !== undefined ? { token: m.token } : {}), http: { timeoutMs: attemptMs, ...opts.http } });
    tracker = new MlflowTracker(client, { readyTimeoutMs: m.modelReadyTimeoutMs });
    const fetchFn = opts.http?.fetch ?? fetch;
    health.push(probe('mlflow', () => okOrThrow(fetchFn(`${m.trackingUri}/health`, { signal: AbortSignal.timeout(3000) }))));
  }

  const review: ReviewNotifier = ado?.review ?? unconfiguredPorts.review();
  return { source, objects, registry, builder, scheduler, tracker, review, health };
}

/** Azure Repos (source and pull-request feedback) and the Azure Pipelines image builder over one connection (a PAT, or the managed identity's Entra token). */
function azureDevOps(cfg: AzureDevOpsConfig, timeoutMs: number): { source: SourceRepository; builder: ImageBuilder; review: ReviewNotifier } {
  const auth = cfg.auth.kind === 'pat' ? { pat: cfg.auth.pat } : { credential: new ManagedIdentityCredential({ clientId: cfg.auth.clientId }) };
  const connection = new AdoConnection({ auth, orgUrl: (organization) => `${cfg.baseUrl}/${encodeURIComponent(organization)}`, timeoutMs });
  const builder = new AzurePipelinesBuilder(connection, {
    ...(cfg.build.organization !== undefined ? { organization: cfg.build.organization } : {}),
    ...(cfg.build.project !== undefined ? { project: cfg.build.project } : {}),
    ...(cfg.build.pipelineId !== undefined ? { defaultPipelineId: cfg.build.pipelineId } : {}),
  });
  return { source: new AzureReposSource(connection), builder, review: new AzureReposReview(connection) };
}

/**
 * The OCI registry adapter. Credentials go to the configured login server only (a pipeline naming another registry
 * is read anonymously, so the app's token never reaches a host it does not trust); plain HTTP only for a loopback
 * registry on one machine.
 */
function imageRegistry(config: Config, opts: ExternalSystemsOptions): ImageRegistry {
  const { loginServer, auth } = config.registry;
  const credentials: RegistryCredentials =
    auth.kind === 'basic' ? { kind: 'basic', username: auth.username, password: auth.password } : auth.kind === 'managedIdentity' ? { kind: 'entra', credential: new ManagedIdentityCredential({ clientId: auth.clientId }) } : { kind: 'anonymous' };
  return new OciImageRegistry({
    credentialsFor: (registry) => (registry.toLowerCase() === loginServer ? credentials : { kind: 'anonymous' }),
    plainHttp: (host) => registryScheme(config, host) === 'http',
    timeoutMs: opts.http?.timeoutMs ?? config.deadlines.attemptMs,
    ...(opts.http?.fetch ? { fetch: opts.http.fetch } : {}),
  });
}

/** Plain HTTP only for a registry on this machine in local mode; TLS everywhere else. */
function registryScheme(config: Config, host: string): 'http' | 'https' {
  return config.environment === 'local' && /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/.test(host) ? 'http' : 'https';
}

async function okOrThrow(res: Promise<Response>): Promise<void> {
  const r = await res;
  await r.body?.cancel();
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
}
