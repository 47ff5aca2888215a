import { AppError, isRetryableStatus } from '../../domain/errors.js';
import type { z } from '../../domain/zod.js';
import type { ExternalSystem } from './call-stats.js';

/*
 * What a REST adapter's responses mean (Airflow, MLflow): a 2xx body parsed against its schema, or the `AppError` for
 * a status the caller did not expect, in messages that quote the upstream's own words but never a secret. The
 * transport that fetches and retries them is `http-client.ts`.
 */

/** What came back: any status that is not retried. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Who answers, for the messages and details of the errors. */
export interface HttpResponsesOptions {
  /** Counter bucket (`call-stats.ts`). */
  system: ExternalSystem;
  /** The name used in messages, e.g. "Airflow". */
  displayName: string;
  /** Pull a readable message out of an error body (e.g. Airflow's `detail`, MLflow's `message`). */
  describeError?: (body: unknown) => string | undefined;
  /** Values that must never appear in an error message (asked for each message: tokens change). */
  secrets?: () => string[];
}

/** One system's responses read as typed values or typed errors (see the file comment). */
export class HttpResponses {
  constructor(private readonly source: HttpResponsesOptions) {}

  /** The system's display name (for callers' messages). */
  get name(): string {
    return this.source.displayName;
  }

  /** Parse a 2xx JSON body with `schema`; a body that does not match is a PERMANENT error naming the call. */
  parse<S extends z.ZodType>(res: HttpResponse, schema: S, what: string): z.output<S> {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new AppError('PERMANENT', `${this.source.displayName} answered ${what} with a body that is not JSON (HTTP ${res.status})`, { details: { system: this.source.system, status: res.status } });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      throw new AppError('PERMANENT', `${this.source.displayName} answered ${what} with an unexpected body (${where})`, { details: { system: this.source.system, status: res.status } });
    }
    return parsed.data;
  }

  /** The JSON body of an error response, or undefined when it is not JSON. */
  errorBody(res: HttpResponse): unknown {
    try {
      return JSON.parse(res.text) as unknown;
    } catch {
      return undefined;
    }
  }

  /** The error for a response the caller did not expect: 408/429/5xx TRANSIENT, any other status PERMANENT. */
  failure(res: HttpResponse, what: string): AppError {
    const detail = this.describe(res);
    const message = `${this.source.displayName} refused ${what}: HTTP ${res.status}${detail ? ` – ${detail}` : ''}`;
    const code = isRetryableStatus(res.status) ? 'TRANSIENT' : 'PERMANENT';
    return new AppError(code, message, { details: { system: this.source.system, status: res.status } });
  }

  /** The upstream's own words about an error, shortened and scrubbed of secrets. */
  describe(res: HttpResponse): string | undefined {
    const body = this.errorBody(res);
    const text = body !== undefined ? this.source.describeError?.(body) : res.text.trim().split('\n')[0];
    return text ? this.scrub(text).slice(0, 500) : undefined;
  }

  /** Replace every secret the auth strategy knows of with `[redacted]`. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.source.secrets?.() ?? []) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
    return out;
  }
}
