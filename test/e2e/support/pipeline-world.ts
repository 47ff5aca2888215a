import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmbeddedEmulators } from '../../../devhost/emulators/embedded.js';
import { startDevHost, type RunningDevHost } from '../../../devhost/dev-host.js';
import { ManualClock } from '../../../devhost/durable/clock.js';
import { DurableExtension } from '../../../devhost/durable-extension.js';
import { embeddedDefaults } from '../../../devhost/local-settings.js';
import { changeExampleCode, changeExampleData, seedExampleRepo, stackAppSettings, stackPipelineSpec, startLocalAzureDevOps, startStack, type ExampleRepo, type LocalAzureDevOps, type Stack } from '../../../stack/index.js';
import { configuredSecrets, fileLines, scanRunFiles, stackSecrets, teeProcessOutput, type ConfiguredSecrets, type ScanReport } from '../../../stack/secret-scan/index.js';
import { consoleLogger } from '../../../shared/logging/logger.js';
import { terminalRunStatuses, type Run } from '../../../shared/domain/run.js';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.js';

/*
 * The whole thing on one machine, for the end-to-end tests and `bench:integrations`: the local stack (MinIO, MLflow,
 * Airflow 3 running the shipped DAG), a git repository of the example project with its data pushed by real `dvc`,
 * and the app on the dev host with the durable engine, configured with every external system. Airflow sits behind a
 * fault-injecting proxy so a test can make it answer 503 for a while.
 *
 * The durable engine runs on a ManualClock driven by `finish` (or by `driveWhile`, while a process of its own, such as
 * a notebook, follows the run): short waits (activity retry back-offs) are skipped,
 * while long ones (training's 90-minute polling fallback) are never reached, because the DAG's callback wakes the run
 * first, in real time. A run that only the fallback could finish would hang the test instead of passing it.
 *
 * Everything the world writes stays under its directory for the secret scan: the stack's service and task logs, the
 * durable histories, the dev host's invocation log (`logs/devhost.log`) and a copy of this process's stdout and
 * stderr (`logs/console.log`), where the app logs at debug level.
 */

export const functionKey = 'e2e-function-key';
const masterKey = 'e2e-master-key';
const callbackSecret = 'e2e-callback-secret-0123456789';
/** Timers due within this much manual time are fired at once; longer ones wait for events. */
const SHORT_WAIT_MS = 15 * 60_000;

export interface PipelineWorld {
  dir: string;
  stack: Stack;
  repo: ExampleRepo;
  /** Azure DevOps (the stand-in): the example as Azure Repos, and the image pipeline. */
  ado: LocalAzureDevOps;
  airflowProxy: FaultProxy;
  host: RunningDevHost;
  durable: DurableExtension;
  clock: ManualClock;
  /** The app settings the dev host runs the app with. */
  env: Record<string, string>;
  /** Every secret the world is configured with: its settings', the host's keys, the Durable system key, the stack's credentials. */
  secrets(): ConfiguredSecrets;
  /** Scan the world's logs and durable histories for its secrets (after `stop`, for complete files). */
  scanSecrets(): ScanReport;
  call(path: string, init?: RequestInit): Promise<Response>;
  /** The example pipeline's spec (`churn-model`) against the seeded repository, as `putPipeline` registers it. */
  pipelineSpec(id?: string, policy?: Record<string, unknown>): Record<string, unknown>;
  /** Register the example pipeline (`churn-model`) against the seeded repository. */
  putPipeline(id?: string, policy?: Record<string, unknown>): Promise<void>;
  /** Start a run; returns its id. */
  startRun(pipelineId: string, body?: Record<string, unknown>): Promise<string>;
  getRun(runId: string): Promise<Run>;
  /** Drive the run to a terminal status (see the file comment) and return it. */
  finish(runId: string, opts?: { onTick?: (run: Run) => void | Promise<void> }): Promise<Run>;
  /** Drive the clock as `finish` does until `work` settles (a process outside the test following its own runs). */
  driveWhile<T>(work: Promise<T>): Promise<T>;
  /** Change the training code (one line more in training/train.py) and commit. Returns the commit. */
  changeCode(message: string): Promise<string>;
  /** Regenerate the data with another split, `dvc add` it, `dvc push` it unless told not to, and commit. Returns the commit. */
  changeData(opts: { seed: number; push: boolean; message: string }): Promise<string>;
  stop(): Promise<void>;
}

/** Start the stack, seed the repository, and start the app on the dev host (ports all free loopback ones). */
export async function startPipelineWorld(opts: { dir: string; log?: (line: string) => void }): Promise<PipelineWorld> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dir, { recursive: true });
  const stopAll: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stopAll.splice(0).reverse()) await s().catch(() => {});
  };
  const tee = teeProcessOutput(join(opts.dir, 'logs', 'console.log'));
  stopAll.push(async () => tee.stop());
  try {
    const stack = await startStack({ stateDir: join(opts.dir, 'stack'), airflowOptions: { callbackSecret, callbackHeader: 'X-Mlcycle-Callback-Secret' }, log });
    stopAll.push(() => stack.stop());
    const airflow = stack.airflow;
    if (!airflow) throw new Error('the stack started without Airflow');
    const repo = await seedExampleRepo({ dir: join(opts.dir, 'churn-model'), s3: stack.s3, venv: stack.venvs.ml });
    const ado = await startLocalAzureDevOps({ stack, repo, stateDir: join(opts.dir, 'azure-devops') });
    stopAll.push(() => ado.stop());
    const airflowProxy = await startFaultProxy(airflow.url);
    stopAll.push(() => airflowProxy.close());
    const emulators = await startEmbeddedEmulators();
    stopAll.push(() => emulators.stop());

    const env: Record<string, string> = {
      ...embeddedDefaults,
      ...emulators.settings,
      LOG_LEVEL: 'debug',
      MLCYCLE_FUNCTION_KEY: functionKey,
      MLCYCLE_MASTER_KEY: masterKey,
      AIRFLOW_CALLBACK_SECRET: callbackSecret,
      ...stackAppSettings(stack, { ado, airflowUrl: airflowProxy.url }),
    };
    // The app reads its settings from process.env when it loads, as under the Functions host.
    Object.assign(process.env, env);
    const clock = new ManualClock(Date.now());
    const durableDir = join(opts.dir, 'durable');
    const durable = new DurableExtension({ stateDir: durableDir, clock, log: consoleLogger('info', { component: 'durable' }) });
    const hostLog = fileLines(join(opts.dir, 'logs', 'devhost.log'));
    const host = await startDevHost({
      appRoot: new URL('../../..', import.meta.url).pathname,
      env,
      // Port 0: the OS picks a free one as the host binds it (a port chosen first and bound later can be taken between).
      port: 0,
      extensions: [durable],
      keys: { functionKey, masterKey },
      log: (level, category, message) => hostLog(`${level} ${category} ${message}`),
      clock,
      timers: false,
      load: async ({ baseUrl }) => {
        // The app builds its links and the DAG's callback URL from this setting, read as it loads.
        env.MLCYCLE_PUBLIC_BASE_URL = baseUrl;
        process.env.MLCYCLE_PUBLIC_BASE_URL = baseUrl;
        await import('../../../functions/index.js');
      },
    });
    stopAll.push(() => host.stop());
    // Service hooks from here on: pushes, pull requests and finished image builds reach the app as in Azure.
    await ado.subscribe(host.baseUrl);

    const call = (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('x-functions-key', functionKey);
      if (init.body !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${host.baseUrl}${path}`, { ...init, headers });
    };
    const getRun = async (runId: string): Promise<Run> => {
      const res = await call(`/api/runs/${runId}`);
      if (res.status !== 200) throw new Error(`GET run ${runId}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Run;
    };
    const engine = () => {
      if (!durable.engine) throw new Error('durable engine not started');
      return durable.engine;
    };
    /** One step of the clock: fire the next timer when it is a short wait, else let real time pass. */
    const tick = async (pause: Promise<unknown> = sleep(250)) => {
      await engine().idle();
      const next = clock.nextDueAt();
      if (next !== undefined && next - clock.now() <= SHORT_WAIT_MS) await clock.advanceTo(next, () => engine().idle());
      else await pause;
    };
    const pipelineSpec = (id = 'churn-model', policy: Record<string, unknown> = {}) =>
      stackPipelineSpec(stack, ado, id, { displayName: 'Churn model (example)', policy: { guardrails: [{ metric: 'precision', direction: 'maximize', maxRegression: 0.05 }], ...policy } });

    const systemKey = durable.engine?.systemKey;
    const secrets = () => configuredSecrets(env, { ...stackSecrets(stack), 'Durable system key': systemKey });
    const world: PipelineWorld = {
      dir: opts.dir,
      stack,
      repo,
      ado,
      airflowProxy,
      host,
      durable,
      clock,
      env,
      secrets,
      scanSecrets: () => scanRunFiles({ roots: { logs: [opts.dir], histories: [durableDir] }, secrets: secrets() }),
      call,
      getRun,
      pipelineSpec,
      async putPipeline(id = 'churn-model', policy = {}) {
        const spec = pipelineSpec(id, policy);
        const res = await call(`/api/pipelines/${id}`, { method: 'PUT', body: JSON.stringify(spec) });
        if (res.status !== 200 && res.status !== 201) throw new Error(`PUT pipeline: ${res.status} ${await res.text()}`);
      },
      async startRun(pipelineId, body = {}) {
        const res = await call(`/api/pipelines/${pipelineId}/runs`, { method: 'POST', body: JSON.stringify(body) });
        if (res.status !== 202) throw new Error(`start run: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { runId: string }).runId;
      },
      async finish(runId, o = {}) {
        for (;;) {
          await engine().idle();
          const run = await getRun(runId);
          await o.onTick?.(run);
          if (terminalRunStatuses.includes(run.status)) return run;
          await tick();
        }
      },
      async driveWhile(work) {
        let settled = false;
        const done = work.finally(() => {
          settled = true;
        });
        // The pause ends early when the work settles, so the caller gets its result without waiting out a tick.
        while (!settled) await tick(Promise.race([sleep(250), done.catch(() => {})]));
        return work;
      },
      async changeCode(message) {
        return changeExampleCode({ repo, message });
      },
      async changeData({ seed, push, message }) {
        return changeExampleData({ repo, s3: stack.s3, venv: stack.venvs.ml, seed, push, message });
      },
      stop: async () => {
        await stop();
      },
    };
    return world;
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Remove the world's directory (after `stop`). */
export function removeWorld(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
