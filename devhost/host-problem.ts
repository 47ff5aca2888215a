import type { ServerResponse } from 'node:http';

/*
 * The dev host's own error responses, in the app's problem+json shape (see shared/http/problem.ts): RFC 9457 fields
 * plus a stable `code`. The host answers these before (or instead of) any function, so the app's helper, which only
 * knows the app's error codes, does not cover them all (405 and 431 are the host's alone).
 */

const problems = {
  VALIDATION: { status: 400, title: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const;

/** A code the dev host itself answers with. */
export type HostProblemCode = keyof typeof problems;

/**
 * The challenge sent with every 401 of the host: a function key, in the `x-functions-key` header or the `code`
 * query parameter (a scheme of our own: HTTP has no registered one for API keys).
 */
export const wwwAuthenticate = 'FunctionKey realm="mlcycle", header="x-functions-key", query="code"';

/** A host problem: its status, headers and JSON body. */
export interface HostProblem {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Build a problem+json response for one of the host's codes (with the field at fault, when there is one). */
export function hostProblem(code: HostProblemCode, detail: string, opts: { field?: string; headers?: Record<string, string> } = {}): HostProblem {
  const { status, title } = problems[code];
  const body = {
    type: `urn:mlcycle:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    ...(opts.field ? { errors: [{ field: opts.field, message: detail }] } : {}),
  };
  const challenge: Record<string, string> = code === 'UNAUTHENTICATED' ? { 'WWW-Authenticate': wwwAuthenticate } : {};
  return { status, headers: { 'Content-Type': 'application/problem+json', ...challenge, ...opts.headers }, body: Buffer.from(JSON.stringify(body)) };
}

/** Answer with a host problem (a no-op once headers are out: the response is already under way). */
export function sendHostProblem(res: ServerResponse, problem: HostProblem): void {
  if (res.headersSent) return;
  res.writeHead(problem.status, { ...problem.headers, 'Content-Length': String(problem.body.length) });
  res.end(problem.body);
}

/** The problem as raw HTTP/1.1 bytes, for a socket the HTTP parser gave up on (no response object exists then). */
export function rawHostProblem(problem: HostProblem, reason: string): Buffer {
  const headers = { ...problem.headers, 'Content-Length': String(problem.body.length), Connection: 'close' };
  const head = [`HTTP/1.1 ${problem.status} ${reason}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), problem.body]);
}
