import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { stringify } from 'yaml';
import { spawnService } from './managed-process.js';
import { stateRoot } from './paths.js';
import { onFreePort } from './port-binding.js';
import type { ProgressSink } from './progress.js';
import { ensureRegistryTools } from './registry-tools.js';
import { httpGet, startupProgress, waitFor } from './wait.js';

/** Token auth (`auth.token` of distribution): the registry trusts JWTs that `issuer` signs with a key in the bundle. */
export interface RegistryTokenAuth {
  kind: 'token';
  realm: string;
  service: string;
  issuer: string;
  /** PEM file of the certificates whose keys may sign tokens. */
  rootCertBundle: string;
}

export interface RegistryOptions {
  /** Blobs, config, htpasswd, log and pid file (default `.mlcycle/stack/registry`). */
  stateDir?: string;
  /** Default: htpasswd basic auth with user `mlcycle` and a random password. */
  auth?: { kind: 'htpasswd'; username?: string } | RegistryTokenAuth;
  /** Where blobs and manifests live (default `<stateDir>/data`); two registries may share one (e.g. basic and token auth). */
  storageDir?: string;
  port?: number;
  startTimeoutMs?: number;
  progress?: ProgressSink;
}

/** A running registry. `username`/`password` are the htpasswd user's (empty under token auth). */
export interface RegistryEndpoint {
  url: string;
  /** `127.0.0.1:<port>`: the registry host as image references name it. */
  host: string;
  username: string;
  password: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
}

/** Start `docker-registry serve` (CNCF distribution) on loopback with storage on disk; wait until `/v2/` answers. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<RegistryEndpoint> {
  const tools = await ensureRegistryTools();
  const stateDir = opts.stateDir ?? join(stateRoot(), 'stack', 'registry');
  const storageDir = opts.storageDir ?? join(stateDir, 'data');
  mkdirSync(stateDir, { recursive: true });
  mkdirSync(storageDir, { recursive: true });
  return onFreePort('registry', opts.port, (port) => startRegistryOn(port, tools.registry, stateDir, storageDir, opts));
}

async function startRegistryOn(port: number, binary: string, stateDir: string, storageDir: string, opts: RegistryOptions): Promise<RegistryEndpoint> {
  const host = `127.0.0.1:${port}`;
  const auth = opts.auth ?? { kind: 'htpasswd' };
  let username = '';
  let password = '';
  let authConfig: Record<string, unknown>;
  if (auth.kind === 'htpasswd') {
    username = auth.username ?? 'mlcycle';
    password = randomBytes(18).toString('base64url');
    const htpasswd = join(stateDir, 'htpasswd');
    // distribution reads bcrypt entries only; a fresh password per start keeps stale copies useless.
    writeFileSync(htpasswd, `${username}:${bcrypt.hashSync(password, 10)}\n`, { mode: 0o600 });
    authConfig = { htpasswd: { realm: 'mlcycle-registry', path: htpasswd } };
  } else {
    authConfig = { token: { realm: auth.realm, service: auth.service, issuer: auth.issuer, rootcertbundle: auth.rootCertBundle } };
  }
  const config = {
    version: 0.1,
    log: { level: 'info', formatter: 'text' },
    storage: { filesystem: { rootdirectory: storageDir }, delete: { enabled: true }, cache: { blobdescriptor: 'inmemory' } },
    http: { addr: host, secret: randomBytes(24).toString('base64url') },
    auth: authConfig,
  };
  const configFile = join(stateDir, 'config.yml');
  writeFileSync(configFile, stringify(config), { mode: 0o600 });
  const proc = await spawnService({
    name: 'docker-registry',
    command: binary,
    args: ['serve', configFile],
    cwd: stateDir,
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' },
    logFile: join(stateDir, 'registry.log'),
    pidFile: join(stateDir, 'registry.pid'),
    stopGraceMs: 5_000,
  });
  const progress = startupProgress('registry', opts.progress);
  try {
    // With auth on, `/v2/` answers 401 with the challenge: any answer means the server is up.
    await waitFor('GET /v2/', proc, opts.startTimeoutMs ?? 30_000, async () => ((await httpGet(`http://${host}/v2/`)).status > 0 ? true : undefined), {
      progress,
      intervalMs: 100,
      ports: [port],
    });
    return { url: `http://${host}`, host, username, password, logFile: proc.logFile, pid: proc.pid, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  } finally {
    progress.end();
  }
}
