import type { LifecycleRecord, PipelineState } from '../domain/pipeline-state.js';
import type { Page } from './pipeline-store.js';

/** Persistence of each pipeline's state and lifecycle records (docs/architecture.md, "The model after promotion"). */
export interface PipelineStateStore {
  get(pipelineId: string): Promise<PipelineState | null>;
  /**
   * Read-modify-write under the document's ETag, retried on conflict; `mutate` gets an empty state when there is none
   * yet (so the first write creates it). Returning `null` writes nothing and yields the state as read. `current`: the
   * state as the caller has just read it (with its ETag), written over without reading it again unless it changed.
   */
  update(pipelineId: string, mutate: (state: PipelineState) => PipelineState | null, opts?: { current?: PipelineState }): Promise<PipelineState>;
  /** Remove the state and every lifecycle record of the pipeline (a deleted pipeline). */
  delete(pipelineId: string): Promise<void>;
  /** One page of states whose `nextDueAt` is at or before `at`, earliest first: what the scheduler looks at. */
  due(at: Date, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<PipelineState>>;
  /** Keep a lifecycle record; idempotent on its id (the first record stays). */
  record(entry: LifecycleRecord): Promise<{ created: boolean; record: LifecycleRecord }>;
  /** One lifecycle record by its id, or null. */
  findRecord(pipelineId: string, id: string): Promise<LifecycleRecord | null>;
  /** A pipeline's lifecycle records, newest first. */
  listRecords(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<LifecycleRecord>>;
}
