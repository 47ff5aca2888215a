import { z } from '../domain/zod.js';
import { registryHostMaxLength, registryHostPattern } from '../domain/image-ref.js';

/*
 * One zod schema over the flat environment (app settings). Parsed once at start-up by `loadConfig`; a bad
 * environment registers no functions (fail closed). Every key here is documented in `local.settings.sample.json`.
 */

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/ });
const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** An optional setting; an empty value (as `local.settings.json` templates carry) counts as absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Settings whose values are secrets: never echoed in errors or logs. */
export const secretSettings = [
  'COSMOS_KEY',
  'AzureWebJobsStorage',
  'S3_SECRET_ACCESS_KEY',
  'AIRFLOW_PASSWORD',
  'MLFLOW_TRACKING_TOKEN',
  'ADO_PAT',
  'REGISTRY_PASSWORD',
  'ADO_WEBHOOK_SECRET',
  'AZURE_MONITOR_WEBHOOK_SECRET',
  'AIRFLOW_CALLBACK_SECRET',
  'CONTINUATION_TOKEN_KEY',
  'MLCYCLE_API_KEYS',
  // Not APPLICATIONINSIGHTS_CONNECTION_STRING: its instrumentation key is an identifier, not a credential (Azure
  // Monitor's connection-string documentation says so); protecting ingestion is Entra-authenticated ingestion's job.
] as const;

const common = {
  /** Durable task hub; also referenced from host.json as %TASK_HUB_NAME%. */
  TASK_HUB_NAME: z.string().regex(/^[A-Za-z][A-Za-z0-9]{2,44}$/, 'must be 3-45 letters or digits, starting with a letter').default('mlcycle'),
  COSMOS_DATABASE: z.string().min(1).max(255).default('mlcycle'),
  /** Create the database and containers at start-up (local stack). In Azure, Bicep creates them. */
  COSMOS_CREATE_CONTAINERS: bool.default(false),
  RUN_REQUESTS_QUEUE: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/).default('run-requests'),
  RUN_EVENTS_QUEUE: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/).default('run-events'),
  /** Where accepted Azure DevOps service-hook deliveries wait to be acted on (the hook answers at once). */
  ADO_HOOKS_QUEUE: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/).default('ado-hooks'),
  /** Base URL that links in API responses and PR comments point at. */
  MLCYCLE_PUBLIC_BASE_URL: url.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Application Insights: spans go there through the Azure Monitor OpenTelemetry distro (docs/observability.md). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: optional(z.string().min(1).max(2048)),
  /** Entra ingestion (the deployment disables local auth): `Authorization=AAD`, with `ClientId=<id>;` for a user-assigned identity. */
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: optional(z.string().regex(/^(ClientId=[^;]+;)?Authorization=AAD$/, 'must be "ClientId=<client id>;Authorization=AAD" or "Authorization=AAD"')),
  /** Locally: an OTLP/HTTP collector for the same spans (the exporter reads it, and OTEL_EXPORTER_OTLP_HEADERS, itself). */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(url),
  /** Locally: print spans on the console (when neither of the above is set). */
  OTEL_TRACES_CONSOLE: bool.default(false),
  API_PAGE_SIZE_MAX: intFrom(1, 1000).default(100),
  /** Key that signs the continuation tokens of list endpoints; every instance must share it. Unset: a random key per process. */
  CONTINUATION_TOKEN_KEY: optional(z.string().min(32, 'must be at least 32 characters')),
  /** Shared secret the Airflow DAG sends to `POST /api/hooks/airflow` (header `X-Mlcycle-Callback-Secret`). Unset: the hook refuses every call. */
  AIRFLOW_CALLBACK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Secret of the Azure DevOps service hooks (`POST /api/hooks/azure-devops`): the subscription's basic-auth password
   * (user ADO_WEBHOOK_USERNAME) or the `X-Mlcycle-Webhook-Secret` header. Unset: the hook refuses every call.
   */
  ADO_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters').max(1024)),
  ADO_WEBHOOK_USERNAME: z.string().min(1).max(256).default('mlcycle'),
  /**
   * Secret of the Azure Monitor alert webhook (`POST /api/hooks/azure-monitor`): the `X-Mlcycle-Webhook-Secret`
   * header or the `secret` query parameter (an action group's webhook cannot set headers). Unset: the hook refuses every call.
   */
  AZURE_MONITOR_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters').max(1024)),
  /**
   * Keys machines present (`x-functions-key` header or `code` query parameter) to call the API as operators,
   * comma-separated so that a new key can be added before the old one is removed. Unset: only signed-in people get in.
   */
  MLCYCLE_API_KEYS: optional(
    z
      .string()
      .max(4096)
      .transform((v) => v.split(',').map((k) => k.trim()).filter((k) => k.length > 0))
      .pipe(z.array(z.string().min(12, 'each key must be at least 12 characters').regex(/^[A-Za-z0-9._~+/=-]+$/, 'each key must be URL-safe')).min(1)),
  ),
  /**
   * Who signs people in: `app-service` when App Service Authentication (or the dev host standing in for it) fronts the
   * app and passes the signed-in principal in `X-MS-CLIENT-PRINCIPAL`; `off` ignores that header (keys only).
   */
  MLCYCLE_SIGN_IN: optional(z.enum(['app-service', 'off'])),
  /** Deadline of one attempt of every outbound call (S3, Airflow, MLflow, registry, Azure DevOps, git, Cosmos DB, queues); a late attempt fails as TRANSIENT and is retried. */
  OUTBOUND_TIMEOUT_SECONDS: intFrom(1, 600).default(30),
  /** Deadline for opening a connection (S3, Cosmos DB), within OUTBOUND_TIMEOUT_SECONDS. */
  OUTBOUND_CONNECT_TIMEOUT_SECONDS: intFrom(1, 120).default(5),
  ...externalSystems(),
};

/**
 * The external systems a run touches (docs/architecture.md, "The run"). Each group is optional: when it is absent the composition root keeps
 * an unconfigured stand-in, and a run fails that step with a CONFIG error naming the settings.
 */
function externalSystems() {
  return {
    /** S3-compatible store holding the DVC remotes (MinIO: path-style addressing on a custom endpoint). */
    S3_ENDPOINT: optional(url),
    S3_REGION: z.string().min(1).max(64).default('us-east-1'),
    S3_ACCESS_KEY_ID: optional(z.string().min(1).max(256)),
    S3_SECRET_ACCESS_KEY: optional(z.string().min(1).max(1024)),
    S3_FORCE_PATH_STYLE: bool.default(true),
    /** HEAD requests in flight at once while checking that DVC objects were pushed. */
    S3_MAX_CONCURRENCY: intFrom(1, 128).default(16),
    /** Airflow webserver/API server root, e.g. http://127.0.0.1:8080 (without /api/v1 or /api/v2). */
    AIRFLOW_BASE_URL: optional(url),
    AIRFLOW_API_VERSION: z.enum(['2', '3']).default('3'),
    AIRFLOW_USERNAME: optional(z.string().min(1).max(256)),
    AIRFLOW_PASSWORD: optional(z.string().min(1).max(1024)),
    AIRFLOW_UNPAUSE_DAGS: bool.default(false),
    /** Where the DAG posts its final state; default `${MLCYCLE_PUBLIC_BASE_URL}/api/hooks/airflow`. */
    AIRFLOW_CALLBACK_URL: optional(url),
    /** MLflow tracking server root, e.g. http://127.0.0.1:5000 (REST under /api/2.0/mlflow). */
    MLFLOW_TRACKING_URI: optional(url),
    MLFLOW_TRACKING_TOKEN: optional(z.string().min(1).max(4096)),
    /** How long registering a model version may wait for status READY. */
    MLFLOW_MODEL_READY_TIMEOUT_SECONDS: intFrom(1, 3600).default(300),
    /** Azure DevOps Services root; an organization's URL is `<root>/<organization>` (a local stand-in's URL on one machine). */
    ADO_BASE_URL: optional(url),
    /** PAT for Azure Repos (Code: read & write, for pull-request feedback) and Pipelines (Build: read & execute). Unset in Azure: the managed identity's Entra token. */
    ADO_PAT: optional(z.string().min(1).max(1024)),
    /** Where the image pipeline lives when not beside the source (organization and project names). */
    ADO_BUILD_ORGANIZATION: optional(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,48}[A-Za-z0-9]?$/, 'must be an Azure DevOps organization name')),
    ADO_BUILD_PROJECT: optional(z.string().min(1).max(64)),
    /** The Azure Pipelines pipeline that builds training images, for pipelines that name none (`image.buildPipelineId`). */
    ADO_IMAGE_PIPELINE_ID: optional(intFrom(1, 2_147_483_647)),
    /** The registry the app authenticates to (host[:port]); other registries a pipeline names are read anonymously. */
    REGISTRY_LOGIN_SERVER: optional(z.string().max(registryHostMaxLength).regex(registryHostPattern, 'must be a registry host such as myacr.azurecr.io')),
    /** Basic credentials for REGISTRY_LOGIN_SERVER (ACR token or admin user, a local registry's htpasswd user). Unset in Azure: the managed identity. */
    REGISTRY_USERNAME: optional(z.string().min(1).max(256)),
    REGISTRY_PASSWORD: optional(z.string().min(1).max(1024)),
  };
}

/** Settings that only make sense together: both halves of a credential pair. */
function externalSystemsConsistent(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const pairs: [string, string][] = [
    ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
    ['AIRFLOW_USERNAME', 'AIRFLOW_PASSWORD'],
    ['REGISTRY_USERNAME', 'REGISTRY_PASSWORD'],
  ];
  for (const [a, b] of pairs) {
    if ((env[a] === undefined) !== (env[b] === undefined)) {
      const missing = env[a] === undefined ? a : b;
      ctx.addIssue({ code: 'custom', path: [missing], message: `is required together with ${missing === a ? b : a}` });
    }
  }
}

/** Locally the stores are either a Cosmos DB (endpoint and key) or the on-disk local store, never both. */
function localStoreConsistent(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (env.MLCYCLE_LOCAL_STORE_DIR !== undefined) {
    if (env.COSMOS_ENDPOINT !== undefined) ctx.addIssue({ code: 'custom', path: ['MLCYCLE_LOCAL_STORE_DIR'], message: 'cannot be set together with COSMOS_ENDPOINT' });
    return;
  }
  for (const key of ['COSMOS_ENDPOINT', 'COSMOS_KEY']) {
    if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required unless MLCYCLE_LOCAL_STORE_DIR is set' });
  }
}

/*
 * The Durable Task Scheduler backend (Azure only; docs/durable-backend.md). The Bicep writes these three settings
 * together, and the Functions host reads them in place of host.json's storage provider; the app reads them only to
 * know which backend it runs on, and refuses a half-written or keyed connection rather than let the host guess.
 */
const schedulerProviderType = 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type';
const schedulerConnectionName = 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName';
/** `Endpoint=https://…;Authentication=ManagedIdentity;ClientID=<uuid>`: identity only, no key in any form. */
const schedulerConnection = z
  .string()
  .max(1024)
  .regex(
    /^Endpoint=https:\/\/[A-Za-z0-9.-]+(?::\d+)?\/?;Authentication=ManagedIdentity;ClientID=[0-9a-fA-F-]{36}$/,
    'must be Endpoint=https://<scheduler>;Authentication=ManagedIdentity;ClientID=<client id>',
  );
const durableTaskScheduler = {
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: optional(schedulerConnection),
  [schedulerProviderType]: optional(z.literal('azureManaged')),
  [schedulerConnectionName]: optional(z.literal('DURABLE_TASK_SCHEDULER_CONNECTION_STRING')),
} as const;

/** The scheduler's three settings come together, and its connection uses the app's own identity. */
function durableBackendConsistent(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const keys = ['DURABLE_TASK_SCHEDULER_CONNECTION_STRING', schedulerProviderType, schedulerConnectionName];
  const present = keys.filter((k) => env[k] !== undefined);
  if (present.length === 0) return;
  for (const k of keys) {
    if (env[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `is required together with ${present.join(', ')}` });
  }
  const connection = env.DURABLE_TASK_SCHEDULER_CONNECTION_STRING;
  if (schedulerConnection.safeParse(connection).success && !String(connection).toLowerCase().endsWith(`;clientid=${String(env.AZURE_CLIENT_ID).toLowerCase()}`)) {
    ctx.addIssue({ code: 'custom', path: ['DURABLE_TASK_SCHEDULER_CONNECTION_STRING'], message: 'must name the app identity (AZURE_CLIENT_ID) as ClientID' });
  }
}

/** On one machine: connection strings and keys for the emulators. */
const localSchema = z.object({
  MLCYCLE_ENVIRONMENT: z.literal('local'),
  ...common,
  COSMOS_ENDPOINT: optional(url),
  COSMOS_KEY: z.string().min(1).optional(),
  /** The on-disk store behind the store ports (local only: the dev host sets it when no COSMOS_ENDPOINT is given). */
  MLCYCLE_LOCAL_STORE_DIR: optional(z.string().min(1).max(1024)),
  AzureWebJobsStorage: z.string().min(1),
})
  .superRefine(externalSystemsConsistent)
  .superRefine(localStoreConsistent);

/** In Azure: endpoints plus a user-assigned managed identity; no keys anywhere. */
const azureSchema = z.object({
  MLCYCLE_ENVIRONMENT: z.literal('azure'),
  ...common,
  COSMOS_ENDPOINT: url,
  AZURE_CLIENT_ID: z.uuid(),
  AzureWebJobsStorage__queueServiceUri: url,
  AzureWebJobsStorage__credential: z.literal('managedidentity'),
  AzureWebJobsStorage__clientId: z.uuid(),
  ...durableTaskScheduler,
})
  .superRefine(externalSystemsConsistent)
  .superRefine(durableBackendConsistent);

/** The environment schema: a discriminated union on MLCYCLE_ENVIRONMENT. */
export const envSchema = z.discriminatedUnion('MLCYCLE_ENVIRONMENT', [localSchema, azureSchema]);
export type Env = z.infer<typeof envSchema>;

/** Settings every Azure deployment must provide (those without a default), read off the schema itself. */
export function requiredAzureSettings(): string[] {
  return Object.entries(azureSchema.shape)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k);
}
