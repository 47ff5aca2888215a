import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnService } from './managed-process.js';
import { stateRoot } from './paths.js';
import { onFreePort } from './port-binding.js';
import { defaultBuckets, s3Env, type S3Endpoint } from './s3-server.js';
import { ensureVenv, type VenvInfo } from './venvs.js';
import type { ProgressSink } from './progress.js';
import { httpGet, startupProgress, waitFor } from './wait.js';

export interface MlflowOptions {
  /** The S3 server holding the artifacts (MLflow proxies them: clients need no S3 credentials). */
  s3: S3Endpoint;
  /** Bucket for artifacts (default `mlcycle-mlflow`). */
  bucket?: string;
  port?: number;
  /** SQLite database, log and pid file (default `.mlcycle/stack/mlflow`). */
  stateDir?: string;
  /** The ml venv (default: built or reused via `ensureVenv('ml')`). */
  venv?: VenvInfo;
  startTimeoutMs?: number;
  /** Where a slow start-up says what it waits for (default: nowhere). */
  progress?: ProgressSink;
}

/** A running MLflow tracking server: `url` is the tracking URI (REST under `${url}/api/2.0/mlflow`). */
export interface MlflowEndpoint {
  url: string;
  /** Where the server stores artifacts, e.g. `s3://mlcycle-mlflow/artifacts`. */
  artifactsDestination: string;
  logFile: string;
  /** Pid of the service's session leader (every process it starts shares that session). */
  pid: number;
  stop(): Promise<void>;
}

/** Start `mlflow server` (SQLite backend, proxied artifacts in S3) on loopback and wait for `/health`. */
export async function startMlflow(opts: MlflowOptions): Promise<MlflowEndpoint> {
  const venv = opts.venv ?? (await ensureVenv('ml'));
  const stateDir = opts.stateDir ?? join(stateRoot(), 'stack', 'mlflow');
  mkdirSync(stateDir, { recursive: true });
  return onFreePort('mlflow', opts.port, (port) => startMlflowOn(port, venv, stateDir, opts));
}

async function startMlflowOn(port: number, venv: VenvInfo, stateDir: string, opts: MlflowOptions): Promise<MlflowEndpoint> {
  const url = `http://127.0.0.1:${port}`;
  const artifactsDestination = `s3://${opts.bucket ?? defaultBuckets.mlflow}/artifacts`;
  const proc = await spawnService({
    name: 'mlflow',
    command: join(venv.bin, 'mlflow'),
    args: [
      'server',
      '--host', '127.0.0.1',
      '--port', String(port),
      '--backend-store-uri', `sqlite:///${join(stateDir, 'mlflow.db')}`,
      '--artifacts-destination', artifactsDestination,
      // One worker: two cores are shared with Airflow and the training itself.
      '--workers', '1',
    ],
    cwd: stateDir,
    env: {
      ...process.env,
      ...s3Env(opts.s3),
      PATH: `${venv.bin}:${process.env.PATH ?? ''}`,
      PYTHONUNBUFFERED: '1',
      // MLflow 3 starts a pool of job-runner processes (GenAI evaluation jobs) by default; nothing here uses them,
      // and on two cores they slow every start.
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
    },
    logFile: join(stateDir, 'mlflow.log'),
    pidFile: join(stateDir, 'mlflow.pid'),
    stopGraceMs: 10_000,
  });
  const progress = startupProgress('MLflow', opts.progress);
  try {
    await waitFor('/health', proc, opts.startTimeoutMs ?? 180_000, async () => ((await httpGet(`${url}/health`)).status === 200 ? true : undefined), { progress, ports: [port] });
    return { url, artifactsDestination, logFile: proc.logFile, pid: proc.pid, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  } finally {
    progress.end();
  }
}
