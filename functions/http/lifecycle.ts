import type { Services } from '../../shared/app/services.js';
import { errors } from '../../shared/domain/errors.js';
import { championSchema, lifecycleRecordSchema } from '../../shared/domain/pipeline-state.js';
import { z } from '../../shared/domain/zod.js';
import { actorOf } from '../../shared/http/actor.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { defineRoute, json, type RouteSpec } from '../../shared/http/route.js';
import { rollback } from '../../shared/use-cases/rollback.js';
import { idempotencyKeyHeader, nextPageLink, pageBody, pageQuery, pageSchema, pipelineIdParams } from './schemas.js';

const rollbackBody = z.object({
  toVersion: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'must be a model version number')
    .optional()
    .openapi({ description: "A version of the pipeline's registered model; default: the newest former champion that still exists." }),
  reason: z.string().max(2000).optional(),
  by: z.string().max(256).optional().openapi({ description: "Who rolls back, for a key caller: recorded as `<by> (api-key)`. Ignored for a signed-in person, who is recorded by name." }),
});

const rollbackKeyHeader = idempotencyKeyHeader('The same key for the same pipeline returns the first rollback and moves nothing.');

const formerChampionSchema = championSchema.extend({ until: z.iso.datetime() });
const lifecycleSchema = pageSchema(lifecycleRecordSchema).extend({
  pipelineId: z.string(),
  champion: championSchema.optional(),
  formerChampions: z.array(formerChampionSchema),
});

/** The model after promotion: roll the champion back, and read its history with the lifecycle records. */
export function lifecycleRoutes(services: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'pipelines-rollback',
      method: 'POST',
      route: 'pipelines/{id}/rollback',
      authLevel: 'function',
      summary: "Move the model's champion alias back (default: to the previous champion) and record who and why. Repeating it moves nothing.",
      tag: 'lifecycle',
      params: pipelineIdParams,
      headers: rollbackKeyHeader,
      body: rollbackBody,
      responses: { 200: { description: 'The rollback record (the same one for a repeated request).', schema: lifecycleRecordSchema } },
      handler: async ({ request, params, headers, caller }) => {
        const body = await readJsonBody(request, rollbackBody, { optional: true });
        const { record } = await rollback(services, { pipelineId: params.id, ...body, by: actorOf(caller, body.by), idempotencyKey: headers['Idempotency-Key'] });
        return json(200, record);
      },
    }),
    defineRoute({
      name: 'pipelines-lifecycle',
      method: 'GET',
      route: 'pipelines/{id}/lifecycle',
      authLevel: 'function',
      summary: "The pipeline's champion, its former champions (newest first) and a page of lifecycle records (promotions, rollbacks), newest first.",
      tag: 'lifecycle',
      params: pipelineIdParams,
      query: pageQuery(services.config.apiPageSizeMax),
      responses: { 200: { description: 'The champion history and a page of records.', schema: lifecycleSchema, links: nextPageLink('pipelines-lifecycle', true) } },
      handler: async ({ request, params, query }) => {
        if (!(await services.pipelines.get(params.id))) throw errors.notFound('Pipeline', params.id);
        const state = await services.pipelineStates.get(params.id);
        const page = await services.pipelineStates.listRecords(params.id, query);
        return json(200, {
          pipelineId: params.id,
          ...(state?.champion ? { champion: state.champion } : {}),
          formerChampions: state?.formerChampions ?? [],
          ...pageBody(request.url, page),
        });
      },
    }),
  ];
}
