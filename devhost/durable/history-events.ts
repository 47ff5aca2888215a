import { z } from 'zod';

/*
 * The Durable Task history as the orchestration trigger carries it to the JS SDK (durable-functions 3.x reads these
 * PascalCase fields; see lib/src/history/*.js and TaskOrchestrationExecutor.js). Numbers match DurableTask.Core.
 */

/** `HistoryEventType` numbers (durable-functions lib/src/history/HistoryEventType.js). */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  GenericEvent: 17,
  HistoryState: 18,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;
export type EventTypeNumber = (typeof EventType)[keyof typeof EventType];

/** The event type's name, for messages and the friendly status view. */
export function eventTypeName(n: number): string {
  return Object.entries(EventType).find(([, v]) => v === n)?.[0] ?? `EventType${n}`;
}

/** DurableTask.Core `OrchestrationStatus` numbers, used in `ExecutionCompleted.OrchestrationStatus`. */
export const OrchestrationStatus = {
  Running: 0,
  Completed: 1,
  ContinuedAsNew: 2,
  Failed: 3,
  Canceled: 4,
  Terminated: 5,
  Pending: 6,
  Suspended: 7,
} as const;

/** The runtime status strings the Durable HTTP API reports (`OrchestrationRuntimeStatus`). */
export type RuntimeStatus = 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Canceled' | 'Terminated' | 'Pending' | 'Suspended';
export const runtimeStatuses: readonly RuntimeStatus[] = ['Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Canceled', 'Terminated', 'Pending', 'Suspended'];

/** Statuses after which an instance never changes again (until restarted or purged). */
export function isTerminal(s: RuntimeStatus): boolean {
  return s === 'Completed' || s === 'Failed' || s === 'Terminated' || s === 'Canceled';
}

/** A parent orchestration as a sub-orchestration's ExecutionStarted names it. */
export const parentInstanceSchema = z.object({
  Name: z.string(),
  OrchestrationInstance: z.object({ InstanceId: z.string(), ExecutionId: z.string() }),
  TaskScheduleId: z.number().int(),
});
export type ParentInstance = z.infer<typeof parentInstanceSchema>;

/** One history event on the wire. Only the fields the event type uses are present. */
export const historyEventSchema = z.looseObject({
    EventType: z.number().int(),
    EventId: z.number().int(),
    IsPlayed: z.boolean(),
    Timestamp: z.string(),
    Name: z.string().optional(),
    Version: z.string().optional(),
    Input: z.string().nullable().optional(),
    Result: z.string().nullable().optional(),
    Reason: z.string().nullable().optional(),
    Details: z.string().nullable().optional(),
    TaskScheduledId: z.number().int().optional(),
    TimerId: z.number().int().optional(),
    FireAt: z.string().optional(),
    InstanceId: z.string().optional(),
    OrchestrationStatus: z.number().int().optional(),
    OrchestrationInstance: z.object({ InstanceId: z.string(), ExecutionId: z.string() }).optional(),
    ParentInstance: parentInstanceSchema.nullable().optional(),
    FailureDetails: z.unknown().optional(),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

/** Builder of a task's completion (activity or sub-orchestration: the same fields under another event type). */
function taskCompletedOf(type: EventTypeNumber): (ts: string, id: number, result: string) => HistoryEvent {
  return (ts, id, result) => ({ EventType: type, EventId: -1, IsPlayed: false, Timestamp: ts, TaskScheduledId: id, Result: result });
}

/** Builder of a task's failure (activity or sub-orchestration: the same fields under another event type). */
function taskFailedOf(type: EventTypeNumber): (ts: string, id: number, reason: string, details: string) => HistoryEvent {
  return (ts, id, reason, details) => ({ EventType: type, EventId: -1, IsPlayed: false, Timestamp: ts, TaskScheduledId: id, Reason: reason, Details: details });
}

/** Builders for the events the dev host writes. `EventId` is the task's sequence number or -1, as in DTFx. */
export const ev = {
  orchestratorStarted: (ts: string): HistoryEvent => ({ EventType: EventType.OrchestratorStarted, EventId: -1, IsPlayed: false, Timestamp: ts }),
  orchestratorCompleted: (ts: string): HistoryEvent => ({ EventType: EventType.OrchestratorCompleted, EventId: -1, IsPlayed: false, Timestamp: ts }),
  executionStarted: (
    ts: string,
    o: { name: string; input: string | null; instanceId: string; executionId: string; parent?: ParentInstance | undefined },
  ): HistoryEvent => ({
    EventType: EventType.ExecutionStarted,
    EventId: -1,
    IsPlayed: false,
    Timestamp: ts,
    Name: o.name,
    Version: '',
    Input: o.input,
    OrchestrationInstance: { InstanceId: o.instanceId, ExecutionId: o.executionId },
    ParentInstance: o.parent ?? null,
  }),
  executionCompleted: (ts: string, status: number, result: string | null, failureDetails?: unknown): HistoryEvent => ({
    EventType: EventType.ExecutionCompleted,
    EventId: -1,
    IsPlayed: false,
    Timestamp: ts,
    OrchestrationStatus: status,
    Result: result,
    ...(failureDetails === undefined ? {} : { FailureDetails: failureDetails }),
  }),
  executionTerminated: (ts: string, reason: string | null): HistoryEvent => ({
    EventType: EventType.ExecutionTerminated,
    EventId: -1,
    IsPlayed: false,
    Timestamp: ts,
    Input: reason,
  }),
  executionSuspended: (ts: string, reason: string | null): HistoryEvent => ({
    EventType: EventType.ExecutionSuspended,
    EventId: -1,
    IsPlayed: false,
    Timestamp: ts,
    Reason: reason,
  }),
  executionResumed: (ts: string, reason: string | null): HistoryEvent => ({
    EventType: EventType.ExecutionResumed,
    EventId: -1,
    IsPlayed: false,
    Timestamp: ts,
    Reason: reason,
  }),
  taskScheduled: (ts: string, id: number, name: string, input: string | null): HistoryEvent => ({
    EventType: EventType.TaskScheduled,
    EventId: id,
    IsPlayed: false,
    Timestamp: ts,
    Name: name,
    Version: '',
    Input: input,
  }),
  taskCompleted: taskCompletedOf(EventType.TaskCompleted),
  taskFailed: taskFailedOf(EventType.TaskFailed),
  subOrchestrationCreated: (ts: string, id: number, name: string, instanceId: string, input: string | null): HistoryEvent => ({
    EventType: EventType.SubOrchestrationInstanceCreated,
    EventId: id,
    IsPlayed: false,
    Timestamp: ts,
    Name: name,
    Version: '',
    InstanceId: instanceId,
    Input: input,
  }),
  subOrchestrationCompleted: taskCompletedOf(EventType.SubOrchestrationInstanceCompleted),
  subOrchestrationFailed: taskFailedOf(EventType.SubOrchestrationInstanceFailed),
  timerCreated: (ts: string, id: number, fireAt: string): HistoryEvent => ({
    EventType: EventType.TimerCreated,
    EventId: id,
    IsPlayed: false,
    Timestamp: ts,
    FireAt: fireAt,
  }),
  timerFired: (ts: string, id: number, fireAt: string): HistoryEvent => ({
    EventType: EventType.TimerFired,
    EventId: -1,
    IsPlayed: false,
    Timestamp: ts,
    TimerId: id,
    FireAt: fireAt,
  }),
  eventRaised: (ts: string, name: string, input: string | null): HistoryEvent => ({
    EventType: EventType.EventRaised,
    EventId: -1,
    IsPlayed: false,
    Timestamp: ts,
    Name: name,
    Input: input,
  }),
};

/** The sequence id a completion event refers to (`TaskScheduledId` or `TimerId`), if it is one. */
export function completionTarget(e: HistoryEvent): number | undefined {
  switch (e.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return e.TaskScheduledId;
    case EventType.TimerFired:
      return e.TimerId;
    default:
      return undefined;
  }
}

/** True for failures of a scheduled task (activity or sub-orchestration). */
export function isTaskFailure(e: HistoryEvent): boolean {
  return e.EventType === EventType.TaskFailed || e.EventType === EventType.SubOrchestrationInstanceFailed;
}
