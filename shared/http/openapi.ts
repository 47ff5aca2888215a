import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { errorCodes, type ErrorCode } from '../domain/errors.js';
import { z } from '../domain/zod.js';
import { neededRole, type RouteSpec } from './route.js';

// The generator reads OpenAPI metadata through zod's prototype; extending is idempotent.
extendZodWithOpenApi(z);

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  // Every code the app produces, listed so clients can map each one to a type of their own (the Python client does).
  code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]).openapi({ description: 'Stable error code; the HTTP status follows from it.' }),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** Build the OpenAPI 3.1 document from the route declarations and their zod schemas. */
export function buildOpenApiDocument(routes: RouteSpec[], info: { title: string; version: string }): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  // Both ways in (shared/http/caller.ts): machines with a key, in the header or the `code` query parameter; people
  // signed in by App Service Authentication, with its session cookie (the dashboard) or an Entra bearer token.
  const keyText = 'An API key (MLCYCLE_API_KEYS; on the dev host, its function key): the operator role.';
  const schemes = [
    registry.registerComponent('securitySchemes', 'functionKey', { type: 'apiKey', in: 'header', name: 'x-functions-key', description: keyText }),
    registry.registerComponent('securitySchemes', 'functionKeyQuery', { type: 'apiKey', in: 'query', name: 'code', description: `${keyText} Never repeated in a link the API returns.` }),
    registry.registerComponent('securitySchemes', 'appServiceSession', {
      type: 'apiKey',
      in: 'cookie',
      name: 'AppServiceAuthSession',
      description: 'A person signed in with Entra ID through App Service Authentication (/.auth/login/aad; locally the dev host\'s stand-in), with the app role mlcycle.viewer (reads) or mlcycle.operator (also writes). Writes must come from the app\'s own pages.',
    }),
    registry.registerComponent('securitySchemes', 'entraBearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An Entra ID access token for the app registration (audience api://<client id>), validated by App Service Authentication; the same app roles.',
    }),
  ];
  const security = schemes.map((scheme) => ({ [scheme.name]: [] }));
  const problem = registry.register('Problem', problemSchema);
  for (const r of routes) {
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([status, spec]) => [
        status,
        {
          description: spec.description,
          ...(spec.links ? { links: spec.links } : {}),
          ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } } } : {}),
        },
      ]),
    );
    registry.registerPath({
      method: r.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch',
      path: openApiPath(r.route),
      operationId: r.name,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      ...(r.authLevel === 'function' ? { security } : {}),
      request: {
        ...(r.params instanceof z.ZodObject ? { params: r.params } : {}),
        ...(r.query instanceof z.ZodObject ? { query: r.query } : {}),
        ...(r.headers ? { headers: r.headers } : {}),
        ...(r.body ? { body: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
      },
      responses: {
        ...responses,
        ...(r.authLevel === 'function' ? authResponses(r, problem) : {}),
        default: { description: 'An error, as problem details.', content: { 'application/problem+json': { schema: problem } } },
      },
    });
  }
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info });
  for (const r of routes.filter((route) => route.queryExactlyOne)) {
    const operation = document.paths?.[openApiPath(r.route)]?.[r.method.toLowerCase() as 'get'];
    if (operation) operation.parameters = exactlyOneQueryParameter(operation.parameters ?? []);
  }
  requirePathParameters((document.paths ?? {}) as Record<string, Record<string, unknown>>);
  return document as unknown as Record<string, unknown>;
}

/**
 * OpenAPI requires every path parameter to be required; a catch-all such as the dashboard's `{*path}` is optional in
 * its zod schema (the empty path serves the index), which the document cannot say, so it is marked required there.
 */
function requirePathParameters(paths: Record<string, Record<string, unknown>>): void {
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item) as { parameters?: { in?: string; required?: boolean; schema?: { default?: unknown } }[] }[]) {
      for (const p of operation.parameters ?? []) {
        if (p.in !== 'path') continue;
        p.required = true;
        if (p.schema) delete p.schema.default;
      }
    }
  }
}

/** The 401 and 403 every authenticated route can answer, the 403 naming the role the route needs. */
function authResponses(r: RouteSpec, problem: z.ZodType): Record<number, { description: string; content: Record<string, { schema: z.ZodType }> }> {
  const content = { 'application/problem+json': { schema: problem } };
  const forbidden =
    neededRole(r) === 'operator'
      ? 'FORBIDDEN: the signed-in person lacks the operator role (mlcycle.operator), or the write came from another site.'
      : 'FORBIDDEN: the signed-in person has neither app role (mlcycle.viewer or mlcycle.operator).';
  return { 401: { description: 'UNAUTHENTICATED: no key and no signed-in person, or a wrong key.', content }, 403: { description: forbidden, content } };
}

/** The OpenAPI path of a route template: a catch-all `{*rest}` is a plain parameter there. */
function openApiPath(route: string): string {
  return `/api/${route.replace(/\{\*/g, '{')}`;
}

type Parameters = NonNullable<NonNullable<NonNullable<ReturnType<OpenApiGeneratorV31['generateDocument']>['paths']>[string]['get']>['parameters']>;

/**
 * OpenAPI parameters cannot say "exactly one of these": the query parameters become the properties of one
 * form-exploded object parameter (serialised exactly as before: `?commit=...`) with one property at most and at least.
 */
function exactlyOneQueryParameter(parameters: Parameters): Parameters {
  const properties: Record<string, unknown> = {};
  const rest: Parameters = [];
  for (const p of parameters) {
    if ('in' in p && p.in === 'query') properties[p.name] = p.schema ?? {};
    else rest.push(p);
  }
  const names = Object.keys(properties).join(', ');
  return [
    ...rest,
    {
      name: 'key',
      in: 'query',
      style: 'form',
      explode: true,
      required: true,
      description: `Exactly one of ${names}, as a query parameter of its own.`,
      schema: { type: 'object', properties, minProperties: 1, maxProperties: 1, additionalProperties: false } as never,
    },
  ];
}
