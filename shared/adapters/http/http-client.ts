import { AppError, isRetryableStatus } from '../../domain/errors.js';
import { countCall } from './call-stats.js';
import { HttpResponses, type HttpResponse, type HttpResponsesOptions } from './http-responses.js';
import { retryAfterMs } from './retry-after.js';
import { RetryableFailure, withRetries, type HttpRetryPolicy } from './retryable.js';

export type { HttpRetryPolicy };

/*
 * A small JSON-over-HTTP client for the REST adapters (Airflow, MLflow): global `fetch`, a timeout per attempt,
 * retries with exponential backoff and jitter for 408/429/5xx and network failures (honouring `Retry-After`), one
 * credential renewal on 401, and errors as `AppError`s whose messages never carry a secret or an auth header.
 * Statuses that are not retryable come back to the caller, which knows what a 404 or a 409 means for its call; the
 * client reads them with what it inherits from `HttpResponses` (`http-responses.ts`): typed bodies, typed errors.
 */

/** How requests are authenticated. */
export interface HttpAuth {
  /** Headers for the next request (may fetch and cache a token). */
  headers(): Promise<Record<string, string>>;
  /** After a 401: drop cached credentials. True when one more attempt with fresh ones makes sense. */
  renew?(): Promise<boolean>;
  /** Values that must never appear in an error message (passwords, tokens). */
  secrets(): string[];
}

export interface HttpClientOptions extends Omit<HttpResponsesOptions, 'secrets'> {
  /** Root every path is appended to (no trailing slash). */
  baseUrl: string;
  auth?: HttpAuth;
  fetch?: typeof fetch;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<HttpRetryPolicy>;
  /** Waits for `Retry-After` go through here (tests observe them without waiting). */
  sleep?: (ms: number) => Promise<void>;
}

export type QueryValue = string | number | boolean | undefined | (string | number)[];

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under the base URL, with each dynamic segment already encoded (use `seg`). */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** Default `application/json`. */
  accept?: string;
  /** Default true; false for the token endpoint itself. */
  authenticated?: boolean;
  timeoutMs?: number;
}

export const defaultHttpRetryPolicy: HttpRetryPolicy = { retries: 5, minDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000, maxElapsedMs: 90_000 };

/** Encode one path segment (ids can hold characters that are special in URLs). */
export const seg = (value: string): string => encodeURIComponent(value);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A JSON HTTP client for one external system (see the file comment). */
export class HttpClient extends HttpResponses {
  private readonly fetchFn: typeof fetch;
  private readonly retry: HttpRetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: HttpClientOptions) {
    super({ system: opts.system, displayName: opts.displayName, ...(opts.describeError ? { describeError: opts.describeError } : {}), secrets: () => opts.auth?.secrets() ?? [] });
    this.fetchFn = opts.fetch ?? fetch;
    this.retry = { ...defaultHttpRetryPolicy, ...opts.retry };
    this.sleep = opts.sleep ?? defaultSleep;
  }

  /** Send a request, retrying what may pass later. Throws TRANSIENT when retries run out; returns every other status. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    try {
      return await withRetries(() => this.attempt(req), this.retry, this.sleep);
    } catch (e) {
      if (e instanceof RetryableFailure) {
        throw new AppError('TRANSIENT', `${this.opts.displayName} is unavailable: ${e.message}`, { details: { system: this.opts.system, ...(e.status !== undefined ? { status: e.status } : {}) } });
      }
      throw e;
    }
  }

  private url(req: HttpRequest): string {
    const url = new URL(`${this.opts.baseUrl}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
      else url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  /** One attempt, with one renewal of the credentials on 401. Retryable outcomes are thrown. */
  private async attempt(req: HttpRequest): Promise<HttpResponse> {
    let res = await this.send(req);
    if (res.status === 401 && req.authenticated !== false && this.opts.auth?.renew && (await this.opts.auth.renew())) {
      res = await this.send(req);
    }
    if (isRetryableStatus(res.status)) {
      const detail = this.describe(res);
      throw new RetryableFailure(`${req.method} ${req.path} answered HTTP ${res.status}${detail ? ` – ${detail}` : ''}`, res.status, retryAfterMs(res.headers.get('retry-after')));
    }
    return res;
  }

  private async send(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: req.accept ?? 'application/json' };
    if (req.json !== undefined) headers['content-type'] = 'application/json';
    if (req.authenticated !== false && this.opts.auth) Object.assign(headers, await this.opts.auth.headers());
    countCall(this.opts.system);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFn(this.url(req), {
        method: req.method,
        headers,
        ...(req.json !== undefined ? { body: JSON.stringify(req.json) } : {}),
        signal: AbortSignal.timeout(req.timeoutMs ?? this.opts.timeoutMs ?? 30_000),
        redirect: 'manual',
      });
      text = await response.text();
    } catch (e) {
      // Only the kind of failure: fetch errors can quote the URL, and undici causes can carry socket details.
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new RetryableFailure(`${req.method} ${req.path} ${timedOut ? 'timed out' : 'could not connect'}`, undefined, null);
    }
    return { status: response.status, headers: response.headers, text };
  }
}
