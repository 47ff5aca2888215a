import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import { z } from '../../shared/domain/zod.js';
import { defineRoute, type RouteSpec } from '../../shared/http/route.js';

/**
 * The dashboard's Content-Security-Policy: its own scripts, styles and API only. No inline script or style can run,
 * so text from users or external systems that reached the page as markup would still do nothing.
 */
export const dashboardCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const pathSchema = z.object({
  path: z
    .string()
    .max(512)
    .regex(/^(?:[A-Za-z0-9_~-][A-Za-z0-9._~:@-]*(?:\/|$))*$/, 'must be a dashboard path')
    .optional()
    .default(''),
});

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/**
 * `GET /api/ui/{*path}`: the web dashboard, anonymous like any page (its data comes from the API, which needs a
 * signed-in person or a key). Files under `assets/` carry a content hash in their names and are cached for a year;
 * every other path is a page of the single-page app, so `index.html` answers it (not cached, so a deployment shows
 * at once) and a run's URL can be pasted anywhere.
 */
export function dashboardRoutes(services: Pick<Services, 'dashboard'>): RouteSpec[] {
  return [
    defineRoute({
      name: 'dashboard',
      method: 'GET',
      route: 'ui/{*path}',
      authLevel: 'anonymous',
      summary: 'The web dashboard (pages and their files).',
      tag: 'dashboard',
      params: pathSchema,
      responses: { 200: { description: 'A page or one of its files.', contentType: 'text/html', schema: z.string() }, 404: { description: 'No such file.' } },
      handler: async ({ params }) => {
        if (!(await services.dashboard.available())) throw new AppError('NOT_FOUND', 'The dashboard is not built: run `npm run build`.');
        const isFile = params.path.startsWith('assets/') || /\.[a-z0-9]+$/i.test(params.path);
        const asset = await services.dashboard.get(isFile ? params.path : 'index.html');
        if (!asset) throw new AppError('NOT_FOUND', `The dashboard has no file ${params.path}.`);
        const cache = params.path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        return {
          status: 200,
          headers: { 'Content-Type': asset.contentType, 'Cache-Control': cache, 'Content-Security-Policy': dashboardCsp, ...securityHeaders },
          body: asset.body,
        };
      },
    }),
  ];
}
