/**
 * Expected failures as typed values. Bugs are thrown as plain `Error`s; everything a caller can act on is an
 * `AppError` with a stable `code`. HTTP status mapping lives in one place (`shared/http/problem.ts`).
 */

/** Every error code the app produces, with whether retrying the same call may succeed. */
export const errorCodes = {
  VALIDATION: { retryable: false },
  NOT_FOUND: { retryable: false },
  CONFLICT: { retryable: false },
  PRECONDITION_FAILED: { retryable: false },
  UNAUTHENTICATED: { retryable: false },
  FORBIDDEN: { retryable: false },
  PAYLOAD_TOO_LARGE: { retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { retryable: false },
  CONFIG: { retryable: false },
  DATA_NOT_PUSHED: { retryable: false },
  PERMANENT: { retryable: false },
  TRANSIENT: { retryable: true },
  TIMEOUT: { retryable: true },
  INTERNAL: { retryable: false },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** One field-level problem, named by its JSON path (e.g. `policy.primaryMetric.name`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A typed, expected failure. `details` must never carry secrets: it is shown to API callers and logged. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = opts.retryable ?? errorCodes[code].retryable;
    this.issues = opts.issues ?? [];
    this.details = opts.details ?? {};
  }

  /** A plain object that survives JSON (durable activity failures, queue messages, logs). */
  toJSON(): { code: ErrorCode; message: string; retryable: boolean; issues: FieldIssue[]; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, retryable: this.retryable, issues: this.issues, details: this.details };
  }
}

/** True when `e` is an AppError (optionally with the given code). */
export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}

/** Shorthand constructors for the common cases. */
export const errors = {
  validation: (issues: FieldIssue[], message = 'The request is not valid.') => new AppError('VALIDATION', message, { issues }),
  notFound: (what: string, id: string) => new AppError('NOT_FOUND', `${what} '${id}' was not found.`, { details: { what, id } }),
  conflict: (message: string, details: Record<string, unknown> = {}) => new AppError('CONFLICT', message, { details }),
  preconditionFailed: (message: string) => new AppError('PRECONDITION_FAILED', message),
  transient: (message: string, cause?: unknown, details: Record<string, unknown> = {}) =>
    new AppError('TRANSIENT', message, { cause, details }),
  permanent: (message: string, cause?: unknown, details: Record<string, unknown> = {}) =>
    new AppError('PERMANENT', message, { cause, details }),
};

/** Classify an HTTP status from an upstream system: 408, 429 and 5xx may pass; other 4xx will not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
