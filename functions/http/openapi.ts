import { z } from '../../shared/domain/zod.js';
import { buildOpenApiDocument } from '../../shared/http/openapi.js';
import { defineRoute, json, type RouteSpec } from '../../shared/http/route.js';

/** `GET /api/openapi.json`, generated once from every route's declaration (including itself). */
export function openApiRoute(allRoutes: () => RouteSpec[], version: string): RouteSpec {
  let document: Record<string, unknown> | undefined;
  return defineRoute({
    name: 'openapi',
    method: 'GET',
    route: 'openapi.json',
    authLevel: 'function',
    summary: 'The OpenAPI 3.1 document of this API.',
    tag: 'operations',
    responses: { 200: { description: 'The OpenAPI document.', schema: z.record(z.string(), z.unknown()) } },
    handler: async () => {
      document ??= buildOpenApiDocument(allRoutes(), { title: 'mlcycle API', version });
      return json(200, document);
    },
  });
}
