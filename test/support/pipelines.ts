import { readFileSync } from 'node:fs';
import { pipelineSchema, pipelineSpecSchema, type Pipeline, type PipelineSpec } from '../../shared/domain/pipeline.js';

/** The example pipeline body (`examples/pipeline.json`), parsed. */
export function examplePipelineSpec(): PipelineSpec {
  return pipelineSpecSchema.parse(JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')));
}

/** A stored pipeline with the given id, built from the example. */
export function examplePipeline(id: string, at = '2026-01-01T00:00:00.000Z'): Pipeline {
  return pipelineSchema.parse({ ...examplePipelineSpec(), id, createdAt: at, updatedAt: at });
}
