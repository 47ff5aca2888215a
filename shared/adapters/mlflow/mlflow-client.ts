import { HttpClient, type HttpAuth, type HttpClientOptions } from '../http/http-client.js';
import type { HttpResponse } from '../http/http-responses.js';
import {
  describeMlflowError,
  experimentResponseSchema,
  mlflowErrorCode,
  modelVersionResponseSchema,
  runResponseSchema,
  searchModelVersionsResponseSchema,
  searchRunsResponseSchema,
  type MlflowModelVersion,
  type MlflowRun,
} from './mlflow-schemas.js';

export interface MlflowClientOptions {
  /** The tracking server root (REST under `/api/2.0/mlflow`). */
  trackingUri: string;
  /** Bearer token, when the server sits behind an authenticating proxy. */
  token?: string;
  http?: Pick<HttpClientOptions, 'fetch' | 'timeoutMs' | 'retry' | 'sleep'>;
}

/**
 * The MLflow REST calls the tracker needs, one method each. Not-found answers come back as null; a duplicate create
 * (`RESOURCE_ALREADY_EXISTS`, which MLflow sends as HTTP 400, not 409) as `'exists'`. Retries follow MLflow's own
 * client: 408, 429 and 5xx, honouring `Retry-After`.
 */
export class MlflowClient {
  readonly http: HttpClient;

  constructor(opts: MlflowClientOptions) {
    const token = opts.token;
    const auth: HttpAuth = { headers: async (): Promise<Record<string, string>> => (token ? { authorization: `Bearer ${token}` } : {}), secrets: () => (token ? [token] : []) };
    this.http = new HttpClient({
      system: 'mlflow',
      displayName: 'MLflow',
      baseUrl: `${opts.trackingUri}/api/2.0/mlflow`,
      auth,
      describeError: describeMlflowError,
      retry: { retries: 7, maxElapsedMs: 4 * 60_000 },
      ...opts.http,
    });
  }

  /** The experiment's id, or null when there is no experiment by that name. */
  async experimentIdByName(name: string): Promise<string | null> {
    const res = await this.http.request({ method: 'GET', path: '/experiments/get-by-name', query: { experiment_name: name } });
    if (this.notFound(res)) return null;
    this.expect(res, 200, `to read experiment '${name}'`);
    return this.http.parse(res, experimentResponseSchema, 'get-by-name').experiment.experiment_id;
  }

  /** Runs matching `filter` in the experiments (active only), newest first. */
  async searchRuns(experimentIds: string[], filter: string, maxResults = 20): Promise<MlflowRun[]> {
    const res = await this.http.request({
      method: 'POST',
      path: '/runs/search',
      json: { experiment_ids: experimentIds, filter, run_view_type: 'ACTIVE_ONLY', max_results: maxResults, order_by: ['attributes.start_time DESC'] },
    });
    this.expect(res, 200, 'to search runs');
    return this.http.parse(res, searchRunsResponseSchema, 'runs/search').runs ?? [];
  }

  /** A run, or null when it does not exist. */
  async getRun(runId: string): Promise<MlflowRun | null> {
    const res = await this.http.request({ method: 'GET', path: '/runs/get', query: { run_id: runId } });
    if (this.notFound(res)) return null;
    this.expect(res, 200, `to read run ${runId}`);
    return this.http.parse(res, runResponseSchema, 'runs/get').run;
  }

  /** Create the registered model; an existing one is fine. */
  async ensureRegisteredModel(name: string): Promise<'created' | 'exists'> {
    const res = await this.http.request({ method: 'POST', path: '/registered-models/create', json: { name } });
    if (res.status === 200) return 'created';
    if (this.alreadyExists(res)) return 'exists';
    throw this.http.failure(res, `to create registered model '${name}'`);
  }

  /** Model versions matching `filter`, newest first. */
  async searchModelVersions(filter: string, maxResults = 50): Promise<MlflowModelVersion[]> {
    const res = await this.http.request({ method: 'GET', path: '/model-versions/search', query: { filter, max_results: maxResults, order_by: ['version_number DESC'] } });
    this.expect(res, 200, 'to search model versions');
    return this.http.parse(res, searchModelVersionsResponseSchema, 'model-versions/search').model_versions ?? [];
  }

  /** Create a model version of `name` from `source`. */
  async createModelVersion(req: { name: string; source: string; runId: string; tags: Record<string, string>; modelId?: string }): Promise<MlflowModelVersion> {
    const res = await this.http.request({
      method: 'POST',
      path: '/model-versions/create',
      json: {
        name: req.name,
        source: req.source,
        run_id: req.runId,
        tags: Object.entries(req.tags).map(([key, value]) => ({ key, value })),
        ...(req.modelId !== undefined ? { model_id: req.modelId } : {}),
      },
    });
    this.expect(res, 200, `to create a version of model '${req.name}'`);
    return this.http.parse(res, modelVersionResponseSchema, 'model-versions/create').model_version;
  }

  /** A model version, or null when it does not exist. */
  async getModelVersion(name: string, version: string): Promise<MlflowModelVersion | null> {
    const res = await this.http.request({ method: 'GET', path: '/model-versions/get', query: { name, version } });
    if (this.notFound(res)) return null;
    this.expect(res, 200, `to read version ${version} of model '${name}'`);
    return this.http.parse(res, modelVersionResponseSchema, 'model-versions/get').model_version;
  }

  /** Point `alias` at `version` (an existing alias moves). */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    const res = await this.http.request({ method: 'POST', path: '/registered-models/alias', json: { name, alias, version } });
    this.expect(res, 200, `to set alias '${alias}' of model '${name}'`);
  }

  /** Remove `alias` from the model; an alias (or model) that does not exist is already removed. */
  async deleteAlias(name: string, alias: string): Promise<void> {
    // The server reads a DELETE's parameters from the query string or from a JSON body, depending on its version.
    const res = await this.http.request({ method: 'DELETE', path: '/registered-models/alias', query: { name, alias }, json: { name, alias } });
    if (this.notFound(res)) return;
    this.expect(res, 200, `to delete alias '${alias}' of model '${name}'`);
  }

  /** The version behind `alias`, or null when the model or the alias does not exist. */
  async getByAlias(name: string, alias: string): Promise<MlflowModelVersion | null> {
    const res = await this.http.request({ method: 'GET', path: '/registered-models/alias', query: { name, alias } });
    if (this.notFound(res)) return null;
    // MLflow answers an alias it does not know with INVALID_PARAMETER_VALUE (400) in some versions.
    if (res.status === 400 && mlflowErrorCode(this.http.errorBody(res)) === 'INVALID_PARAMETER_VALUE' && /alias/i.test(this.http.describe(res) ?? '')) return null;
    this.expect(res, 200, `to read alias '${alias}' of model '${name}'`);
    return this.http.parse(res, modelVersionResponseSchema, 'registered-models/alias').model_version;
  }

  private notFound(res: HttpResponse): boolean {
    // Only MLflow's own "does not exist": a bare 404 means a wrong tracking URI, which must not read as "no run".
    const code = mlflowErrorCode(this.http.errorBody(res));
    return res.status === 404 && (code === 'RESOURCE_DOES_NOT_EXIST' || code === 'NOT_FOUND');
  }

  private alreadyExists(res: HttpResponse): boolean {
    return res.status === 400 && mlflowErrorCode(this.http.errorBody(res)) === 'RESOURCE_ALREADY_EXISTS';
  }

  private expect(res: HttpResponse, status: number, what: string): void {
    if (res.status !== status) throw this.http.failure(res, what);
  }
}
