/*
 * The conf contract of the shipped DAG (`airflow/dags/mlcycle_dag/contract.py`: `runId`, `pipelineId`, `commit`,
 * `dataVersion`, `image`, `params`, `mlflow.{experimentName,trackingUri}`, `callbackUrl`, `codePath`, `entryPoint`,
 * `repoPath`). The training activity builds it (`functions/activities/training.ts` `dagConf`); the adapter adds only
 * what it alone knows, the app's callback endpoint.
 */

export interface DagConfOptions {
  /** The app's Airflow callback endpoint (sent only when configured). */
  callbackUrl?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The conf sent to Airflow: the app's conf plus the callback URL (a pipeline's own `callbackUrl` is kept). */
export function toDagConf(conf: Record<string, unknown>, opts: DagConfOptions = {}): Record<string, unknown> {
  return opts.callbackUrl !== undefined && conf.callbackUrl === undefined ? { ...conf, callbackUrl: opts.callbackUrl } : { ...conf };
}

/** The mlcycle run id a dag run's conf names. */
export function runIdInConf(conf: Record<string, unknown> | null | undefined): string | undefined {
  return str(conf?.runId);
}

/** The commit a dag run's conf names. */
export function commitInConf(conf: Record<string, unknown> | null | undefined): string | undefined {
  return str(conf?.commit);
}
