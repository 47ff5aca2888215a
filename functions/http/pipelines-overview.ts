import type { Services } from '../../shared/app/services.js';
import { championSchema } from '../../shared/domain/pipeline-state.js';
import { pipelineSchema } from '../../shared/domain/pipeline.js';
import { runSchema } from '../../shared/domain/run.js';
import { z } from '../../shared/domain/zod.js';
import { defineRoute, json, type RouteSpec } from '../../shared/http/route.js';
import { pipelinesOverview } from '../../shared/use-cases/pipelines-overview.js';
import { nextPageLink, pageBody, pageQuery, pageSchema } from './schemas.js';

const overviewItemSchema = z
  .object({
    pipeline: pipelineSchema.pick({ id: true, description: true, enabled: true, schedule: true }),
    champion: championSchema
      .pick({ version: true, since: true, how: true })
      .extend({ primaryMetric: z.object({ name: z.string(), value: z.number() }).optional().openapi({ description: "The policy's primary metric as the champion's run recorded it (absent for a champion no run of mlcycle made)." }) })
      .optional(),
    lastRun: runSchema
      .pick({ id: true, status: true, kind: true, createdAt: true, finishedAt: true })
      .extend({ startedAt: z.iso.datetime().optional().openapi({ description: 'When its first step started.' }) })
      .optional()
      .openapi({ description: 'The newest run.' }),
    nextSlot: z.iso.datetime().optional().openapi({ description: "The schedule's next slot after now (absent without a schedule, or while the pipeline is disabled)." }),
  })
  .openapi('PipelineOverview');

/** The dashboard's list of pipelines: one read instead of three per pipeline. */
export function pipelinesOverviewRoute(services: Services): RouteSpec {
  return defineRoute({
    name: 'pipelines-overview',
    method: 'GET',
    // Its own path, not `pipelines/overview`: under `pipelines/{id}` it would make `overview` a pipeline no route can read.
    route: 'pipelines-overview',
    authLevel: 'function',
    summary: "A page of pipelines, each with its champion (version, since when, primary metric), its newest run and its schedule's next slot.",
    tag: 'pipelines',
    query: pageQuery(services.config.apiPageSizeMax),
    responses: { 200: { description: 'A page of pipeline overviews.', schema: pageSchema(overviewItemSchema), links: nextPageLink('pipelines-overview') } },
    handler: async ({ request, query }) => json(200, pageBody(request.url, await pipelinesOverview(services, query))),
  });
}
