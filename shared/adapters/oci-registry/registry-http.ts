import { AppError, isRetryableStatus } from '../../domain/errors.js';
import { countCall } from '../http/call-stats.js';
import { retryAfterMs } from '../http/retry-after.js';
import { RetryableFailure } from '../http/retryable.js';

/*
 * One HTTP exchange with a registry or its token service: counted (`call-stats.ts`, as `registry`), bounded by a
 * deadline, never following redirects (credentials must not travel to a host nobody chose), and failing in the
 * two ways the caller's retry loop tells apart: `RetryableFailure` (network, deadline, 408/429/5xx) or an `AppError`.
 */

/** How one exchange is sent. */
export interface RegistryHttpOptions {
  fetch: typeof fetch;
  /** Deadline of each request (ms). */
  timeoutMs: number;
}

/** What came back, body read (manifests are not read: findTag only sends HEAD). */
export interface RegistryResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Send one request. `what` names it in messages ("HEAD manifest of churn-model:tag-1 on myreg.azurecr.io") and must
 * carry no secret; the URL is never quoted, since a token service's query could one day hold one.
 */
export async function sendRegistryRequest(opts: RegistryHttpOptions, what: string, url: URL, init: { method: string; headers: Record<string, string>; body?: string }): Promise<RegistryResponse> {
  countCall('registry');
  let response: Response;
  let text: string;
  try {
    response = await opts.fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs) });
    text = init.method === 'HEAD' ? '' : await response.text();
  } catch (e) {
    // Only the kind of failure: fetch errors can quote the URL, and their causes can carry socket details.
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new RetryableFailure(`${what} ${timedOut ? `got no answer within ${opts.timeoutMs} ms` : 'could not connect'}`, undefined, null, timedOut);
  }
  if (isRetryableStatus(response.status)) {
    throw new RetryableFailure(`${what} answered HTTP ${response.status}`, response.status, retryAfterMs(response.headers.get('retry-after')));
  }
  return { status: response.status, headers: response.headers, text };
}

/** The readable error for an answer no retry changes (e.g. 400, or a 3xx the adapter does not follow). */
export function unexpectedStatus(what: string, res: RegistryResponse, details: Record<string, unknown>): AppError {
  return new AppError('PERMANENT', `${what} answered HTTP ${res.status}, which the registry adapter does not expect.`, { details: { ...details, status: res.status } });
}
