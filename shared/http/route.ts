import { app, type FunctionInput, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { z } from '../domain/zod.js';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../logging/logger.js';
import { problemResponse } from './problem.js';
import { parseOrThrow } from './read-json-body.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** What a route handler receives: the request and its validated route parameters and query. */
export interface RouteContext<P, Q> {
  request: HttpRequest;
  context: InvocationContext;
  params: P;
  query: Q;
}

/** A response documented for a status code (used for the OpenAPI document only). */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

/**
 * One HTTP operation: its registration (`app.http`) and its OpenAPI description come from this single declaration,
 * so the document cannot drift from what is served.
 */
export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  name: string;
  method: HttpMethod;
  /** Route template relative to the `api/` prefix, e.g. `pipelines/{id}`. */
  route: string;
  authLevel: 'anonymous' | 'function';
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  /** Request body schema (documentation; handlers read bodies with `readJsonBody` so 415/413/400 come in that order). */
  body?: z.ZodType;
  headers?: z.ZodObject;
  extraInputs?: FunctionInput[];
  responses: Record<number, ResponseSpec>;
  handler(ctx: RouteContext<z.output<P>, z.output<Q>>): Promise<HttpResponseInit>;
}

/** Declare a route with its parameter types inferred from its schemas. */
export function defineRoute<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject>(spec: RouteSpec<P, Q>): RouteSpec {
  return spec;
}

/** Register routes with the Functions host; each handler's AppErrors become problem+json, anything else a bare 500. */
export function registerRoutes(routes: RouteSpec[], log: Logger): void {
  for (const spec of routes) {
    app.http(spec.name, {
      methods: [spec.method],
      route: spec.route,
      authLevel: spec.authLevel,
      ...(spec.extraInputs ? { extraInputs: spec.extraInputs } : {}),
      handler: (request, context) => handle(spec, request, context, log),
    });
  }
}

async function handle(spec: RouteSpec, request: HttpRequest, context: InvocationContext, log: Logger): Promise<HttpResponseInit> {
  const instance = new URL(request.url).pathname;
  try {
    const params: unknown = spec.params ? parseOrThrow(spec.params, request.params) : {};
    const query: unknown = spec.query ? parseOrThrow(spec.query, Object.fromEntries(request.query.entries())) : {};
    return await spec.handler({ request, context, params, query });
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'INTERNAL') {
      // Log the name and message only: SDK errors can carry request headers.
      log.error('Unhandled error in HTTP function', { function: spec.name, invocationId: context.invocationId, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    } else if (e.code === 'TRANSIENT' || e.code === 'CONFIG') {
      log.warn('Dependency failure in HTTP function', { function: spec.name, invocationId: context.invocationId, code: e.code, error: e.message });
    }
    return problemResponse(e, instance);
  }
}

/** JSON response helper. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
