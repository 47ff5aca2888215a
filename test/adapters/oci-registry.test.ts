import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TokenCredential } from '@azure/identity';
import { callCounts, resetCallCounts } from '../../shared/adapters/http/call-stats.js';
import { OciImageRegistry, type OciRegistryOptions } from '../../shared/adapters/oci-registry/oci-image-registry.js';
import type { RegistryCredentials } from '../../shared/adapters/oci-registry/registry-tokens.js';
import { AppError } from '../../shared/domain/errors.js';
import { buildAndPushImage } from '../../stack/image-builder/index.js';
import { startRegistry, type RegistryEndpoint } from '../../stack/registry-server.js';
import { startAcrTokenFront, type AcrTokenFront } from '../fakes/acr-token-front.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';

/*
 * The OCI registry adapter against a real registry (CNCF distribution): basic auth (htpasswd), and token auth whose
 * token service is the ACR front (Entra exchange, refresh-token grant, admin basic). Faults come from a proxy in
 * front of the registry (429 with Retry-After, 5xx bursts) and from a server that never answers.
 */
let dir: string;
let basicReg: RegistryEndpoint;
let tokenReg: RegistryEndpoint;
let front: AcrTokenFront;
let pushed: string;
const slept: number[] = [];

const loopback = (host: string) => host.startsWith('127.0.0.1:');
function adapter(creds: RegistryCredentials, extra: Partial<OciRegistryOptions> = {}): OciImageRegistry {
  return new OciImageRegistry({
    credentialsFor: () => creds,
    plainHttp: loopback,
    trustRealm: (realmHost) => realmHost === front.host,
    retry: { minDelayMs: 10, maxDelayMs: 50 },
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...extra,
  });
}
const basicCreds = (): RegistryCredentials => ({ kind: 'basic', username: basicReg.username, password: basicReg.password });
const entraCredential = (token: () => string, seen: { scopes: string[] } = { scopes: [] }): TokenCredential => ({
  getToken: async (scopes) => {
    seen.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: token(), expiresOnTimestamp: Date.now() + 3_600_000 };
  },
});

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-ocireg-'));
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, 'training'), { recursive: true });
  writeFileSync(join(repo, 'training', 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(repo, 'training', 'train.py'), 'print(1)\n');
  const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'code');
  front = await startAcrTokenFront({ dir });
  // Two registries over one storage: basic auth to push, token auth (realm: the ACR front) to test the Entra path.
  const storageDir = join(dir, 'storage');
  [basicReg, tokenReg] = await Promise.all([
    startRegistry({ stateDir: join(dir, 'basic'), storageDir }),
    startRegistry({ stateDir: join(dir, 'token'), storageDir, auth: { kind: 'token', realm: front.realm, service: front.service, issuer: front.issuer, rootCertBundle: front.rootCertBundle } }),
  ]);
  ({ digest: pushed } = await buildAndPushImage({ repoDir: repo, commitSha: git('rev-parse', 'HEAD'), codePath: 'training', dockerfile: 'training/Dockerfile', registryUrl: basicReg.url, repository: 'team/churn', tag: 'tree-abc', username: basicReg.username, password: basicReg.password }));
});
after(async () => {
  await Promise.all([basicReg?.stop(), tokenReg?.stop(), front?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('OciImageRegistry with basic auth', () => {
  it('finds a pushed tag with the digest the push reported, and null for a missing one', async () => {
    const reg = adapter(basicCreds());
    resetCallCounts();
    assert.deepEqual(await reg.findTag(basicReg.host, 'team/churn', 'tree-abc'), { digest: pushed });
    assert.equal(await reg.findTag(basicReg.host, 'team/churn', 'tree-missing'), null);
    assert.equal(await reg.findTag(basicReg.host, 'team/other', 'tree-abc'), null);
    // One challenge, then the remembered Basic credentials on every call.
    assert.equal(callCounts().registry, 4);
  });

  it('refuses wrong credentials with a readable permanent error, without retrying or quoting the password', async () => {
    const reg = adapter({ kind: 'basic', username: basicReg.username, password: 'wrong-password' });
    resetCallCounts();
    const err = await reg.findTag(basicReg.host, 'team/churn', 'tree-abc').then(() => null, (e: unknown) => e);
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'CONFIG');
    assert.equal(err.retryable, false);
    assert.match(err.message, new RegExp(`Registry ${basicReg.host} refused the credentials.*REGISTRY_USERNAME/REGISTRY_PASSWORD`));
    assert.equal(JSON.stringify(err.toJSON()).includes('wrong-password'), false);
    assert.equal(callCounts().registry, 2);
  });

  it('checks the registry, repository and tag before they go into a URL', async () => {
    const reg = adapter(basicCreds());
    resetCallCounts();
    for (const [r, repo, tag, field] of [
      ['evil.example/x', 'team/churn', 't', 'image.registry'],
      [basicReg.host, '../x', 't', 'image.repository'],
      [basicReg.host, 'team/churn', '../../v2', 'image.tag'],
      [basicReg.host, 'team/churn', 'a?b', 'image.tag'],
    ] as const) {
      await assert.rejects(reg.findTag(r, repo, tag), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.issues.some((i) => i.field === field));
    }
    assert.equal(callCounts().registry, 0);
  });
});

describe('OciImageRegistry.hasManifest (by digest)', () => {
  it('finds a pushed digest, and not one deleted from the registry or never pushed', async () => {
    const reg = adapter(basicCreds());
    const repo = join(dir, 'repo');
    const commitSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const push = { repoDir: repo, commitSha, codePath: 'training', dockerfile: 'training/Dockerfile', registryUrl: basicReg.url, repository: 'team/gone', tag: 'tree-gone', username: basicReg.username, password: basicReg.password };
    const { digest } = await buildAndPushImage(push);
    assert.equal(await reg.hasManifest(basicReg.host, 'team/gone', digest), true);
    assert.equal(await reg.hasManifest(basicReg.host, 'team/churn', `sha256:${'0'.repeat(64)}`), false);
    assert.equal(await reg.hasManifest(basicReg.host, 'team/never', digest), false);
    const auth = `Basic ${Buffer.from(`${basicReg.username}:${basicReg.password}`).toString('base64')}`;
    const deleted = await fetch(`${basicReg.url}/v2/team/gone/manifests/${digest}`, { method: 'DELETE', headers: { authorization: auth } });
    assert.equal(deleted.status, 202);
    assert.equal(await reg.hasManifest(basicReg.host, 'team/gone', digest), false);
    // The same content under another repository is untouched.
    assert.equal(await reg.hasManifest(basicReg.host, 'team/churn', pushed), true);
  });

  it('checks the digest before it goes into a URL', async () => {
    const reg = adapter(basicCreds());
    resetCallCounts();
    for (const digest of ['latest', 'sha256:../../v2', `sha512:${'a'.repeat(128)}`]) {
      await assert.rejects(reg.hasManifest(basicReg.host, 'team/churn', digest), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.issues.some((i) => i.field === 'image.digest'));
    }
    assert.equal(callCounts().registry, 0);
  });
});

describe('OciImageRegistry with token auth (the ACR front)', () => {
  it('exchanges the Entra token, caches the access token per scope, and finds the tag', async () => {
    const seen = { scopes: [] as string[] };
    const reg = adapter({ kind: 'entra', credential: entraCredential(() => front.entraToken(), seen), tenantId: 'tenant-1' });
    const before = front.requests.length;
    assert.deepEqual(await reg.findTag(tokenReg.host, 'team/churn', 'tree-abc'), { digest: pushed });
    assert.equal(await reg.findTag(tokenReg.host, 'team/churn', 'tree-none'), null);
    assert.deepEqual(seen.scopes, ['https://containerregistry.azure.net/.default']);
    assert.deepEqual(front.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.grantType ?? ''} ${r.status}`), ['POST /oauth2/exchange access_token 200', 'POST /oauth2/token refresh_token 200']);
  });

  it('uses the admin user through the token service with basic credentials', async () => {
    const reg = adapter({ kind: 'basic', ...front.admin });
    assert.deepEqual(await reg.findTag(tokenReg.host, 'team/churn', 'tree-abc'), { digest: pushed });
  });

  it('refuses an identity the token service rejects, saying to grant AcrPull', async () => {
    const reg = adapter({ kind: 'entra', credential: entraCredential(() => front.entraToken({ audience: 'https://management.azure.com' })) });
    const err = await reg.findTag(tokenReg.host, 'team/churn', 'tree-abc').then(() => null, (e: unknown) => e);
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'CONFIG');
    assert.match(err.message, /refused the credentials.*AcrPull/);
  });

  it('sends no credentials to a token service on another host unless trusted', async () => {
    const reg = adapter({ kind: 'basic', ...front.admin }, { trustRealm: () => false });
    const before = front.requests.length;
    await assert.rejects(reg.findTag(tokenReg.host, 'team/churn', 'tree-abc'), (e: unknown) => e instanceof AppError && e.code === 'CONFIG');
    assert.deepEqual(front.requests.slice(before).map((r) => `${r.method} ${r.status}`), ['GET 401']);
  });
});

describe('OciImageRegistry under faults', () => {
  let proxy: FaultProxy;
  before(async () => {
    proxy = await startFaultProxy(basicReg.url);
  });
  after(async () => {
    await proxy?.close();
  });

  it('waits out a 429 with Retry-After and a 5xx burst, then finds the tag', async () => {
    const host = new URL(proxy.url).host;
    const reg = adapter(basicCreds());
    slept.length = 0;
    proxy.fail({ status: 429, times: 1, retryAfter: '2' });
    proxy.fail({ status: 503, times: 2 });
    assert.deepEqual(await reg.findTag(host, 'team/churn', 'tree-abc'), { digest: pushed });
    assert.deepEqual(slept, [2000]);
    assert.deepEqual(proxy.seen.filter((s) => s.injected).map((s) => s.status), [429, 503, 503]);
  });

  it('gives up on a lasting outage with a retryable error', async () => {
    const host = new URL(proxy.url).host;
    proxy.fail({ status: 502 });
    try {
      const err = await adapter(basicCreds(), { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1 } })
        .findTag(host, 'team/churn', 'tree-abc')
        .then(() => null, (e: unknown) => e);
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'TRANSIENT');
      assert.equal(err.retryable, true);
      assert.match(err.message, /HTTP 502/);
    } finally {
      proxy.clearFaults();
    }
  });

  it('fails an attempt on a hung registry at its deadline, retryably', async () => {
    const sockets = new Set<Socket>();
    const hung: Server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const address = hung.address();
    const host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const err = await adapter(basicCreds(), { timeoutMs: 200, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 } })
        .findTag(host, 'team/churn', 'tree-abc')
        .then(() => null, (e: unknown) => e);
      assert.ok(err instanceof AppError);
      assert.equal(err.retryable, true);
      assert.equal(err.code, 'TRANSIENT');
      assert.equal(err.details.system, 'registry');
      assert.match(err.message, /no answer within 200 ms/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  });
});
