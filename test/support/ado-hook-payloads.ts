import { randomUUID } from 'node:crypto';

/*
 * Service-hook deliveries in the shapes Azure DevOps sends (envelope and resource), for tests and benchmarks that
 * post them to `POST /api/hooks/azure-devops` themselves.
 */

export interface RepoIds {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
}

const zeros = '0'.repeat(40);

function envelope(eventType: string, publisherId: string, resource: unknown, projectId: string, opts: { eventId?: string; notificationId?: number } = {}) {
  return {
    subscriptionId: '00000000-0000-4000-8000-000000000001',
    notificationId: opts.notificationId ?? 1,
    id: opts.eventId ?? randomUUID(),
    eventType,
    publisherId,
    message: { text: eventType },
    detailedMessage: { text: eventType },
    resource,
    resourceVersion: '1.0',
    resourceContainers: { collection: { id: projectId }, account: { id: projectId }, project: { id: projectId } },
    createdDate: new Date().toISOString(),
  };
}

const repository = (r: RepoIds) => ({ id: r.id, name: r.name, url: `https://dev.azure.com/org/${r.projectId}/_apis/git/repositories/${r.id}`, project: { id: r.projectId, name: r.projectName } });

/** A `git.push` moving `branch` from `oldObjectId` (zeros: created) to `newObjectId` (zeros: deleted). */
export function pushDelivery(repo: RepoIds, branch: string, oldObjectId: string | null, newObjectId: string | null, opts: { eventId?: string; notificationId?: number } = {}) {
  return envelope(
    'git.push',
    'tfs',
    {
      commits: [],
      refUpdates: [{ name: `refs/heads/${branch}`, oldObjectId: oldObjectId ?? zeros, newObjectId: newObjectId ?? zeros }],
      repository: repository(repo),
      pushedBy: { displayName: 'Dana', uniqueName: 'dana@example.com' },
      pushId: 7,
    },
    repo.projectId,
    opts,
  );
}

/** A pull-request event (`git.pullrequest.created|updated|merged`). */
export function pullRequestDelivery(
  eventType: 'git.pullrequest.created' | 'git.pullrequest.updated' | 'git.pullrequest.merged',
  repo: RepoIds,
  pr: { id: number; status?: string; source?: string; target?: string; sourceCommit?: string; targetCommit?: string; mergeCommit?: string | null; mergeStatus?: string; fork?: boolean },
  opts: { eventId?: string; notificationId?: number } = {},
) {
  return envelope(
    eventType,
    'tfs',
    {
      pullRequestId: pr.id,
      status: pr.status ?? 'active',
      sourceRefName: `refs/heads/${pr.source ?? 'feature'}`,
      targetRefName: `refs/heads/${pr.target ?? 'main'}`,
      mergeStatus: pr.mergeStatus ?? (pr.mergeCommit === null ? 'conflicts' : 'succeeded'),
      ...(pr.sourceCommit ? { lastMergeSourceCommit: { commitId: pr.sourceCommit } } : {}),
      ...(pr.targetCommit ? { lastMergeTargetCommit: { commitId: pr.targetCommit } } : {}),
      ...(pr.mergeCommit ? { lastMergeCommit: { commitId: pr.mergeCommit } } : {}),
      ...(pr.fork ? { forkSource: { name: 'refs/heads/feature', repository: { id: '00000000-0000-4000-8000-0000000000ff', name: 'fork' } } } : {}),
      repository: repository(repo),
      createdBy: { uniqueName: 'dana@example.com' },
    },
    repo.projectId,
    opts,
  );
}

/** `ms.vss-pipelines.run-state-changed-event` for a run of an Azure Pipelines pipeline. */
export function pipelineRunDelivery(pipelineId: number, runId: number, name: string, result: 'succeeded' | 'failed' = 'succeeded', opts: { eventId?: string } = {}) {
  const run = { id: runId, name, state: 'completed', result, pipeline: { id: pipelineId, name: 'build-training-image' } };
  return { ...envelope('ms.vss-pipelines.run-state-changed-event', 'pipelines', { run, pipeline: run.pipeline }, '00000000-0000-4000-8000-000000000002', opts), resourceVersion: '5.1-preview.1' };
}
