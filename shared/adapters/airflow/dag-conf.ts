/*
 * The conf contract of the shipped DAG (`airflow/dags/mlcycle_dag/contract.py`: `runId`, `pipelineId`, `commit`,
 * `dataVersion`, `image`, `params`, `mlflow.{experimentName,trackingUri}`, `callbackUrl`, `codePath`, `entryPoint`,
 * `repoPath`). The training activity builds the app's own conf (`functions/activities/training.ts` `dagConf`); this
 * adds the contract's keys derived from it, without overwriting any the conf already has (a pipeline's conf defaults
 * can set `repoPath`, `codePath` or `entryPoint`). Airflow accepts keys its Params do not declare, and the DAG ignores
 * them, so the app's keys travel along unchanged.
 */

export interface DagConfOptions {
  /** The app's Airflow callback endpoint (sent only when configured). */
  callbackUrl?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The conf sent to Airflow: the given conf plus the DAG contract's keys. */
export function toDagConf(conf: Record<string, unknown>, opts: DagConfOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...conf };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && out[key] === undefined) out[key] = value;
  };
  set('runId', str(conf.mlcycle_run_id));
  set('pipelineId', str(conf.mlcycle_pipeline_id));
  set('commit', str(conf.commit_sha));
  set('dataVersion', str(conf.data_fingerprint));
  const experimentName = str(conf.mlflow_experiment_name);
  if (experimentName !== undefined) {
    const mlflow = typeof out.mlflow === 'object' && out.mlflow !== null ? (out.mlflow as Record<string, unknown>) : {};
    out.mlflow = { experimentName, ...mlflow };
  }
  set('callbackUrl', opts.callbackUrl);
  return out;
}

/** The mlcycle run id a dag run's conf names, under either convention. */
export function runIdInConf(conf: Record<string, unknown> | null | undefined): string | undefined {
  return str(conf?.runId) ?? str(conf?.mlcycle_run_id);
}

/** The commit a dag run's conf names, under either convention. */
export function commitInConf(conf: Record<string, unknown> | null | undefined): string | undefined {
  return str(conf?.commit) ?? str(conf?.commit_sha);
}
