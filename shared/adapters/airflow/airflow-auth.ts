import { AppError } from '../../domain/errors.js';
import { z } from '../../domain/zod.js';
import type { HttpAuth, HttpClient } from '../http/http-client.js';
import { tokenResponseSchema } from './airflow-schemas.js';

export interface AirflowCredentials {
  username: string;
  password: string;
}

/** Airflow 2 (`/api/v1`): HTTP basic auth (`[api] auth_backends` must include the basic-auth backend). */
export function basicAuth(credentials: AirflowCredentials | undefined): HttpAuth {
  const value = credentials ? Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64') : undefined;
  return {
    headers: async (): Promise<Record<string, string>> => (value ? { authorization: `Basic ${value}` } : {}),
    secrets: () => (credentials && value ? [credentials.password, value] : []),
  };
}

const jwtPayloadSchema = z.looseObject({ exp: z.number().optional() });

/** Seconds-since-epoch expiry of a JWT, if it carries one (the signature is the server's business, not ours). */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const parsed = jwtPayloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Airflow 3 (`/api/v2`): a JWT from `POST /auth/token` (simple auth manager; `GET /auth/token` when every user is an
 * admin and no credentials are configured), cached and shared by concurrent callers, fetched again shortly before it
 * expires and once more after a 401.
 */
export class JwtAuth implements HttpAuth {
  private token: Promise<string> | undefined;
  private current: string | undefined;
  private expiresAt: number | undefined;

  constructor(
    private readonly tokens: HttpClient,
    private readonly credentials: AirflowCredentials | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async headers(): Promise<Record<string, string>> {
    if (this.token && this.expiresAt !== undefined && this.now() >= this.expiresAt) this.token = undefined;
    this.token ??= this.fetchToken();
    const pending = this.token;
    try {
      return { authorization: `Bearer ${await pending}` };
    } catch (e) {
      // A failed token request is not cached: the next call asks again.
      if (this.token === pending) this.token = undefined;
      throw e;
    }
  }

  async renew(): Promise<boolean> {
    this.token = undefined;
    return true;
  }

  secrets(): string[] {
    return [...(this.credentials ? [this.credentials.password] : []), ...(this.current ? [this.current] : [])];
  }

  private async fetchToken(): Promise<string> {
    const res = await this.tokens.request(
      this.credentials
        ? { method: 'POST', path: '/auth/token', json: { username: this.credentials.username, password: this.credentials.password }, authenticated: false }
        : { method: 'GET', path: '/auth/token', authenticated: false },
    );
    if (res.status === 401 || res.status === 403) {
      throw new AppError('PERMANENT', `Airflow refused the ${this.credentials ? `credentials of user '${this.credentials.username}'` : 'anonymous token request (set AIRFLOW_USERNAME and AIRFLOW_PASSWORD)'} (HTTP ${res.status})`, { details: { system: 'airflow', status: res.status } });
    }
    // The body of a 4xx here may echo the request (and so the password): report the status only.
    if (res.status !== 200 && res.status !== 201) throw new AppError(res.status >= 500 ? 'TRANSIENT' : 'PERMANENT', `Airflow refused the token request: HTTP ${res.status}`, { details: { system: 'airflow', status: res.status } });
    const token = this.tokens.parse(res, tokenResponseSchema, 'the token request').access_token;
    this.current = token;
    const exp = jwtExpiry(token);
    // Renew half a minute early so a request never leaves with a token about to lapse.
    this.expiresAt = exp !== undefined ? exp * 1000 - 30_000 : undefined;
    return token;
  }
}
