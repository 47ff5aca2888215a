import type { HttpResponseInit } from '@azure/functions';
import { AppError, type ErrorCode } from '../domain/errors.js';

/** The one place error codes become HTTP statuses. */
export const statusByCode: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DATA_NOT_PUSHED: 422,
  CONFIG: 500,
  INTERNAL: 500,
  PERMANENT: 502,
  TRANSIENT: 503,
  TIMEOUT: 504,
};

const titles: Record<ErrorCode, string> = {
  VALIDATION: 'The request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PRECONDITION_FAILED: 'Precondition failed',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  DATA_NOT_PUSHED: 'Data not pushed',
  CONFIG: 'Server misconfigured',
  INTERNAL: 'Internal error',
  PERMANENT: 'Upstream failure',
  TRANSIENT: 'Service unavailable',
  TIMEOUT: 'Upstream timeout',
};

/** RFC 9457 problem details as this API returns them (plus `code` and field-level `errors`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/** Build a problem+json response. Unknown errors become a bare 500 with no detail, so nothing internal leaks. */
export function problemResponse(error: unknown, instance?: string, headers: Record<string, string> = {}): HttpResponseInit {
  const e = error instanceof AppError ? error : new AppError('INTERNAL', 'An unexpected error occurred.');
  const status = statusByCode[e.code];
  // 5xx details of upstream failures are for logs; callers get the stable title and our own message only.
  const body: Problem = {
    type: `urn:mlcycle:problem:${e.code.toLowerCase().replace(/_/g, '-')}`,
    title: titles[e.code],
    status,
    detail: e.message,
    code: e.code,
    ...(instance ? { instance } : {}),
    ...(e.issues.length > 0 ? { errors: e.issues } : {}),
  };
  const extra: Record<string, string> = e.code === 'UNAUTHENTICATED' ? { 'WWW-Authenticate': 'Basic realm="mlcycle", charset="UTF-8"' } : {};
  return { status, headers: { 'Content-Type': 'application/problem+json', ...extra, ...headers }, body: JSON.stringify(body) };
}
