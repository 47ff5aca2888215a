import type { RetryOptionsWire } from './actions.js';

/*
 * The retry delays DurableTask.Core's RetryInterceptor computes for CallActivityWithRetry/CallSubOrchestratorWithRetry
 * (the extension maps the SDK's RetryOptions onto it): delay = first * backoff^attempt, capped at the max interval;
 * no further attempt once the retry timeout has passed since the first attempt.
 */

/** The extension's default cap for one retry delay (RetryOptions.DefaultMaxRetryinterval = 6 days). */
const defaultMaxRetryIntervalMs = 6 * 24 * 3600 * 1000;

/**
 * Delay before the next attempt after `failures` failed attempts, or undefined when the retry timeout has expired.
 * `firstAttemptAt` and `now` are ms since the epoch (orchestration time).
 */
export function nextRetryDelayMs(options: RetryOptionsWire, failures: number, firstAttemptAt: number, now: number): number | undefined {
  const timeout = options.retryTimeoutInMilliseconds;
  if (timeout !== undefined && timeout > 0 && now >= firstAttemptAt + timeout) return undefined;
  const backoff = options.backoffCoefficient ?? 1;
  const max = options.maxRetryIntervalInMilliseconds && options.maxRetryIntervalInMilliseconds > 0 ? options.maxRetryIntervalInMilliseconds : defaultMaxRetryIntervalMs;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(backoff, Math.max(0, failures - 1));
  return Math.min(delay, max);
}

/** True when the retry timeout (if any) has expired. */
export function retryTimedOut(options: RetryOptionsWire, firstAttemptAt: number, now: number): boolean {
  const timeout = options.retryTimeoutInMilliseconds;
  return timeout !== undefined && timeout > 0 && now >= firstAttemptAt + timeout;
}
