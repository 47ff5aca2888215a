import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { spawnService } from './managed-process.js';
import { ensureMinio } from './minio-binary.js';
import { stateRoot } from './paths.js';
import { onFreePort } from './port-binding.js';
import type { ProgressSink } from './progress.js';
import { httpGet, startupProgress, waitFor } from './wait.js';

/** The buckets the stack creates: the DVC remote and MLflow's artifact store. */
export const defaultBuckets = { dvc: 'mlcycle-dvc', mlflow: 'mlcycle-mlflow' } as const;

export interface S3Options {
  /** Port of the S3 API (default: a free loopback port). */
  port?: number;
  /** Object data, credentials, log and pid file (default `.mlcycle/stack/s3`). */
  stateDir?: string;
  /** Buckets to create when missing (default: both of `defaultBuckets`). */
  buckets?: string[];
  startTimeoutMs?: number;
  /** Where a slow start-up says what it waits for (default: nowhere). */
  progress?: ProgressSink;
}

/** A running S3 server: the endpoint, path-style, with static credentials for the root user. */
export interface S3Endpoint {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  buckets: string[];
  logFile: string;
  /** Pid of the service's session leader (every process it starts shares that session). */
  pid: number;
  stop(): Promise<void>;
}

const credentialsSchema = z.object({ accessKeyId: z.string().min(3), secretAccessKey: z.string().min(8) });

/** The root credentials of a data directory: generated once, then reused (MinIO's state is bound to them). */
function credentialsFor(stateDir: string): z.infer<typeof credentialsSchema> {
  const file = join(stateDir, 'credentials.json');
  if (existsSync(file)) return credentialsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const creds = { accessKeyId: 'mlcycle', secretAccessKey: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** Start MinIO on loopback, wait until it is ready, and create the buckets. */
export async function startS3(opts: S3Options = {}): Promise<S3Endpoint> {
  const binary = await ensureMinio();
  const stateDir = opts.stateDir ?? join(stateRoot(), 'stack', 's3');
  mkdirSync(join(stateDir, 'data'), { recursive: true });
  const creds = credentialsFor(stateDir);
  return onFreePort('minio', opts.port, (port) => startS3On(port, binary, stateDir, creds, opts));
}

async function startS3On(port: number, binary: string, stateDir: string, creds: ReturnType<typeof credentialsFor>, opts: S3Options): Promise<S3Endpoint> {
  const url = `http://127.0.0.1:${port}`;
  const proc = await spawnService({
    name: 'minio',
    command: binary,
    args: ['server', join(stateDir, 'data'), '--address', `127.0.0.1:${port}`, '--quiet'],
    cwd: stateDir,
    // The web console is off: nothing here uses it, and it would need a second port.
    env: { ...process.env, MINIO_ROOT_USER: creds.accessKeyId, MINIO_ROOT_PASSWORD: creds.secretAccessKey, MINIO_BROWSER: 'off', MINIO_UPDATE: 'off', MINIO_CI_CD: '1' },
    logFile: join(stateDir, 'minio.log'),
    pidFile: join(stateDir, 'minio.pid'),
    stopGraceMs: 10_000,
  });
  const progress = startupProgress('MinIO', opts.progress);
  try {
    await waitFor('readiness (/minio/health/ready)', proc, opts.startTimeoutMs ?? 60_000, async () =>
      (await httpGet(`${url}/minio/health/ready`)).status === 200 ? true : undefined,
    { progress, ports: [port] });
    progress.update({ stage: 'creating the buckets' });
    const buckets = opts.buckets ?? Object.values(defaultBuckets);
    const client = new S3Client({ endpoint: url, region: 'us-east-1', forcePathStyle: true, credentials: creds });
    try {
      for (const bucket of buckets) {
        const exists = await client.send(new HeadBucketCommand({ Bucket: bucket })).then(() => true, () => false);
        if (!exists) await client.send(new CreateBucketCommand({ Bucket: bucket }));
      }
    } finally {
      client.destroy();
    }
    return { url, region: 'us-east-1', ...creds, buckets, logFile: proc.logFile, pid: proc.pid, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  } finally {
    progress.end();
  }
}

/** Environment variables that point boto3/botocore, DVC (s3fs) and MLflow at this S3 server. */
export function s3Env(s3: Pick<S3Endpoint, 'url' | 'region' | 'accessKeyId' | 'secretAccessKey'>): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_DEFAULT_REGION: s3.region,
    AWS_ENDPOINT_URL: s3.url,
    AWS_ENDPOINT_URL_S3: s3.url,
    MLFLOW_S3_ENDPOINT_URL: s3.url,
    // boto3 >= 1.36 sends aws-chunked bodies with trailing checksums by default; only send them when required,
    // which every S3-compatible server understands.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
  };
}
