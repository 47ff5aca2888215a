import { airflowToken, trainingDagId } from '../../../stack/index.js';
import { filterLiteral, tagIdentifier } from '../../../shared/adapters/mlflow/filter.js';
import { MlflowClient } from '../../../shared/adapters/mlflow/mlflow-client.js';
import { toRecord } from '../../../shared/adapters/mlflow/mlflow-schemas.js';
import { mlflowTags } from '../../../shared/durable/instance-ids.js';
import type { Run } from '../../../shared/domain/run.js';
import type { LifecycleRecord } from '../../../shared/domain/pipeline-state.js';
import type { CrashWorld } from './crash-world.js';

/*
 * Did a run that went through kills end as it would have without them? Read from the systems themselves: Airflow's
 * dag runs, MLflow's runs, model versions and aliases, and the app's run record and lifecycle records. Every fact
 * that does not hold is a problem named in words.
 */

export interface RunVerdict {
  runId: string;
  pipelineId: string;
  status: string;
  outcome: string | undefined;
  problems: string[];
}

interface DagRun {
  dag_run_id: string;
  state: string;
  conf?: { runId?: string } | null;
}

interface Lifecycle {
  champion?: { version: string; runId?: string };
  formerChampions: { version: string; runId?: string }[];
  items: LifecycleRecord[];
}

/** The training DAG's runs, as Airflow lists them. */
async function dagRuns(world: CrashWorld): Promise<DagRun[]> {
  const af = world.stack.airflow;
  if (!af) throw new Error('the stack has no Airflow');
  const token = await airflowToken(af.url, af.username, af.password);
  const res = await fetch(`${af.url}/api/v2/dags/${trainingDagId}/dagRuns?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`Airflow dag runs: ${res.status}`);
  return ((await res.json()) as { dag_runs: DagRun[] }).dag_runs;
}

/** Check each run: terminal as without a crash, one dag run, one MLflow run, one model version and alias move if promoted. */
export async function verifyRuns(world: CrashWorld, runIds: readonly string[]): Promise<RunVerdict[]> {
  const mlflow = new MlflowClient({ trackingUri: world.stack.mlflow.url });
  const dags = await dagRuns(world);
  const runs: Run[] = [];
  for (const id of runIds) runs.push(await world.getRun(id));
  const lifecycles = new Map<string, Lifecycle>();
  for (const p of new Set(runs.map((r) => r.pipelineId))) {
    const res = await world.call(`/api/pipelines/${p}/lifecycle?limit=100`);
    lifecycles.set(p, (await res.json()) as Lifecycle);
  }

  const verdicts: RunVerdict[] = [];
  for (const run of runs) {
    const problems: string[] = [];
    const p = run.pipelineId;
    if (run.status !== 'succeeded') problems.push(`status ${run.status}: ${run.reason ?? ''}`);
    for (const s of run.steps) if (s.name !== 'promote' && s.status !== 'succeeded') problems.push(`step ${s.name} ${s.status}`);

    const mine = dags.filter((d) => d.dag_run_id === `mlcycle__${run.id}` || d.conf?.runId === run.id);
    if (mine.length !== 1) problems.push(`${mine.length} Airflow dag runs`);
    else if (mine[0]?.state !== 'success') problems.push(`dag run ${mine[0]?.state ?? '?'}`);

    const experimentId = await mlflow.experimentIdByName(p);
    const tagged = `${tagIdentifier(mlflowTags.runId)} = ${filterLiteral(run.id)}`;
    const mlRuns = experimentId ? await mlflow.searchRuns([experimentId], tagged) : [];
    if (mlRuns.length !== 1) problems.push(`${mlRuns.length} MLflow runs`);

    const promoted = run.lineage.model?.version;
    const versions = (await mlflow.searchModelVersions(`name = ${filterLiteral(p)} and ${tagged}`)).filter((v) => toRecord(v.tags)[mlflowTags.runId] === run.id);
    if (versions.length !== (promoted ? 1 : 0)) problems.push(`${versions.length} model versions (promoted: ${promoted ?? 'no'})`);
    else if (promoted && versions[0]?.version !== promoted) problems.push(`model version ${versions[0]?.version ?? '?'} is not the recorded ${promoted}`);

    const life = lifecycles.get(p);
    const moves = (life?.items ?? []).filter((r) => r.kind === 'promoted' && r.runId === run.id);
    if (moves.length !== (promoted ? 1 : 0)) problems.push(`${moves.length} promotion records`);
    const inHistory = [...(life?.champion ? [life.champion] : []), ...(life?.formerChampions ?? [])].filter((c) => c.runId === run.id);
    if (inHistory.length !== (promoted ? 1 : 0)) problems.push(`${inHistory.length} entries in the champion history`);
    verdicts.push({ runId: run.id, pipelineId: p, status: run.status, outcome: run.decision?.outcome, problems });
  }

  // Each pipeline's champion alias ends on its last promoted run's version, and its history moved once per promotion.
  for (const [p, life] of lifecycles) {
    const last = runs.filter((r) => r.pipelineId === p && r.lineage.model?.version).at(-1);
    if (!last) continue;
    const alias = await mlflow.getByAlias(p, 'champion');
    if (alias?.version !== last.lineage.model?.version || life.champion?.runId !== last.id) {
      verdicts.find((v) => v.runId === last.id)?.problems.push(`champion alias at ${alias?.version ?? 'none'}, history at ${life.champion?.version ?? 'none'}`);
    }
  }
  return verdicts;
}
