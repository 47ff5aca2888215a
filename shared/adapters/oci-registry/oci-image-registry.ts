import { AppError } from '../../domain/errors.js';
import { imageDigestPattern, imageRepositoryPattern, imageTagPattern, registryHostMaxLength, registryHostPattern } from '../../domain/image-ref.js';
import type { ImageRegistry } from '../../ports/external-systems.js';
import { RetryableFailure, withRetries, type HttpRetryPolicy } from '../http/retryable.js';
import { parseChallenge } from './challenge.js';
import { sendRegistryRequest, unexpectedStatus, type RegistryHttpOptions, type RegistryResponse } from './registry-http.js';
import { basicAuthorization, CredentialsRefused, issueToken, type RegistryCredentials } from './registry-tokens.js';

/*
 * The image registry over the OCI distribution API (ACR in production, CNCF distribution locally): "does tag X
 * exist" is `HEAD /v2/<repository>/manifests/<tag>`, "is digest D still there" the same HEAD by digest, authorized the way the registry's `WWW-Authenticate` challenge
 * asks (Basic, or a Bearer token from its token service, cached per registry and scope). 429 and 5xx are retried
 * here a few times (honouring `Retry-After`); what still fails is a retryable `TRANSIENT` error for the activity's
 * own retry policy. Refused credentials are a `CONFIG` error saying what to fix.
 */

export interface OciRegistryOptions {
  /** The credentials for a registry host (e.g. the managed identity for `*.azurecr.io`). */
  credentialsFor(registry: string): RegistryCredentials;
  /** Whether a registry (or token service) host may be reached over plain http; default: never. */
  plainHttp?(host: string): boolean;
  /**
   * Whether credentials may be sent to a token service on `realmHost` for `registry`; default: only the registry's
   * own host (as on ACR). A realm elsewhere still gets anonymous token requests.
   */
  trustRealm?(realmHost: string, registry: string): boolean;
  fetch?: typeof fetch;
  /** Deadline of each request, token requests included (default 10 s). */
  timeoutMs?: number;
  retry?: Partial<RegistryRetryPolicy>;
  /** Waits for `Retry-After` go through here (tests observe them). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The retries inside one `findTag` or `hasManifest` call. */
export type RegistryRetryPolicy = HttpRetryPolicy;

const defaultRetry: RegistryRetryPolicy = { retries: 4, minDelayMs: 250, maxDelayMs: 4_000, maxRetryAfterMs: 30_000, maxElapsedMs: 60_000 };

/** Every manifest type a tag can point at: an image or an index, OCI or Docker. */
export const manifestMediaTypes = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
] as const;

/** A manifest named by tag or by digest. */
interface Ref {
  registry: string;
  repository: string;
  kind: 'tag' | 'digest';
  reference: string;
}

/** `ImageRegistry` over the OCI distribution API (see the file comment). */
export class OciImageRegistry implements ImageRegistry {
  private readonly http: RegistryHttpOptions;
  private readonly retry: RegistryRetryPolicy;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** `Authorization` values by `registry scope` (Bearer) or `registry` (Basic), each until it expires. */
  private readonly authorizations = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly opts: OciRegistryOptions) {
    this.http = { fetch: opts.fetch ?? fetch, timeoutMs: opts.timeoutMs ?? 10_000 };
    this.retry = { ...defaultRetry, ...opts.retry };
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async findTag(registry: string, repository: string, tag: string): Promise<{ digest: string } | null> {
    const ref = validate({ registry, repository, kind: 'tag', reference: tag });
    const headers = await this.headManifest(ref);
    if (!headers) return null;
    const digest = headers.get('docker-content-digest') ?? '';
    if (!imageDigestPattern.test(digest)) {
      throw new AppError('PERMANENT', `Registry ${registry} answered for ${repository}:${tag} without a sha256 Docker-Content-Digest.`, { details: detailsOf(ref) });
    }
    return { digest };
  }

  async hasManifest(registry: string, repository: string, digest: string): Promise<boolean> {
    return (await this.headManifest(validate({ registry, repository, kind: 'digest', reference: digest }))) !== null;
  }

  /** The headers of the manifest's HEAD, or null when the registry has no such manifest; retried as configured. */
  private async headManifest(ref: Ref): Promise<Headers | null> {
    try {
      return await withRetries(() => this.attempt(ref), this.retry, this.sleep);
    } catch (e) {
      if (!(e instanceof RetryableFailure)) throw e;
      // A deadline passed is TRANSIENT like any other outage: the activity's retry policy decides what comes next.
      const details = { system: 'registry', ...detailsOf(ref), ...(e.status !== undefined ? { status: e.status } : {}), ...(e.retryAfter !== null ? { retryAfterMs: e.retryAfter } : {}), ...(e.timedOut ? { timedOut: true } : {}) };
      throw new AppError('TRANSIENT', `Registry ${ref.registry} is unavailable: ${e.message}.`, { details });
    }
  }

  /** One attempt: the HEAD, and after a challenge one more with fresh credentials. */
  private async attempt(ref: Ref): Promise<Headers | null> {
    const scope = `repository:${ref.repository}:pull`;
    const key = `${ref.registry} ${scope}`;
    // Basic credentials hold for every repository of a registry, so they are kept under the registry alone.
    const cached = this.authorizations.get(key) ?? this.authorizations.get(ref.registry);
    let res = await this.head(ref, cached && cached.expiresAt > this.now() ? cached.value : undefined);
    if (res.status === 401) {
      this.forget(ref.registry, key);
      const value = await this.authorize(ref, scope, res);
      this.authorizations.set(value.expiresAt === Number.POSITIVE_INFINITY ? ref.registry : key, value);
      res = await this.head(ref, value.value);
      if (res.status === 401) this.forget(ref.registry, key);
    }
    if (res.status === 401 || res.status === 403) throw this.refused(ref, res.status);
    if (res.status === 404) return null;
    if (res.status !== 200) throw unexpectedStatus(describe(ref), res, detailsOf(ref));
    return res.headers;
  }

  private forget(registry: string, key: string): void {
    this.authorizations.delete(key);
    this.authorizations.delete(registry);
  }

  private head(ref: Ref, authorization: string | undefined): Promise<RegistryResponse> {
    const url = new URL(`${this.scheme(ref.registry)}://${ref.registry}/v2/${ref.repository}/manifests/${ref.reference}`);
    const headers: Record<string, string> = { accept: manifestMediaTypes.join(', ') };
    if (authorization) headers.authorization = authorization;
    return sendRegistryRequest(this.http, describe(ref), url, { method: 'HEAD', headers });
  }

  /** The `Authorization` value the challenge of `res` asks for. */
  private async authorize(ref: Ref, scope: string, res: RegistryResponse): Promise<{ value: string; expiresAt: number }> {
    const credentials = this.opts.credentialsFor(ref.registry);
    const challenge = parseChallenge(res.headers.get('www-authenticate'));
    if (challenge?.scheme === 'basic') {
      if (credentials.kind !== 'basic') throw this.refused(ref, 401);
      return { value: basicAuthorization(credentials.username, credentials.password), expiresAt: Number.POSITIVE_INFINITY };
    }
    const realmText = challenge?.scheme === 'bearer' ? challenge.params.realm : undefined;
    const realm = realmText ? safeUrl(realmText) : null;
    if (!realm) {
      throw new AppError('PERMANENT', `Registry ${ref.registry} asked for authentication without a usable Basic or Bearer challenge.`, { details: detailsOf(ref) });
    }
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && this.opts.plainHttp?.(realm.host))) {
      throw new AppError('CONFIG', `Registry ${ref.registry} named a token service that is not https; the adapter does not send token requests there.`, { details: detailsOf(ref) });
    }
    const trusted = realm.host === ref.registry || (this.opts.trustRealm?.(realm.host, ref.registry) ?? false);
    const sent: RegistryCredentials = trusted ? credentials : { kind: 'anonymous' };
    try {
      const issued = await issueToken(this.http, { registry: ref.registry, realm, service: challenge?.params.service ?? ref.registry, scope: challenge?.params.scope ?? scope, credentials: sent }, this.now());
      return { value: `Bearer ${issued.token}`, expiresAt: issued.expiresAt };
    } catch (e) {
      if (e instanceof CredentialsRefused) throw this.refused(ref, e.status);
      throw e;
    }
  }

  /** The readable, permanent error for credentials the registry will not take (never quoting them). */
  private refused(ref: Ref, status: number): AppError {
    const credentials = this.opts.credentialsFor(ref.registry);
    const fix =
      credentials.kind === 'entra'
        ? "grant the app's managed identity the AcrPull role on the registry"
        : credentials.kind === 'basic'
          ? 'check REGISTRY_USERNAME/REGISTRY_PASSWORD'
          : 'configure credentials for it (the managed identity with AcrPull, or REGISTRY_USERNAME/REGISTRY_PASSWORD)';
    return new AppError('CONFIG', `Registry ${ref.registry} refused the credentials for pulling ${ref.repository} (HTTP ${status}): ${fix}.`, { details: { ...detailsOf(ref), status } });
  }

  private scheme(host: string): 'http' | 'https' {
    return this.opts.plainHttp?.(host) ? 'http' : 'https';
  }
}

function describe(ref: Ref): string {
  return `HEAD of ${ref.repository}${ref.kind === 'tag' ? ':' : '@'}${ref.reference} on registry ${ref.registry}`;
}

/** The reference as error details name it: `tag` or `digest`. */
function detailsOf(ref: Ref): Record<string, string> {
  return { registry: ref.registry, repository: ref.repository, [ref.kind]: ref.reference };
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Check each part against its pattern before it goes into a URL. */
function validate(ref: Ref): Ref {
  const { registry, repository, kind, reference } = ref;
  const referenceOk = kind === 'tag' ? imageTagPattern.test(reference) : imageDigestPattern.test(reference);
  const issues = [
    ...(registry.length <= registryHostMaxLength && registryHostPattern.test(registry) ? [] : [{ field: 'image.registry', message: 'must be a registry host name, optionally with a port' }]),
    ...(imageRepositoryPattern.test(repository) ? [] : [{ field: 'image.repository', message: 'must be a lowercase OCI repository name' }]),
    ...(referenceOk ? [] : [{ field: `image.${kind}`, message: kind === 'tag' ? 'must be an OCI tag' : 'must be a sha256 digest' }]),
  ];
  if (issues.length > 0) throw new AppError('VALIDATION', 'The image reference is not valid.', { issues });
  return ref;
}
