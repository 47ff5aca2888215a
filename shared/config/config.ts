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
    auth: { kind: 'key'; key: string } | { kind: 'managedIdentity'; clientId: string };
  };
  queues: {
    runRequests: string;
    runEvents: string;
    connection: { kind: 'connectionString'; value: string } | { kind: 'managedIdentity'; queueServiceUri: string; clientId: string };
  };
}

/** Map the flat, validated environment onto the nested config. */
export function toConfig(env: Env): Config {
  const base = {
    environment: env.MLCYCLE_ENVIRONMENT,
    taskHubName: env.TASK_HUB_NAME,
    logLevel: env.LOG_LEVEL,
    apiPageSizeMax: env.API_PAGE_SIZE_MAX,
    ...(env.MLCYCLE_PUBLIC_BASE_URL ? { publicBaseUrl: env.MLCYCLE_PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
    hooks: { ...(env.AIRFLOW_CALLBACK_SECRET ? { airflowSecret: env.AIRFLOW_CALLBACK_SECRET } : {}) },
  };
  if (env.MLCYCLE_ENVIRONMENT === 'local') {
    return {
      ...base,
      cosmos: { endpoint: env.COSMOS_ENDPOINT, database: env.COSMOS_DATABASE, createContainers: env.COSMOS_CREATE_CONTAINERS, auth: { kind: 'key', key: env.COSMOS_KEY } },
      queues: { runRequests: env.RUN_REQUESTS_QUEUE, runEvents: env.RUN_EVENTS_QUEUE, connection: { kind: 'connectionString', value: env.AzureWebJobsStorage } },
    };
  }
  return {
    ...base,
    cosmos: { endpoint: env.COSMOS_ENDPOINT, database: env.COSMOS_DATABASE, createContainers: env.COSMOS_CREATE_CONTAINERS, auth: { kind: 'managedIdentity', clientId: env.AZURE_CLIENT_ID } },
    queues: {
      runRequests: env.RUN_REQUESTS_QUEUE,
      runEvents: env.RUN_EVENTS_QUEUE,
      connection: { kind: 'managedIdentity', queueServiceUri: env.AzureWebJobsStorage__queueServiceUri, clientId: env.AzureWebJobsStorage__clientId },
    },
  };
}
