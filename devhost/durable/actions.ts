import { z } from 'zod';

/*
 * What the orchestrator wrapper returns: durable-functions' `OrchestratorState` (lib/src/orchestrations/OrchestratorState.js)
 * with its actions (lib/src/actions/*.js). The list is cumulative: every episode replays from the start and returns all
 * actions so far, nested `[[a0, a1, ...]]` for schema >= V2 and `[[a0], [a1], ...]` for V1; Task.all/any appear as
 * compound actions whose children are the real work.
 */

/** `ActionType` numbers (durable-functions lib/src/actions/ActionType.js). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

/** `RetryOptions` as serialized by the SDK (durable-functions lib/src/RetryOptions.js; the extension's RetryOptionsConverter). */
export const retryOptionsSchema = z.looseObject({
  firstRetryIntervalInMilliseconds: z.number().positive(),
  maxNumberOfAttempts: z.number().int(),
  backoffCoefficient: z.number().positive().optional(),
  maxRetryIntervalInMilliseconds: z.number().nonnegative().optional(),
  retryTimeoutInMilliseconds: z.number().nonnegative().optional(),
});
export type RetryOptionsWire = z.infer<typeof retryOptionsSchema>;

/** One action as the SDK serializes it; compound actions nest. */
export interface WireAction {
  actionType: number;
  functionName?: string | undefined;
  input?: unknown;
  retryOptions?: RetryOptionsWire | undefined;
  instanceId?: string | undefined;
  fireAt?: string | undefined;
  isCanceled?: boolean | undefined;
  externalEventName?: string | undefined;
  compoundActions?: WireAction[] | undefined;
}
export const wireActionSchema: z.ZodType<WireAction> = z.lazy(() =>
  z.looseObject({
    actionType: z.number().int(),
    functionName: z.string().optional(),
    input: z.unknown().optional(),
    retryOptions: retryOptionsSchema.optional(),
    instanceId: z.string().optional(),
    fireAt: z.string().optional(),
    isCanceled: z.boolean().optional(),
    externalEventName: z.string().optional(),
    compoundActions: z.array(wireActionSchema).optional(),
  }),
);

/** The decoded `OrchestratorState`. */
export const orchestratorStateSchema = z.looseObject({
  isDone: z.boolean(),
  actions: z.array(z.array(wireActionSchema)),
  output: z.unknown().optional(),
  error: z.string().optional(),
  customStatus: z.unknown().optional(),
  schemaVersion: z.number().int().optional(),
});
export type OrchestratorState = z.infer<typeof orchestratorStateSchema>;

/** The atomic actions in the order the SDK gave them sequence numbers (depth-first through Task.all/any). */
export function flattenActions(state: OrchestratorState): WireAction[] {
  const out: WireAction[] = [];
  const visit = (a: WireAction) => {
    if (a.actionType === ActionType.WhenAll || a.actionType === ActionType.WhenAny) (a.compoundActions ?? []).forEach(visit);
    else out.push(a);
  };
  state.actions.flat().forEach(visit);
  return out;
}

/** What the dev host remembers of each action, to check later replays against. */
export interface ActionSummary {
  /** The action type number. */
  t: number;
  /** Function or event name, when the action has one. */
  n?: string | undefined;
  /** The sequence id the action took, when it takes one. */
  id?: number | undefined;
}

/** Summary of one wire action (without its id). */
export function summarize(a: WireAction): ActionSummary {
  const n = a.functionName ?? a.externalEventName;
  return n === undefined ? { t: a.actionType } : { t: a.actionType, n };
}

/** A readable description for messages: `activity 'b'`, `timer`, `external event 'go'`... */
export function describeAction(a: ActionSummary | undefined): string {
  if (!a) return 'nothing';
  switch (a.t) {
    case ActionType.CallActivity:
      return `activity '${a.n}'`;
    case ActionType.CallActivityWithRetry:
      return `activity '${a.n}' (with retry)`;
    case ActionType.CallSubOrchestrator:
      return `sub-orchestration '${a.n}'`;
    case ActionType.CallSubOrchestratorWithRetry:
      return `sub-orchestration '${a.n}' (with retry)`;
    case ActionType.CreateTimer:
      return 'timer';
    case ActionType.WaitForExternalEvent:
      return `external event '${a.n}'`;
    case ActionType.ContinueAsNew:
      return 'continueAsNew';
    case ActionType.CallHttp:
      return 'HTTP call';
    case ActionType.CallEntity:
    case ActionType.SignalEntity:
      return 'entity operation';
    default:
      return `action type ${a.t}`;
  }
}

/** True when the action takes a sequence number (so a completion event can refer to it). */
export function takesSequenceId(t: number): boolean {
  return (
    t === ActionType.CallActivity ||
    t === ActionType.CallActivityWithRetry ||
    t === ActionType.CallSubOrchestrator ||
    t === ActionType.CallSubOrchestratorWithRetry ||
    t === ActionType.CreateTimer
  );
}

/**
 * Input as the SDK hands it over, turned back into a value. `callActivity` and `continueAsNew` JSON-encode string
 * inputs (Utils.processInput), so a string there is JSON text; sub-orchestration inputs are passed as they are.
 */
export function actionInputValue(a: WireAction): unknown {
  if (a.actionType === ActionType.CallSubOrchestrator || a.actionType === ActionType.CallSubOrchestratorWithRetry) return a.input;
  if (typeof a.input === 'string') {
    try {
      return JSON.parse(a.input) as unknown;
    } catch {
      return a.input;
    }
  }
  return a.input;
}

/** JSON text for a history `Input`/`Result` field (`null` stays JSON null, `undefined` becomes no value). */
export function toJsonText(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}
