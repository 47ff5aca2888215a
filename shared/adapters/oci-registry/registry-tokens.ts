import type { TokenCredential } from '@azure/identity';
import { AppError } from '../../domain/errors.js';
import { z } from '../../domain/zod.js';
import { sendRegistryRequest, unexpectedStatus, type RegistryHttpOptions, type RegistryResponse } from './registry-http.js';

/*
 * Bearer tokens for registry calls (distribution "token authentication"; ACR's AAD-OAuth flow). A token is asked for
 * the realm and service the registry's challenge names, for one scope, with the registry's configured credentials:
 * none, basic (admin user, token credentials), or an Entra token exchanged at ACR's `/oauth2/exchange` for a refresh
 * token and then at `/oauth2/token` for an access token.
 */

/** How the app authenticates to one registry. */
export type RegistryCredentials =
  | { kind: 'anonymous' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'entra'; credential: TokenCredential; tenantId?: string };

/** The Entra scope of the ACR data plane. */
export const acrEntraScope = 'https://containerregistry.azure.net/.default';

/** What a token is asked for: the challenge's realm and service, one scope. */
export interface TokenRequest {
  registry: string;
  realm: URL;
  service: string;
  scope: string;
  credentials: RegistryCredentials;
}

export interface IssuedToken {
  token: string;
  /** Epoch ms after which the token is not reused. */
  expiresAt: number;
}

/** The token service refused the credentials (401/403): no retry changes that. */
export class CredentialsRefused extends Error {
  constructor(readonly status: number) {
    super(`credentials refused (HTTP ${status})`);
    this.name = 'CredentialsRefused';
  }
}

const tokenResponseSchema = z.object({ token: z.string().min(1).optional(), access_token: z.string().min(1).optional(), expires_in: z.number().positive().optional() });
const refreshResponseSchema = z.object({ refresh_token: z.string().min(1) });
const jwtExpSchema = z.object({ exp: z.number() });

/** A token is dropped this long before it expires, so it never expires in flight. */
const expiryMarginMs = 30_000;
/** The distribution spec's default lifetime when a token service states none. */
const defaultLifetimeMs = 60_000;

/** Obtain a bearer token for `req` (see the file comment). */
export async function issueToken(http: RegistryHttpOptions, req: TokenRequest, now: number): Promise<IssuedToken> {
  const what = `the token service of registry ${req.registry}`;
  const c = req.credentials;
  let res: RegistryResponse;
  if (c.kind === 'entra') {
    const refreshToken = await exchangeEntraToken(http, req, c);
    const form = new URLSearchParams({ grant_type: 'refresh_token', service: req.service, scope: req.scope, refresh_token: refreshToken });
    res = await sendRegistryRequest(http, `POST ${what}`, req.realm, { method: 'POST', headers: formHeaders, body: form.toString() });
  } else {
    const url = new URL(req.realm);
    url.searchParams.set('service', req.service);
    url.searchParams.set('scope', req.scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (c.kind === 'basic') headers.authorization = basicAuthorization(c.username, c.password);
    res = await sendRegistryRequest(http, `GET ${what}`, url, { method: 'GET', headers });
  }
  const body = readJson(res, what, tokenResponseSchema, req.registry);
  const token = body.token ?? body.access_token;
  if (!token) throw new AppError('PERMANENT', `${what} answered without a token.`, { details: { registry: req.registry } });
  const lifetime = body.expires_in !== undefined ? body.expires_in * 1000 : jwtLifetime(token, now) ?? defaultLifetimeMs;
  return { token, expiresAt: now + Math.max(0, lifetime - Math.min(expiryMarginMs, lifetime / 2)) };
}

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

/** `Basic base64(user:password)`. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function exchangeEntraToken(http: RegistryHttpOptions, req: TokenRequest, c: Extract<RegistryCredentials, { kind: 'entra' }>): Promise<string> {
  let entra: string;
  try {
    const got = await c.credential.getToken(acrEntraScope, { abortSignal: AbortSignal.timeout(http.timeoutMs), ...(c.tenantId ? { tenantId: c.tenantId } : {}) });
    if (!got) throw new Error('no token');
    entra = got.token;
  } catch (e) {
    // The identity library's messages name the failing credential and never the token.
    throw new AppError('CONFIG', `The app's identity could not get an Entra token for registry ${req.registry}: ${e instanceof Error ? e.message : String(e)}`, { details: { registry: req.registry } });
  }
  const form = new URLSearchParams({ grant_type: 'access_token', service: req.service, access_token: entra });
  if (c.tenantId) form.set('tenant', c.tenantId);
  const what = `the token exchange of registry ${req.registry}`;
  const res = await sendRegistryRequest(http, `POST ${what}`, new URL('/oauth2/exchange', req.realm), { method: 'POST', headers: formHeaders, body: form.toString() });
  return readJson(res, what, refreshResponseSchema, req.registry).refresh_token;
}

function readJson<S extends z.ZodType>(res: RegistryResponse, what: string, schema: S, registry: string): z.output<S> {
  if (res.status === 401 || res.status === 403) throw new CredentialsRefused(res.status);
  if (res.status !== 200) throw unexpectedStatus(what, res, { registry });
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('PERMANENT', `${what} answered with a body that is not a token response.`, { details: { registry } });
  return parsed.data;
}

/** The remaining lifetime a JWT's `exp` states (ACR's access tokens carry no `expires_in`), or null. */
function jwtLifetime(token: string, now: number): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const parsed = jwtExpSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.exp * 1000 - now : null;
  } catch {
    return null;
  }
}
