import type { HttpRequest } from '@azure/functions';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/errors.js';

/** Constant-time comparison over SHA-256 digests, so neither length nor content leaks through timing. */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}

/**
 * Require a shared secret in `header` (or as the password of Basic auth, which is what Azure DevOps service hooks
 * send). No configured secret means no caller can be authenticated: the hook refuses everything (fail closed).
 */
export function requireSharedSecret(request: HttpRequest, header: string, expected: string | undefined): void {
  const presented = request.headers.get(header) ?? basicPassword(request.headers.get('authorization'));
  if (!expected || presented === undefined || !secretsEqual(presented, expected)) {
    throw new AppError('UNAUTHENTICATED', 'Missing or wrong credentials.');
  }
}

/**
 * Require a shared secret in `header` or, for senders that cannot set headers (an Azure Monitor action group's
 * webhook), in the `query` parameter; compared in constant time. No configured secret: every call is refused.
 */
export function requireSecretHeaderOrQuery(request: HttpRequest, header: string, query: string, expected: string | undefined): void {
  const presented = request.headers.get(header) ?? request.query.get(query) ?? undefined;
  if (!expected || presented === undefined || !secretsEqual(presented, expected)) {
    throw new AppError('UNAUTHENTICATED', 'Missing or wrong credentials.');
  }
}

/**
 * Authenticate an Azure DevOps service-hook delivery: the subscription's basic auth (user and secret) or the secret
 * in `X-Mlcycle-Webhook-Secret`, both compared in constant time. Unconfigured: every delivery is refused.
 */
export function requireWebhookAuth(request: HttpRequest, expected: { username: string; secret: string } | undefined): void {
  const header = request.headers.get('x-mlcycle-webhook-secret');
  const basic = basicCredentials(request.headers.get('authorization'));
  let ok = false;
  if (expected && header !== null) ok = secretsEqual(header, expected.secret);
  else if (expected && basic) {
    // Both compared every time: which half was wrong does not show in the timing.
    const user = secretsEqual(basic.username, expected.username);
    const password = secretsEqual(basic.password, expected.secret);
    ok = user && password;
  }
  if (!ok) throw new AppError('UNAUTHENTICATED', 'Missing or wrong credentials.');
}

function basicCredentials(value: string | null): { username: string; password: string } | undefined {
  const m = value ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value.trim()) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

function basicPassword(value: string | null): string | undefined {
  const m = value ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value.trim()) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : decoded.slice(i + 1);
}
