import { ActionType, actionInputValue, describeAction, summarize, toJsonText } from './actions.js';
import type { ActionSummary, OrchestratorState, WireAction } from './actions.js';
import { defaultChildId } from './episode-draft.js';
import type { Draft } from './episode-draft.js';
import type { ExecutionState } from './execution-state.js';
import { ev } from './history-events.js';

/*
 * The actions an episode returned beyond the recorded ones, turned into history: each gets its sequence number and
 * its scheduling event, a retried one opens a retry group, and (while the orchestrator is still running) the work
 * it asks for is queued as an effect.
 */

/** What the new actions of one episode amount to. */
export interface PlannedActions {
  acts: ActionSummary[];
  continueAsNew?: { input: string | null } | undefined;
  unsupported?: string | undefined;
}

/** Give each new action its sequence number and history event, and queue the work it asks for. */
export function planNewActions(state: ExecutionState, fresh: WireAction[], draft: Draft, st: OrchestratorState, now: number): PlannedActions {
  const acts: ActionSummary[] = [];
  const out: PlannedActions = { acts };
  const running = !st.isDone && st.error === undefined;
  for (const a of fresh) {
    const s = summarize(a);
    switch (a.actionType) {
      case ActionType.CallActivity:
      case ActionType.CallActivityWithRetry: {
        const id = draft.nextSeq++;
        const name = a.functionName ?? '';
        const input = toJsonText(actionInputValue(a));
        draft.events.push(ev.taskScheduled(draft.ts, id, name, input));
        const retry = a.actionType === ActionType.CallActivityWithRetry && a.retryOptions ? a.retryOptions : undefined;
        draft.ops.push(retry ? { id, kind: 'activity', name, input, root: id } : { id, kind: 'activity', name, input });
        if (retry) draft.groups.push({ root: id, kind: 'activity', name, input, options: retry, firstAttemptAt: draft.ts });
        if (running) draft.effects.push({ kind: 'activity', id, name, input });
        acts.push({ ...s, id });
        break;
      }
      case ActionType.CallSubOrchestrator:
      case ActionType.CallSubOrchestratorWithRetry: {
        const id = draft.nextSeq++;
        const name = a.functionName ?? '';
        const input = toJsonText(actionInputValue(a));
        const child = a.instanceId ?? defaultChildId(state.executionId, id);
        draft.events.push(ev.subOrchestrationCreated(draft.ts, id, name, child, input));
        const retry = a.actionType === ActionType.CallSubOrchestratorWithRetry && a.retryOptions ? a.retryOptions : undefined;
        draft.ops.push(retry ? { id, kind: 'sub', name, input, root: id, child } : { id, kind: 'sub', name, input, child });
        if (retry) {
          draft.groups.push(
            a.instanceId === undefined
              ? { root: id, kind: 'sub', name, input, options: retry, firstAttemptAt: draft.ts }
              : { root: id, kind: 'sub', name, input, options: retry, firstAttemptAt: draft.ts, child: a.instanceId },
          );
        }
        if (running) draft.effects.push({ kind: 'start-child', id, name, instanceId: child, input });
        acts.push({ ...s, id });
        break;
      }
      case ActionType.CreateTimer: {
        const id = draft.nextSeq++;
        const fireAt = new Date(a.fireAt ?? now).toISOString();
        draft.events.push(ev.timerCreated(draft.ts, id, fireAt));
        draft.ops.push(a.isCanceled ? { id, kind: 'timer', fireAt, canceled: true } : { id, kind: 'timer', fireAt });
        if (running && !a.isCanceled) draft.effects.push({ kind: 'timer', id, fireAt });
        acts.push({ ...s, id });
        break;
      }
      case ActionType.WaitForExternalEvent:
        acts.push(s);
        break;
      case ActionType.ContinueAsNew:
        acts.push(s);
        out.continueAsNew = { input: toJsonText(actionInputValue(a)) };
        break;
      default:
        acts.push(s);
        out.unsupported ??= `The dev host does not support ${describeAction(s)} (action type ${a.actionType}).`;
        break;
    }
  }
  return out;
}
