import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { AppError } from '../../domain/errors.js';
import type { ObjectStore } from '../../ports/external-systems.js';
import { countCall } from '../http/call-stats.js';
import { fromS3Error, isNotFound, s3ErrorName, s3Status } from './s3-errors.js';
import { objectKey, parseS3Url, type S3Location } from './s3-url.js';

export interface S3ClientSettings {
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Deadline of one HTTP attempt, and of any silence while its body streams (default 30 s). */
  attemptTimeoutMs?: number;
  /** Deadline for opening the connection (default 5 s). */
  connectTimeoutMs?: number;
  /** Attempts per call, the SDK's own retries included (default 4). */
  maxAttempts?: number;
}

/**
 * An S3 client for S3-compatible stores. MinIO needs path-style addressing on its own endpoint; checksums only when an
 * operation requires them, since newer SDKs add CRC headers by default that not every S3-compatible server accepts.
 * Every HTTP attempt is counted for `bench:integrations`. An attempt past its deadline fails with a `TimeoutError`
 * that the SDK retries and `fromS3Error` calls TRANSIENT: by default the handler only logs a late request, which let a
 * stalled server hold a step for as long as it stalled. The socket timeout covers a body that stops mid-stream.
 */
export function createS3Client(s: S3ClientSettings): S3Client {
  const client = new S3Client({
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    ...(s.endpoint !== undefined ? { endpoint: s.endpoint } : {}),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: s.maxAttempts ?? 4,
    requestHandler: {
      connectionTimeout: s.connectTimeoutMs ?? 5_000,
      requestTimeout: s.attemptTimeoutMs ?? 30_000,
      socketTimeout: s.attemptTimeoutMs ?? 30_000,
      throwOnRequestTimeout: true,
    },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      countCall('s3');
      return next(args);
    },
    { step: 'finalizeRequest', name: 'mlcycleCountCalls' },
  );
  return client;
}

/** The largest object `readText` reads (a `.dir` manifest of ~500k files). */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** The DVC remote's objects over the S3 API: HEAD for existence with bounded concurrency, GET for manifests. */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly opts: { maxConcurrency?: number } = {},
  ) {}

  async missingKeys(remoteUrl: string, keys: string[]): Promise<string[]> {
    const location = parseS3Url(remoteUrl);
    const limit = pLimit(this.opts.maxConcurrency ?? 16);
    const unique = [...new Set(keys)];
    // The first error ends the check: later HEADs still in the queue are dropped.
    const results = await Promise.all(unique.map((key) => limit(async () => ((await this.exists(location, key)) ? null : key)))).finally(() => limit.clearQueue());
    const missing = results.filter((k): k is string => k !== null);
    // HEAD cannot tell a missing bucket from a missing object: ask once before calling the data unpushed.
    if (missing.length > 0) await this.requireBucket(location);
    return missing;
  }

  async readText(remoteUrl: string, key: string): Promise<string | null> {
    const location = parseS3Url(remoteUrl);
    const Key = objectKey(location, key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: location.bucket, Key }));
      if (out.ContentLength !== undefined && out.ContentLength > MAX_TEXT_BYTES) {
        out.Body?.transformToWebStream().cancel().catch(() => {});
        throw new AppError('PERMANENT', `s3://${location.bucket}/${Key} is larger than ${MAX_TEXT_BYTES} bytes`, { details: { system: 's3' } });
      }
      return out.Body ? await out.Body.transformToString('utf-8') : '';
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (isNotFound(e)) return null;
      throw fromS3Error(e, `reading ${Key}`, location.bucket);
    }
  }

  private async exists(location: S3Location, key: string): Promise<boolean> {
    const Key = objectKey(location, key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: location.bucket, Key }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw fromS3Error(e, `checking ${Key}`, location.bucket);
    }
  }

  private async requireBucket(location: S3Location): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: location.bucket }));
    } catch (e) {
      if (s3Status(e) === 404 || s3ErrorName(e) === 'NotFound' || s3ErrorName(e) === 'NoSuchBucket') {
        throw new AppError('PERMANENT', `The DVC remote's S3 bucket '${location.bucket}' does not exist`, { cause: e, details: { system: 's3', bucket: location.bucket } });
      }
      throw fromS3Error(e, 'checking the bucket', location.bucket);
    }
  }
}
