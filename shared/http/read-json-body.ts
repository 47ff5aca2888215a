import type { HttpRequest } from '@azure/functions';
import type { z } from '../domain/zod.js';
import { AppError } from '../domain/errors.js';
import { toFieldIssues } from '../domain/zod-issues.js';

/** Largest request body the API accepts (bad input never reaches the stores). */
export const maxBodyBytes = 1024 * 1024;

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Read the raw body, refusing more than `limit` bytes without buffering the excess. */
export async function readBodyBytes(request: HttpRequest, limit = maxBodyBytes): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Read a JSON body and validate it: 415 for a non-JSON content type, 413 over 1 MiB, 400 naming each bad field. */
export async function readJsonBody<S extends z.ZodType>(request: HttpRequest, schema: S, opts: { optional?: boolean } = {}): Promise<z.output<S>> {
  const bytes = await readBodyBytes(request);
  if (bytes.length === 0 && opts.optional) return parseOrThrow(schema, {});
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body must be JSON (Content-Type: application/json).', {
      issues: [{ field: 'Content-Type', message: 'must be application/json' }],
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('VALIDATION', 'The body is not valid JSON.', { issues: [{ field: '$', message: 'is not valid JSON' }] });
  }
  return parseOrThrow(schema, value);
}

/** Validate any value against a schema, naming each bad field (under `prefix`) in the error. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'The request is not valid.', { issues: toFieldIssues(parsed.error, prefix) });
  }
  return parsed.data;
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes.`, { details: { limit } });
}
