import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import { startAzurite } from '../../devhost/emulators/azurite.js';
import { startCosmosServer } from '../../devhost/emulators/cosmos-server.js';

/*
 * The emulators bind port 0 and report the port they got, so nothing can take it between choosing and binding; a
 * port asked for by number that another process holds for now is retried until it is free.
 */
function hold(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
const portOf = (s: Server) => (s.address() as { port: number }).port;
const close = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));

describe('emulator ports', () => {
  it('the Cosmos server binds port 0 and answers on the port it reports', async () => {
    const server = await startCosmosServer();
    try {
      assert.match(server.endpoint, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
      assert.ok((await fetch(`${server.endpoint}/`)).status > 0);
    } finally {
      await server.process.stop();
    }
  });

  it('retries a port that is taken on purpose, and starts on it once it is released', async () => {
    const taken = await hold();
    const port = portOf(taken);
    setTimeout(() => void close(taken), 1500);
    const server = await startCosmosServer(port);
    try {
      assert.equal(server.endpoint, `http://127.0.0.1:${port}`);
      await new Promise((r) => setTimeout(r, 1600));
      assert.ok((await fetch(`${server.endpoint}/`)).status > 0, 'the Cosmos server itself answers on the port');
    } finally {
      await server.process.stop();
    }
  });

  it('Azurite reports the ports it got, and retries given ports while one is taken', async () => {
    const first = await startAzurite();
    const ports = { ...first.ports };
    await first.process.stop();
    assert.ok(ports.blob > 0 && ports.queue > 0 && ports.table > 0);
    const taken = await hold(ports.queue);
    setTimeout(() => void close(taken), 1500);
    const second = await startAzurite({ ports });
    try {
      assert.deepEqual(second.ports, ports);
      assert.match(second.connectionString, new RegExp(`QueueEndpoint=http://127.0.0.1:${ports.queue}/`));
      await new Promise((r) => setTimeout(r, 1600));
      assert.ok((await fetch(`http://127.0.0.1:${ports.queue}/devstoreaccount1?comp=list`)).status > 0, 'Azurite itself answers on the queue port');
    } finally {
      await second.process.stop();
    }
  });
});
