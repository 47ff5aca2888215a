import { createRequire } from 'node:module';
import { startProcess, waitForPort, type ManagedProcess } from './child-process.js';
import { freePort } from './free-port.js';

/** The key the local Cosmos server accepts (it checks none; this is the well-known emulator key). */
export const localCosmosKey = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DDjz3nuA6VcWmSSMT+anEjuoqkBCmyxrUBIUd1Wa9XkTNg==';

/** Start `@vercel/cosmosdb-server` over plain HTTP on loopback (its bundled TLS certificate expired in 2021). */
export async function startCosmosServer(port?: number): Promise<{ endpoint: string; key: string; process: ManagedProcess }> {
  const p = port ?? (await freePort());
  const cli = createRequire(import.meta.url).resolve('@vercel/cosmosdb-server/lib/cli.js');
  const { proc, child, output } = startProcess('cosmosdb-server', process.execPath, [cli, '-p', String(p), '--host', '127.0.0.1', '--no-ssl']);
  try {
    await waitForPort(p, 20_000, child);
  } catch (e) {
    await proc.stop();
    throw new Error(`Cosmos server did not start: ${(e as Error).message}\n${output()}`, { cause: e });
  }
  return { endpoint: `http://127.0.0.1:${p}`, key: localCosmosKey, process: proc };
}
