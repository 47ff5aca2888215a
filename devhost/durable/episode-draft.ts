import { OrchestrationStatus, ev } from './history-events.js';
import type { HistoryEvent } from './history-events.js';
import type { OpRecord, RetryGroupInit } from './journal.js';

/*
 * What planning one episode produces along the way: the history events, operation records and retry groups it adds,
 * and the effects the executor starts once the commit is durable; plus the events the planners build for it.
 */

/** Work the executor starts once the commit is durable. */
export type Effect =
  | { kind: 'activity'; id: number; name: string; input: string | null }
  | { kind: 'timer'; id: number; fireAt: string }
  | { kind: 'cancel-timer'; id: number }
  | { kind: 'start-child'; id: number; name: string; instanceId: string; input: string | null }
  /** An attempt the host does not run (retry timeout expired): its failure is delivered at once. */
  | { kind: 'deliver'; event: HistoryEvent };

/** Mutable bookkeeping while one episode is planned. */
export interface Draft {
  ts: string;
  nextSeq: number;
  events: HistoryEvent[];
  ops: OpRecord[];
  groups: RetryGroupInit[];
  effects: Effect[];
}

/** The failure the host reports for an attempt it does not run. */
export function skippedAttemptFailure(kind: 'activity' | 'sub', ts: string, id: number, skip: { reason: string; details: string }): HistoryEvent {
  return kind === 'activity' ? ev.taskFailed(ts, id, skip.reason, skip.details) : ev.subOrchestrationFailed(ts, id, skip.reason, skip.details);
}

/** Instance id of a sub-orchestration started without one (DTFx: `<parent execution id>:<sequence number>`). */
export function defaultChildId(parentExecutionId: string, id: number): string {
  return `${parentExecutionId}:${id}`;
}

/** The ExecutionCompleted of an orchestrator that failed (threw, broke determinism or asked for something unsupported). */
export function failedCompletion(ts: string, name: string, message: string): HistoryEvent {
  const text = `Orchestrator function '${name}' failed: ${message}`;
  return ev.executionCompleted(ts, OrchestrationStatus.Failed, text, { ErrorType: 'OrchestrationFailureException', ErrorMessage: text });
}
