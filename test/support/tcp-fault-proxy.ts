import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

/*
 * A TCP-level fault proxy for the fault trials: it forwards bytes to a real server (HTTP or HTTPS alike) and can take
 * that server away for a while, in one of two ways a real outage looks from the client's side:
 * - `down`: every open connection is reset and new ones are reset on arrival, as when the server process stopped or
 *   restarted (the client sees ECONNRESET / socket hang up);
 * - `stall`: connections are accepted but nothing moves in either direction, as when the server is paused (SIGSTOP)
 *   or a network path black-holes; when the window ends, held bytes flow again.
 */

export type OutageMode = 'down' | 'stall';

export interface TcpFaultProxy {
  /** `host:port` of the proxy on loopback. */
  host: string;
  port: number;
  /** Start an outage now; it ends after `forMs` (or at `restore`). Resolves when it has ended. */
  outage(mode: OutageMode, forMs: number): Promise<void>;
  /** End the current outage early. */
  restore(): void;
  /** Connections accepted so far (a test sees that the client reconnected). */
  readonly connections: number;
  close(): Promise<void>;
}

/** Start a TCP proxy on a free loopback port (bound to port 0) in front of `target` (`host:port`). */
export async function startTcpFaultProxy(target: { host: string; port: number }): Promise<TcpFaultProxy> {
  let mode: OutageMode | 'up' = 'up';
  let endTimer: NodeJS.Timeout | undefined;
  let ended: (() => void) | undefined;
  let connections = 0;
  const live = new Set<{ client: Socket; upstream: Socket }>();
  const held = new Set<Socket>();

  const connect = (client: Socket) => {
    const upstream = createConnection({ host: target.host, port: target.port });
    const pair = { client, upstream };
    live.add(pair);
    const drop = () => {
      live.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
    if (mode === 'stall') pause(pair);
  };
  const pause = (pair: { client: Socket; upstream: Socket }) => {
    pair.client.pause();
    pair.upstream.pause();
  };

  const server = createServer((client) => {
    connections += 1;
    if (mode === 'down') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'stall') {
      client.pause();
      held.add(client);
      client.on('error', () => held.delete(client));
      return;
    }
    connect(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const restore = () => {
    clearTimeout(endTimer);
    const wasStalled = mode === 'stall';
    mode = 'up';
    if (wasStalled) {
      for (const pair of live) {
        pair.client.resume();
        pair.upstream.resume();
      }
      for (const client of held) {
        held.delete(client);
        if (!client.destroyed) connect(client);
      }
    }
    ended?.();
    ended = undefined;
  };

  return {
    host: `127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    outage(next, forMs) {
      restore();
      mode = next;
      if (next === 'down') {
        for (const pair of live) {
          pair.client.resetAndDestroy();
          pair.upstream.destroy();
        }
        live.clear();
      } else {
        for (const pair of live) pause(pair);
      }
      return new Promise<void>((resolve) => {
        ended = resolve;
        endTimer = setTimeout(restore, forMs);
      });
    },
    restore,
    close: () =>
      new Promise<void>((resolve) => {
        restore();
        for (const pair of live) {
          pair.client.destroy();
          pair.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
