import type { IncomingMessage } from 'node:http';

/*
 * The front door's reading of a request: its Host header and target, checked before routing or authentication, so
 * input the router cannot read is a 400 naming the part at fault rather than an exception deep in a handler. The URL
 * handed on is built on the host's own base URL: nothing downstream sees, or echoes, what the client put in Host.
 */

/** A request target the host can serve, or the part of the request that is malformed. */
export type RequestTarget = { ok: true; url: URL } | { ok: false; field: 'host' | 'path'; message: string };

// reg-name (letters, digits, '-', '.', '_', '~') or an IPv6 literal, then an optional port.
const hostPattern = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** Whether a Host header value is a well-formed `host[:port]` (RFC 9110 section 7.2). */
export function isValidHost(host: string): boolean {
  const m = hostPattern.exec(host);
  if (!m) return false;
  return m[1] === undefined || Number(m[1]) <= 65535;
}

/** Whether every segment of a path decodes (`%ZZ` or a truncated UTF-8 sequence does not). */
export function hasValidPercentEncoding(pathname: string): boolean {
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** Read the request's Host and target against the host's base URL (e.g. `http://127.0.0.1:7071`). */
export function readRequestTarget(req: IncomingMessage, baseUrl: string): RequestTarget {
  const host = req.headers.host;
  if (host !== undefined && !isValidHost(host)) return { ok: false, field: 'host', message: 'The Host header is not a valid host[:port].' };
  const target = req.url ?? '/';
  let parsed: URL;
  try {
    // origin-form (`/path?q`) is the norm; absolute-form (`http://h/path`) is allowed by HTTP/1.1, and only its path is kept.
    parsed = target.startsWith('/') ? new URL(`http://localhost${target}`) : new URL(target);
  } catch {
    return { ok: false, field: 'path', message: 'The request target is not a valid path.' };
  }
  if (!hasValidPercentEncoding(parsed.pathname)) return { ok: false, field: 'path', message: 'The path has invalid percent-encoding.' };
  // Set the parts rather than resolve a reference: a target such as `//evil/x` must stay a path on our origin.
  const url = new URL(baseUrl);
  url.pathname = parsed.pathname;
  url.search = parsed.search;
  return { ok: true, url };
}
