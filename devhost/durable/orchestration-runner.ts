import type { CapturedApp, Registration } from '../core-stub.js';
import { invokeFunction } from '../invoke.js';
import type { InvocationLog } from '../invoke.js';
import {
  ActionType,
  actionInputValue,
  describeAction,
  flattenActions,
  orchestratorStateSchema,
  summarize,
  toJsonText,
} from './actions.js';
import type { ActionSummary, OrchestratorState, WireAction } from './actions.js';
import type { ExecutionState, PendingEvent } from './execution-state.js';
import { hasCompletion } from './execution-state.js';
import { EventType, OrchestrationStatus, completionTarget, ev, isTaskFailure } from './history-events.js';
import type { HistoryEvent } from './history-events.js';
import type { CommitLine, CommitMeta, OpRecord, RetryGroupInit } from './journal.js';
import { nextRetryDelayMs, retryTimedOut } from './retry-policy.js';

/*
 * One orchestration episode, as the Durable extension runs it for an out-of-process SDK: pick the arrivals to deliver,
 * add the events the host itself owes (retry back-off timers and retry attempts, which the JS SDK leaves to the host),
 * call the registered orchestrator through the worker's invocation model with the whole history, decode the
 * OrchestratorState, check the replayed actions against the ones recorded before, and turn the new actions into
 * history events plus effects for the executor. Nothing here touches disk or starts work: the engine writes the
 * commit first and only then runs the effects.
 */

/** Work the executor starts once the commit is durable. */
export type Effect =
  | { kind: 'activity'; id: number; name: string; input: string | null }
  | { kind: 'timer'; id: number; fireAt: string }
  | { kind: 'cancel-timer'; id: number }
  | { kind: 'start-child'; id: number; name: string; instanceId: string; input: string | null }
  /** An attempt the host does not run (retry timeout expired): its failure is delivered at once. */
  | { kind: 'deliver'; event: HistoryEvent };

export interface EpisodePlan {
  line: CommitLine;
  effects: Effect[];
  /** Set when the orchestrator was invoked (false for control steps such as suspend or terminate). */
  ranOrchestrator: boolean;
}

/** The durations the SDK needs with schema V3; the short-timer limit is huge because the dev host has no storage cap. */
const longRunningTimerIntervalDuration = '3.00:00:00';
const maximumShortTimerDuration = '3650.00:00:00';
const defaultHttpAsyncRequestSleepTimeMillseconds = 30000;

/** Schema the dev host announces: V3 (`upperSchemaVersionNew` 2), as the extension does. */
const upperSchemaVersion = 1;
const upperSchemaVersionNew = 2;

export interface EpisodeInput {
  app: CapturedApp;
  /** The orchestrator's registration, or undefined when no orchestrator of that name is registered. */
  registration: Registration | undefined;
  state: ExecutionState;
  now: number;
  log: InvocationLog;
}

/** Plan the next step for an instance, or undefined when nothing is waiting. */
export async function planEpisode(input: EpisodeInput): Promise<EpisodePlan | undefined> {
  const { state } = input;
  if (state.status === 'Completed' || state.status === 'Failed' || state.status === 'Terminated' || state.status === 'Canceled') return undefined;
  if (state.status === 'ContinuedAsNew') return undefined;
  if (state.pending.length === 0) return undefined;
  const ts = new Date(input.now).toISOString();

  const terminate = state.pending.find((p) => p.event.EventType === EventType.ExecutionTerminated);
  if (terminate) return planTerminate(state, terminate, ts);

  if (state.status === 'Suspended') {
    const resume = state.pending.find((p) => p.event.EventType === EventType.ExecutionResumed);
    if (!resume) return undefined;
    return control([ev.executionResumed(ts, resume.event.Reason ?? null)], [resume.seq]);
  }
  const suspend = state.pending.find((p) => p.event.EventType === EventType.ExecutionSuspended);
  if (suspend && state.status === 'Running') return control([ev.executionSuspended(ts, suspend.event.Reason ?? null)], [suspend.seq]);
  // A resume while running (or a suspend before the first episode) is consumed without effect.
  const stray = state.pending.filter(
    (p) => p.event.EventType === EventType.ExecutionResumed || (p.event.EventType === EventType.ExecutionSuspended && state.status !== 'Pending'),
  );
  if (stray.length > 0) return control([], stray.map((p) => p.seq));

  return planOrchestratorEpisode(input, ts);
}

function control(events: HistoryEvent[], consumed: number[]): EpisodePlan {
  return { line: { e: events, c: consumed }, effects: [], ranOrchestrator: false };
}

function planTerminate(state: ExecutionState, terminate: PendingEvent, ts: string): EpisodePlan {
  const reason = terminate.event.Input ?? null;
  const effects: Effect[] = [...state.ops.values()]
    .filter((op) => op.kind === 'timer' && !op.done)
    .map((op) => ({ kind: 'cancel-timer' as const, id: op.id }));
  return {
    line: {
      e: [
        ev.orchestratorStarted(ts),
        ev.executionTerminated(ts, reason),
        ev.orchestratorCompleted(ts),
        ev.executionCompleted(ts, OrchestrationStatus.Terminated, reason),
      ],
      c: state.pending.map((p) => p.seq),
    },
    effects,
    ranOrchestrator: false,
  };
}

/** Mutable bookkeeping while one episode is planned. */
interface Draft {
  ts: string;
  nextSeq: number;
  events: HistoryEvent[];
  ops: OpRecord[];
  groups: RetryGroupInit[];
  effects: Effect[];
}

async function planOrchestratorEpisode(input: EpisodeInput, ts: string): Promise<EpisodePlan | undefined> {
  const { state } = input;
  const consumed: number[] = [];
  const started = state.pending.filter((p) => p.event.EventType === EventType.ExecutionStarted);
  if (state.status === 'Pending' && started.length === 0) return undefined;

  // Completions for operations that are unknown or already completed (a duplicate after a restart) are dropped.
  const deliverable: PendingEvent[] = [];
  const seenTargets = new Set<number>();
  for (const p of state.pending) {
    if (p.event.EventType === EventType.ExecutionStarted) continue;
    if (p.event.EventType === EventType.ExecutionSuspended) continue; // only pending before the first episode: kept
    const target = completionTarget(p.event);
    if (target !== undefined) {
      const op = state.ops.get(target);
      if (!op || op.done || seenTargets.has(target)) {
        consumed.push(p.seq);
        continue;
      }
      seenTargets.add(target);
    }
    deliverable.push(p);
  }

  // The SDK takes a new sequence number for a retry's back-off timer when it sees the failure, and for the next
  // attempt when that timer fires; user code does not run on either. Delivering these first keeps the host's
  // numbering in step with the SDK's, whatever else arrives in the same batch.
  const idOnly: PendingEvent[] = [];
  const rest: PendingEvent[] = [];
  for (const p of deliverable) (isRetryStep(state, p.event) ? idOnly : rest).push(p);
  const batch = [...started, ...idOnly, ...rest];
  if (batch.length === 0) {
    return consumed.length > 0 ? control([], consumed) : undefined;
  }

  const draft: Draft = { ts, nextSeq: state.nextSeq, events: [], ops: [], groups: [], effects: [] };
  const delivered = batch.map((p) => ({ ...p.event, IsPlayed: false }));
  consumed.push(...batch.map((p) => p.seq));
  for (const p of idOnly) planRetryStep(state, p.event, draft, input.now);

  const episodeEvents = [ev.orchestratorStarted(ts), ...delivered, ...draft.events];
  draft.events = [];
  const outcome = await runOrchestrator(input, episodeEvents);
  const meta: CommitMeta = {};
  const tail: HistoryEvent[] = [];

  if (outcome.kind === 'failed') {
    tail.push(ev.orchestratorCompleted(ts), failedCompletion(ts, state.name, outcome.message));
  } else {
    const st = outcome.state;
    if (st.customStatus !== undefined) meta.cs = st.customStatus;
    const flat = flattenActions(st);
    const mismatch = checkDeterminism(state, flat);
    if (mismatch) {
      tail.push(ev.orchestratorCompleted(ts), failedCompletion(ts, state.name, mismatch));
    } else {
      const cancels = canceledTimers(state, flat);
      if (cancels.length > 0) {
        meta.cancel = cancels;
        for (const id of cancels) draft.effects.push({ kind: 'cancel-timer', id });
      }
      const planned = planNewActions(state, flat.slice(state.actions.length), draft, st, input.now);
      if (planned.acts.length > 0) meta.acts = planned.acts;
      tail.push(...draft.events, ev.orchestratorCompleted(ts));
      if (planned.unsupported) tail.push(failedCompletion(ts, state.name, planned.unsupported));
      else if (st.error !== undefined) tail.push(failedCompletion(ts, state.name, st.error));
      else if (planned.continueAsNew) tail.push(ev.executionCompleted(ts, OrchestrationStatus.ContinuedAsNew, planned.continueAsNew.input));
      else if (st.isDone) tail.push(ev.executionCompleted(ts, OrchestrationStatus.Completed, toJsonText(st.output) ?? 'null'));
    }
  }
  if (tail.some((e) => e.EventType === EventType.ExecutionCompleted)) {
    // The execution is over: start nothing, and disarm its timers (they would only deliver to a finished execution).
    draft.effects = [];
    for (const op of [...state.ops.values(), ...draft.ops]) {
      if (op.kind === 'timer' && !('done' in op && op.done)) draft.effects.push({ kind: 'cancel-timer', id: op.id });
    }
  }
  if (draft.ops.length > 0) meta.ops = draft.ops;
  if (draft.groups.length > 0) meta.groups = draft.groups;
  const line: CommitLine = { e: [...episodeEvents, ...tail], c: consumed };
  if (Object.keys(meta).length > 0) line.m = meta;
  return { line, effects: draft.effects, ranOrchestrator: true };
}

/** True when the SDK only takes a sequence number for this event (a retry failure, or a back-off timer with attempts left). */
function isRetryStep(state: ExecutionState, e: HistoryEvent): boolean {
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
function planRetryStep(state: ExecutionState, e: HistoryEvent, draft: Draft, now: number): void {
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

/** The failure the host reports for an attempt it does not run. */
export function skippedAttemptFailure(kind: 'activity' | 'sub', ts: string, id: number, skip: { reason: string; details: string }): HistoryEvent {
  return kind === 'activity' ? ev.taskFailed(ts, id, skip.reason, skip.details) : ev.subOrchestrationFailed(ts, id, skip.reason, skip.details);
}

/** Instance id of a sub-orchestration started without one (DTFx: `<parent execution id>:<sequence number>`). */
export function defaultChildId(parentExecutionId: string, id: number): string {
  return `${parentExecutionId}:${id}`;
}

function failedCompletion(ts: string, name: string, message: string): HistoryEvent {
  const text = `Orchestrator function '${name}' failed: ${message}`;
  return ev.executionCompleted(ts, OrchestrationStatus.Failed, text, { ErrorType: 'OrchestrationFailureException', ErrorMessage: text });
}

/** Compare each replayed action with the one recorded at the same position. */
function checkDeterminism(state: ExecutionState, flat: WireAction[]): string | undefined {
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
function canceledTimers(state: ExecutionState, flat: WireAction[]): number[] {
  const out: number[] = [];
  state.actions.forEach((known, i) => {
    const a = flat[i];
    if (!a || a.actionType !== ActionType.CreateTimer || !a.isCanceled || known.id === undefined) return;
    const op = state.ops.get(known.id);
    if (op && !op.done && !op.canceled && !hasCompletion(state, op.id)) out.push(op.id);
  });
  return out;
}

interface PlannedActions {
  acts: ActionSummary[];
  continueAsNew?: { input: string | null } | undefined;
  unsupported?: string | undefined;
}

/** Give each new action its sequence number and history event, and queue the work it asks for. */
function planNewActions(state: ExecutionState, fresh: WireAction[], draft: Draft, st: OrchestratorState, now: number): PlannedActions {
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

type Outcome = { kind: 'ok'; state: OrchestratorState } | { kind: 'failed'; message: string };

const outOfProcDataLabel = '$OutOfProcData$:';

/** Invoke the orchestrator with the full history and decode what it returns (or the state inside its failure). */
async function runOrchestrator(input: EpisodeInput, episodeEvents: HistoryEvent[]): Promise<Outcome> {
  const { state, registration } = input;
  if (!registration) return { kind: 'failed', message: `The function '${state.name}' doesn't exist, is disabled, or is not an orchestrator function.` };
  const history = [...state.history.map((e) => ({ ...e, IsPlayed: true })), ...episodeEvents];
  const payload = {
    history,
    input: parseJsonOrNull(state.input),
    instanceId: state.instanceId,
    isReplaying: false,
    parentInstanceId: state.parent?.OrchestrationInstance.InstanceId ?? '',
    upperSchemaVersion,
    upperSchemaVersionNew,
    longRunningTimerIntervalDuration,
    maximumShortTimerDuration,
    defaultHttpAsyncRequestSleepTimeMillseconds,
  };
  let raw: unknown;
  try {
    const res = await invokeFunction(input.app, registration, { trigger: { string: JSON.stringify(payload) } }, input.log);
    raw = decodeReturn(res.returnValue);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = message.indexOf(outOfProcDataLabel);
    if (at >= 0) {
      try {
        raw = JSON.parse(message.slice(at + outOfProcDataLabel.length)) as unknown;
      } catch {
        return { kind: 'failed', message: message.slice(0, at).trim() };
      }
    } else {
      return { kind: 'failed', message };
    }
  }
  const parsed = orchestratorStateSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'failed', message: `The orchestrator returned a state the dev host cannot read: ${parsed.error.message}` };
  return { kind: 'ok', state: parsed.data };
}

/** The value inside an RPC return (json, string, number...). */
export function decodeReturn(rv: unknown): unknown {
  if (rv === null || rv === undefined || typeof rv !== 'object') return rv ?? undefined;
  const r = rv as Record<string, unknown>;
  if (typeof r.json === 'string') return JSON.parse(r.json) as unknown;
  if (typeof r.string === 'string') return r.string;
  if (typeof r.int === 'number' || typeof r.int === 'string') return Number(r.int);
  if (typeof r.double === 'number' || typeof r.double === 'string') return Number(r.double);
  if (r.bytes instanceof Uint8Array) return Buffer.from(r.bytes).toString('base64');
  return undefined;
}

function parseJsonOrNull(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
