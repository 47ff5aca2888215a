import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startProcess, waitForPort, type ManagedProcess } from './child-process.js';
import { freePort } from './free-port.js';

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

/**
 * Start Azurite (blob, queue, table) on loopback. `--skipApiVersionCheck` is needed: the Storage SDKs are newer than
 * the last Azurite that runs on Node 20. State is in memory unless `location` is given.
 */
export async function startAzurite(opts: { location?: string } = {}): Promise<{ connectionString: string; ports: { blob: number; queue: number; table: number }; process: ManagedProcess }> {
  const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
  const pkg = dirname(createRequire(import.meta.url).resolve('azurite/package.json'));
  const args = [
    join(pkg, 'dist/src/azurite.js'),
    '--blobHost', '127.0.0.1', '--blobPort', String(ports.blob),
    '--queueHost', '127.0.0.1', '--queuePort', String(ports.queue),
    '--tableHost', '127.0.0.1', '--tablePort', String(ports.table),
    '--skipApiVersionCheck', '--disableTelemetry', '--loose',
    ...(opts.location ? ['--location', opts.location] : ['--inMemoryPersistence']),
  ];
  const { proc, child, output } = startProcess('azurite', process.execPath, args);
  try {
    await Promise.all([waitForPort(ports.blob, 30_000, child), waitForPort(ports.queue, 30_000, child), waitForPort(ports.table, 30_000, child)]);
  } catch (e) {
    await proc.stop();
    throw new Error(`Azurite did not start: ${(e as Error).message}\n${output()}`, { cause: e });
  }
  return { connectionString: azuriteConnectionString(ports), ports, process: proc };
}
