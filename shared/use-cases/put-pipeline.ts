import { AppError } from '../domain/errors.js';
import { pipelineSchema, type Pipeline, type PipelineSpec } from '../domain/pipeline.js';
import type { PipelineStore } from '../ports/pipeline-store.js';

const maxRaceRetries = 3;

/**
 * Create or replace a pipeline. With `ifMatch` the caller's ETag must be current (412 otherwise); without it the
 * write is still atomic against concurrent writers: we condition on what we read and re-read on a lost race.
 */
export async function putPipeline(
  store: PipelineStore,
  id: string,
  spec: PipelineSpec,
  opts: { ifMatch?: string; ifNoneMatch?: '*'; now: Date },
): Promise<{ pipeline: Pipeline; created: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const existing = await store.get(id);
    if (opts.ifNoneMatch === '*' && existing) throw new AppError('PRECONDITION_FAILED', `Pipeline '${id}' already exists.`);
    if (opts.ifMatch !== undefined && (!existing || existing.etag !== opts.ifMatch)) {
      throw new AppError('PRECONDITION_FAILED', `Pipeline '${id}' was changed by someone else; read it again and retry with its new ETag.`);
    }
    const at = opts.now.toISOString();
    const next = pipelineSchema.parse({ ...spec, id, createdAt: existing?.createdAt ?? at, updatedAt: at });
    try {
      const pipeline = await store.put(next, existing ? { ifMatch: existing.etag ?? '' } : { ifNoneMatch: '*' });
      return { pipeline, created: !existing };
    } catch (e) {
      // Someone wrote between our read and our write. If the caller pinned a version that is a real 412; otherwise retry.
      const lostRace = e instanceof AppError && e.code === 'PRECONDITION_FAILED';
      if (lostRace && opts.ifMatch === undefined && opts.ifNoneMatch === undefined && attempt < maxRaceRetries) continue;
      throw e;
    }
  }
}
