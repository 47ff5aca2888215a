import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedEmulators } from '../../../devhost/emulators/embedded.js';
import { freePort } from '../../../devhost/emulators/free-port.js';
import { embeddedDefaults } from '../../../devhost/local-settings.js';
import { seedExampleRepo, stackAppSettings, stackPipelineSpec, startLocalAzureDevOps, startStack, type ExampleRepo, type LocalAzureDevOps, type Stack } from '../../../stack/index.js';
import type { Run } from '../../../shared/domain/run.js';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy.js';
import { startHostLifetime, type HostLifetime } from './host-process.js';

/*
 * The real local stack (MinIO, MLflow, Airflow 3 with the shipped DAG, the OCI registry), the example repository as
 * Azure Repos in the Azure DevOps stand-in, and the app's dev host as a child process that the crash suite can
 * `kill -9` and start again over the same durable state. The emulators (Azurite, the Cosmos server) run in this
 * process so they outlive every kill, as a store in Azure outlives the app; the clock is real.
 *
 * For the fault trials the app reaches MLflow and the Cosmos server through TCP fault proxies (either can be taken
 * down or stalled for a while), and the DAG's completion callback reaches the app through an HTTP fault proxy (so a
 * trial can lose it); MinIO and Airflow's scheduler are real processes a trial can pause.
 */

export const crashFunctionKey = 'crash-function-key';
/** Outbound deadlines short enough that a fault trial's stalled dependency fails a step within minutes. */
const faultTrialDeadlines: Record<string, string> = { OUTBOUND_TIMEOUT_SECONDS: '10' };
const callbackSecret = 'crash-callback-secret-0123456789';

export interface CrashWorld {
  dir: string;
  stack: Stack;
  repo: ExampleRepo;
  ado: LocalAzureDevOps;
  baseUrl: string;
  /** Fault proxies in front of what the app calls (see the file comment). */
  faults: { mlflow: TcpFaultProxy; cosmos: TcpFaultProxy; callbacks: FaultProxy };
  /** The ledger of function invocations every lifetime writes (`<pid> start|end <function>`). */
  ledger: string;
  /** The host running now, if any. */
  host: HostLifetime | undefined;
  /**
   * Deliver again each image-build hook that failed while the host was down: Azure DevOps retries a service hook for
   * longer than the stand-in's few seconds, so a build that finished during a restart still reaches the app.
   */
  redeliverFailedHooks(): void;
  /** Start a host lifetime (none may be running), optionally with a kill point (`<function>:<n>[:<delayMs>]`). */
  startHost(killAt?: string): Promise<HostLifetime>;
  call(path: string, init?: RequestInit): Promise<Response>;
  putPipeline(id: string): Promise<void>;
  startRun(pipelineId: string, body?: Record<string, unknown>): Promise<string>;
  getRun(runId: string): Promise<Run>;
  stop(): Promise<void>;
}

/** Start the stack, the repository, the stand-in and the emulators, and a first host lifetime without a kill point. */
export async function startCrashWorld(opts: { dir: string; log?: (line: string) => void }): Promise<CrashWorld> {
  const log = opts.log ?? (() => {});
  mkdirSync(join(opts.dir, 'logs'), { recursive: true });
  const stopAll: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stopAll.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    const stack = await startStack({ stateDir: join(opts.dir, 'stack'), airflowOptions: { callbackSecret, callbackHeader: 'X-Mlcycle-Callback-Secret' }, log });
    stopAll.push(() => stack.stop());
    const repo = await seedExampleRepo({ dir: join(opts.dir, 'churn-model'), s3: stack.s3, venv: stack.venvs.ml });
    const ado = await startLocalAzureDevOps({ stack, repo, stateDir: join(opts.dir, 'azure-devops') });
    stopAll.push(() => ado.stop());
    const emulators = await startEmbeddedEmulators();
    stopAll.push(() => emulators.stop());
    // One port for every lifetime: the stand-in's subscription and the DAG's callback URL name it.
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const faults = {
      mlflow: await startTcpFaultProxy(hostPort(stack.mlflow.url)),
      cosmos: await startTcpFaultProxy(hostPort(emulators.settings.COSMOS_ENDPOINT)),
      callbacks: await startFaultProxy(baseUrl),
    };
    stopAll.push(async () => {
      await Promise.all([faults.mlflow.close(), faults.cosmos.close(), faults.callbacks.close()]);
    });
    const env: Record<string, string> = {
      ...embeddedDefaults,
      ...emulators.settings,
      COSMOS_ENDPOINT: `http://${faults.cosmos.host}`,
      LOG_LEVEL: 'warn',
      MLCYCLE_FUNCTION_KEY: crashFunctionKey,
      MLCYCLE_MASTER_KEY: 'crash-master-key',
      MLCYCLE_PUBLIC_BASE_URL: faults.callbacks.url,
      AIRFLOW_CALLBACK_SECRET: callbackSecret,
      ...stackAppSettings(stack, { ado, mlflowUrl: `http://${faults.mlflow.host}` }),
      ...faultTrialDeadlines,
    };
    const ledger = join(opts.dir, 'logs', 'ledger.log');
    const redelivered = new Set<number>();
    const world: CrashWorld = {
      dir: opts.dir,
      stack,
      repo,
      ado,
      baseUrl,
      faults,
      ledger,
      host: undefined,
      async startHost(killAt) {
        if (world.host) throw new Error('a host lifetime is still running');
        const host = await startHostLifetime({ stateDir: join(opts.dir, 'durable'), port, ledger, env, logFile: join(opts.dir, 'logs', 'host.log'), ...(killAt ? { killAt } : {}) });
        world.host = host;
        void host.ended.then(() => {
          if (world.host === host) world.host = undefined;
        });
        return host;
      },
      redeliverFailedHooks() {
        if (!world.host) return;
        // Each failed delivery (by its place in the log) is sent once more; a redelivery that fails is a new entry.
        for (const [i, d] of ado.standIn.deliveries().entries()) {
          if (d.status === 'failed' && !redelivered.has(i)) {
            redelivered.add(i);
            ado.standIn.redeliver(d.notificationId);
          }
        }
      },
      call(path, init = {}) {
        const headers = new Headers(init.headers);
        headers.set('x-functions-key', crashFunctionKey);
        if (init.body !== undefined) headers.set('content-type', 'application/json');
        return fetch(`${baseUrl}${path}`, { ...init, headers });
      },
      async putPipeline(id) {
        const spec = stackPipelineSpec(stack, ado, id, { displayName: `Crash trial ${id}` });
        const res = await world.call(`/api/pipelines/${id}`, { method: 'PUT', body: JSON.stringify(spec) });
        if (res.status !== 200 && res.status !== 201) throw new Error(`PUT pipeline ${id}: ${res.status} ${await res.text()}`);
      },
      async startRun(pipelineId, body = {}) {
        const res = await world.call(`/api/pipelines/${pipelineId}/runs`, { method: 'POST', body: JSON.stringify(body) });
        if (res.status !== 202) throw new Error(`start run of ${pipelineId}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { runId: string }).runId;
      },
      async getRun(runId) {
        const res = await world.call(`/api/runs/${runId}`);
        if (res.status !== 200) throw new Error(`GET run ${runId}: ${res.status} ${await res.text()}`);
        return (await res.json()) as Run;
      },
      stop,
    };
    stopAll.push(async () => {
      await world.host?.stop();
    });
    await world.startHost();
    await ado.subscribe(baseUrl);
    return world;
  } catch (e) {
    await stop();
    throw e;
  }
}

/** `{host, port}` of a URL's authority. */
function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}
