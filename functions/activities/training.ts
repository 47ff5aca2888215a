import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Run } from '../../shared/domain/run.js';
import { dagRunIdFor, mlflowTags } from '../../shared/durable/instance-ids.js';
import type { pollTraining, startTraining } from './contracts.js';
import { completeStep, inStep, loadRun, snapshotOf, updateRun } from './run-record.js';

/**
 * The dag run's `conf`: the pipeline's defaults, then what ties the training to this run. The DAG reads
 * `mlcycle_run_id` (MLflow tag and callback), the image reference, the commit, the data fingerprint and `params`.
 */
export function dagConf(run: Run): Record<string, unknown> {
  const p = snapshotOf(run);
  const image = run.lineage.image;
  return {
    ...p.airflow.conf,
    mlcycle_run_id: run.id,
    mlcycle_pipeline_id: run.pipelineId,
    commit_sha: run.lineage.commitSha,
    data_fingerprint: run.lineage.data?.fingerprint,
    image: image ? `${image.registry}/${image.repository}${image.digest ? `@${image.digest}` : `:${image.tag}`}` : undefined,
    mlflow_experiment_name: p.mlflow.experimentName,
    mlflow_tags: { [mlflowTags.runId]: run.id, [mlflowTags.pipelineId]: run.pipelineId },
    params: run.params,
  };
}

/** Step 4 starts: trigger the dag run with the id derived from the run id (a retry finds it instead of adding one). */
export function startTrainingActivity(services: Services) {
  return (input: z.output<typeof startTraining.input>): Promise<z.input<typeof startTraining.output>> =>
    inStep(services, input.runId, 'train', async (run) => {
      const p = snapshotOf(run);
      const dagRunId = dagRunIdFor(run.id);
      const started = await services.scheduler.trigger({ dagId: p.airflow.dagId, dagRunId, conf: dagConf(run) });
      const after = await updateRun(services, run, (r) => ({
        ...r,
        lineage: { ...r.lineage, airflow: { dagId: p.airflow.dagId, dagRunId, state: started.state, ...(started.url !== undefined ? { url: started.url } : {}) } },
      }));
      // A cancel that landed while we were triggering would leave a dag run behind: stop it ourselves.
      if (after.status === 'cancelled') {
        await services.scheduler.markFailed(p.airflow.dagId, dagRunId);
        throw new AppError('PERMANENT', `Run '${run.id}' was cancelled`);
      }
      return { dagRunId, state: started.state };
    });
}

/** Check the dag run; on success complete step 4. */
export function pollTrainingActivity(services: Services) {
  return async (input: z.output<typeof pollTraining.input>): Promise<z.input<typeof pollTraining.output>> => {
    const run = await loadRun(services, input.runId);
    const p = snapshotOf(run);
    const dagRunId = dagRunIdFor(run.id);
    const r = await services.scheduler.getRun(p.airflow.dagId, dagRunId);
    const airflow = { dagId: p.airflow.dagId, dagRunId, state: r.state, ...(r.url !== undefined ? { url: r.url } : {}) };
    if (r.state === 'queued' || r.state === 'running') return { state: 'running' };
    if (r.state === 'failed') {
      await updateRun(services, run, (x) => ({ ...x, lineage: { ...x.lineage, airflow } }));
      return { state: 'failed', error: r.error ?? `Airflow dag run ${dagRunId} failed` };
    }
    await completeStep(services, run, 'train', { dagRunId, state: r.state }, (x) => ({ ...x, lineage: { ...x.lineage, airflow } }));
    return { state: 'succeeded' };
  };
}
