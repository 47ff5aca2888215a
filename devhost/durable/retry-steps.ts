import type { ExecutionState } from './execution-state.js';
import { EventType, completionTarget, ev, isTaskFailure } from './history-events.js';
import type { HistoryEvent } from './history-events.js';
import { defaultChildId, skippedAttemptFailure } from './episode-draft.js';
import type { Draft } from './episode-draft.js';
import { nextRetryDelayMs, retryTimedOut } from './retry-policy.js';

/*
 * The steps of a retried activity or sub-orchestration that the host owes itself: the JS SDK leaves retries to the
 * host, so after a failed attempt the host adds the back-off timer, and when that timer fires it adds the next
 * attempt. User code does not run on either step; the SDK only takes a sequence number for each.
 */

/** True when the SDK only takes a sequence number for this event (a retry failure, or a back-off timer with attempts left). */
export function isRetryStep(state: ExecutionState, e: HistoryEvent): boolean {
  const target = completionTarget(e);
  if (target === undefined) return false;
  const op = state.ops.get(target);
  if (!op) return false;
  if (isTaskFailure(e)) return op.root !== undefined;
  if (e.EventType === EventType.TimerFired && op.retryTimerFor !== undefined) {
    const g = state.groups.get(op.retryTimerFor);
    return g !== undefined && g.failures < g.options.maxNumberOfAttempts;
  }
  return false;
}

/** Add the host's own events for a retry step: the back-off timer after a failure, or the next attempt after it fires. */
export function planRetryStep(state: ExecutionState, e: HistoryEvent, draft: Draft, now: number): void {
  const op = state.ops.get(completionTarget(e) ?? -1);
  if (!op) return;
  if (isTaskFailure(e) && op.root !== undefined) {
    const g = state.groups.get(op.root);
    if (!g) return;
    const failures = g.failures + 1;
    // The SDK waits for a timer even after the last attempt (DTFx's RetryInterceptor creates one before giving up);
    // once the retry timeout has passed the timer fires at once so the failure reaches the orchestrator.
    const delay = nextRetryDelayMs(g.options, failures, Date.parse(g.firstAttemptAt), now);
    const fireAt = new Date(now + (delay ?? 0)).toISOString();
    const id = draft.nextSeq++;
    draft.events.push(ev.timerCreated(draft.ts, id, fireAt));
    draft.ops.push({ id, kind: 'timer', fireAt, retryTimerFor: g.root });
    draft.effects.push({ kind: 'timer', id, fireAt });
    return;
  }
  if (e.EventType === EventType.TimerFired && op.retryTimerFor !== undefined) {
    const g = state.groups.get(op.retryTimerFor);
    if (!g) return;
    const id = draft.nextSeq++;
    // DTFx stops retrying once the retry timeout has passed; the SDK still waits for every remaining attempt, so the
    // host records each one and fails it without running anything.
    const skip = retryTimedOut(g.options, Date.parse(g.firstAttemptAt), now)
      ? { reason: `Retry timeout expired: ${g.lastFailure?.reason ?? 'the previous attempt failed'}`, details: g.lastFailure?.details ?? '' }
      : undefined;
    if (g.kind === 'activity') {
      draft.events.push(ev.taskScheduled(draft.ts, id, g.name, g.input));
      draft.ops.push({ id, kind: 'activity', name: g.name, input: g.input, root: g.root, ...(skip ? { skip } : {}) });
      if (!skip) draft.effects.push({ kind: 'activity', id, name: g.name, input: g.input });
    } else {
      const child = g.child ?? defaultChildId(state.executionId, id);
      draft.events.push(ev.subOrchestrationCreated(draft.ts, id, g.name, child, g.input));
      draft.ops.push({ id, kind: 'sub', name: g.name, input: g.input, root: g.root, child, ...(skip ? { skip } : {}) });
      if (!skip) draft.effects.push({ kind: 'start-child', id, name: g.name, instanceId: child, input: g.input });
    }
    if (skip) draft.effects.push({ kind: 'deliver', event: skippedAttemptFailure(g.kind, draft.ts, id, skip) });
  }
}
