import { createRequire } from 'node:module';
import { PortInUseError, retryWhilePortTaken, startProcess, waitForOutput, type ManagedProcess } from './child-process.js';
import { parentWatchPrelude } from './parent-watch.js';

/** The key the local Cosmos server accepts (it checks none; this is the well-known emulator key). */
export const localCosmosKey = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DDjz3nuA6VcWmSSMT+anEjuoqkBCmyxrUBIUd1Wa9XkTNg==';

/**
 * Start `@vercel/cosmosdb-server` over plain HTTP on loopback (its bundled TLS certificate expired in 2021), with
 * keep-alive on as Cosmos DB keeps connections: its command line leaves it off, which answers every request with
 * `Connection: close` and makes each call open a new connection. Without `port` it binds port 0 and reports the port
 * it got (nothing can take it between choosing and binding); with `port`, a port still held by another process is
 * retried for a few seconds. The server stops by itself when the process that started it dies.
 */
export async function startCosmosServer(port?: number, opts: { pidDir?: string } = {}): Promise<{ endpoint: string; key: string; process: ManagedProcess }> {
  const lib = createRequire(import.meta.url).resolve('@vercel/cosmosdb-server');
  // Idle connections are kept longer than a client leaves them idle, so a reused connection is never one the server
  // is closing at that very moment.
  const main = [
    parentWatchPrelude,
    `const server = require(${JSON.stringify(lib)}).createHttpServer({ keepAlive: true });`,
    'server.keepAliveTimeout = 120000; server.headersTimeout = 125000;',
    `server.listen(${port ?? 0}, '127.0.0.1', () => console.log('Ready to accept HTTP connections on port ' + server.address().port));`,
  ].join('\n');
  return retryWhilePortTaken(async () => {
    const { proc, child, output } = startProcess('cosmosdb-server', process.execPath, ['-e', main], { pidDir: opts.pidDir });
    try {
      const ready = await waitForOutput(child, output, /Ready to accept HTTP connections on port (\d+)/, 20_000);
      return { endpoint: `http://127.0.0.1:${ready[1]}`, key: localCosmosKey, process: proc };
    } catch (e) {
      await proc.stop();
      if (e instanceof PortInUseError) throw e;
      throw new Error(`Cosmos server did not start: ${(e as Error).message}\n${output()}`, { cause: e });
    }
  });
}
