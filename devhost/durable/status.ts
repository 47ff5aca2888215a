import type { ExecutionState } from './execution-state.js';
import { EventType } from './history-events.js';
import type { HistoryEvent, RuntimeStatus } from './history-events.js';

/*
 * The instance status JSON the Durable HTTP API returns (the extension's StatusResponsePayload) and the filters of
 * its query API.
 */

/** The status body: what `DurableOrchestrationStatus` is built from. */
export interface StatusPayload {
  name: string;
  instanceId: string;
  runtimeStatus: RuntimeStatus;
  input: unknown;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  /** The extension's field name for the history (present with `showHistory=true`). */
  historyEvents?: HistoryEvent[];
  /** The same events under the name the JS client's `DurableOrchestrationStatus` copies (`status.history`). */
  history?: HistoryEvent[];
}

export interface StatusOptions {
  showHistory?: boolean;
  showHistoryOutput?: boolean;
  showInput?: boolean;
}

/** Timestamps in the extension's format (`yyyy-MM-ddTHH:mm:ssZ`). */
export function apiTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parse JSON text, keeping text that is not JSON as it is. */
export function parseJsonText(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The instance's output as the API shows it: the result for Completed, the message for Failed/Terminated. */
export function outputOf(state: ExecutionState): unknown {
  switch (state.status) {
    case 'Completed':
      return parseJsonText(state.result);
    case 'Failed':
    case 'Terminated':
    case 'Canceled':
      return state.result ?? null;
    default:
      return null;
  }
}

/** Build the status body for an instance. */
export function statusPayload(state: ExecutionState, opts: StatusOptions = {}): StatusPayload {
  const payload: StatusPayload = {
    name: state.name,
    instanceId: state.instanceId,
    runtimeStatus: state.status === 'ContinuedAsNew' ? 'Running' : state.status,
    input: opts.showInput === false ? null : parseJsonText(state.input),
    customStatus: state.hasCustomStatus ? (state.customStatus ?? null) : null,
    output: outputOf(state),
    createdTime: apiTime(state.createdTime),
    lastUpdatedTime: apiTime(state.lastUpdatedTime),
  };
  if (opts.showHistory) {
    const events = state.history.map((e) => historyView(e, opts));
    payload.historyEvents = events;
    payload.history = events;
  }
  return payload;
}

/** One stored event as the status API shows it: results only with showHistoryOutput, inputs unless showInput=false. */
function historyView(e: HistoryEvent, opts: StatusOptions): HistoryEvent {
  const out: HistoryEvent = { ...e, IsPlayed: true };
  const carriesOutput =
    e.EventType === EventType.TaskCompleted || e.EventType === EventType.SubOrchestrationInstanceCompleted || e.EventType === EventType.ExecutionCompleted;
  if (carriesOutput && !opts.showHistoryOutput) delete out.Result;
  if (opts.showInput === false && e.EventType !== EventType.ExecutionTerminated) delete out.Input;
  return out;
}

/** Filters of `GET instances/` and `DELETE instances/`. */
export interface InstanceFilter {
  runtimeStatus?: RuntimeStatus[] | undefined;
  createdTimeFrom?: number | undefined;
  createdTimeTo?: number | undefined;
  instanceIdPrefix?: string | undefined;
}

/** True when an instance passes the filter. */
export function matchesFilter(state: ExecutionState, f: InstanceFilter): boolean {
  const status: RuntimeStatus = state.status === 'ContinuedAsNew' ? 'Running' : state.status;
  if (f.runtimeStatus && f.runtimeStatus.length > 0 && !f.runtimeStatus.includes(status)) return false;
  const created = Date.parse(state.createdTime);
  if (f.createdTimeFrom !== undefined && created < f.createdTimeFrom) return false;
  if (f.createdTimeTo !== undefined && created > f.createdTimeTo) return false;
  if (f.instanceIdPrefix !== undefined && !state.instanceId.startsWith(f.instanceIdPrefix)) return false;
  return true;
}

/** The summary written to each instance's state.json. */
export function stateSummary(state: ExecutionState): Record<string, unknown> {
  return {
    instanceId: state.instanceId,
    name: state.name,
    executionId: state.executionId,
    runtimeStatus: state.status,
    createdTime: state.createdTime,
    lastUpdatedTime: state.lastUpdatedTime,
    parentInstanceId: state.parent?.OrchestrationInstance.InstanceId ?? null,
    customStatus: state.hasCustomStatus ? (state.customStatus ?? null) : null,
    historyEvents: state.history.length,
    pendingEvents: state.pending.length,
  };
}
