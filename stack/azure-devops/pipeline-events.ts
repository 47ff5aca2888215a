import type { StandInEvent } from './events.js';
import { projectGuid, repoGuid } from './projects.js';

/*
 * The events a pipeline run raises: `ms.vss-pipelines.run-state-changed-event` (publisher `pipelines`) when it
 * starts and when it completes, and `build.complete` (publisher `tfs`, the Build REST object) when it completes.
 */

/** What the events need to know about a run and its pipeline. */
export interface RunFacts {
  organization: string;
  project: string;
  /** The repository's name (the pipeline's `self` repository). */
  repository: string;
  pipeline: { id: number; name: string };
  /** The run as `GET .../pipelines/{id}/runs/{runId}` answers it. */
  run: Record<string, unknown> & { id: number; name: string; state: string; result?: string };
  refName: string;
  version: string;
  createdDate: string;
  finishedDate?: string;
}

const titleCase = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** `ms.vss-pipelines.run-state-changed-event` for the run's current state. */
export function runStateChanged(f: RunFacts, orgUrl: string): StandInEvent {
  const projectId = projectGuid(f.organization, f.project);
  const pipeline = f.run.pipeline as Record<string, unknown>;
  const state = f.run.state === 'canceling' ? 'Canceling' : titleCase(f.run.state);
  const done = f.run.result === undefined ? `is ${f.run.state === 'inProgress' ? 'in progress' : f.run.state}` : f.run.result;
  return {
    eventType: 'ms.vss-pipelines.run-state-changed-event',
    publisherId: 'pipelines',
    resourceVersion: '5.1-preview.1',
    organization: f.organization,
    projectId,
    message: `Run ${f.run.name} ${done}.`,
    resource: {
      run: f.run,
      pipeline,
      repositories: [
        {
          alias: 'self',
          id: repoGuid(f.organization, f.project, f.repository),
          type: 'Git',
          change: { version: f.version, refName: f.refName },
          url: `${orgUrl}/${encodeURIComponent(f.project)}/_git/${encodeURIComponent(f.repository)}`,
        },
      ],
    },
    filters: {
      pipelineId: String(f.pipeline.id),
      runStateId: state,
      ...(f.run.result === undefined ? {} : { runResultId: titleCase(f.run.result) }),
    },
  };
}

/** `build.complete` for a completed run, its resource in the Build REST object's shape. */
export function buildComplete(f: RunFacts, orgUrl: string): StandInEvent {
  const projectId = projectGuid(f.organization, f.project);
  const base = `${orgUrl}/${encodeURIComponent(f.project)}`;
  const result = f.run.result ?? 'failed';
  const buildStatus = result === 'canceled' ? 'Stopped' : titleCase(result);
  return {
    eventType: 'build.complete',
    publisherId: 'tfs',
    resourceVersion: '2.0',
    organization: f.organization,
    projectId,
    message: `Build ${f.run.name} ${result}`,
    resource: {
      id: f.run.id,
      buildNumber: f.run.name,
      status: 'completed',
      result,
      reason: 'manual',
      definition: { id: f.pipeline.id, name: f.pipeline.name, url: `${base}/_apis/build/Definitions/${f.pipeline.id}` },
      sourceBranch: f.refName,
      sourceVersion: f.version,
      queueTime: f.createdDate,
      startTime: f.createdDate,
      ...(f.finishedDate === undefined ? {} : { finishTime: f.finishedDate }),
      url: `${base}/_apis/build/Builds/${f.run.id}`,
      project: { id: projectId, name: f.project },
      repository: { id: repoGuid(f.organization, f.project, f.repository), type: 'TfsGit' },
    },
    filters: { definitionName: f.pipeline.name, buildStatus },
  };
}
