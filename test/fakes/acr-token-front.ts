import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/*
 * A faithful stand-in for ACR's token endpoints (Azure/acr docs/AAD-OAuth.md), in front of a real CNCF distribution
 * registry running with `auth: token` whose realm is this front's `/oauth2/token`:
 *   POST /oauth2/exchange  grant_type=access_token&service&tenant&access_token=<Entra token>  → {refresh_token}
 *   POST /oauth2/token     grant_type=refresh_token&service&scope&refresh_token               → {access_token}
 *   GET  /oauth2/token?service&scope with Basic (the admin user)                              → {access_token}
 * "Entra" tokens are JWTs the front signs itself (`entraToken`), checked for signature, audience
 * `https://containerregistry.azure.net` and expiry; anything else gets 401, as from ACR. Access tokens are the JWTs
 * distribution 2.8 verifies (`registry/auth/token/token.go`): ES256, an `x5c` header holding the self-signed
 * certificate that is the registry's `rootcertbundle`, and `iss`, `aud` (= service), `sub`, `exp`, `nbf`, `iat`,
 * `jti`, `access`.
 */

export const acrAudience = 'https://containerregistry.azure.net';

export interface AcrTokenFront {
  url: string;
  host: string;
  /** The registry's `auth.token` settings: realm, service, issuer and the certificate bundle file. */
  realm: string;
  service: string;
  issuer: string;
  rootCertBundle: string;
  admin: { username: string; password: string };
  /** Every request seen (path without query, the grant type of form posts). */
  requests: { method: string; path: string; grantType?: string; status: number }[];
  /** An Entra access token as the managed identity would get it (override the audience or lifetime to test refusals). */
  entraToken(opts?: { audience?: string; expiresInSec?: number; tenantId?: string }): string;
  close(): Promise<void>;
}

const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  // JWS ES256 signatures are r||s, not DER (libtrust checks the length).
  const sig = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
}

function verifiedClaims(token: string, key: KeyObject): Record<string, unknown> | null {
  const [h, c, s] = token.split('.');
  if (!h || !c || !s) return null;
  if (!verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) return null;
  try {
    return JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** `repository:a/b:pull,push` (space-separated list) → distribution `access` entries. */
function accessFor(scope: string, allowed: string[]): { type: string; name: string; actions: string[] }[] {
  return scope
    .split(' ')
    .filter(Boolean)
    .flatMap((s) => {
      const m = /^(repository):([^:]+):(.+)$/.exec(s);
      if (!m?.[1] || !m[2] || !m[3]) return [];
      return [{ type: m[1], name: m[2], actions: m[3].split(',').filter((a) => allowed.includes(a)) }];
    });
}

/** Start the front on a free loopback port; `dir` receives its signing key and certificate. */
export async function startAcrTokenFront(opts: { dir: string; service?: string; identityActions?: string[] }): Promise<AcrTokenFront> {
  const keyFile = join(opts.dir, 'front-key.pem');
  const certFile = join(opts.dir, 'front-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=mlcycle-acr-token-front'], { stdio: 'ignore' });
  const signingKey = createPrivateKey(readFileSync(keyFile));
  const certDer = Buffer.from(readFileSync(certFile, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('base64');
  const entra = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const service = opts.service ?? 'mlcycle.azurecr.io';
  const issuer = 'mlcycle-acr-token-front';
  const admin = { username: 'mlcycle-admin', password: randomUUID() };
  const refreshTokens = new Map<string, { sub: string; expiresAt: number }>();
  const requests: AcrTokenFront['requests'] = [];
  const now = () => Math.floor(Date.now() / 1000);

  const accessToken = (sub: string, scope: string, actions: string[]) =>
    signJwt({ typ: 'JWT', alg: 'ES256', x5c: [certDer] }, { iss: issuer, sub, aud: service, exp: now() + 3600, nbf: now() - 5, iat: now(), jti: randomUUID(), access: accessFor(scope, actions) }, signingKey);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://front');
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const form = new URLSearchParams(body);
    const reply = (status: number, json: unknown) => {
      requests.push({ method: req.method ?? '', path: url.pathname, ...(form.get('grant_type') ? { grantType: form.get('grant_type') ?? '' } : {}), status });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    const unauthorized = () => reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] });
    if (req.method === 'POST' && url.pathname === '/oauth2/exchange') {
      if (form.get('grant_type') !== 'access_token' || form.get('service') !== service) return reply(400, { errors: [{ code: 'BAD_REQUEST', message: 'bad grant or service' }] });
      const claims = verifiedClaims(form.get('access_token') ?? '', entra.publicKey);
      if (!claims || claims.aud !== acrAudience || typeof claims.exp !== 'number' || claims.exp < now()) return unauthorized();
      const refresh = randomUUID();
      refreshTokens.set(refresh, { sub: typeof claims.oid === 'string' ? claims.oid : 'identity', expiresAt: now() + 3 * 3600 });
      return reply(200, { refresh_token: refresh });
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const held = refreshTokens.get(form.get('refresh_token') ?? '');
      if (form.get('grant_type') !== 'refresh_token' || form.get('service') !== service || !held || held.expiresAt < now()) return unauthorized();
      return reply(200, { access_token: accessToken(held.sub, form.get('scope') ?? '', opts.identityActions ?? ['pull']) });
    }
    if (url.pathname === '/oauth2/token' && req.method === 'GET') {
      const expected = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected || url.searchParams.get('service') !== service) return unauthorized();
      return reply(200, { access_token: accessToken(admin.username, url.searchParams.get('scope') ?? '', ['pull', 'push']) });
    }
    return reply(404, { errors: [{ code: 'NOT_FOUND', message: 'no such endpoint' }] });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}`,
    host,
    realm: `http://${host}/oauth2/token`,
    service,
    issuer,
    rootCertBundle: certFile,
    admin,
    requests,
    entraToken: (o = {}) =>
      signJwt({ typ: 'JWT', alg: 'ES256' }, { aud: o.audience ?? acrAudience, exp: now() + (o.expiresInSec ?? 3600), iat: now(), oid: 'managed-identity', tid: o.tenantId ?? 'tenant' }, entra.privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
