import { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { defineRoute, json, type RouteSpec } from '../../shared/http/route.js';

const healthSchema = z.object({
  status: z.enum(['healthy', 'degraded']),
  dependencies: z.array(
    z.object({ name: z.string(), status: z.enum(['up', 'down', 'not-configured']), latencyMs: z.number().optional(), detail: z.string().optional() }),
  ),
});

/** `GET /api/health`: anonymous; 200 when every dependency is up, 503 otherwise, with each one's state. */
export function healthRoutes(services: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'health',
      method: 'GET',
      route: 'health',
      authLevel: 'anonymous',
      summary: "The app's and each dependency's state.",
      tag: 'operations',
      responses: { 200: { description: 'All dependencies up.', schema: healthSchema }, 503: { description: 'A dependency is down.', schema: healthSchema } },
      handler: async () => {
        const dependencies = await Promise.all(services.health.map((h) => h.check()));
        const healthy = dependencies.every((d) => d.status !== 'down');
        return json(healthy ? 200 : 503, { status: healthy ? 'healthy' : 'degraded', dependencies }, { 'Cache-Control': 'no-store' });
      },
    }),
  ];
}
