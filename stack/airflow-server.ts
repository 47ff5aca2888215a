import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { spawnService } from './managed-process.js';
import { dagsFolder, stateRoot } from './paths.js';
import { onFreePort, pickPort } from './port-binding.js';
import { startPostgres, type PostgresEndpoint } from './postgres-server.js';
import { s3Env, type S3Endpoint } from './s3-server.js';
import { ensureVenv, type VenvInfo } from './venvs.js';
import type { ProgressSink } from './progress.js';
import { httpGet, ServiceStartError, startupProgress, waitFor } from './wait.js';

/** The DAG this repo ships (`airflow/dags/mlcycle_training.py`). */
export const trainingDagId = 'mlcycle_training';

export interface AirflowOptions {
  port?: number;
  /** AIRFLOW_HOME (airflow.cfg, logs, passwords file) and the pid file (default `.mlcycle/stack/airflow`). */
  stateDir?: string;
  /** DAG folder (default: the repo's `airflow/dags`). */
  dagsFolder?: string;
  /** DAGs that must be parsed before the server counts as up (default: the mlcycle training DAG). */
  waitForDags?: string[];
  /** Where the DAG's local-mode training finds the S3 server (DVC remote). */
  s3?: S3Endpoint;
  /** Default MLflow tracking URI for training runs whose conf does not name one. */
  mlflowUrl?: string;
  /** Shared secret the DAG sends to the app's callback endpoint (default: random). */
  callbackSecret?: string;
  /** Header the secret travels in (default `X-Mlcycle-Callback-Secret`). */
  callbackHeader?: string;
  /**
   * Credentials the DAG's local mode uses to pull the run's image from its registry (MLCYCLE_REGISTRY_USERNAME /
   * MLCYCLE_REGISTRY_PASSWORD on the Airflow processes; the training itself never sees them).
   */
  registry?: { username: string; password: string };
  /** Training mode of the DAG: `local` runs the entry point of the run's image in a subprocess (default), `kubernetes` runs a pod. */
  trainingMode?: 'local' | 'kubernetes';
  venvs?: { airflow: VenvInfo; ml: VenvInfo };
  extraEnv?: Record<string, string>;
  startTimeoutMs?: number;
  /** Where a slow start-up says what it waits for (default: nowhere). */
  progress?: ProgressSink;
  /**
   * The PostgreSQL server holding Airflow's metadata database. Default: one started for this Airflow in
   * `<stateDir>/postgres` and stopped with it.
   */
  database?: PostgresEndpoint;
}

/** A running Airflow 3 (standalone): REST API v2 at `${url}/api/v2`, JWT from `POST ${url}/auth/token`. */
export interface AirflowEndpoint {
  url: string;
  username: string;
  password: string;
  apiVersion: 3;
  dagIds: string[];
  callbackSecret: string;
  callbackHeader: string;
  home: string;
  logFile: string;
  /** Pid of the service's session leader (every process it starts shares that session). */
  pid: number;
  stop(): Promise<void>;
}

const tokenSchema = z.object({ access_token: z.string().min(1) });
const healthSchema = z.object({
  metadatabase: z.object({ status: z.string().nullable() }),
  scheduler: z.object({ status: z.string().nullable() }),
  dag_processor: z.object({ status: z.string().nullable() }).nullish(),
  triggerer: z.object({ status: z.string().nullable() }).nullish(),
});
const importErrorsSchema = z.object({ import_errors: z.array(z.object({ filename: z.string(), stack_trace: z.string() })) });

/** A JWT for the simple auth manager user. */
export async function airflowToken(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST /auth/token answered ${res.status}`);
  return tokenSchema.parse(await res.json()).access_token;
}

/** The callback secret of a state dir: generated once and reused, so an app configured earlier keeps working. */
function secretFor(stateDir: string, given: string | undefined): string {
  const file = join(stateDir, 'callback-secret');
  if (given !== undefined) return given;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The admin password of a state dir, written where the simple auth manager looks before Airflow starts: a password
 * Airflow generates itself it also prints to its log, and no secret belongs in a log.
 */
function adminPasswordFor(passwordsFile: string): string {
  const text = existsSync(passwordsFile) ? readFileSync(passwordsFile, 'utf8').trim() : '';
  const known = text ? z.record(z.string(), z.string()).parse(JSON.parse(text)) : {};
  if (known.admin) return known.admin;
  const password = randomBytes(18).toString('base64url');
  writeFileSync(passwordsFile, `${JSON.stringify({ ...known, admin: password })}\n`, { mode: 0o600 });
  return password;
}

/**
 * Start `airflow standalone` (Airflow 3: scheduler, DAG processor, API server and triggerer; LocalExecutor on
 * PostgreSQL) configured entirely through AIRFLOW__* variables, and wait until the components are healthy, the admin
 * user gets a token and the training DAG is parsed.
 */
export async function startAirflow(opts: AirflowOptions = {}): Promise<AirflowEndpoint> {
  const stateDir = opts.stateDir ?? join(stateRoot(), 'stack', 'airflow');
  const own = opts.database ? undefined : await startPostgres({ stateDir: join(stateDir, 'postgres'), ...(opts.progress ? { progress: opts.progress } : {}) });
  const database = opts.database ?? own!;
  try {
    const airflow = await onFreePort('airflow', opts.port, (port) => startAirflowOn(port, stateDir, database, opts));
    if (!own) return airflow;
    return { ...airflow, stop: async () => {
      await airflow.stop();
      await own.stop();
    } };
  } catch (e) {
    await own?.stop();
    throw e;
  }
}

async function startAirflowOn(port: number, stateDir: string, database: PostgresEndpoint, opts: AirflowOptions): Promise<AirflowEndpoint> {
  const airflowVenv = opts.venvs?.airflow ?? (await ensureVenv('airflow'));
  const mlVenv = opts.venvs?.ml ?? (await ensureVenv('ml'));
  const home = join(stateDir, 'home');
  mkdirSync(home, { recursive: true });
  const [workerLogPort, triggerLogPort] = [await pickPort('airflow-worker-logs'), await pickPort('airflow-trigger-logs')];
  const url = `http://127.0.0.1:${port}`;
  const callbackSecret = secretFor(stateDir, opts.callbackSecret);
  const callbackHeader = opts.callbackHeader ?? 'X-Mlcycle-Callback-Secret';
  const passwordsFile = join(home, 'simple_auth_manager_passwords.json.generated');
  const dagIds = opts.waitForDags ?? [trainingDagId];
  const password = adminPasswordFor(passwordsFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // standalone starts its components as `airflow ...` from the PATH.
    PATH: `${airflowVenv.bin}:${process.env.PATH ?? ''}`,
    PYTHONUNBUFFERED: '1',
    AIRFLOW_HOME: home,
    AIRFLOW__CORE__DAGS_FOLDER: opts.dagsFolder ?? dagsFolder(),
    AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
    // SQLite is a test-only backend for Airflow: a burst of dag runs locks it and kills the scheduler.
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: database.sqlAlchemyUrl,
    AIRFLOW__CORE__EXECUTOR: 'LocalExecutor',
    // LocalExecutor forks `parallelism` workers up front (32 by default); two cores need far fewer.
    AIRFLOW__CORE__PARALLELISM: '4',
    AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION: 'False',
    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS: 'admin:admin',
    AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE: passwordsFile,
    AIRFLOW__API__HOST: '127.0.0.1',
    AIRFLOW__API__PORT: String(port),
    AIRFLOW__API__BASE_URL: url,
    AIRFLOW__API__WORKERS: '1',
    // Task processes talk to the API server's execution API; its default URL assumes port 8080.
    AIRFLOW__CORE__EXECUTION_API_SERVER_URL: `${url}/execution/`,
    // Log-serving ports default to fixed numbers; free ones let two stacks (parallel tests) coexist.
    AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT: String(workerLogPort),
    AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT: String(triggerLogPort),
    // What the mlcycle DAG reads (airflow/dags/mlcycle_dag/settings.py).
    MLCYCLE_TRAINING_MODE: opts.trainingMode ?? 'local',
    MLCYCLE_TRAINING_PYTHON: mlVenv.python,
    MLCYCLE_CALLBACK_HEADER: callbackHeader,
    AIRFLOW_VAR_MLCYCLE_CALLBACK_SECRET: callbackSecret,
    ...(opts.mlflowUrl ? { MLFLOW_TRACKING_URI: opts.mlflowUrl } : {}),
    ...(opts.registry ? { MLCYCLE_REGISTRY_USERNAME: opts.registry.username, MLCYCLE_REGISTRY_PASSWORD: opts.registry.password } : {}),
    ...(opts.s3 ? s3Env(opts.s3) : {}),
    ...opts.extraEnv,
  };
  const proc = await spawnService({
    name: 'airflow',
    command: join(airflowVenv.bin, 'airflow'),
    args: ['standalone'],
    cwd: stateDir,
    env,
    logFile: join(stateDir, 'airflow.log'),
    pidFile: join(stateDir, 'airflow.pid'),
    stopGraceMs: 30_000,
  });
  const timeout = opts.startTimeoutMs ?? 10 * 60_000;
  const deadline = Date.now() + timeout;
  const left = () => Math.max(1_000, deadline - Date.now());
  const progress = startupProgress('Airflow', opts.progress);
  try {
    await waitFor('healthy scheduler, DAG processor and triggerer', proc, left(), async () => {
      const res = await httpGet(`${url}/api/v2/monitor/health`);
      if (res.status !== 200) return undefined;
      const h = healthSchema.parse(await res.json());
      const ok = [h.metadatabase, h.scheduler, h.dag_processor, h.triggerer].every((c) => c?.status === 'healthy');
      return ok ? true : undefined;
    }, { progress, ports: [port, workerLogPort, triggerLogPort] });
    const token = await waitFor('a token', proc, left(), () => airflowToken(url, 'admin', password), { progress });
    const auth = { authorization: `Bearer ${token}` };
    await waitFor(`DAGs parsed: ${dagIds.join(', ')}`, proc, left(), async () => {
      const missing: string[] = [];
      for (const id of dagIds) if ((await httpGet(`${url}/api/v2/dags/${encodeURIComponent(id)}`, auth)).status !== 200) missing.push(id);
      if (missing.length === 0) return true;
      // A DAG that fails to import never appears: report the import error instead of waiting out the timeout.
      const errs = importErrorsSchema.parse(await (await httpGet(`${url}/api/v2/importErrors`, auth)).json());
      if (errs.import_errors.length > 0) {
        throw new ServiceStartError(`DAG import errors:\n${errs.import_errors.map((e) => `${e.filename}:\n${e.stack_trace}`).join('\n')}`);
      }
      return undefined;
    }, { intervalMs: 1_000, progress });
    return { url, username: 'admin', password, apiVersion: 3, dagIds, callbackSecret, callbackHeader, home, logFile: proc.logFile, pid: proc.pid, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  } finally {
    progress.end();
  }
}
