import { createRequire } from 'node:module';
import { startProcess, waitForPort, type ManagedProcess } from './child-process.js';
import { freePort } from './free-port.js';

/** The key the local Cosmos server accepts (it checks none; this is the well-known emulator key). */
export const localCosmosKey = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DDjz3nuA6VcWmSSMT+anEjuoqkBCmyxrUBIUd1Wa9XkTNg==';

/**
 * Start `@vercel/cosmosdb-server` over plain HTTP on loopback (its bundled TLS certificate expired in 2021), with
 * keep-alive on as Cosmos DB keeps connections: its command line leaves it off, which answers every request with
 * `Connection: close` and makes each call open a new connection.
 */
export async function startCosmosServer(port?: number): Promise<{ endpoint: string; key: string; process: ManagedProcess }> {
  const p = port ?? (await freePort());
  const lib = createRequire(import.meta.url).resolve('@vercel/cosmosdb-server');
  // Idle connections are kept longer than a client leaves them idle, so a reused connection is never one the server
  // is closing at that very moment.
  const main = [
    `const server = require(${JSON.stringify(lib)}).createHttpServer({ keepAlive: true });`,
    'server.keepAliveTimeout = 120000; server.headersTimeout = 125000;',
    `server.listen(${p}, '127.0.0.1', () => console.log('Ready to accept HTTP connections'));`,
  ].join('\n');
  const { proc, child, output } = startProcess('cosmosdb-server', process.execPath, ['-e', main]);
  try {
    await waitForPort(p, 20_000, child);
  } catch (e) {
    await proc.stop();
    throw new Error(`Cosmos server did not start: ${(e as Error).message}\n${output()}`, { cause: e });
  }
  return { endpoint: `http://127.0.0.1:${p}`, key: localCosmosKey, process: proc };
}
