import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevHost, type RunningDevHost } from '../../devhost/dev-host.js';
import { DurableExtension } from '../../devhost/durable-extension.js';
import type { Config } from '../../shared/config/config.js';
import { fakeServices, type Fakes } from '../fakes/fake-services.js';
import type { Services } from '../../shared/app/services.js';

/*
 * Signing in over HTTP, as a script would: the dev host's stand-in for App Service Authentication takes a name, a role
 * and the dev host's function key and answers with the session cookie, which it later turns into the principal header.
 */

/** A role the stand-in signs in with (`none`: signed in, granted neither app role). */
export type SignInRole = 'viewer' | 'operator' | 'none';

/** Sign in at the dev host's stand-in; resolves with the `Cookie` header value of the session. */
export async function signIn(baseUrl: string, opts: { name: string; role: SignInRole; key: string }): Promise<string> {
  const res = await fetch(`${baseUrl}/.auth/login/aad`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(opts) });
  if (res.status !== 200) throw new Error(`sign-in as ${opts.name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('the sign-in set no cookie');
  return cookie;
}

/** A dev host serving the real app over the fakes with the given auth settings (durable engine; no timers or queues). */
export interface FakeAppHost {
  baseUrl: string;
  host: RunningDevHost;
  services: Services;
  fakes: Fakes;
  /** The Durable engine's extension (to raise events as external systems would). */
  durable: DurableExtension;
  stop(): Promise<void>;
}

/** Start the real app on a dev host over the fakes, its auth config as given. */
export async function startFakeAppHost(auth: Config['auth'], keys: { functionKey: string; masterKey: string }): Promise<FakeAppHost> {
  const { services, fakes } = fakeServices({ auth });
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-auth-'));
  const durable = new DurableExtension({ stateDir: join(dir, 'durable') });
  const host = await startDevHost({
    appRoot: fileURLToPath(new URL('../..', import.meta.url)),
    env: { AzureWebJobsStorage: 'UseDevelopmentStorage=true' },
    port: 0,
    keys,
    extensions: [durable],
    timers: false,
    queues: false,
    log: () => {},
    load: async () => {
      const { registerFunctions } = await import('../../functions/register.js');
      registerFunctions(services);
    },
  });
  const stop = async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { baseUrl: host.baseUrl, host, services, fakes, durable, stop };
}
