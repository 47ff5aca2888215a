import type { TriggerRecord } from '../domain/trigger-record.js';
import type { Page } from './pipeline-store.js';

/** The trigger log. `record` is idempotent on the record id (a redelivered trigger is recorded once). */
export interface TriggerStore {
  record(entry: TriggerRecord): Promise<{ created: boolean; record: TriggerRecord }>;
  list(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<TriggerRecord>>;
}
