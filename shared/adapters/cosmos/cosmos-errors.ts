import { AppError, errors } from '../../domain/errors.js';

interface CosmosLikeError {
  code?: number | string;
  statusCode?: number;
  message?: string;
}

/** The HTTP status of an error thrown by `@azure/cosmos`, if it has one. */
export function cosmosStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const err = e as CosmosLikeError;
  const status = typeof err.code === 'number' ? err.code : err.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Translate a Cosmos SDK error into a domain error; the SDK message is kept as the cause, not shown to callers. */
export function fromCosmosError(e: unknown, what: string): AppError {
  const status = cosmosStatus(e);
  if (status === 404) return new AppError('NOT_FOUND', `${what} was not found.`, { cause: e });
  if (status === 409) return errors.conflict(`${what} already exists.`);
  if (status === 412) return errors.preconditionFailed(`${what} was changed by someone else; read it again and retry with its new ETag.`);
  if (status === 408 || status === 429 || status === 449 || (status !== undefined && status >= 500)) {
    return errors.transient(`The database is unavailable or throttling (HTTP ${status}).`, e, { system: 'cosmos', status });
  }
  if (status === undefined) return errors.transient('The database could not be reached.', e, { system: 'cosmos' });
  return new AppError('INTERNAL', `Unexpected database error (HTTP ${status}).`, { cause: e, details: { status } });
}
