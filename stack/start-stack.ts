import { join } from 'node:path';
import { startAirflow, type AirflowEndpoint, type AirflowOptions } from './airflow-server.js';
import { ensureMinio } from './minio-binary.js';
import { startMlflow, type MlflowEndpoint } from './mlflow-server.js';
import { stateRoot } from './paths.js';
import { ensurePostgres } from './postgres-binary.js';
import { startPostgres, type PostgresEndpoint } from './postgres-server.js';
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
  airflowOptions?: Omit<AirflowOptions, 'stateDir' | 's3' | 'mlflowUrl' | 'venvs' | 'progress' | 'database'>;
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
  /** Airflow's metadata database (runs with Airflow). */
  postgres?: PostgresEndpoint;
  /** The OCI registry (CNCF distribution) with htpasswd basic auth. */
  registry: RegistryEndpoint;
  stop(): Promise<void>;
}

/**
 * Build or reuse the tools; start S3 and the registry, then MLflow and PostgreSQL side by side, then Airflow, which
 * needs both addresses (a port is known only once its server holds it: see stack/port-binding.ts).
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const root = opts.stateDir ?? join(stateRoot(), 'stack');
  const venvs = await ensureVenvs(log, opts.progress);
  await ensureMinio(log, opts.progress);
  await ensureRegistryTools(log, opts.progress);
  const withAirflow = opts.airflow !== false;
  const pgTools = withAirflow ? await ensurePostgres(log, opts.progress) : undefined;
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
    const mlflowP = startMlflow({ s3, venv: venvs.ml, stateDir: join(root, 'mlflow'), progress }).then((m) => {
      log(`MLflow ready at ${m.url} after ${secs()}`);
      return m;
    });
    const postgresP = pgTools
      ? startPostgres({ tools: pgTools, stateDir: join(root, 'postgres'), progress }).then((p) => {
          log(`PostgreSQL ready at 127.0.0.1:${p.port} after ${secs()}`);
          return p;
        })
      : Promise.resolve(undefined);
    const [mlflowR, postgresR] = await Promise.allSettled([mlflowP, postgresP]);
    if (mlflowR.status === 'fulfilled') started.push(mlflowR.value);
    if (postgresR.status === 'fulfilled' && postgresR.value) started.push(postgresR.value);
    if (mlflowR.status === 'rejected') throw mlflowR.reason;
    if (postgresR.status === 'rejected') throw postgresR.reason;
    const mlflow = mlflowR.value;
    const postgres = postgresR.value;
    let airflow: AirflowEndpoint | undefined;
    if (postgres) {
      airflow = await startAirflow({ registry: { username: registry.username, password: registry.password }, ...opts.airflowOptions, stateDir: join(root, 'airflow'), s3, mlflowUrl: mlflow.url, venvs, database: postgres, progress });
      started.push(airflow);
      log(`Airflow ready at ${airflow.url} after ${secs()} (DAGs parsed: ${airflow.dagIds.join(', ')})`);
    }
    return { venvs, s3, mlflow, registry, ...(airflow ? { airflow } : {}), ...(postgres ? { postgres } : {}), stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
