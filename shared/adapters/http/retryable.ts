import pRetry from 'p-retry';

/*
 * The transport-level retry every HTTP adapter shares (not the Durable activity retries of
 * `shared/durable/activity-spec.ts`): an attempt that may pass later throws `RetryableFailure`; the loop backs off
 * exponentially with jitter, honours `Retry-After` up to a limit, and stops at a budget, so the activity's own retry
 * policy takes over from there.
 */

/** How the transport retries one request. */
export interface HttpRetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Longest `Retry-After` honoured; a longer one ends the retries (the caller's own retry policy takes over). */
  maxRetryAfterMs: number;
  /** Budget for all attempts and waits together. */
  maxElapsedMs: number;
}

/** A failed attempt that may pass on a later one (408, 429, 5xx, network, timeout). */
export class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfter: number | null,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'RetryableFailure';
  }
}

/** Run `attempt` until it succeeds, throws something else, or the policy gives up (then its last `RetryableFailure`). */
export function withRetries<T>(attempt: () => Promise<T>, policy: HttpRetryPolicy, sleep: (ms: number) => Promise<void>): Promise<T> {
  return pRetry(attempt, {
    retries: policy.retries,
    factor: 2,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
    randomize: true,
    maxRetryTime: policy.maxElapsedMs,
    shouldRetry: ({ error }) => error instanceof RetryableFailure,
    onFailedAttempt: async ({ error, retriesLeft }) => {
      if (!(error instanceof RetryableFailure) || error.retryAfter === null || retriesLeft === 0) return;
      // Throwing here ends the retries with this error: waiting longer than allowed is the caller's call.
      if (error.retryAfter > policy.maxRetryAfterMs) throw error;
      await sleep(error.retryAfter);
    },
  });
}
