import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.js';

/** The API's domain objects, as its OpenAPI document (generated from the app's zod schemas) describes them. */
export type Run = components['schemas']['Run'];
export type Pipeline = components['schemas']['Pipeline'];
export type Lineage = components['schemas']['Lineage'];
export type Decision = components['schemas']['Decision'];
export type TriggerRecord = components['schemas']['TriggerRecord'];
export type Problem = components['schemas']['Problem'];

/** A problem+json answer (or a failed request) as an Error the pages can show in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `The API answered ${status}.`);
    this.name = 'ApiError';
  }

  /** The stable problem code (`NOT_FOUND`, `FORBIDDEN`, ...), or `NETWORK` when nothing answered. */
  get code(): string {
    return this.problem.code ?? (this.status === 0 ? 'NETWORK' : 'UNKNOWN');
  }
}

/**
 * Signed-in people call the API with App Service Authentication's session cookie (same origin): the dashboard never
 * holds a key or token, and never puts one in a URL.
 */
const throwProblems: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const problem = (await response.clone().json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError(response.status, problem);
  },
};

/** The typed API client (paths, parameters and bodies checked against the OpenAPI document at compile time). */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(throwProblems);

/** The data of an openapi-fetch result; errors were already thrown by the middleware. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new ApiError(result.response.status, {});
  return result.data;
}
