/*
 * `npm start`: run the app as `func start` would, on one machine. Keeps all local state in one folder (Azurite on
 * disk, the local store, Durable histories; `--reset` empties it first), starts the embedded Azurite unless settings
 * point elsewhere, loads the compiled app through the core stub, serves its routes, fires its timers, polls its
 * queues, and stops everything it started on SIGINT/SIGTERM.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startAzurite } from './emulators/azurite.js';
import { stopAllProcesses } from './emulators/child-process.js';
import { reapPidFiles } from './emulators/pid-files.js';
import { banner, startDevHost } from './dev-host.js';
import { DurableExtension } from './durable-extension.js';
import { consoleLogger } from '../shared/logging/logger.js';
import { documentedKeys, resolveHostKeys } from './host-keys.js';
import { readLocalSettings } from './local-settings.js';
import { resetStateFolder, stateFolder } from './state-folder.js';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const env = readLocalSettings(appRoot, process.env);
  const state = stateFolder(appRoot, env);
  // Emulators a host killed with kill -9 left behind are stopped first (they also stop by themselves once orphaned).
  const reaped = await reapPidFiles(state.pids);
  if (reaped.length > 0) console.log(`Stopped ${reaped.length} process(es) left by an earlier dev host.`);
  if (process.argv.includes('--reset')) {
    resetStateFolder(state);
    console.log(`Reset: deleted the local state in ${state.root}`);
  }
  mkdirSync(state.root, { recursive: true });
  if (!env.AzureWebJobsStorage || env.AzureWebJobsStorage === 'UseDevelopmentStorage=true') {
    mkdirSync(state.azurite, { recursive: true });
    const azurite = await startAzurite({ location: state.azurite, pidDir: state.pids });
    env.AzureWebJobsStorage = azurite.connectionString;
    console.log(`Embedded Azurite: queues on 127.0.0.1:${azurite.ports.queue}`);
  }
  // No Cosmos DB configured: the records live in the local store (the Cosmos server keeps nothing across a restart).
  if (!env.COSMOS_ENDPOINT && !env.MLCYCLE_LOCAL_STORE_DIR) env.MLCYCLE_LOCAL_STORE_DIR = state.store;
  // The sample settings carry empty Cosmos values; with the local store they mean nothing.
  if (env.MLCYCLE_LOCAL_STORE_DIR) for (const k of ['COSMOS_ENDPOINT', 'COSMOS_KEY'] as const) if (!env[k]) delete env[k];
  if (env.MLCYCLE_LOCAL_STORE_DIR) console.log(`Local state in ${state.root} (records in ${env.MLCYCLE_LOCAL_STORE_DIR})`);
  // The app reads its settings from process.env, as under the Functions host.
  Object.assign(process.env, env);
  // Durable state lives on disk so runs survive a restart (or a kill -9) of the dev host.
  const durable = new DurableExtension({ stateDir: state.durable, log: consoleLogger('warn', { component: 'durable' }), ...(env.TASK_HUB_NAME ? { taskHubName: env.TASK_HUB_NAME } : {}) });
  const keys = resolveHostKeys(env);
  // Printed once, as Core Tools prints keys: on stdout, never through the structured logger.
  for (const name of keys.generated) console.log(`Generated ${name} for this run (set it to keep one key across runs): ${name === 'MLCYCLE_MASTER_KEY' ? keys.masterKey : keys.functionKey}`);
  const host = await startDevHost({
    appRoot,
    env,
    extensions: [durable],
    port: Number(env.PORT ?? 7071),
    keys: { functionKey: keys.functionKey, masterKey: keys.masterKey },
    load: async ({ baseUrl }) => {
      // Unless set, links and the DAG's callback URL name the port the host holds (PORT=0 lets the OS pick it).
      if (!process.env.MLCYCLE_PUBLIC_BASE_URL) process.env.MLCYCLE_PUBLIC_BASE_URL = baseUrl;
      await import(pathToFileURL(join(appRoot, 'dist', 'functions', 'index.js')).href);
    },
  });
  console.log(banner(host));
  // Only the public documented key is printed here: a set key is the operator's own, a generated one was shown above.
  const key = keys.generated.includes('MLCYCLE_FUNCTION_KEY')
    ? 'the generated MLCYCLE_FUNCTION_KEY above'
    : keys.functionKey === documentedKeys.functionKey
      ? `the public dev key ${documentedKeys.functionKey}`
      : 'your MLCYCLE_FUNCTION_KEY';
  console.log(`Dashboard: ${host.baseUrl}/api/ui/ (sign in with a name, a role and the function key: ${key})`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the dev host and everything it started...`);
    void host
      .stop()
      .then(stopAllProcesses)
      .then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch(async (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  await stopAllProcesses();
  process.exit(1);
});
