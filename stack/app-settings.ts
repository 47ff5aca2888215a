import { trainingDagId } from './airflow-server.js';
import { exampleCodePath, exampleDockerfile } from './example-repo.js';
import { exampleImagePipelineId, type LocalAzureDevOps } from './local-azure-devops.js';
import type { Stack } from './start-stack.js';

/**
 * The app settings that point mlcycle at a running local stack: S3 (MinIO) for the DVC remote, Airflow 3 with the
 * shipped DAG (unpaused on first use), MLflow, the OCI registry (basic auth) and Azure DevOps (the stand-in, with
 * the example's image pipeline as the default). `airflowUrl` and `mlflowUrl` let a test put a proxy in front.
 */
export function stackAppSettings(stack: Stack, opts: { ado: LocalAzureDevOps; airflowUrl?: string; mlflowUrl?: string }): Record<string, string> {
  const airflow = stack.airflow;
  if (!airflow) throw new Error('the stack started without Airflow');
  return {
    S3_ENDPOINT: stack.s3.url,
    S3_REGION: stack.s3.region,
    S3_ACCESS_KEY_ID: stack.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: stack.s3.secretAccessKey,
    AIRFLOW_BASE_URL: opts.airflowUrl ?? airflow.url,
    AIRFLOW_API_VERSION: '3',
    AIRFLOW_USERNAME: airflow.username,
    AIRFLOW_PASSWORD: airflow.password,
    AIRFLOW_UNPAUSE_DAGS: 'true',
    MLFLOW_TRACKING_URI: opts.mlflowUrl ?? stack.mlflow.url,
    ADO_BASE_URL: opts.ado.standIn.url,
    ADO_PAT: opts.ado.pat,
    ADO_WEBHOOK_SECRET: opts.ado.webhookSecret,
    REGISTRY_LOGIN_SERVER: stack.registry.host,
    REGISTRY_USERNAME: stack.registry.username,
    REGISTRY_PASSWORD: stack.registry.password,
  };
}

/**
 * The example pipeline as registered against a running local stack: its source in the Azure DevOps stand-in, its
 * image built by the example's image pipeline into the stack's registry, trained by the shipped DAG, tracked in
 * MLflow under `id`, promoted on AUC (plus whatever `policy` adds).
 */
export function stackPipelineSpec(stack: Stack, ado: LocalAzureDevOps, id: string, opts: { displayName: string; policy?: Record<string, unknown> }): Record<string, unknown> {
  return {
    displayName: opts.displayName,
    source: ado.source,
    training: { codePath: exampleCodePath, dockerfile: exampleDockerfile },
    data: { dvcFiles: ['data.dvc'] },
    image: { registry: stack.registry.host, repository: `training/${id}`, buildPipelineId: exampleImagePipelineId },
    airflow: { dagId: trainingDagId, conf: {} },
    mlflow: { experimentName: id, registeredModelName: id },
    policy: { primaryMetric: { name: 'auc', direction: 'maximize' }, minAbsoluteImprovement: 0, ...opts.policy },
  };
}
