/*
 * The local Python stack from the command line (see docs/local-stack.md):
 *   npx tsx scripts/stack.ts setup            build or reuse the venvs, the MinIO binary, the registry and PostgreSQL packages (the slow, cached part)
 *   npx tsx scripts/stack.ts up [--no-airflow] [--jupyterhub]
 *                                             start S3, MLflow and Airflow (and JupyterHub, its kernels pointed at the
 *                                             app `npm start` serves, with the README's dev key); print their
 *                                             endpoints; Ctrl-C stops them
 *   npx tsx scripts/stack.ts down             stop a stack started by `up` (or left behind by a crashed one)
 *   npx tsx scripts/stack.ts freeze <airflow|ml|fuzz>  re-pin python/requirements-<name>.txt from its .in file
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { documentedKeys } from '../devhost/host-keys.js';
import { ensureMinio, ensurePostgres, ensureRegistryTools, ensureVenvs, freezeRequirements, startJupyterHub, startStack, stateRoot, stopFromPidFile, streamSink, venvNames, type JupyterHubEndpoint, type Stack } from '../stack/index.js';

const log = (line: string) => console.log(`[stack] ${line}`);
// Builds take minutes on an empty cache: a terminal gets one updating line, a log one line per stage or 10 s.
const progress = streamSink(process.stdout, '[stack] ');
const stackFile = join(stateRoot(), 'stack.json');

async function setup(): Promise<void> {
  const t0 = Date.now();
  const venvs = await ensureVenvs(log, progress, { jupyter: true });
  const t1 = Date.now();
  const minio = await ensureMinio(log, progress);
  const t2 = Date.now();
  const registryTools = await ensureRegistryTools(log, progress);
  const t3 = Date.now();
  const postgres = await ensurePostgres(log, progress);
  log(`venvs ready in ${((t1 - t0) / 1000).toFixed(1)} s: airflow=${venvs.airflow.dir} ml=${venvs.ml.dir} fuzz=${venvs.fuzz.dir} jupyter=${venvs.jupyter?.dir ?? '-'}`);
  log(`MinIO ready in ${((t2 - t1) / 1000).toFixed(1)} s: ${minio}`);
  log(`registry tools ready in ${((t3 - t2) / 1000).toFixed(1)} s: ${registryTools.registry}, ${registryTools.skopeo.binary}`);
  log(`PostgreSQL ready in ${((Date.now() - t3) / 1000).toFixed(1)} s: ${postgres.bin}`);
}

// Where `npm start` serves the app by default (README), and the key it accepts there.
const devAppUrl = 'http://127.0.0.1:7071';

function describe(stack: Stack, hub: JupyterHubEndpoint | undefined): Record<string, unknown> {
  return {
    pid: process.pid,
    s3: { url: stack.s3.url, region: stack.s3.region, accessKeyId: stack.s3.accessKeyId, secretAccessKey: stack.s3.secretAccessKey, buckets: stack.s3.buckets },
    mlflow: { url: stack.mlflow.url, artifactsDestination: stack.mlflow.artifactsDestination },
    registry: { url: stack.registry.url, host: stack.registry.host, username: stack.registry.username, password: stack.registry.password },
    ...(stack.airflow
      ? {
          airflow: {
            url: stack.airflow.url,
            username: stack.airflow.username,
            password: stack.airflow.password,
            apiVersion: stack.airflow.apiVersion,
            dagIds: stack.airflow.dagIds,
            callbackHeader: stack.airflow.callbackHeader,
            callbackSecret: stack.airflow.callbackSecret,
          },
        }
      : {}),
    ...(hub ? { jupyterhub: { url: hub.url, user: hub.user, password: hub.password, apiToken: hub.apiToken, app: devAppUrl } } : {}),
    python: { airflow: stack.venvs.airflow.python, ml: stack.venvs.ml.python },
  };
}

async function up(withAirflow: boolean, withHub: boolean): Promise<void> {
  const t0 = Date.now();
  const stack = await startStack({ airflow: withAirflow, log, progress });
  let hub: JupyterHubEndpoint | undefined;
  try {
    hub = withHub ? await startJupyterHub({ app: { url: devAppUrl, key: documentedKeys.functionKey }, mlflowUrl: stack.mlflow.url, log, progress }) : undefined;
  } catch (e) {
    await stack.stop();
    throw e;
  }
  // Endpoints and local credentials for other tools (git-ignored, owner-only).
  writeFileSync(stackFile, `${JSON.stringify(describe(stack, hub), null, 2)}\n`, { mode: 0o600 });
  log(`stack up in ${((Date.now() - t0) / 1000).toFixed(1)} s; endpoints and credentials in ${stackFile}`);
  if (hub) {
    log(`JupyterHub: ${hub.url}  user ${hub.user}  password ${hub.password}  (loopback only; kernels use the app at ${devAppUrl}: run \`npm start\`)`);
  }
  log('Ctrl-C (or `npx tsx scripts/stack.ts down`) stops it');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    await hub?.stop();
    await stack.stop();
    rmSync(stackFile, { force: true });
    log('stopped');
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown());
  // Keep the process alive until a signal arrives.
  setInterval(() => {}, 1 << 30);
}

async function down(): Promise<void> {
  if (existsSync(stackFile)) {
    const parsed = z.object({ pid: z.number().int().positive() }).safeParse(JSON.parse(readFileSync(stackFile, 'utf8')));
    if (parsed.success) {
      try {
        process.kill(parsed.data.pid, 'SIGTERM');
        for (let i = 0; i < 120; i++) {
          await sleep(500);
          process.kill(parsed.data.pid, 0);
        }
      } catch {
        // gone
      }
    }
    rmSync(stackFile, { force: true });
  }
  // Whatever is still running (an `up` that was SIGKILLed): stop it through the services' pid files.
  const root = join(stateRoot(), 'stack');
  if (!existsSync(root)) return;
  for (const service of readdirSync(root)) {
    const dir = join(root, service);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.pid'))) {
      if (await stopFromPidFile(join(dir, f))) log(`stopped ${service}`);
    }
  }
}

const [cmd, ...rest] = process.argv.slice(2);
switch (cmd) {
  case 'setup':
    await setup();
    break;
  case 'up':
    await up(!rest.includes('--no-airflow'), rest.includes('--jupyterhub'));
    break;
  case 'down':
    await down();
    break;
  case 'freeze': {
    const name = z.enum(venvNames).parse(rest[0]);
    log(`wrote ${await freezeRequirements(name, log)}`);
    break;
  }
  default:
    console.error('usage: npx tsx scripts/stack.ts setup | up [--no-airflow] [--jupyterhub] | down | freeze <airflow|ml|fuzz|jupyter>');
    process.exit(2);
}
