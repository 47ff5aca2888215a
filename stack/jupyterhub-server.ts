import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureClientVenv } from './client-venv.js';
import { hubConfig, hubSecretEnv } from './jupyterhub-config.js';
import { spawnService, stopFromPidFile } from './managed-process.js';
import { repoRoot, stateRoot } from './paths.js';
import { onFreePort, pickPort } from './port-binding.js';
import { commandLine, processDescendants, sessionsOf, stopSession } from './process-tree.js';
import type { ProgressSink } from './progress.js';
import { ensureVenv } from './venvs.js';
import { httpGet, startupProgress, waitFor } from './wait.js';

/*
 * JupyterHub 6 for the local stack: the hub from the jupyter venv, configurable-http-proxy from node_modules (the hub
 * starts it, with a token we give it), a shared-password authenticator for one demo user and a local-process spawner
 * running that user's server as the current OS user, from a client venv so its kernels import `mlcycle` with
 * MLCYCLE_URL and MLCYCLE_KEY set to the app. Loopback only: a demo on a developer's machine, not a shared hub.
 */

export interface JupyterHubOptions {
  /** Config, sqlite database, cookie secret, pid files, log, the kernel venv and the user's notebook folder. */
  stateDir?: string;
  /** The app the user's kernels talk to: its base URL and an API key (operator). */
  app: { url: string; key: string };
  /** MLflow tracking URI for the kernels (`MLFLOW_TRACKING_URI`), when an MLflow server runs. */
  mlflowUrl?: string;
  /** The proxy's public port (default: a free one). */
  port?: number;
  /** The demo user's name (default `data-scientist`). */
  user?: string;
  log?: (line: string) => void;
  /** Where a slow start-up says what it waits for (default: nowhere). */
  progress?: ProgressSink;
  startTimeoutMs?: number;
}

/** A running hub. `apiToken` is a service token that may start the user's server and use it (Hub REST API). */
export interface JupyterHubEndpoint {
  url: string;
  user: string;
  password: string;
  apiToken: string;
  logFile: string;
  /** Pid of the hub (its session holds the user servers). */
  pid: number;
  /** Pid of configurable-http-proxy (a session of its own). */
  proxyPid: number;
  stop(): Promise<void>;
}

/** The name of the hub service whose token scripts and tests use. */
export const hubServiceName = 'mlcycle';

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Start JupyterHub (see the module comment) and wait until the hub answers through its proxy. */
export async function startJupyterHub(opts: JupyterHubOptions): Promise<JupyterHubEndpoint> {
  const log = opts.log ?? (() => {});
  const stateDir = opts.stateDir ?? join(stateRoot(), 'stack', 'jupyterhub');
  mkdirSync(stateDir, { recursive: true });
  const jupyter = await ensureVenv('jupyter', log, opts.progress);
  const t0 = Date.now();
  const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const kernel = await ensureClientVenv(join(stateDir, 'kernel-venv'), log);
  log(`JupyterHub: kernel venv with the client ready after ${secs()}`);
  return onFreePort('jupyterhub', opts.port, async (port) => {
    const [apiPort, hubPort] = [await pickPort('jupyterhub-proxy-api'), await pickPort('jupyterhub-hub')];
    const user = opts.user ?? 'data-scientist';
    const configFile = join(stateDir, 'jupyterhub_config.py');
    const proxyCommand = [process.execPath, join(repoRoot(), 'node_modules', '.bin', 'configurable-http-proxy')];
    writeFileSync(configFile, hubConfig({ stateDir, port, apiPort, hubPort, user, serviceName: hubServiceName, proxyCommand, kernelPython: kernel.python, jupyterPrefix: jupyter.dir }));
    const password = secret(18);
    const apiToken = secret(32);
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1', MLCYCLE_URL: opts.app.url, MLCYCLE_KEY: opts.app.key };
    // Whatever the caller's shell holds must not reach the kernels in place of what we give them.
    delete env.MLCYCLE_TOKEN;
    delete env.MLFLOW_TRACKING_URI;
    if (opts.mlflowUrl) env.MLFLOW_TRACKING_URI = opts.mlflowUrl;
    env[hubSecretEnv.password] = password;
    env[hubSecretEnv.serviceToken] = apiToken;
    env[hubSecretEnv.proxyToken] = secret(32);
    const command = join(jupyter.bin, 'jupyterhub');
    const proc = await spawnService({
      name: 'jupyterhub',
      command,
      args: ['-f', configFile],
      cwd: stateDir,
      env,
      logFile: join(stateDir, 'jupyterhub.log'),
      pidFile: join(stateDir, 'jupyterhub.pid'),
      stopGraceMs: 15_000,
    });
    const proxyPidFile = join(stateDir, 'proxy.pid');
    // Written by the hub when it starts the proxy (a bare pid); one left by an earlier start may name a reused pid.
    const proxyPid = (): number | undefined => {
      const file = join(stateDir, 'proxy-pid');
      const pid = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN;
      return Number.isInteger(pid) && pid > 0 && (commandLine(pid) ?? '').includes('configurable-http-proxy') ? pid : undefined;
    };
    // The proxy and each kernel run in sessions of their own: stop the hub (which stops its servers and proxy on
    // SIGTERM), then whatever of its process tree, as it was just before, still runs.
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        const proxy = proxyPid();
        const tree = [...processDescendants(proc.pid), ...(proxy === undefined ? [] : processDescendants(proxy))];
        const sessions = sessionsOf(tree).filter((sid) => sid !== proc.pid);
        await proc.stop();
        for (const sid of sessions) await stopSession(sid, 5_000);
        await stopFromPidFile(proxyPidFile);
      })();
      return stopping;
    };
    const url = `http://127.0.0.1:${port}`;
    const progress = startupProgress('JupyterHub', opts.progress);
    try {
      await waitFor('/hub/health through the proxy', proc, opts.startTimeoutMs ?? 120_000, async () => ((await httpGet(`${url}/hub/health`)).status === 200 ? true : undefined), {
        progress,
        // The proxy's ports are held by the proxy's own session; the hub's port is held by the hub.
        ports: [hubPort],
      });
      const pid = proxyPid();
      if (pid === undefined) throw new Error(`jupyterhub: the proxy's pid file is missing in ${stateDir}`);
      // In the stack's pid-file format too, so `stack down` stops a proxy whose hub was killed.
      writeFileSync(proxyPidFile, JSON.stringify({ pid, command: 'configurable-http-proxy', hostPid: process.pid }));
      log(`JupyterHub ready at ${url} after ${secs()}`);
      return { url, user, password, apiToken, logFile: proc.logFile, pid: proc.pid, proxyPid: pid, stop };
    } catch (e) {
      await stop();
      throw e;
    } finally {
      progress.end();
    }
  });
}
