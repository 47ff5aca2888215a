import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeEqual } from './function-keys.js';

/*
 * A stand-in for App Service Authentication ("Easy Auth"), which fronts the app in Azure with Entra ID sign-in. Like
 * the real one it removes any `X-MS-CLIENT-PRINCIPAL*` header a client sends, serves `/.auth/login/aad`, `/.auth/me`
 * and `/.auth/logout`, keeps the session in a cookie, and passes the signed-in principal to the app in
 * `X-MS-CLIENT-PRINCIPAL` (base64 JSON: `auth_typ`, `name_typ`, `role_typ`, `claims`). Instead of Entra ID's page,
 * `/.auth/login/aad` asks for a name, one of the app roles and the dev host's function key: knowing the key is what
 * signing in proves here, and the role is chosen so that both roles can be tried on one machine.
 */

/** The app roles a local sign-in can take (Entra app role values). */
const appRoles = { viewer: 'mlcycle.viewer', operator: 'mlcycle.operator' } as const;
type LocalRole = keyof typeof appRoles | 'none';

const cookieName = 'AppServiceAuthSession';
const sessionSeconds = 8 * 3600;
const namePattern = /^[\p{L}\p{N} ._@'-]{1,64}$/u;

interface Session {
  name: string;
  role: LocalRole;
  expires: number;
}

/** The sign-in stand-in of one dev host: its routes, and the principal it passes on. */
export class AppServiceAuth {
  private readonly signingKey: Buffer;

  constructor(private readonly keys: { functionKey: string; masterKey: string }) {
    this.signingKey = createHmac('sha256', keys.masterKey).update('mlcycle-dev-host-sign-in').digest();
  }

  /** Remove client-sent principal headers and add the session's principal, as App Service does before the app sees a request. */
  applyPrincipal(req: IncomingMessage): void {
    for (const name of Object.keys(req.headers)) if (name.startsWith('x-ms-client-principal') || name.startsWith('x-ms-token-')) delete req.headers[name];
    const session = this.session(req);
    if (!session) return;
    const claims = [
      { typ: 'name', val: session.name },
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: `local-${session.name}` },
      ...(session.role === 'none' ? [] : [{ typ: 'roles', val: appRoles[session.role] }]),
    ];
    req.headers['x-ms-client-principal'] = Buffer.from(JSON.stringify({ auth_typ: 'aad', name_typ: 'name', role_typ: 'roles', claims })).toString('base64');
    req.headers['x-ms-client-principal-name'] = session.name;
    req.headers['x-ms-client-principal-id'] = `local-${session.name}`;
    req.headers['x-ms-client-principal-idp'] = 'aad';
  }

  /** Serve `/.auth/*`; false when the request is not for it. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith('/.auth/')) return false;
    const method = req.method ?? 'GET';
    if (url.pathname === '/.auth/me' && method === 'GET') {
      const session = this.session(req);
      if (!session) return send(res, 401, { 'Content-Type': 'application/json' }, '[]');
      const claims = [{ typ: 'name', val: session.name }, ...(session.role === 'none' ? [] : [{ typ: 'roles', val: appRoles[session.role] }])];
      return send(res, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, JSON.stringify([{ provider_name: 'aad', user_id: session.name, user_claims: claims }]));
    }
    if (url.pathname === '/.auth/logout' && method === 'GET') {
      return send(res, 302, { Location: localPath(url.searchParams.get('post_logout_redirect_uri')), 'Set-Cookie': `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` }, '');
    }
    if (url.pathname === '/.auth/login/aad' && method === 'GET') return send(res, 200, pageHeaders, signInPage(url.searchParams.get('post_login_redirect_uri'), undefined));
    if (url.pathname === '/.auth/login/aad' && method === 'POST') return this.signIn(req, res);
    return send(res, 404, { 'Content-Type': 'application/json' }, JSON.stringify({ code: 'NOT_FOUND', detail: `Nothing is served at ${url.pathname}.` }));
  }

  private async signIn(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const body = await readSmallBody(req);
    const json = (req.headers['content-type'] ?? '').startsWith('application/json');
    let fields: Record<string, string>;
    try {
      fields = json ? stringFields(JSON.parse(body) as unknown) : Object.fromEntries(new URLSearchParams(body));
    } catch {
      fields = {};
    }
    const redirect = fields.post_login_redirect_uri ?? null;
    const name = (fields.name ?? '').trim();
    const role = fields.role as LocalRole | undefined;
    const problem = !namePattern.test(name)
      ? 'Give a name of 1 to 64 letters, digits, spaces or . _ @ \' -.'
      : role === undefined || !['viewer', 'operator', 'none'].includes(role)
        ? 'Choose a role.'
        : !(safeEqual(fields.key ?? '', this.keys.functionKey) || safeEqual(fields.key ?? '', this.keys.masterKey))
          ? 'That is not the dev host\'s key.'
          : undefined;
    if (problem !== undefined) {
      if (json) return send(res, 401, { 'Content-Type': 'application/problem+json' }, JSON.stringify({ status: 401, code: 'UNAUTHENTICATED', title: 'Authentication required', detail: problem }));
      return send(res, 401, pageHeaders, signInPage(redirect, problem));
    }
    const cookie = `${cookieName}=${this.seal({ name, role: role!, expires: Date.now() + sessionSeconds * 1000 })}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${sessionSeconds}`;
    if (json) return send(res, 200, { 'Content-Type': 'application/json', 'Set-Cookie': cookie }, JSON.stringify({ name, role }));
    return send(res, 302, { Location: localPath(redirect), 'Set-Cookie': cookie }, '');
  }

  private session(req: IncomingMessage): Session | undefined {
    const raw = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${cookieName}=`))
      ?.slice(cookieName.length + 1);
    if (!raw) return undefined;
    const [payload, mac] = raw.split('.');
    if (!payload || !mac || !safeEqual(mac, this.mac(payload))) return undefined;
    try {
      const s = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Session;
      return typeof s.name === 'string' && typeof s.expires === 'number' && s.expires > Date.now() && ['viewer', 'operator', 'none'].includes(s.role) ? s : undefined;
    } catch {
      return undefined;
    }
  }

  private seal(s: Session): string {
    const payload = Buffer.from(JSON.stringify(s)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.signingKey).update(payload).digest('base64url');
  }
}

const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
};

/** A redirect target on this host only (a path, never `//host` or a scheme): anything else goes to the dashboard. */
function localPath(uri: string | null): string {
  return uri !== null && /^\/(?![/\\])[\x21-\x7e]*$/.test(uri) ? uri : '/api/ui/';
}

function signInPage(redirect: string | null, problem: string | undefined): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in: mlcycle dev host</title></head>
<body><main>
<h1>Sign in to mlcycle (dev host)</h1>
<p>In Azure this is Entra ID's sign-in page. Here, the dev host's function key proves who may sign in; pick the role to try.</p>
${problem ? `<p role="alert">${esc(problem)}</p>` : ''}
<form method="post" action="/.auth/login/aad">
<input type="hidden" name="post_login_redirect_uri" value="${esc(localPath(redirect))}">
<p><label for="name">Your name</label><br><input id="name" name="name" autocomplete="username" required maxlength="64"></p>
<p><label for="role">Role</label><br><select id="role" name="role"><option value="operator">operator: read and act</option><option value="viewer">viewer: read only</option><option value="none">no app role</option></select></p>
<p><label for="key">Function key</label><br><input id="key" name="key" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
</main></body></html>`;
}

function stringFields(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

async function readSmallBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): true {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
  return true;
}
