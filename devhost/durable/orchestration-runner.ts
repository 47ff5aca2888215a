import type { CapturedApp, Registration } from '../core-stub.js';
import type { InvocationLog } from '../invoke.js';
import { flattenActions, orchestratorStateSchema, toJsonText } from './actions.js';
import type { OrchestratorState } from './actions.js';
import { canceledTimers, checkDeterminism } from './determinism.js';
import { failedCompletion } from './episode-draft.js';
import type { Draft, Effect } from './episode-draft.js';
import type { ExecutionState, PendingEvent } from './execution-state.js';
import { EventType, OrchestrationStatus, completionTarget, ev } from './history-events.js';
import type { HistoryEvent } from './history-events.js';
import type { CommitLine, CommitMeta } from './journal.js';
import { planNewActions } from './new-actions.js';
import { callOrchestrator } from './out-of-proc-protocol.js';
import { isRetryStep, planRetryStep } from './retry-steps.js';

/*
 * One orchestration episode, as the Durable extension runs it for an out-of-process SDK: pick the arrivals to deliver,
 * add the events the host itself owes (retry back-off timers and retry attempts, which the JS SDK leaves to the host),
 * call the registered orchestrator through the worker's invocation model with the whole history, decode the
 * OrchestratorState, check the replayed actions against the ones recorded before, and turn the new actions into
 * history events plus effects for the executor. Nothing here touches disk or starts work: the engine writes the
 * commit first and only then runs the effects.
 */

/** What one step of an instance writes (its commit line) and then starts. */
export interface EpisodePlan {
  line: CommitLine;
  effects: Effect[];
  /** Set when the orchestrator was invoked (false for control steps such as suspend or terminate). */
  ranOrchestrator: boolean;
}

/** What planning a step needs: the app, the instance's state and the current time. */
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

type Outcome = { kind: 'ok'; state: OrchestratorState } | { kind: 'failed'; message: string };

/** Invoke the orchestrator with the full history and decode what it returns (or the state inside its failure). */
async function runOrchestrator(input: EpisodeInput, episodeEvents: HistoryEvent[]): Promise<Outcome> {
  const { state, registration } = input;
  if (!registration) return { kind: 'failed', message: `The function '${state.name}' doesn't exist, is disabled, or is not an orchestrator function.` };
  const history = [...state.history.map((e) => ({ ...e, IsPlayed: true })), ...episodeEvents];
  const answer = await callOrchestrator(
    input.app,
    registration,
    { history, input: parseJsonOrNull(state.input), instanceId: state.instanceId, parentInstanceId: state.parent?.OrchestrationInstance.InstanceId ?? '' },
    input.log,
  );
  if (answer.kind === 'error') return { kind: 'failed', message: answer.message };
  const parsed = orchestratorStateSchema.safeParse(answer.raw);
  if (!parsed.success) return { kind: 'failed', message: `The orchestrator returned a state the dev host cannot read: ${parsed.error.message}` };
  return { kind: 'ok', state: parsed.data };
}

function parseJsonOrNull(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
