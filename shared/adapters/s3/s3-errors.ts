import { AppError } from '../../domain/errors.js';

interface SdkErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/** The HTTP status of an AWS SDK error, if it got that far. */
export function s3Status(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  return (e as SdkErrorShape).$metadata?.httpStatusCode;
}

/** The SDK's error name (`NotFound`, `NoSuchKey`, `AccessDenied`, `TimeoutError`, …). */
export function s3ErrorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? (e as SdkErrorShape).name : undefined;
}

/** True for "no such object" (HEAD answers a bare 404 `NotFound`; GET a `NoSuchKey`). */
export function isNotFound(e: unknown): boolean {
  const name = s3ErrorName(e);
  return name === 'NotFound' || name === 'NoSuchKey' || (s3Status(e) === 404 && name !== 'NoSuchBucket');
}

/**
 * An SDK error as an AppError. The SDK's own message is kept only as the cause: it can quote request details. 403 is
 * permanent and says which bucket; throttling, 5xx and network failures are transient (the SDK already retried them).
 */
export function fromS3Error(e: unknown, what: string, bucket: string): AppError {
  const status = s3Status(e);
  // A HEAD error has no body to name it: the SDK calls it `Unknown`, which says nothing worth showing.
  const named = s3ErrorName(e);
  const name = named === undefined || named === 'Unknown' ? '' : named;
  const why = (fallback: number | undefined) => [name, fallback !== undefined ? `HTTP ${fallback}` : ''].filter(Boolean).join(', ');
  if (status === 403 || name === 'AccessDenied' || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch') {
    return new AppError('PERMANENT', `S3 refused ${what} in bucket '${bucket}' (${why(status ?? 403)}): check S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY and the bucket policy`, {
      cause: e,
      details: { system: 's3', bucket, status: status ?? 403 },
    });
  }
  if (name === 'NoSuchBucket') return new AppError('PERMANENT', `S3 bucket '${bucket}' does not exist (${what})`, { cause: e, details: { system: 's3', bucket, status: 404 } });
  if (status === undefined || status === 408 || status === 429 || status >= 500 || name === 'SlowDown' || name === 'TimeoutError') {
    const reason = name === 'TimeoutError' ? 'no answer within the deadline' : why(status);
    return new AppError('TRANSIENT', `S3 is unavailable (${what} in bucket '${bucket}'${reason ? `: ${reason}` : ''})`, { cause: e, details: { system: 's3', bucket, ...(status ? { status } : {}) } });
  }
  return new AppError('PERMANENT', `S3 refused ${what} in bucket '${bucket}' (${why(status)})`, { cause: e, details: { system: 's3', bucket, status } });
}
