import type { Env } from './schema.js';

/** Telemetry targets: Application Insights, else an OTLP endpoint, else the console, else none. */
export interface TelemetryConfig {
  connectionString?: string;
  /** Send to Application Insights with a managed identity's Entra token (`clientId` of a user-assigned one). */
  entra?: { clientId?: string };
  otlpEndpoint?: string;
  console: boolean;
}

/** The typed configuration the composition root consumes. */
export interface Config {
  environment: 'local' | 'azure';
  taskHubName: string;
  /** Where the Durable task hub lives: the storage account, or the Durable Task Scheduler at this endpoint. */
  durableBackend: { kind: 'azureStorage' } | { kind: 'durableTaskScheduler'; endpoint: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Where spans go (`shared/adapters/opentelemetry/start-telemetry.ts`). */
  telemetry: TelemetryConfig;
  apiPageSizeMax: number;
  publicBaseUrl?: string;
  /** Who may call the API: machines by key, people signed in by App Service Authentication (shared/http/caller.ts). */
  auth: AuthConfig;
  hooks: {
    airflowSecret?: string;
    /** Shared secret of `POST /api/hooks/azure-monitor`; absent: the hook refuses every call. */
    azureMonitorSecret?: string;
    /** Azure DevOps service hooks: the basic-auth user and the secret (its password, or the header's value). */
    azureDevOps?: { username: string; secret: string };
  };
  /** Cosmos DB; absent only locally, when the local store holds the records instead. */
  cosmos?: CosmosConfig;
  /** The on-disk local store (`MLCYCLE_LOCAL_STORE_DIR`); never in Azure. */
  localStore?: { dir: string; continuationTokenKey?: string };
  queues: {
    runRequests: string;
    runEvents: string;
    adoHooks: string;
    connection: { kind: 'connectionString'; value: string } | { kind: 'managedIdentity'; queueServiceUri: string; clientId: string };
  };
  /** Deadlines of outbound calls, per attempt (docs/architecture.md, "Deadlines"). */
  deadlines: Deadlines;
  /** The S3-compatible DVC store; absent when neither an endpoint nor credentials are set. */
  s3?: S3Config;
  /** Airflow; absent without AIRFLOW_BASE_URL. */
  airflow?: AirflowConfig;
  /** MLflow; absent without MLFLOW_TRACKING_URI. */
  mlflow?: MlflowConfig;
  /** Azure DevOps (Repos sources, the image pipeline); absent without a PAT outside Azure. */
  azureDevOps?: AzureDevOpsConfig;
  /** The container registry holding training images (always present: other registries are read anonymously). */
  registry: RegistryConfig;
}

/** The API's callers: operator keys for machines, and whether the App Service principal headers are trusted. */
export interface AuthConfig {
  apiKeys: string[];
  signIn: 'app-service' | 'off';
}

export interface CosmosConfig {
  endpoint: string;
  database: string;
  createContainers: boolean;
  /** Key that signs continuation tokens; absent: a random key per process. */
  continuationTokenKey?: string;
  auth: { kind: 'key'; key: string } | { kind: 'managedIdentity'; clientId: string };
}

/** How long one attempt of an outbound call may take, and how long opening its connection may take. */
export interface Deadlines {
  attemptMs: number;
  connectMs: number;
}

export interface S3Config {
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  /** Static keys; without them the AWS SDK's default credential chain applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxConcurrency: number;
}

export interface AirflowConfig {
  baseUrl: string;
  apiVersion: 2 | 3;
  credentials?: { username: string; password: string };
  unpauseDags: boolean;
  /** Where the DAG reports its final state (only when the callback secret is configured too). */
  callbackUrl?: string;
}

export interface MlflowConfig {
  trackingUri: string;
  token?: string;
  modelReadyTimeoutMs: number;
}

export interface AzureDevOpsConfig {
  /** Azure DevOps Services root (`https://dev.azure.com`); an organization's URL is `<baseUrl>/<organization>`. */
  baseUrl: string;
  auth: { kind: 'pat'; pat: string } | { kind: 'managedIdentity'; clientId: string };
  /** Where the image pipeline runs when not beside the source, and the default pipeline. */
  build: { organization?: string; project?: string; pipelineId?: number };
}

export interface RegistryConfig {
  /** The registry the app sends credentials to; absent: every registry is read anonymously. */
  loginServer?: string;
  auth: { kind: 'anonymous' } | { kind: 'basic'; username: string; password: string } | { kind: 'managedIdentity'; clientId: string };
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** The external-system groups of the config (docs/architecture.md, "The run"), each present only when its settings are. */
function externalSystems(env: Env): Pick<Config, 's3' | 'airflow' | 'mlflow' | 'azureDevOps' | 'registry'> {
  const out: Pick<Config, 's3' | 'airflow' | 'mlflow' | 'azureDevOps' | 'registry'> = { registry: registryConfig(env) };
  if (env.S3_ENDPOINT !== undefined || env.S3_ACCESS_KEY_ID !== undefined) {
    out.s3 = {
      ...(env.S3_ENDPOINT !== undefined ? { endpoint: trimSlash(env.S3_ENDPOINT) } : {}),
      region: env.S3_REGION,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      ...(env.S3_ACCESS_KEY_ID !== undefined && env.S3_SECRET_ACCESS_KEY !== undefined
        ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
        : {}),
      maxConcurrency: env.S3_MAX_CONCURRENCY,
    };
  }
  if (env.AIRFLOW_BASE_URL !== undefined) {
    const publicBase = env.MLCYCLE_PUBLIC_BASE_URL ? trimSlash(env.MLCYCLE_PUBLIC_BASE_URL) : undefined;
    const callbackUrl = env.AIRFLOW_CALLBACK_URL ?? (publicBase !== undefined ? `${publicBase}/api/hooks/airflow` : undefined);
    out.airflow = {
      baseUrl: trimSlash(env.AIRFLOW_BASE_URL),
      apiVersion: env.AIRFLOW_API_VERSION === '2' ? 2 : 3,
      ...(env.AIRFLOW_USERNAME !== undefined && env.AIRFLOW_PASSWORD !== undefined ? { credentials: { username: env.AIRFLOW_USERNAME, password: env.AIRFLOW_PASSWORD } } : {}),
      unpauseDags: env.AIRFLOW_UNPAUSE_DAGS,
      // A callback the hook would refuse (no secret configured) only adds noise to the DAG's logs.
      ...(callbackUrl !== undefined && env.AIRFLOW_CALLBACK_SECRET !== undefined ? { callbackUrl } : {}),
    };
  }
  if (env.MLFLOW_TRACKING_URI !== undefined) {
    out.mlflow = {
      trackingUri: trimSlash(env.MLFLOW_TRACKING_URI),
      ...(env.MLFLOW_TRACKING_TOKEN !== undefined ? { token: env.MLFLOW_TRACKING_TOKEN } : {}),
      modelReadyTimeoutMs: env.MLFLOW_MODEL_READY_TIMEOUT_SECONDS * 1000,
    };
  }
  const adoAuth: AzureDevOpsConfig['auth'] | undefined =
    env.ADO_PAT !== undefined ? { kind: 'pat', pat: env.ADO_PAT } : env.MLCYCLE_ENVIRONMENT === 'azure' ? { kind: 'managedIdentity', clientId: env.AZURE_CLIENT_ID } : undefined;
  if (adoAuth) {
    out.azureDevOps = {
      baseUrl: trimSlash(env.ADO_BASE_URL ?? 'https://dev.azure.com'),
      auth: adoAuth,
      build: {
        ...(env.ADO_BUILD_ORGANIZATION !== undefined ? { organization: env.ADO_BUILD_ORGANIZATION } : {}),
        ...(env.ADO_BUILD_PROJECT !== undefined ? { project: env.ADO_BUILD_PROJECT } : {}),
        ...(env.ADO_IMAGE_PIPELINE_ID !== undefined ? { pipelineId: env.ADO_IMAGE_PIPELINE_ID } : {}),
      },
    };
  }
  return out;
}

/** Credentials go to the configured login server only: never to a registry a pipeline merely names. */
function registryConfig(env: Env): RegistryConfig {
  const loginServer = env.REGISTRY_LOGIN_SERVER?.toLowerCase();
  if (loginServer === undefined) return { auth: { kind: 'anonymous' } };
  if (env.REGISTRY_USERNAME !== undefined && env.REGISTRY_PASSWORD !== undefined) return { loginServer, auth: { kind: 'basic', username: env.REGISTRY_USERNAME, password: env.REGISTRY_PASSWORD } };
  if (env.MLCYCLE_ENVIRONMENT === 'azure') return { loginServer, auth: { kind: 'managedIdentity', clientId: env.AZURE_CLIENT_ID } };
  return { loginServer, auth: { kind: 'anonymous' } };
}

/** The continuation-token key when one is configured (exactOptionalPropertyTypes: no explicit undefined). */
const tokenKey = (env: Env): { continuationTokenKey?: string } => (env.CONTINUATION_TOKEN_KEY ? { continuationTokenKey: env.CONTINUATION_TOKEN_KEY } : {});

/** Where a local app keeps its records: the local store when its folder is set, else Cosmos (the schema requires one). */
function localStores(env: Env & { MLCYCLE_ENVIRONMENT: 'local' }): Pick<Config, 'cosmos' | 'localStore'> {
  if (env.MLCYCLE_LOCAL_STORE_DIR !== undefined) return { localStore: { dir: env.MLCYCLE_LOCAL_STORE_DIR, ...tokenKey(env) } };
  if (env.COSMOS_ENDPOINT === undefined || env.COSMOS_KEY === undefined) throw new Error('COSMOS_ENDPOINT and COSMOS_KEY are required unless MLCYCLE_LOCAL_STORE_DIR is set');
  return { cosmos: { endpoint: env.COSMOS_ENDPOINT, database: env.COSMOS_DATABASE, createContainers: env.COSMOS_CREATE_CONTAINERS, ...tokenKey(env), auth: { kind: 'key', key: env.COSMOS_KEY } } };
}

/** The backend a validated scheduler connection names (its endpoint only: the rest is the identity), else Azure Storage. */
function schedulerEndpoint(connection: string | undefined): Config['durableBackend'] {
  const endpoint = connection?.split(';')[0]?.slice('Endpoint='.length);
  return endpoint ? { kind: 'durableTaskScheduler', endpoint } : { kind: 'azureStorage' };
}

/** Map the flat, validated environment onto the nested config. */
export function toConfig(env: Env): Config {
  const base = {
    environment: env.MLCYCLE_ENVIRONMENT,
    taskHubName: env.TASK_HUB_NAME,
    logLevel: env.LOG_LEVEL,
    telemetry: {
      ...(env.APPLICATIONINSIGHTS_CONNECTION_STRING !== undefined ? { connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING } : {}),
      ...(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING !== undefined ? { entra: entraOf(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING) } : {}),
      ...(env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ? { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
      console: env.OTEL_TRACES_CONSOLE,
    },
    apiPageSizeMax: env.API_PAGE_SIZE_MAX,
    auth: { apiKeys: env.MLCYCLE_API_KEYS ?? [], signIn: env.MLCYCLE_SIGN_IN ?? 'off' },
    deadlines: { attemptMs: env.OUTBOUND_TIMEOUT_SECONDS * 1000, connectMs: Math.min(env.OUTBOUND_CONNECT_TIMEOUT_SECONDS, env.OUTBOUND_TIMEOUT_SECONDS) * 1000 },
    ...(env.MLCYCLE_PUBLIC_BASE_URL ? { publicBaseUrl: env.MLCYCLE_PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
    hooks: {
      ...(env.AIRFLOW_CALLBACK_SECRET ? { airflowSecret: env.AIRFLOW_CALLBACK_SECRET } : {}),
      ...(env.AZURE_MONITOR_WEBHOOK_SECRET ? { azureMonitorSecret: env.AZURE_MONITOR_WEBHOOK_SECRET } : {}),
      ...(env.ADO_WEBHOOK_SECRET ? { azureDevOps: { username: env.ADO_WEBHOOK_USERNAME, secret: env.ADO_WEBHOOK_SECRET } } : {}),
    },
    ...externalSystems(env),
  };
  if (env.MLCYCLE_ENVIRONMENT === 'local') {
    return {
      ...base,
      durableBackend: { kind: 'azureStorage' },
      ...localStores(env),
      queues: { runRequests: env.RUN_REQUESTS_QUEUE, runEvents: env.RUN_EVENTS_QUEUE, adoHooks: env.ADO_HOOKS_QUEUE, connection: { kind: 'connectionString', value: env.AzureWebJobsStorage } },
    };
  }
  return {
    ...base,
    durableBackend: schedulerEndpoint(env.DURABLE_TASK_SCHEDULER_CONNECTION_STRING),
    cosmos: { endpoint: env.COSMOS_ENDPOINT, database: env.COSMOS_DATABASE, createContainers: env.COSMOS_CREATE_CONTAINERS, ...tokenKey(env), auth: { kind: 'managedIdentity', clientId: env.AZURE_CLIENT_ID } },
    queues: {
      runRequests: env.RUN_REQUESTS_QUEUE,
      runEvents: env.RUN_EVENTS_QUEUE,
      adoHooks: env.ADO_HOOKS_QUEUE,
      connection: { kind: 'managedIdentity', queueServiceUri: env.AzureWebJobsStorage__queueServiceUri, clientId: env.AzureWebJobsStorage__clientId },
    },
  };
}

/** The identity in Application Insights' authentication string (the host's own setting, which the worker follows). */
function entraOf(auth: string): { clientId?: string } {
  const clientId = /^ClientId=([^;]+);/.exec(auth)?.[1];
  return clientId !== undefined ? { clientId } : {};
}
