import { AppError } from '../../domain/errors.js';

/** A DVC remote on S3: the bucket and the key prefix (no leading or trailing slash; empty for the bucket root). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** Parse `s3://bucket[/prefix]`. */
export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (!m) throw new AppError('VALIDATION', `'${url.slice(0, 200)}' is not an s3://bucket/prefix URL`);
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((s) => s === '..' || s === '.')) throw new AppError('VALIDATION', `The S3 prefix of '${url.slice(0, 200)}' has a '.' or '..' segment`);
  return { bucket: m[1] as string, prefix };
}

/** The object key of `key` under a remote's prefix. */
export function objectKey(location: S3Location, key: string): string {
  const k = key.replace(/^\/+/, '');
  return location.prefix ? `${location.prefix}/${k}` : k;
}
