import { AppError } from '../domain/errors.js';
import { pipelineSchema, type Pipeline, type PipelineSpec } from '../domain/pipeline.js';
import type { PipelineStore } from '../ports/pipeline-store.js';

/**
 * Create or replace a pipeline. `ifMatch` makes the write conditional on the caller's ETag (412 when stale);
 * `ifNoneMatch: '*'` makes it create-only; with neither, the last writer wins, as for any unconditional PUT.
 */
export async function putPipeline(
  store: PipelineStore,
  id: string,
  spec: PipelineSpec,
  opts: { ifMatch?: string | undefined; ifNoneMatch?: '*' | undefined; now: Date },
): Promise<{ pipeline: Pipeline; created: boolean }> {
  const existing = await store.get(id);
  if (opts.ifNoneMatch === '*' && existing) throw new AppError('PRECONDITION_FAILED', `Pipeline '${id}' already exists.`);
  if (opts.ifMatch !== undefined && existing?.etag !== opts.ifMatch) {
    throw new AppError('PRECONDITION_FAILED', `Pipeline '${id}' was changed by someone else; read it again and retry with its new ETag.`);
  }
  const at = opts.now.toISOString();
  const next = pipelineSchema.parse({ ...spec, id, createdAt: existing?.createdAt ?? at, updatedAt: at });
  // The store re-checks the precondition atomically: the read above only gives early, cheap answers.
  const condition = opts.ifMatch !== undefined ? { ifMatch: opts.ifMatch } : opts.ifNoneMatch ? { ifNoneMatch: opts.ifNoneMatch } : {};
  const pipeline = await store.put(next, condition);
  return { pipeline, created: !existing };
}
