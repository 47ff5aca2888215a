/*
 * Names that tie a run to its Durable instances and to the external systems. Pure functions of the run id, so the
 * HTTP hooks (Airflow callback, ADO build hook), the cancel endpoint and retried activities all derive the same ids.
 * Run ids never contain ':' (ids.ts), so a derived instance id can never collide with another run's id.
 */

/** Orchestrator function names. */
export const orchestratorNames = {
  trainingRun: 'trainingRun',
  awaitTraining: 'awaitTraining',
  awaitImageBuild: 'awaitImageBuild',
} as const;

/** External event names the orchestrations wait for. */
export const eventNames = {
  trainingFinished: 'training-finished',
  imageBuilt: 'image-built',
  approval: 'approval',
} as const;

/** The main orchestration's instance id is the run id itself. */
export const runInstanceId = (runId: string): string => runId;
/** The sub-orchestration that triggers training and waits for it; `training-finished` is raised here. */
export const trainingInstanceId = (runId: string): string => `${runId}:train`;
/** The sub-orchestration that waits for an image build; `image-built` is raised here. */
export const imageInstanceId = (runId: string): string => `${runId}:image`;
/** Every instance a run may own (terminating a parent does not terminate its sub-orchestrations). */
export const runInstanceIds = (runId: string): string[] => [runInstanceId(runId), trainingInstanceId(runId), imageInstanceId(runId)];

/** The run id behind any of a run's instance ids. */
export function runIdOfInstance(instanceId: string): string {
  const i = instanceId.indexOf(':');
  return i < 0 ? instanceId : instanceId.slice(0, i);
}

/** Airflow `dag_run_id` for a run: a retried trigger finds the dag run it created (409 → GET) instead of adding one. */
export const dagRunIdFor = (runId: string): string => `mlcycle__${runId}`;
/** The run id encoded in an Airflow `dag_run_id`, or null when the dag run was not started by mlcycle. */
export function runIdOfDagRun(dagRunId: string): string | null {
  return dagRunId.startsWith('mlcycle__') ? dagRunId.slice('mlcycle__'.length) : null;
}

/** MLflow tag keys that link tracked runs and model versions back to the mlcycle run. */
export const mlflowTags = {
  runId: 'mlcycle.run_id',
  pipelineId: 'mlcycle.pipeline_id',
  commitSha: 'mlcycle.commit_sha',
  dataFingerprint: 'mlcycle.data_fingerprint',
  imageDigest: 'mlcycle.image_digest',
} as const;

/** The id of the outbound run event for a status, so a redelivered report publishes the same event id. */
export const runEventId = (runId: string, status: string): string => `${runId}:${status}`;
