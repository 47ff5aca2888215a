import { errors } from '../../shared/domain/errors.js';
import { pipelineSchema, pipelineSpecSchema } from '../../shared/domain/pipeline.js';
import type { Services } from '../../shared/app/services.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { defineRoute, json, type LinkSpec, type RouteSpec } from '../../shared/http/route.js';
import { deletePipeline, putPipeline } from '../../shared/use-cases/put-pipeline.js';
import { deletePreconditionHeaders, formatEtag, nextPageLink, pageBody, pageQuery, pageSchema, pipelineIdParams, writePreconditionHeaders } from './schemas.js';

/** What a client can do with a pipeline it has just written. */
const pipelineLinks: Record<string, LinkSpec> = Object.fromEntries(
  ['pipelines-get', 'pipelines-delete', 'runs-start', 'runs-list', 'triggers-list', 'signals-post', 'pipelines-rollback', 'pipelines-lifecycle'].map((operationId) => [operationId, { operationId, parameters: { id: '$request.path.id' } }]),
);

/** The pipelines CRUD routes. */
export function pipelineRoutes(services: Services): RouteSpec[] {
  const { pipelines } = services;
  return [
    defineRoute({
      name: 'pipelines-put',
      method: 'PUT',
      route: 'pipelines/{id}',
      authLevel: 'function',
      summary: 'Create or replace a pipeline (If-Match for optimistic concurrency, If-None-Match: * to create only).',
      tag: 'pipelines',
      params: pipelineIdParams,
      headers: writePreconditionHeaders,
      body: pipelineSpecSchema,
      responses: { 200: { description: 'Replaced.', schema: pipelineSchema, links: pipelineLinks }, 201: { description: 'Created.', schema: pipelineSchema, links: pipelineLinks } },
      handler: async ({ request, params, headers }) => {
        const spec = await readJsonBody(request, pipelineSpecSchema);
        const { pipeline, created } = await putPipeline(services, params.id, spec, { ifMatch: headers['If-Match'], ifNoneMatch: headers['If-None-Match'], now: services.now() });
        return json(created ? 201 : 200, pipeline, { ...formatEtag(pipeline.etag), ...(created ? { Location: `/api/pipelines/${pipeline.id}` } : {}) });
      },
    }),
    defineRoute({
      name: 'pipelines-get',
      method: 'GET',
      route: 'pipelines/{id}',
      authLevel: 'function',
      summary: 'Read a pipeline.',
      tag: 'pipelines',
      params: pipelineIdParams,
      responses: { 200: { description: 'The pipeline.', schema: pipelineSchema } },
      handler: async ({ params }) => {
        const pipeline = await pipelines.get(params.id);
        if (!pipeline) throw errors.notFound('Pipeline', params.id);
        return json(200, pipeline, formatEtag(pipeline.etag));
      },
    }),
    defineRoute({
      name: 'pipelines-delete',
      method: 'DELETE',
      route: 'pipelines/{id}',
      authLevel: 'function',
      summary: 'Delete a pipeline (If-Match optional).',
      tag: 'pipelines',
      params: pipelineIdParams,
      headers: deletePreconditionHeaders,
      responses: { 204: { description: 'Deleted.' } },
      handler: async ({ params, headers }) => {
        const deleted = await deletePipeline(services, params.id, { ifMatch: headers['If-Match'] });
        if (!deleted) throw errors.notFound('Pipeline', params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      name: 'pipelines-list',
      method: 'GET',
      route: 'pipelines',
      authLevel: 'function',
      summary: 'List pipelines, a page at a time.',
      tag: 'pipelines',
      query: pageQuery(services.config.apiPageSizeMax),
      responses: { 200: { description: 'A page of pipelines.', schema: pageSchema(pipelineSchema), links: nextPageLink('pipelines-list') } },
      handler: async ({ request, query }) => {
        return json(200, pageBody(request.url, await pipelines.list(query)));
      },
    }),
  ];
}
