import { ifMatchPasses, ifNoneMatchPasses, type EntityTagCondition } from '../domain/entity-tags.js';
import { AppError } from '../domain/errors.js';
import { pipelineSchema, type Pipeline, type PipelineSpec } from '../domain/pipeline.js';
import { syncedState } from '../domain/schedule/next-due.js';
import type { PipelineStateStore } from '../ports/pipeline-state-store.js';
import type { PipelineStore } from '../ports/pipeline-store.js';

/** Where a pipeline and its state (the scheduler's bookkeeping and due time) are kept. */
export interface PipelineStores {
  pipelines: PipelineStore;
  pipelineStates: PipelineStateStore;
}

/** The preconditions of a write, as the `If-Match` / `If-None-Match` headers carried them (absent: none). */
export interface WritePreconditions {
  ifMatch?: EntityTagCondition | undefined;
  ifNoneMatch?: EntityTagCondition | undefined;
}

/**
 * Create or replace a pipeline. `ifMatch` makes the write conditional on the caller's ETag (412 when stale);
 * `ifNoneMatch` refuses (412) when the pipeline exists (`*`) or its ETag is one of the given tags; with neither, the
 * last writer wins, as for any unconditional PUT. The pipeline's state follows every write (its rules' bookkeeping and
 * `nextDueAt`, so a changed cron does not fire the old cron's missed slots); a lost state write is repaired by the
 * scheduler's sweep.
 */
export async function putPipeline(
  stores: PipelineStores,
  id: string,
  spec: PipelineSpec,
  opts: WritePreconditions & { now: Date },
): Promise<{ pipeline: Pipeline; created: boolean }> {
  const store = stores.pipelines;
  const existing = await store.get(id);
  const current = { exists: existing !== null, etag: existing?.etag };
  if (opts.ifMatch !== undefined && !ifMatchPasses(opts.ifMatch, current)) {
    throw new AppError('PRECONDITION_FAILED', `Pipeline '${id}' was changed by someone else; read it again and retry with its new ETag.`);
  }
  if (opts.ifNoneMatch !== undefined && !ifNoneMatchPasses(opts.ifNoneMatch, current)) {
    throw new AppError('PRECONDITION_FAILED', `Pipeline '${id}' already exists${opts.ifNoneMatch === '*' ? '' : ' with a matching ETag'}.`);
  }
  const at = opts.now.toISOString();
  const next = pipelineSchema.parse({ ...spec, id, createdAt: existing?.createdAt ?? at, updatedAt: at });
  // The store re-checks atomically that the state judged above is still the state written over: the read above only
  // gives early, cheap answers.
  const conditional = opts.ifMatch !== undefined || opts.ifNoneMatch !== undefined;
  const condition = !conditional ? {} : existing ? (existing.etag !== undefined ? { ifMatch: existing.etag } : {}) : { ifNoneMatch: '*' as const };
  const pipeline = await store.put(next, condition);
  await stores.pipelineStates.update(id, (state) => syncedState(existing, pipeline, state, opts.now));
  return { pipeline, created: !existing };
}

/**
 * Delete a pipeline; with `ifMatch`, only when its current ETag satisfies it (412 otherwise, also when it is gone).
 * False when there was nothing to delete. Its state goes too (a scheduler tick that finds a state without its pipeline
 * removes it as well).
 */
export async function deletePipeline(stores: PipelineStores, id: string, opts: Pick<WritePreconditions, 'ifMatch'> = {}): Promise<boolean> {
  const deleted = await deleteSpec(stores.pipelines, id, opts);
  if (deleted) await stores.pipelineStates.delete(id);
  return deleted;
}

async function deleteSpec(store: PipelineStore, id: string, opts: Pick<WritePreconditions, 'ifMatch'>): Promise<boolean> {
  if (opts.ifMatch === undefined) return store.delete(id);
  const existing = await store.get(id);
  if (!ifMatchPasses(opts.ifMatch, { exists: existing !== null, etag: existing?.etag })) {
    throw new AppError('PRECONDITION_FAILED', `Pipeline '${id}' was changed or deleted by someone else; read it again and retry with its new ETag.`);
  }
  return store.delete(id, existing?.etag !== undefined ? { ifMatch: existing.etag } : {});
}
