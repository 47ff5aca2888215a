import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Request and response plumbing for the Durable client HTTP API: bounded body reading, the JSON bodies the extension
 * accepts, and the JSON or empty responses it sends.
 */

const maxBodyBytes = 16 * 1024 * 1024;

/** An error the API answers with its status and `{ Message }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request body as text (a 413 beyond 16 MiB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new HttpError(413, `The request body is larger than ${maxBodyBytes} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Read and discard the request body. */
export async function drain(req: IncomingMessage): Promise<void> {
  await readBody(req);
}

/** A JSON body as compact JSON text, or null when the body is empty (a 400 when it is not JSON). */
export function jsonBodyText(body: string): string | null {
  if (body.trim().length === 0) return null;
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    throw new HttpError(400, 'Invalid JSON content');
  }
}

/** Answer with a JSON body (undefined is sent as `null`). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** Answer with a status and no body. */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.setHeader('Content-Length', 0);
  res.end();
}

/** Answer 404 with no body. */
export function notFound(res: ServerResponse): void {
  sendEmpty(res, 404);
}

/** Answer an operation on an instance: 202 accepted, 410 gone (finished), 404 not found. */
export function sendOperation(res: ServerResponse, r: 'accepted' | 'gone' | 'not-found'): void {
  sendEmpty(res, r === 'accepted' ? 202 : r === 'gone' ? 410 : 404);
}
