import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/*
 * A real TCP server that stalls, for deadline tests: it accepts every connection and then, depending on the mode,
 * never answers (`silent`), or sends an HTTP status line and headers promising a body that never comes
 * (`headers-then-stall`). Nothing is faked above the socket, so every client library meets a genuinely hung peer.
 */

export type StallMode = 'silent' | 'headers-then-stall';

export interface StalledServer {
  url: string;
  port: number;
  /** Connections accepted so far (one per attempt, for clients that do not reuse a hung socket). */
  connections(): number;
  close(): Promise<void>;
}

/** Start a stalled server on a free loopback port. */
export async function startStalledServer(mode: StallMode, contentType = 'application/json'): Promise<StalledServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (mode === 'headers-then-stall') {
      // Answer once the request's head has arrived, with a body that is promised and never sent.
      socket.once('data', () => {
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: ${contentType}\r\ncontent-length: 100000\r\nx-amz-request-id: stall\r\n\r\n{"partial":`);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => accepted,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
