import type { Services } from '../../shared/app/services.js';
import { AppError, errors } from '../../shared/domain/errors.js';
import { runSchema } from '../../shared/domain/run.js';
import { triggerRecordSchema } from '../../shared/domain/trigger-record.js';
import { z } from '../../shared/domain/zod.js';
import type { LineageQuery } from '../../shared/ports/run-store.js';
import { defineRoute, json, type RouteSpec } from '../../shared/http/route.js';
import { nextPageLink, pageBody, pageQuery, pageSchema, pipelineIdParams } from './schemas.js';

const lineageQuerySchema = z
  .object({
    commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character lowercase hex commit id').optional(),
    dataFingerprint: z.string().min(8).max(128).optional(),
    imageDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex>').optional(),
    mlflowRunId: z.string().min(1).max(64).optional(),
    model: z.string().regex(/^.{1,500}:\d{1,10}$/, 'must be <registered model name>:<version>').optional(),
  })
  .refine((q) => Object.values(q).filter((v) => v !== undefined).length === 1, { error: 'give exactly one of commit, dataFingerprint, imageDigest, mlflowRunId, model' });

function toLineageQuery(q: z.output<typeof lineageQuerySchema>): LineageQuery {
  if (q.commit) return { commitSha: q.commit };
  if (q.dataFingerprint) return { dataFingerprint: q.dataFingerprint };
  if (q.imageDigest) return { imageDigest: q.imageDigest };
  if (q.mlflowRunId) return { mlflowRunId: q.mlflowRunId };
  const model = q.model ?? '';
  const i = model.lastIndexOf(':');
  return { modelName: model.slice(0, i), modelVersion: model.slice(i + 1) };
}

/** Lineage lookup by any key, and a pipeline's trigger log ("why did or didn't it fire?"). */
export function lineageRoutes(services: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'lineage-find',
      method: 'GET',
      route: 'lineage',
      authLevel: 'function',
      summary: 'The runs behind a commit, a data fingerprint, an image digest, an MLflow run or a model version (newest first).',
      tag: 'lineage',
      query: lineageQuerySchema,
      queryExactlyOne: true,
      responses: { 200: { description: 'Matching runs with their full lineage.', schema: z.object({ items: z.array(runSchema) }) } },
      handler: async ({ query }) => {
        const runs = await services.runs.findByLineage(toLineageQuery(query));
        if (runs.length > 100) throw new AppError('VALIDATION', 'The key matches too many runs; narrow it.');
        return json(200, { items: runs });
      },
    }),
    defineRoute({
      name: 'triggers-list',
      method: 'GET',
      route: 'pipelines/{id}/triggers',
      authLevel: 'function',
      summary: "A pipeline's trigger log, newest first: each evaluation, its dedup key and decision, and the run it started.",
      tag: 'pipelines',
      params: pipelineIdParams,
      query: pageQuery(services.config.apiPageSizeMax),
      responses: { 200: { description: 'A page of trigger records.', schema: pageSchema(triggerRecordSchema), links: nextPageLink('triggers-list', true) } },
      handler: async ({ request, params, query }) => {
        if (!(await services.pipelines.get(params.id))) throw errors.notFound('Pipeline', params.id);
        const page = await services.triggers.list(params.id, query);
        return json(200, pageBody(request.url, page));
      },
    }),
  ];
}
