import { createHash } from 'node:crypto';

/*
 * What the stand-in's parts share about events: an event as the service hands it to its service hooks (the
 * publisher raises it, the service-hook subscriptions decide who gets it), and the stable ids the stand-in gives
 * projects and repositories.
 */

/** An event the stand-in raises, as Azure DevOps hands it to its service hooks. */
export interface StandInEvent {
  /** `git.push`, `git.pullrequest.created`, `git.pullrequest.updated`, `git.pullrequest.merged`, `ms.vss-pipelines.run-state-changed-event`, `build.complete`. */
  eventType: string;
  publisherId: 'tfs' | 'pipelines';
  /** The delivery's `resource`: the REST object the event is about (push, pull request, pipeline run, build). */
  resource: Record<string, unknown>;
  resourceVersion: string;
  organization: string;
  /** The project's id (`resourceContainers.project.id`; subscriptions filter on it). */
  projectId: string;
  /** The delivery's `message.text`. */
  message: string;
  /**
   * The publisher-input values subscriptions filter on, by input name: `repository` (id), `branch` (without
   * `refs/heads/`), `pushedBy`, `notificationType`, `mergeResult`, `pipelineId`, `runStateId`, `runResultId`,
   * `definitionName`, `buildStatus`.
   */
  filters: Record<string, string>;
}

/** Hands an event to the service hooks (deliveries happen in the background). */
export type PublishEvent = (event: StandInEvent) => void;

/** A stable GUID-shaped id for a stand-in object (`standInGuid('project', 'mlcycle/churn')`). */
export function standInGuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\n').toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
