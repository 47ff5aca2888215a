import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PortInUseError, retryWhilePortTaken, startProcess, waitForOutput, type ManagedProcess } from './child-process.js';
import { parentWatchPrelude } from './parent-watch.js';

/** The well-known Azurite development account (public, documented; not a secret). */
export const azuriteAccount = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
};

/** Connection string for an Azurite started on the given ports. */
export function azuriteConnectionString(ports: { blob: number; queue: number; table: number }): string {
  const host = 'http://127.0.0.1';
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${azuriteAccount.name}`,
    `AccountKey=${azuriteAccount.key}`,
    `BlobEndpoint=${host}:${ports.blob}/${azuriteAccount.name}`,
    `QueueEndpoint=${host}:${ports.queue}/${azuriteAccount.name}`,
    `TableEndpoint=${host}:${ports.table}/${azuriteAccount.name}`,
  ].join(';') + ';';
}

type AzuritePorts = { blob: number; queue: number; table: number };

/**
 * Start Azurite (blob, queue, table) on loopback. `--skipApiVersionCheck` is needed: the Storage SDKs are newer than
 * the last Azurite that runs on Node 20. State is in memory unless `location` is given (then on disk there, and kept
 * across restarts). Without `ports` every service binds port 0 and the ports are read from what Azurite reports it
 * listens on; given ports still held by another process are retried for a few seconds. Azurite stops by itself when
 * the process that started it dies; with `pidDir` it is also noted there for the next start to reap.
 */
export async function startAzurite(opts: { location?: string; ports?: AzuritePorts; pidDir?: string } = {}): Promise<{ connectionString: string; ports: AzuritePorts; process: ManagedProcess }> {
  const pkg = dirname(createRequire(import.meta.url).resolve('azurite/package.json'));
  const want = opts.ports ?? { blob: 0, queue: 0, table: 0 };
  const args = [
    '--blobHost', '127.0.0.1', '--blobPort', String(want.blob),
    '--queueHost', '127.0.0.1', '--queuePort', String(want.queue),
    '--tableHost', '127.0.0.1', '--tablePort', String(want.table),
    '--skipApiVersionCheck', '--disableTelemetry', '--loose',
    ...(opts.location ? ['--location', opts.location] : ['--inMemoryPersistence']),
  ];
  // Azurite reads its options from process.argv, which `node -e` leaves without a script path.
  const main = [parentWatchPrelude, `process.argv = [process.argv[0], ${JSON.stringify(join(pkg, 'dist/src/azurite.js'))}, ...process.argv.slice(1)];`, 'require(process.argv[1]);'].join('\n');
  return retryWhilePortTaken(async () => {
    const { proc, child, output } = startProcess('azurite', process.execPath, ['-e', main, '--', ...args], { pidDir: opts.pidDir });
    try {
      const ready = await waitForOutput(child, output, /Blob service is successfully listening at \S+:(\d+)[\s\S]*Queue service is successfully listening at \S+:(\d+)[\s\S]*Table service is successfully listening at \S+:(\d+)/, 30_000);
      const ports = { blob: Number(ready[1]), queue: Number(ready[2]), table: Number(ready[3]) };
      return { connectionString: azuriteConnectionString(ports), ports, process: proc };
    } catch (e) {
      await proc.stop();
      if (e instanceof PortInUseError) throw e;
      throw new Error(`Azurite did not start: ${(e as Error).message}\n${output()}`, { cause: e });
    }
  });
}
