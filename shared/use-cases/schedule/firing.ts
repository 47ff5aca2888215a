import type { TriggerKind } from '../../domain/run.js';

/** A run one of the scheduler's rules wants started, with what the run record and the trigger log say about it. */
export interface Firing {
  kind: Extract<TriggerKind, 'schedule' | 'staleness' | 'data-change'>;
  runId: string;
  dedupKey: string;
  sourceEventId: string;
  reason: string;
  /** The trigger-log record's detail (which slots a catch-up covers, which boundary, which fingerprint). */
  detail: string;
}

/** What the scheduler did for one rule of one pipeline in a tick (`deferred`: a data check left for the next tick). */
export interface ScheduleOutcome {
  pipelineId: string;
  kind: Firing['kind'];
  runId?: string;
  result: 'started' | 'already-started' | 'refused' | 'skipped' | 'failed' | 'deferred';
  detail?: string;
}
