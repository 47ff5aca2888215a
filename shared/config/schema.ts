import { z } from '../domain/zod.js';

/*
 * One zod schema over the flat environment (app settings). Parsed once at start-up by `loadConfig`; a bad
 * environment registers no functions (fail closed). Every key here is documented in `local.settings.sample.json`.
 */

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/ });
const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Settings whose values are secrets: never echoed in errors or logs. */
export const secretSettings = [
  'COSMOS_KEY',
  'AzureWebJobsStorage',
  'S3_SECRET_ACCESS_KEY',
  'AIRFLOW_PASSWORD',
  'MLFLOW_TRACKING_TOKEN',
  'ADO_PAT',
  'ADO_WEBHOOK_PASSWORD',
  'ADO_WEBHOOK_SECRET',
  'AIRFLOW_CALLBACK_SECRET',
] as const;

const common = {
  /** Durable task hub; also referenced from host.json as %TASK_HUB_NAME%. */
  TASK_HUB_NAME: z.string().regex(/^[A-Za-z][A-Za-z0-9]{2,44}$/, 'must be 3-45 letters or digits, starting with a letter').default('mlcycle'),
  COSMOS_ENDPOINT: url,
  COSMOS_DATABASE: z.string().min(1).max(255).default('mlcycle'),
  /** Create the database and containers at start-up (local stack). In Azure, Bicep creates them. */
  COSMOS_CREATE_CONTAINERS: bool.default(false),
  RUN_REQUESTS_QUEUE: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/).default('run-requests'),
  RUN_EVENTS_QUEUE: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/).default('run-events'),
  /** Base URL that links in API responses and PR comments point at. */
  MLCYCLE_PUBLIC_BASE_URL: url.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  API_PAGE_SIZE_MAX: intFrom(1, 1000).default(100),
  /** Shared secret the Airflow DAG sends to `POST /api/hooks/airflow` (header `X-Mlcycle-Secret`). Unset: the hook refuses every call. */
  AIRFLOW_CALLBACK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
};

/** On one machine: connection strings and keys for the emulators. */
const localSchema = z.object({
  MLCYCLE_ENVIRONMENT: z.literal('local'),
  ...common,
  COSMOS_KEY: z.string().min(1),
  AzureWebJobsStorage: z.string().min(1),
});

/** In Azure: endpoints plus a user-assigned managed identity; no keys anywhere. */
const azureSchema = z.object({
  MLCYCLE_ENVIRONMENT: z.literal('azure'),
  ...common,
  AZURE_CLIENT_ID: z.uuid(),
  AzureWebJobsStorage__queueServiceUri: url,
  AzureWebJobsStorage__credential: z.literal('managedidentity'),
  AzureWebJobsStorage__clientId: z.uuid(),
});

/** The environment schema: a discriminated union on MLCYCLE_ENVIRONMENT. */
export const envSchema = z.discriminatedUnion('MLCYCLE_ENVIRONMENT', [localSchema, azureSchema]);
export type Env = z.infer<typeof envSchema>;

/** Settings every Azure deployment must provide (those without a default), read off the schema itself. */
export function requiredAzureSettings(): string[] {
  return Object.entries(azureSchema.shape)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k);
}
