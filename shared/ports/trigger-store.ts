import type { SignalGate, SignalMark } from '../domain/signals/signal-gate.js';
import type { TriggerRecord } from '../domain/trigger-record.js';
import type { Page } from './pipeline-store.js';

/**
 * The trigger log. `record` is idempotent on the record id (a redelivered trigger is recorded once). Beside it, per
 * pipeline, the signal cool-down gate and the marks of signals received with a sender's id; `list` never returns them.
 */
export interface TriggerStore {
  record(entry: TriggerRecord): Promise<{ created: boolean; record: TriggerRecord }>;
  list(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<TriggerRecord>>;
  /** The pipeline's signal cool-down gate, or null when no signal ever claimed it. */
  getSignalGate(pipelineId: string): Promise<SignalGate | null>;
  /** Write the gate if nobody changed it since it was read (`etag`; null: only if absent). Null when another write won. */
  putSignalGate(gate: SignalGate, etag: string | null): Promise<SignalGate | null>;
  /** The decision on the first signal received with this sender's id, if any. */
  getSignalMark(pipelineId: string, signalId: string): Promise<SignalMark | null>;
  /** Remember a signal's decision unless one is remembered already; returns the one that stays. */
  markSignal(mark: SignalMark): Promise<SignalMark>;
}
