import type { ActionSummary, RetryOptionsWire } from './actions.js';
import { EventType, OrchestrationStatus, completionTarget, isTaskFailure } from './history-events.js';
import type { HistoryEvent, ParentInstance, RuntimeStatus } from './history-events.js';
import { isPendingLine } from './journal.js';
import type { CommitLine, JournalLine, OpRecord } from './journal.js';

/*
 * Everything the engine knows about one execution of an instance, rebuilt by folding its journal lines. The same
 * reducer runs after every write at run time and over the whole file at start-up, so what the engine resumes from is
 * exactly what is on disk.
 */

/** A scheduled operation and whether its completion has been committed. */
export interface Op extends OpRecord {
  done: boolean;
}

/** A task called with RetryOptions: its policy and progress. */
export interface RetryGroup {
  root: number;
  kind: 'activity' | 'sub';
  name: string;
  input: string | null;
  options: RetryOptionsWire;
  firstAttemptAt: string;
  child?: string | undefined;
  /** Failed attempts so far. */
  failures: number;
  /** Sequence id of the latest attempt. */
  current: number;
  lastFailure?: { reason: string; details: string } | undefined;
  succeeded: boolean;
}

/** An arrival not yet seen by the orchestrator. */
export interface PendingEvent {
  seq: number;
  event: HistoryEvent;
}

export interface ExecutionState {
  instanceId: string;
  executionId: string;
  name: string;
  /** Orchestration input as JSON text. */
  input: string | null;
  parent?: ParentInstance | undefined;
  createdTime: string;
  lastUpdatedTime: string;
  history: HistoryEvent[];
  pending: PendingEvent[];
  nextInboxSeq: number;
  /** The next task sequence number (the SDK's `sequenceNumber`). */
  nextSeq: number;
  /** Every atomic action the orchestrator has produced so far, in order, for the determinism check. */
  actions: ActionSummary[];
  ops: Map<number, Op>;
  groups: Map<number, RetryGroup>;
  hasCustomStatus: boolean;
  customStatus: unknown;
  status: RuntimeStatus;
  /** `ExecutionCompleted.Result`: output JSON, failure message, termination reason or continue-as-new input. */
  result?: string | null | undefined;
  failureDetails?: unknown;
}

/** Thrown when a journal cannot be folded (bad first line, unknown reference). */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/** Fold a journal (first line: the pending ExecutionStarted) into an execution state. */
export function foldJournal(instanceId: string, lines: JournalLine[]): ExecutionState {
  const first = lines[0];
  if (!first || !isPendingLine(first) || first.p.EventType !== EventType.ExecutionStarted) {
    throw new JournalError(`The journal of instance '${instanceId}' does not start with an ExecutionStarted arrival`);
  }
  const started = first.p;
  const state: ExecutionState = {
    instanceId,
    executionId: started.OrchestrationInstance?.ExecutionId ?? '',
    name: started.Name ?? '',
    input: started.Input ?? null,
    parent: started.ParentInstance ?? undefined,
    createdTime: started.Timestamp,
    lastUpdatedTime: started.Timestamp,
    history: [],
    pending: [],
    nextInboxSeq: 0,
    nextSeq: 0,
    actions: [],
    ops: new Map(),
    groups: new Map(),
    hasCustomStatus: false,
    customStatus: undefined,
    status: 'Pending',
  };
  for (const line of lines) applyLine(state, line);
  return state;
}

/** Apply one journal record to the state (in place). */
export function applyLine(state: ExecutionState, line: JournalLine): void {
  if (isPendingLine(line)) {
    state.pending.push({ seq: line.n, event: line.p });
    state.nextInboxSeq = Math.max(state.nextInboxSeq, line.n + 1);
    return;
  }
  applyCommit(state, line);
}

function applyCommit(state: ExecutionState, line: CommitLine): void {
  if (line.c.length > 0) {
    const consumed = new Set(line.c);
    state.pending = state.pending.filter((p) => !consumed.has(p.seq));
  }
  const m = line.m;
  for (const g of m?.groups ?? []) {
    state.groups.set(g.root, { ...g, failures: 0, current: g.root, succeeded: false });
  }
  for (const op of m?.ops ?? []) {
    state.ops.set(op.id, { ...op, done: false });
    state.nextSeq = Math.max(state.nextSeq, op.id + 1);
    if (op.root !== undefined) {
      const g = state.groups.get(op.root);
      if (g) g.current = op.id;
    }
  }
  if (m?.acts) state.actions.push(...m.acts);
  for (const id of m?.cancel ?? []) {
    const op = state.ops.get(id);
    if (op) op.canceled = true;
  }
  if (m && 'cs' in m) {
    state.hasCustomStatus = true;
    state.customStatus = m.cs;
  }
  for (const e of line.e) applyEvent(state, e);
}

function applyEvent(state: ExecutionState, e: HistoryEvent): void {
  state.history.push(e);
  if (e.Timestamp > state.lastUpdatedTime) state.lastUpdatedTime = e.Timestamp;
  switch (e.EventType) {
    case EventType.ExecutionStarted:
      state.status = 'Running';
      return;
    case EventType.ExecutionSuspended:
      state.status = 'Suspended';
      return;
    case EventType.ExecutionResumed:
      state.status = 'Running';
      return;
    case EventType.ExecutionCompleted:
      state.status = statusFromCompletion(e.OrchestrationStatus);
      state.result = e.Result;
      state.failureDetails = e.FailureDetails;
      return;
    case EventType.TaskScheduled:
    case EventType.SubOrchestrationInstanceCreated:
    case EventType.TimerCreated:
      // Imported histories (golden fixtures) carry no meta: keep the sequence counter right anyway.
      state.nextSeq = Math.max(state.nextSeq, e.EventId + 1);
      return;
    default:
      break;
  }
  const target = completionTarget(e);
  if (target === undefined) return;
  const op = state.ops.get(target);
  if (!op) return;
  op.done = true;
  if (op.root === undefined) return;
  const g = state.groups.get(op.root);
  if (!g) return;
  if (isTaskFailure(e)) {
    g.failures += 1;
    g.lastFailure = { reason: e.Reason ?? '', details: e.Details ?? '' };
  } else {
    g.succeeded = true;
  }
}

function statusFromCompletion(n: number | undefined): RuntimeStatus {
  switch (n) {
    case OrchestrationStatus.Completed:
      return 'Completed';
    case OrchestrationStatus.ContinuedAsNew:
      return 'ContinuedAsNew';
    case OrchestrationStatus.Terminated:
      return 'Terminated';
    case OrchestrationStatus.Canceled:
      return 'Canceled';
    default:
      return 'Failed';
  }
}

/** True when a completion for `id` is already committed or waiting. */
export function hasCompletion(state: ExecutionState, id: number): boolean {
  const op = state.ops.get(id);
  if (op?.done) return true;
  return state.pending.some((p) => completionTarget(p.event) === id);
}

/** Operations started but not finished: what to re-dispatch or re-arm after a restart. */
export function openOps(state: ExecutionState): Op[] {
  return [...state.ops.values()].filter((op) => !op.done && !hasCompletion(state, op.id));
}
