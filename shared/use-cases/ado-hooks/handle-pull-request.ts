import type { AdoHookEvent } from '../../domain/ado-hooks/event.js';
import type { Pipeline } from '../../domain/pipeline.js';
import { terminalRunStatuses } from '../../domain/run.js';
import { slotLaneOf } from '../../domain/run-slot.js';
import { runInstanceIds } from '../../durable/instance-ids.js';
import { compensateRun } from '../compensate-run.js';
import { runLink } from '../../domain/run-link.js';
import { pipelinesWatching, type HookEvaluation } from './deps.js';
import { listPaths, relevantChange } from './relevant-change.js';
import { startedBefore, startFromHook } from './start-from-hook.js';

type PullRequestEvent = Extract<AdoHookEvent, { type: 'pull-request' }>;

/**
 * Pull-request events, for the pipelines watching the PR's target branch: an active PR gets a validation run on its
 * merge commit (one per source commit, so votes and reviewer changes start nothing new); a completed PR retrains the
 * target branch on the merge (the same run as the push the merge made); an abandoned PR cancels its validation run.
 */
export async function handlePullRequest(ev: HookEvaluation, event: PullRequestEvent): Promise<void> {
  const { matched, otherRepository } = await pipelinesWatching(ev.deps, event.repository, event.targetBranch);
  const key = `pr-${event.pullRequestId}:${event.sourceCommit ?? event.status}`;
  for (const p of otherRepository) {
    await ev.decide(p.id, 'ado-pr', key, 'skipped', `the pull request is in repository ${event.repository.id} of project ${event.repository.projectName}, which is not this pipeline's repository`);
  }
  for (const p of matched) {
    if (!p.enabled) await ev.decide(p.id, 'ado-pr', key, 'disabled', 'the pipeline is disabled');
    else if (event.status === 'abandoned') await abandon(ev, p, event, key);
    else if (event.status === 'completed') await completed(ev, p, event);
    else if (event.status === 'active') await validate(ev, p, event, key);
    else await ev.decide(p.id, 'ado-pr', key, 'ignored', `pull request status '${event.status}'`);
  }
}

/** Which of the PR's changes concern the pipeline (between the target and the merge commit), or null when unknown. */
async function prChange(ev: HookEvaluation, pipeline: Pipeline, event: PullRequestEvent): Promise<{ relevant: boolean; detail: string } | null> {
  if (!event.targetCommit || !event.mergeCommit) return null;
  const diff = await ev.compare(pipeline.source, event.targetCommit, event.mergeCommit);
  const r = relevantChange(pipeline, diff.paths);
  const relevant = [...r.code, ...r.data];
  return { relevant: relevant.length > 0, detail: relevant.length > 0 ? listPaths(relevant, 5) : `no relevant change: the pull request changes ${listPaths(diff.paths)}` };
}

async function validate(ev: HookEvaluation, pipeline: Pipeline, event: PullRequestEvent, key: string): Promise<void> {
  if (event.fromFork) return ev.decide(pipeline.id, 'ado-pr', key, 'skipped', 'the pull request comes from a fork: its code is not run with the pipeline\'s credentials');
  if (event.eventType === 'git.pullrequest.merged' && event.mergeStatus !== 'succeeded') {
    return ev.decide(pipeline.id, 'ado-pr', key, 'skipped', `the merge attempt ended ${event.mergeStatus ?? 'without a status'}`);
  }
  if (!event.mergeCommit || (event.mergeStatus !== undefined && event.mergeStatus !== 'succeeded')) {
    return ev.decide(pipeline.id, 'ado-pr', key, 'skipped', `no merge commit yet (merge status ${event.mergeStatus ?? 'unknown'}): resolve the conflicts and push`);
  }
  // A repeat (a vote, another delivery) finds its run: the PR's diff need not be read again.
  const change = (await startedBefore(ev, pipeline, 'validation', key)) ? null : await prChange(ev, pipeline, event);
  if (change && !change.relevant) return ev.decide(pipeline.id, 'ado-pr', key, 'skipped-no-change', change.detail);
  const run = await startFromHook(ev, {
    pipeline,
    commitSha: event.mergeCommit,
    kind: 'validation',
    pullRequestId: event.pullRequestId,
    dedupKey: key,
    trigger: {
      kind: 'ado-pr',
      sourceEventId: ev.eventId,
      ...(event.createdBy ? { actor: event.createdBy } : {}),
      reason: `pull request ${event.pullRequestId} into ${event.targetBranch}${change ? ` changes ${change.detail}` : ''}`.slice(0, 1000),
    },
  });
  // Pending while the run goes on; the run's report posts the result. A run already finished keeps its result.
  if (run && !terminalRunStatuses.includes(run.status)) {
    const link = runLink(ev.deps.publicBaseUrl, run.id);
    await ev.deps.review.setPullRequestStatus({
      source: pipeline.source,
      pullRequestId: event.pullRequestId,
      name: pipeline.id,
      state: 'pending',
      description: `validation run ${run.id} ${run.queuedBehind ? 'queued' : 'started'}`,
      ...(link ? { targetUrl: link } : {}),
    });
  }
}

async function completed(ev: HookEvaluation, pipeline: Pipeline, event: PullRequestEvent): Promise<void> {
  const key = event.mergeCommit ?? `pr-${event.pullRequestId}:completed`;
  if (!event.mergeCommit) return ev.decide(pipeline.id, 'ado-pr', key, 'skipped', 'the completed pull request names no merge commit');
  const change = (await startedBefore(ev, pipeline, 'training', key)) ? null : await prChange(ev, pipeline, event);
  if (change && !change.relevant) return ev.decide(pipeline.id, 'ado-pr', key, 'skipped-no-change', change.detail);
  await startFromHook(ev, {
    pipeline,
    commitSha: event.mergeCommit,
    kind: 'training',
    // The merge's push starts the same run: both are keyed by the commit now on the target branch.
    dedupKey: event.mergeCommit,
    trigger: { kind: 'ado-pr', sourceEventId: ev.eventId, reason: `pull request ${event.pullRequestId} completed into ${event.targetBranch}` },
  });
}

async function abandon(ev: HookEvaluation, pipeline: Pipeline, event: PullRequestEvent, key: string): Promise<void> {
  const slot = await ev.deps.runs.getSlot(pipeline.id, slotLaneOf({ kind: 'validation', pullRequestId: event.pullRequestId }));
  const ids = [slot?.active?.runId, slot?.waiting?.runId].filter((x): x is string => x !== undefined);
  const cancelled: string[] = [];
  for (const runId of ids) {
    const run = await ev.deps.runs.get(pipeline.id, runId);
    if (!run || terminalRunStatuses.includes(run.status)) continue;
    const reason = `pull request ${event.pullRequestId} was abandoned`;
    for (const id of runInstanceIds(runId)) await ev.deps.orchestrations.terminate(id, reason);
    await compensateRun(ev.deps, runId, { reason });
    cancelled.push(runId);
  }
  await ev.decide(pipeline.id, 'ado-pr', key, cancelled.length > 0 ? 'cancelled' : 'ignored', cancelled.length > 0 ? `cancelled ${cancelled.join(', ')}` : 'no validation run of this pull request was running', cancelled[0]);
}
