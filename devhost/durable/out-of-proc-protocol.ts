import type { CapturedApp, Registration } from '../core-stub.js';
import { invokeFunction } from '../invoke.js';
import type { InvocationLog, RpcTypedData } from '../invoke.js';

/*
 * The out-of-process protocol between the Durable extension and the JS SDK: the orchestration trigger payload the
 * extension sends (the whole history plus the schema it speaks), and how the handler's answer comes back, either as
 * the RPC return value or, when the orchestrator threw, as JSON after a label inside the error message. The dev host
 * and the golden-history replay tests both speak it through this module.
 */

/** The durations the SDK needs with schema V3; the short-timer limit is huge because the dev host has no storage cap. */
const longRunningTimerIntervalDuration = '3.00:00:00';
const maximumShortTimerDuration = '3650.00:00:00';
const defaultHttpAsyncRequestSleepTimeMillseconds = 30000;

/** Schema the dev host announces: V3 (`upperSchemaVersionNew` 2), as the extension does. */
const upperSchemaVersion = 1;
const upperSchemaVersionNew = 2;

/** What the SDK puts before the orchestrator state it serializes into a thrown error's message. */
const outOfProcDataLabel = '$OutOfProcData$:';

/** What the orchestration trigger carries for one episode. */
export interface OrchestratorTriggerInput {
  /** Every event so far; the caller sets `IsPlayed` on each. */
  history: unknown[];
  input: unknown;
  instanceId: string;
  parentInstanceId: string;
}

/** What the orchestrator handler answered: the raw state it returned (or threw), or the error it threw without one. */
export type OrchestratorAnswer = { kind: 'state'; raw: unknown } | { kind: 'error'; message: string };

/** The orchestration trigger's RPC data for one episode. */
export function orchestratorTrigger(t: OrchestratorTriggerInput): RpcTypedData {
  const payload = {
    history: t.history,
    input: t.input,
    instanceId: t.instanceId,
    isReplaying: false,
    parentInstanceId: t.parentInstanceId,
    upperSchemaVersion,
    upperSchemaVersionNew,
    longRunningTimerIntervalDuration,
    maximumShortTimerDuration,
    defaultHttpAsyncRequestSleepTimeMillseconds,
  };
  return { string: JSON.stringify(payload) };
}

/** Invoke a registered orchestrator through the worker's invocation model and decode its answer (not validated). */
export async function callOrchestrator(app: CapturedApp, registration: Registration, t: OrchestratorTriggerInput, log: InvocationLog): Promise<OrchestratorAnswer> {
  try {
    const res = await invokeFunction(app, registration, { trigger: orchestratorTrigger(t) }, log);
    return { kind: 'state', raw: decodeReturn(res.returnValue) };
  } catch (err) {
    return stateFromError(err instanceof Error ? err.message : String(err));
  }
}

/** The state the SDK serialized into a failure message, or the message itself when there is none to read. */
function stateFromError(message: string): OrchestratorAnswer {
  const at = message.indexOf(outOfProcDataLabel);
  if (at < 0) return { kind: 'error', message };
  try {
    return { kind: 'state', raw: JSON.parse(message.slice(at + outOfProcDataLabel.length)) as unknown };
  } catch {
    return { kind: 'error', message: message.slice(0, at).trim() };
  }
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
