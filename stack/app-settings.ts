import type { Stack } from './start-stack.js';

/**
 * The app settings that point mlcycle at a running local stack: S3 (MinIO) for the DVC remote, Airflow 3 with the
 * shipped DAG (unpaused on first use), MLflow, and the local image mode. `airflowUrl` lets a test put a proxy in front.
 */
export function stackAppSettings(stack: Stack, opts: { imageDir: string; airflowUrl?: string }): Record<string, string> {
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
    MLFLOW_TRACKING_URI: stack.mlflow.url,
    IMAGE_MODE: 'local',
    LOCAL_IMAGE_REGISTRY_DIR: opts.imageDir,
  };
}
