import type { AdoHookEvent } from '../../domain/ado-hooks/event.js';
import type { Pipeline } from '../../domain/pipeline.js';
import { noCommit, pipelinesWatching, type HookEvaluation } from './deps.js';
import { listPaths, relevantChange } from './relevant-change.js';
import { startedBefore, startFromHook } from './start-from-hook.js';

type PushEvent = Extract<AdoHookEvent, { type: 'push' }>;

/**
 * `git.push`: for each branch the push moved, the pipelines watching it start a run on the new commit when their
 * training code or DVC files changed between the old and the new commit (Azure DevOps says what changed, not the
 * payload). A force push, a new branch and a deleted branch are recorded and start nothing.
 */
export async function handlePush(ev: HookEvaluation, event: PushEvent): Promise<void> {
  for (const update of event.refUpdates) {
    const { matched, otherRepository } = await pipelinesWatching(ev.deps, event.repository, update.branch);
    const key = update.newObjectId;
    for (const p of otherRepository) {
      await ev.decide(p.id, 'ado-push', key, 'skipped', `the push was to repository ${event.repository.id} of project ${event.repository.projectName}, which is not this pipeline's repository`);
    }
    for (const p of matched) await pushToPipeline(ev, p, event, update);
  }
}

async function pushToPipeline(ev: HookEvaluation, pipeline: Pipeline, event: PushEvent, update: PushEvent['refUpdates'][number]): Promise<void> {
  const key = update.newObjectId;
  const say = (decision: 'skipped' | 'skipped-no-change' | 'disabled', detail: string) => ev.decide(pipeline.id, 'ado-push', key, decision, detail);
  if (!pipeline.enabled) return say('disabled', 'the pipeline is disabled');
  if (update.newObjectId === noCommit) return say('skipped', `branch ${update.branch} was deleted`);
  if (update.oldObjectId === noCommit) return say('skipped', `branch ${update.branch} was created: there is no earlier commit to compare with (start a run to train it)`);
  if (await startedBefore(ev, pipeline, 'training', update.newObjectId)) {
    // This commit's run exists (another delivery of the push, or the merge that made it): only the repeat is recorded.
    await startFromHook(ev, { pipeline, commitSha: update.newObjectId, kind: 'training', dedupKey: update.newObjectId, trigger: { kind: 'ado-push', sourceEventId: ev.eventId } });
    return;
  }
  const diff = await ev.compare(pipeline.source, update.oldObjectId, update.newObjectId);
  if (diff.behind > 0) {
    return say('skipped', `force push: ${diff.behind} commit(s) of the old head ${update.oldObjectId.slice(0, 12)} are no longer on ${update.branch}; start a run to train the new head`);
  }
  const relevant = relevantChange(pipeline, diff.paths);
  if (relevant.code.length === 0 && relevant.data.length === 0) {
    return say('skipped-no-change', `no relevant change: the push changed ${listPaths(diff.paths)}`);
  }
  await startFromHook(ev, {
    pipeline,
    commitSha: update.newObjectId,
    kind: 'training',
    dedupKey: update.newObjectId,
    trigger: {
      kind: 'ado-push',
      sourceEventId: ev.eventId,
      ...(event.pushedBy ? { actor: event.pushedBy } : {}),
      reason: `push to ${update.branch} changed ${listPaths([...relevant.code, ...relevant.data], 5)}`.slice(0, 1000),
    },
  });
}
