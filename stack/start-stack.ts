import { join } from 'node:path';
import { startAirflow, type AirflowEndpoint, type AirflowOptions } from './airflow-server.js';
import { ensureMinio } from './minio-binary.js';
import { startMlflow, type MlflowEndpoint } from './mlflow-server.js';
import { freePort } from '../devhost/emulators/free-port.js';
import { stateRoot } from './paths.js';
import { lineSink, type ProgressSink } from './progress.js';
import { startRegistry, type RegistryEndpoint } from './registry-server.js';
import { ensureRegistryTools } from './registry-tools.js';
import { startS3, type S3Endpoint } from './s3-server.js';
import { ensureVenvs, type Venvs } from './venvs.js';

export interface StackOptions {
  /** Root of every service's state (default `.mlcycle/stack`); each service gets a subdirectory. */
  stateDir?: string;
  /** Leave Airflow out (it is the slowest to start); S3 and MLflow always run. */
  airflow?: boolean;
  /** Passed to `startAirflow` (callback secret, training mode, extra env...); the registry's credentials by default. */
  airflowOptions?: Omit<AirflowOptions, 'stateDir' | 's3' | 'mlflowUrl' | 'venvs' | 'progress'>;
  log?: (line: string) => void;
  /** Where the venv installs and the MinIO build show their progress (a terminal gets one updating line). */
  progress?: ProgressSink;
}

/** The running local stack. `stop()` stops all of it (Airflow first, S3 last). */
export interface Stack {
  venvs: Venvs;
  s3: S3Endpoint;
  mlflow: MlflowEndpoint;
  airflow?: AirflowEndpoint;
  /** The OCI registry (CNCF distribution) with htpasswd basic auth. */
  registry: RegistryEndpoint;
  stop(): Promise<void>;
}

/**
 * Build or reuse the tools, start S3, then MLflow and Airflow side by side: Airflow only needs MLflow's address,
 * which is fixed up front by choosing MLflow's port here.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const root = opts.stateDir ?? join(stateRoot(), 'stack');
  const venvs = await ensureVenvs(log, opts.progress);
  await ensureMinio(log, opts.progress);
  await ensureRegistryTools(log, opts.progress);
  // Start-ups run side by side, so each reports in whole lines of the log rather than on one shared live line.
  const progress = lineSink(log);
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.splice(0).reverse()) await s.stop();
  };
  try {
    const t0 = Date.now();
    const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    const s3 = await startS3({ stateDir: join(root, 's3'), progress });
    started.push(s3);
    log(`S3 (MinIO) ready at ${s3.url} after ${secs()}`);
    const registry = await startRegistry({ stateDir: join(root, 'registry'), progress });
    started.push(registry);
    log(`OCI registry ready at ${registry.url} after ${secs()}`);
    const mlflowPort = await freePort();
    const mlflowP = startMlflow({ s3, venv: venvs.ml, port: mlflowPort, stateDir: join(root, 'mlflow'), progress }).then((m) => {
      log(`MLflow ready at ${m.url} after ${secs()}`);
      return m;
    });
    const airflowP =
      opts.airflow === false
        ? Promise.resolve(undefined)
        : startAirflow({ registry: { username: registry.username, password: registry.password }, ...opts.airflowOptions, stateDir: join(root, 'airflow'), s3, mlflowUrl: `http://127.0.0.1:${mlflowPort}`, venvs, progress }).then((a) => {
            log(`Airflow ready at ${a.url} after ${secs()} (DAGs parsed: ${a.dagIds.join(', ')})`);
            return a;
          });
    const [mlflowR, airflowR] = await Promise.allSettled([mlflowP, airflowP]);
    if (mlflowR.status === 'fulfilled') started.push(mlflowR.value);
    if (airflowR.status === 'fulfilled' && airflowR.value) started.push(airflowR.value);
    if (mlflowR.status === 'rejected') throw mlflowR.reason;
    if (airflowR.status === 'rejected') throw airflowR.reason;
    const mlflow = mlflowR.value;
    const airflow = airflowR.value;
    return { venvs, s3, mlflow, registry, ...(airflow ? { airflow } : {}), stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
