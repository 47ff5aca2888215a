import { AppError, errors, isRetryableStatus } from '../../domain/errors.js';

/** Translate a Storage SDK error into a domain error (retryable for 408/429/5xx and network failures). */
export function fromStorageError(e: unknown, what: string): AppError {
  const status = typeof e === 'object' && e !== null ? (e as { statusCode?: unknown }).statusCode : undefined;
  if (typeof status !== 'number') return errors.transient(`${what} could not be reached.`, e, { system: 'storage-queues' });
  if (isRetryableStatus(status)) return errors.transient(`${what} is unavailable (HTTP ${status}).`, e, { system: 'storage-queues', status });
  return new AppError('PERMANENT', `${what} refused the request (HTTP ${status}).`, { cause: e, details: { status } });
}
