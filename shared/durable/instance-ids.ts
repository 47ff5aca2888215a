/*
 * Names that tie a run to its Durable instances and to the external systems. Pure functions of the run id, so the
 * HTTP hooks (Airflow callback, ADO build hook), the cancel endpoint and retried activities all derive the same ids.
 * Run ids never contain ':' (ids.ts), so a derived instance id can never collide with another run's id.
 */

import { isSafeId } from '../domain/ids.js';

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

/**
 * True for an id of the form the app gives instances: a run id, optionally followed by `:` and one more part of the
 * same pattern. The Durable client refuses anything else (it puts instance ids into URLs as they are).
 */
export function isInstanceId(instanceId: string): boolean {
  const parts = instanceId.split(':');
  return parts.length <= 2 && parts.every(isSafeId);
}

/** True for an event name the Durable client can put into a URL as it is (the one id pattern). */
export const isEventName = (event: string): boolean => isSafeId(event);

/** The run id behind any of a run's instance ids. */
export function runIdOfInstance(instanceId: string): string {
  const i = instanceId.indexOf(':');
  return i < 0 ? instanceId : instanceId.slice(0, i);
}

/** The prefix of the `dag_run_id`s mlcycle gives Airflow. */
export const dagRunIdPrefix = 'mlcycle__';
/** Airflow `dag_run_id` for a run: a retried trigger finds the dag run it created (409 → GET) instead of adding one. */
export const dagRunIdFor = (runId: string): string => `${dagRunIdPrefix}${runId}`;
/**
 * The run id encoded in an Airflow `dag_run_id`, or null when the dag run was not started by mlcycle or what follows
 * the prefix is not a run id (the callback's body is untrusted: that part becomes a Durable instance id).
 */
export function runIdOfDagRun(dagRunId: string): string | null {
  if (!dagRunId.startsWith(dagRunIdPrefix)) return null;
  const runId = dagRunId.slice(dagRunIdPrefix.length);
  return isSafeId(runId) ? runId : null;
}

/** MLflow tag keys that link tracked runs and model versions back to the mlcycle run. */
export const mlflowTags = {
  runId: 'mlcycle.run_id',
  pipelineId: 'mlcycle.pipeline_id',
  commitSha: 'mlcycle.commit_sha',
  dataFingerprint: 'mlcycle.data_fingerprint',
  imageDigest: 'mlcycle.image_digest',
  /** The run's W3C traceparent: its trace in Application Insights (operation id = the trace id). */
  traceparent: 'mlcycle.traceparent',
} as const;

/** The id of a run's event (`key`: what happened, as a status or `stepFailed:<step>`), the same on every retry. */
export const runEventId = (runId: string, key: string): string => `${runId}:${key}`;
