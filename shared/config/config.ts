import type { Env } from './schema.js';

/** The typed configuration the composition root consumes. */
export interface Config {
  environment: 'local' | 'azure';
  taskHubName: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  apiPageSizeMax: number;
  publicBaseUrl?: string;
  hooks: { airflowSecret?: string };
  cosmos: {
    endpoint: string;
    database: string;
    createContainers: boolean;
    /** Key that signs continuation tokens; absent: a random key per process. */
    continuationTokenKey?: string;
    auth: { kind: 'key'; key: string } | { kind: 'managedIdentity'; clientId: string };
  };
  queues: {
    runRequests: string;
    runEvents: string;
    connection: { kind: 'connectionString'; value: string } | { kind: 'managedIdentity'; queueServiceUri: string; clientId: string };
  };
  /** The S3-compatible DVC store; absent when neither an endpoint nor credentials are set. */
  s3?: S3Config;
  /** Airflow; absent without AIRFLOW_BASE_URL. */
  airflow?: AirflowConfig;
  /** MLflow; absent without MLFLOW_TRACKING_URI. */
  mlflow?: MlflowConfig;
  /** How training images are found and built; absent without IMAGE_MODE. */
  images?: ImagesConfig;
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

export type ImagesConfig = { mode: 'local'; registryDir: string } | { mode: 'acr' };

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** The external-system groups of the config (docs/architecture.md, "The run"), each present only when its settings are. */
function externalSystems(env: Env): Pick<Config, 's3' | 'airflow' | 'mlflow' | 'images'> {
  const out: Pick<Config, 's3' | 'airflow' | 'mlflow' | 'images'> = {};
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
  if (env.IMAGE_MODE === 'local') out.images = { mode: 'local', registryDir: env.LOCAL_IMAGE_REGISTRY_DIR };
  else if (env.IMAGE_MODE === 'acr') out.images = { mode: 'acr' };
  return out;
}

/** The continuation-token key when one is configured (exactOptionalPropertyTypes: no explicit undefined). */
const tokenKey = (env: Env): { continuationTokenKey?: string } => (env.CONTINUATION_TOKEN_KEY ? { continuationTokenKey: env.CONTINUATION_TOKEN_KEY } : {});

/** Map the flat, validated environment onto the nested config. */
export function toConfig(env: Env): Config {
  const base = {
    environment: env.MLCYCLE_ENVIRONMENT,
    taskHubName: env.TASK_HUB_NAME,
    logLevel: env.LOG_LEVEL,
    apiPageSizeMax: env.API_PAGE_SIZE_MAX,
    ...(env.MLCYCLE_PUBLIC_BASE_URL ? { publicBaseUrl: env.MLCYCLE_PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
    hooks: { ...(env.AIRFLOW_CALLBACK_SECRET ? { airflowSecret: env.AIRFLOW_CALLBACK_SECRET } : {}) },
    ...externalSystems(env),
  };
  if (env.MLCYCLE_ENVIRONMENT === 'local') {
    return {
      ...base,
      cosmos: { endpoint: env.COSMOS_ENDPOINT, database: env.COSMOS_DATABASE, createContainers: env.COSMOS_CREATE_CONTAINERS, ...tokenKey(env), auth: { kind: 'key', key: env.COSMOS_KEY } },
      queues: { runRequests: env.RUN_REQUESTS_QUEUE, runEvents: env.RUN_EVENTS_QUEUE, connection: { kind: 'connectionString', value: env.AzureWebJobsStorage } },
    };
  }
  return {
    ...base,
    cosmos: { endpoint: env.COSMOS_ENDPOINT, database: env.COSMOS_DATABASE, createContainers: env.COSMOS_CREATE_CONTAINERS, ...tokenKey(env), auth: { kind: 'managedIdentity', clientId: env.AZURE_CLIENT_ID } },
    queues: {
      runRequests: env.RUN_REQUESTS_QUEUE,
      runEvents: env.RUN_EVENTS_QUEUE,
      connection: { kind: 'managedIdentity', queueServiceUri: env.AzureWebJobsStorage__queueServiceUri, clientId: env.AzureWebJobsStorage__clientId },
    },
  };
}
