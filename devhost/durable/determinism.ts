import { ActionType, describeAction, summarize } from './actions.js';
import type { WireAction } from './actions.js';
import type { ExecutionState } from './execution-state.js';
import { hasCompletion } from './execution-state.js';

/*
 * Replay checks: each episode replays the orchestrator from the start, so the actions it returns must begin with the
 * ones recorded before (same type and name, position by position), and a timer it has since cancelled must be
 * disarmed.
 */

/** Compare each replayed action with the one recorded at the same position. */
export function checkDeterminism(state: ExecutionState, flat: WireAction[]): string | undefined {
  const known = state.actions;
  for (let i = 0; i < known.length; i++) {
    const expected = known[i];
    const actual = flat[i] ? summarize(flat[i]!) : undefined;
    if (expected && actual && expected.t === actual.t && expected.n === actual.n) continue;
    const where = expected?.id === undefined ? `action #${i}` : `action #${i} (sequence id ${expected.id})`;
    return (
      `Non-Deterministic workflow detected: the history of '${state.name}' has ${describeAction(expected)} at ${where}, ` +
      `but the replay scheduled ${describeAction(actual)} there. Was a change made to the orchestrator code after this instance had already started running?`
    );
  }
  return undefined;
}

/** Timers the orchestrator cancelled (Task.any won by something else) that are still armed. */
export function canceledTimers(state: ExecutionState, flat: WireAction[]): number[] {
  const out: number[] = [];
  state.actions.forEach((known, i) => {
    const a = flat[i];
    if (!a || a.actionType !== ActionType.CreateTimer || !a.isCanceled || known.id === undefined) return;
    const op = state.ops.get(known.id);
    if (op && !op.done && !op.canceled && !hasCompletion(state, op.id)) out.push(op.id);
  });
  return out;
}
