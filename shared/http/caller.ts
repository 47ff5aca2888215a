import type { HttpRequest } from '@azure/functions';
import type { AuthConfig } from '../config/config.js';
import { AppError } from '../domain/errors.js';
import { z } from '../domain/zod.js';
import { secretsEqual } from './shared-secret.js';

/*
 * Who is calling, and what they may do. Machines present an API key (the `x-functions-key` header or the `code` query
 * parameter, as they would a function key); people sign in through App Service Authentication, which validates their
 * Entra ID session or token and passes the principal to the app in `X-MS-CLIENT-PRINCIPAL` (base64 JSON). App Service
 * removes that header from what clients send, so it is trusted only when `MLCYCLE_SIGN_IN=app-service` says a front end
 * that does so is in place (the dev host stands in for it locally). The app roles are Entra app roles on the app
 * registration: `mlcycle.viewer` reads, `mlcycle.operator` also acts. A key is an operator.
 */

/** The two roles, weakest first. */
export const roles = ['viewer', 'operator'] as const;
export type Role = (typeof roles)[number];

/** The Entra app role values that grant each role. */
export const appRoleValues: Record<Role, string> = { viewer: 'mlcycle.viewer', operator: 'mlcycle.operator' };

/** An authenticated caller: its display name (stored as "who" in run records and the trigger log) and its role. */
export interface Caller {
  kind: 'key' | 'principal';
  /** For a principal, its name as the identity provider gives it; for a key, `api-key`. */
  name: string;
  /** Absent: signed in, but granted neither app role (may read nothing). */
  role?: Role;
}

/** The principal App Service Authentication passes in `X-MS-CLIENT-PRINCIPAL`. */
const principalSchema = z.object({
  auth_typ: z.string().max(64),
  name_typ: z.string().max(512).optional(),
  role_typ: z.string().max(512).optional(),
  claims: z.array(z.object({ typ: z.string().max(512), val: z.string().max(4096) })).max(500),
});

const principalHeader = 'x-ms-client-principal';
const nameClaims = ['name', 'preferred_username', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'email'];

/** The `WWW-Authenticate` challenge of a 401: a key, as the Functions host asks for one. */
export const keyChallenge = 'FunctionKey realm="mlcycle", header="x-functions-key", query="code"';

/** Authenticate a request: an API key, else (when trusted) the signed-in principal; throws UNAUTHENTICATED otherwise. */
export function authenticate(request: HttpRequest, auth: AuthConfig): Caller {
  const key = request.headers.get('x-functions-key') ?? new URL(request.url).searchParams.get('code');
  if (key !== null) {
    if (auth.apiKeys.some((k) => secretsEqual(k, key))) return { kind: 'key', name: 'api-key', role: 'operator' };
    throw new AppError('UNAUTHENTICATED', 'The key is not valid.');
  }
  const encoded = auth.signIn === 'app-service' ? request.headers.get(principalHeader) : null;
  if (encoded !== null) return principalCaller(encoded);
  throw new AppError('UNAUTHENTICATED', 'Sign in, or present an API key (x-functions-key header or code query parameter).');
}

/** Whether the caller's role covers what the route needs; throws FORBIDDEN naming the role it lacks. */
export function authorize(caller: Caller, needed: Role): void {
  const has = caller.role === undefined ? -1 : roles.indexOf(caller.role);
  if (has >= roles.indexOf(needed)) return;
  throw new AppError('FORBIDDEN', `This needs the ${needed} role (app role ${appRoleValues[needed]}); ${caller.name} has ${caller.role ?? 'no role'}.`, {
    details: { needed, role: caller.role ?? null },
  });
}

/**
 * A signed-in person's write from a browser must come from the dashboard's own origin: the session cookie would
 * otherwise let any site act for them. Browsers say where a request comes from (`Sec-Fetch-Site`, `Origin`); clients
 * that are not browsers send neither and are not at risk.
 */
export function refuseCrossSite(request: HttpRequest, caller: Caller): void {
  if (caller.kind !== 'principal') return;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const own = new URL(request.url).origin;
  if ((site !== null && site !== 'same-origin') || (origin !== null && origin !== own)) {
    throw new AppError('FORBIDDEN', 'A signed-in write must come from this app\'s own pages.', { details: { origin: origin ?? null } });
  }
}

function principalCaller(encoded: string): Caller {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw new AppError('UNAUTHENTICATED', 'The signed-in principal could not be read.');
  }
  const principal = principalSchema.safeParse(parsed);
  if (!principal.success) throw new AppError('UNAUTHENTICATED', 'The signed-in principal could not be read.');
  const { claims } = principal.data;
  const roleTyp = principal.data.role_typ ?? 'roles';
  const granted = new Set(claims.filter((c) => c.typ === roleTyp || c.typ === 'roles').map((c) => c.val));
  const role = granted.has(appRoleValues.operator) ? 'operator' : granted.has(appRoleValues.viewer) ? 'viewer' : undefined;
  const nameTypes = [principal.data.name_typ, ...nameClaims].filter((t): t is string => t !== undefined);
  const name = nameTypes.map((t) => claims.find((c) => c.typ === t)?.val).find((v) => v !== undefined && v.length > 0) ?? 'signed-in user';
  return { kind: 'principal', name: name.slice(0, 256), ...(role ? { role } : {}) };
}

