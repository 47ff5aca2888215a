import { app, type FunctionInput, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { noTracing, type RunTracing } from '../ports/run-tracing.js';
import { invocationParent } from './invocation-trace.js';
import type { z } from '../domain/zod.js';
import { AppError } from '../domain/errors.js';
import type { AuthConfig } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { authenticate, authorize, keyChallenge, refuseCrossSite, type Caller, type Role } from './caller.js';
import { problemResponse } from './problem.js';
import { pathMatchesRoute } from './raw-path.js';
import { parseOrThrow } from './read-json-body.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** What a route handler receives: the request and its validated route parameters, query and declared headers. */
export interface RouteContext<P, Q, H = Record<string, unknown>> {
  request: HttpRequest;
  context: InvocationContext;
  params: P;
  query: Q;
  headers: H;
  /** Who called: present on every route that is not anonymous (`authLevel: 'function'`). */
  caller?: Caller;
}

/** A response documented for a status code (used for the OpenAPI document only). */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
  /** OpenAPI links: operations a client (or a stateful fuzzer) can call next with values from this exchange. */
  links?: Record<string, LinkSpec>;
}

/** An OpenAPI link: the target operation and its parameters or body as runtime expressions (`$request.path.id`). */
export interface LinkSpec {
  operationId: string;
  parameters?: Record<string, string>;
  requestBody?: unknown;
  description?: string;
}

/**
 * One HTTP operation: its registration (`app.http`) and its OpenAPI description come from this single declaration,
 * so the document cannot drift from what is served.
 */
export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, H extends z.ZodObject = z.ZodObject> {
  name: string;
  method: HttpMethod;
  /** Route template relative to the `api/` prefix, e.g. `pipelines/{id}`. */
  route: string;
  /**
   * `function`: the caller must be authenticated by the app (an API key or a signed-in principal, shared/http/caller.ts);
   * `anonymous`: anyone (health, the dashboard's files, and hooks that check their own shared secret). The host itself
   * lets every request through: App Service Authentication and function keys cannot be combined at the host.
   */
  authLevel: 'anonymous' | 'function';
  /** The role a `function` route needs: by default `viewer` for GET, `operator` for every other method. */
  role?: Role;
  summary: string;
  /** Rules the schemas cannot state (cross-field, signatures), for the OpenAPI operation's description. */
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  /** The query takes exactly one of its parameters: documented as one form-exploded object with one property. */
  queryExactlyOne?: boolean;
  /** Request body schema (documentation; handlers read bodies with `readJsonBody` so 415/413/400 come in that order). */
  body?: z.ZodType;
  /**
   * Request headers the handler reads, keyed by their name as documented (`Idempotency-Key`). They are validated
   * like params and query, before the handler runs, so a bad header is a 400 naming it and never reaches the handler.
   */
  headers?: H;
  extraInputs?: FunctionInput[];
  responses: Record<number, ResponseSpec>;
  handler(ctx: RouteContext<z.output<P>, z.output<Q>, z.output<H>>): Promise<HttpResponseInit>;
}

/** Declare a route with its parameter types inferred from its schemas. */
export function defineRoute<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, H extends z.ZodObject = z.ZodObject>(spec: RouteSpec<P, Q, H>): RouteSpec {
  return spec;
}

/** The role a route needs (see `RouteSpec.role`); undefined for anonymous routes. */
export function neededRole(spec: RouteSpec): Role | undefined {
  if (spec.authLevel === 'anonymous') return undefined;
  return spec.role ?? (spec.method === 'GET' ? 'viewer' : 'operator');
}

/** Register routes with the Functions host; each handler's AppErrors become problem+json, anything else a bare 500. */
export function registerRoutes(routes: RouteSpec[], opts: { log: Logger; auth: AuthConfig; tracing?: RunTracing }): void {
  const tracing = opts.tracing ?? noTracing;
  for (const spec of routes) {
    app.http(spec.name, {
      methods: [spec.method],
      route: spec.route,
      authLevel: 'anonymous',
      ...(spec.extraInputs ? { extraInputs: spec.extraInputs } : {}),
      // The trigger's span: a run started here takes its trace (`startRun` stores the traceparent with the run).
      handler: (request, context) => tracing.inSpan(`${spec.method} ${spec.route}`, { role: 'trigger', ...invocationParent(context, request.headers.get('traceparent')) }, () => handle(spec, request, context, opts)),
    });
  }
}

async function handle(spec: RouteSpec, request: HttpRequest, context: InvocationContext, opts: { log: Logger; auth: AuthConfig }): Promise<HttpResponseInit> {
  const { log } = opts;
  const instance = new URL(request.url).pathname;
  const role = neededRole(spec);
  try {
    if (!pathMatchesRoute(spec.route, instance, request.params)) throw new AppError('NOT_FOUND', 'No resource matches this path.');
    // Who calls is settled before anything about the request is read: a caller without access learns nothing from 400s.
    let caller: Caller | undefined;
    if (role !== undefined) {
      caller = authenticate(request, opts.auth);
      authorize(caller, role);
      if (role === 'operator') refuseCrossSite(request, caller);
    }
    const params: unknown = spec.params ? parseOrThrow(spec.params, request.params) : {};
    const query: unknown = spec.query ? parseOrThrow(spec.query, Object.fromEntries(request.query.entries())) : {};
    const headers: Record<string, unknown> = spec.headers ? parseOrThrow(spec.headers, declaredHeaders(spec.headers, request)) : {};
    return await spec.handler({ request, context, params, query, headers, ...(caller ? { caller } : {}) });
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'INTERNAL') {
      // Log the name and message only: SDK errors can carry request headers.
      log.error('Unhandled error in HTTP function', { function: spec.name, invocationId: context.invocationId, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    } else if (e.code === 'TRANSIENT' || e.code === 'CONFIG') {
      log.warn('Dependency failure in HTTP function', { function: spec.name, invocationId: context.invocationId, code: e.code, error: e.message });
    }
    return problemResponse(e, instance, e instanceof AppError && e.code === 'UNAUTHENTICATED' && role !== undefined ? { 'WWW-Authenticate': keyChallenge } : {});
  }
}

/** The declared headers the request carries (absent ones left out, so `.optional()` means "may be absent"). */
function declaredHeaders(schema: z.ZodObject, request: HttpRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = request.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** JSON response helper. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
