import type { AdoHookMessage, HookOutcome } from '../../domain/ado-hooks/event.js';
import { HookEvaluation, type HookDeps } from './deps.js';
import { handlePipelineRun } from './handle-pipeline-run.js';
import { handlePullRequest } from './handle-pull-request.js';
import { handlePush } from './handle-push.js';

/**
 * Act on one accepted service-hook event (from the `ado-hooks` queue). Safe to repeat: runs are keyed by what
 * started them, trigger records by the delivery, and a woken wait only polls. Returns what it did per pipeline.
 */
export async function handleHookEvent(deps: HookDeps, message: AdoHookMessage): Promise<{ outcomes: HookOutcome[]; summary?: string }> {
  const ev = new HookEvaluation(deps, message.deliveryId, message.eventId);
  const e = message.event;
  let summary: string | undefined;
  if (e.type === 'push') await handlePush(ev, e);
  else if (e.type === 'pull-request') await handlePullRequest(ev, e);
  else summary = await handlePipelineRun(ev, e);
  if (ev.outcomes.length === 0 && e.type !== 'pipeline-run') {
    const branch = e.type === 'push' ? e.refUpdates.map((u) => u.branch).join(', ') : e.targetBranch;
    summary = `no pipeline watches repository ${e.repository.name} of project ${e.repository.projectName} on ${branch}`;
  }
  return { outcomes: ev.outcomes, ...(summary ? { summary } : {}) };
}
