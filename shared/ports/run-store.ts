import type { Run, RunStatus, StepName } from '../domain/run.js';
import type { RunSlot } from '../domain/run-slot.js';
import type { Page } from './pipeline-store.js';

/** Persistence of runs (the query surface; the Durable task hub holds execution state). */
export interface RunStore {
  get(pipelineId: string, runId: string): Promise<Run | null>;
  /** Look a run up by id alone (cross-partition). */
  find(runId: string): Promise<Run | null>;
  /** Idempotent create: a second create with the same id returns the existing document. */
  create(run: Run): Promise<Run>;
  /** Read-modify-write with optimistic concurrency, retried on conflict. */
  update(pipelineId: string, runId: string, mutate: (run: Run) => Run): Promise<Run>;
  list(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined; status?: RunStatus | undefined }): Promise<Page<Run>>;
  /** The pipeline's run slot, or one of its lanes' (point read), or null when none was written yet. */
  getSlot(pipelineId: string, lane?: string): Promise<RunSlot | null>;
  /**
   * Write the slot only if it is unchanged: create it when `etag` is null, else replace it if its ETag still matches.
   * Null when another writer got there first (the caller re-reads and decides again).
   */
  putSlot(slot: RunSlot, etag: string | null): Promise<RunSlot | null>;
  /** Runs matching a lineage key (commit, data fingerprint, image digest, MLflow run id, model version). */
  findByLineage(query: LineageQuery): Promise<Run[]>;
  /**
   * Runs with status `running` whose step is one of `steps` and `running` (the waits the scheduler reconciles): one
   * query across pipelines, returning a small projection, at most `limit` a page.
   */
  runningAt(steps: readonly StepName[], opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<RunAtStep>>;
}

/** A run at a step, as `runningAt` projects it: enough to find its wait and, for training, its DAG. */
export interface RunAtStep {
  runId: string;
  pipelineId: string;
  step: StepName;
  /** When the step started (its first attempt). */
  startedAt?: string | undefined;
  /** The DAG the run trains with (from its Airflow lineage, else its pipeline snapshot). */
  dagId?: string | undefined;
}

export type LineageQuery =
  | { commitSha: string }
  | { dataFingerprint: string }
  | { imageDigest: string }
  | { mlflowRunId: string }
  | { modelName: string; modelVersion: string };
