import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Run } from '../../shared/domain/run.js';
import { dagRunIdFor } from '../../shared/durable/instance-ids.js';
import type { pollTraining, startTraining } from './contracts.js';
import { completeStep, inStep, loadRun, snapshotOf, updateRun } from '../../shared/use-cases/run-record.js';

/**
 * The dag run's `conf`, in the shipped DAG's contract (`airflow/dags/mlcycle_dag/contract.py`): the pipeline's conf
 * defaults (e.g. `entryPoint`), then what ties the training to this run: the image by digest (what trains is exactly
 * what the lineage names) and the data pointers (the `.dvc` files and `dvc.lock` at the commit, and the remote),
 * which travel with the run because the image holds only the training code and serves every data version. The
 * Airflow adapter adds `callbackUrl`.
 */
export function dagConf(run: Run, dvcFiles: Record<string, string>): Record<string, unknown> {
  const p = snapshotOf(run);
  const image = run.lineage.image;
  if (!image?.digest) throw new AppError('INTERNAL', `Run '${run.id}' has no image digest to train from`);
  const remoteUrl = run.lineage.data?.remoteUrl ?? p.data.remoteUrl;
  return {
    ...p.airflow.conf,
    runId: run.id,
    pipelineId: run.pipelineId,
    commit: run.lineage.commitSha,
    dataVersion: run.lineage.data?.fingerprint ?? '',
    image: `${image.registry}/${image.repository}@${image.digest}`,
    data: { ...(remoteUrl !== undefined ? { remoteUrl } : {}), files: dvcFiles },
    params: run.params,
    mlflow: { experimentName: p.mlflow.experimentName },
    // The run's trace: the DAG logs it and the training tags its MLflow run with it (`mlcycle.traceparent`).
    ...(run.traceparent !== undefined ? { traceparent: run.traceparent } : {}),
  };
}

/** The pipeline's DVC files at the run's commit (read again here: the run record keeps hashes, not file texts). */
async function dvcFilesAt(services: Pick<Services, 'source'>, run: Run): Promise<Record<string, string>> {
  const p = snapshotOf(run);
  const commit = run.lineage.commitSha;
  if (!commit) throw new AppError('INTERNAL', `Run '${run.id}' has no commit to train`);
  const files: Record<string, string> = {};
  for (const path of p.data.dvcFiles) {
    const text = await services.source.readFile(p.source, commit, path);
    if (text === null) throw new AppError('PERMANENT', `${path} does not exist at commit ${commit.slice(0, 12)}`);
    files[path] = text;
  }
  return files;
}

/** Step 4 starts: trigger the dag run with the id derived from the run id (a retry finds it instead of adding one). */
export function startTrainingActivity(services: Pick<Services, 'runs' | 'now' | 'tracing' | 'scheduler' | 'source'>) {
  return (input: z.output<typeof startTraining.input>): Promise<z.input<typeof startTraining.output>> =>
    inStep(services, input.runId, 'train', async (run) => {
      const p = snapshotOf(run);
      const dagRunId = dagRunIdFor(run.id);
      const started = await services.scheduler.trigger({ dagId: p.airflow.dagId, dagRunId, conf: dagConf(run, await dvcFilesAt(services, run)) });
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
export function pollTrainingActivity(services: Pick<Services, 'runs' | 'now' | 'scheduler'>) {
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
