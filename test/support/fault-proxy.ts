import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A fault-injecting HTTP proxy for adapter and end-to-end tests: it forwards every request to a real server, except
 * that it can answer an error status instead (e.g. 503 for the first N calls, or for as long as `failing` is on),
 * optionally with a `Retry-After` header. It records every request it saw, so a test can count attempts.
 */

export interface FaultRule {
  /** Status to answer instead of forwarding (default 503). */
  status?: number;
  /** How many matching requests fail before the rule is spent (default: until `clearFaults`). */
  times?: number;
  /** Only requests this matches are failed (default: all). */
  match?: (req: { method: string; path: string }) => boolean;
  /** `Retry-After` header value to send with the error. */
  retryAfter?: string;
  /** Body of the error response (default `{"detail":"injected fault"}`). */
  body?: string;
}

export interface SeenRequest {
  method: string;
  path: string;
  /** The status the client got (injected or upstream). */
  status: number;
  injected: boolean;
  at: number;
}

export interface FaultProxy {
  url: string;
  seen: SeenRequest[];
  /** Add a fault rule; rules are tried in order. */
  fail(rule?: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Start a proxy on a free loopback port in front of `target` (e.g. `http://127.0.0.1:8080`). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: (FaultRule & { left: number })[] = [];
  const seen: SeenRequest[] = [];

  const server: Server = createServer((req: IncomingMessage, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const rule = rules.find((r) => r.left > 0 && (r.match?.({ method, path }) ?? true));
    if (rule) {
      rule.left -= 1;
      req.resume();
      const status = rule.status ?? 503;
      seen.push({ method, path, status, injected: true, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json', ...(rule.retryAfter !== undefined ? { 'retry-after': rule.retryAfter } : {}) });
      res.end(rule.body ?? JSON.stringify({ detail: 'injected fault' }));
      return;
    }
    const headers = { ...req.headers, host: upstream.host };
    const out = request({ hostname: upstream.hostname, port: upstream.port, path, method, headers }, (up) => {
      seen.push({ method, path, status: up.statusCode ?? 0, injected: false, at: Date.now() });
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => {
      seen.push({ method, path, status: 502, injected: false, at: Date.now() });
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    fail: (rule = {}) => rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY }),
    clearFaults: () => {
      rules.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
