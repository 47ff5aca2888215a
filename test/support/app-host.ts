import { fileURLToPath } from 'node:url';
import { startEmbeddedEmulators } from '../../devhost/emulators/embedded.js';
import { startDevHost, type RunningDevHost } from '../../devhost/dev-host.js';
import type { HostClock } from '../../devhost/host-clock.js';
import { embeddedDefaults } from '../../devhost/local-settings.js';
import { DurableExtension } from '../../devhost/durable-extension.js';
import type { InvocationLog } from '../../devhost/invoke.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const appRoot = fileURLToPath(new URL('../..', import.meta.url));
export const functionKey = 'test-function-key';

/** The dev host running the real app (config from env, Cosmos and Azurite embedded), for HTTP-level tests. */
export interface AppHost {
  host: RunningDevHost;
  durable: DurableExtension;
  env: Record<string, string>;
  /** fetch against the host with the function key (unless `key: null`). */
  call(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

/** Start emulators and the dev host loading `functions/index.ts`, exactly as `npm start` loads the compiled app. */
export async function startAppHost(opts: { env?: Record<string, string>; clock?: HostClock; timers?: boolean; durableDir?: string; log?: InvocationLog } = {}): Promise<AppHost> {
  const emulators = await startEmbeddedEmulators();
  const env: Record<string, string> = {
    ...embeddedDefaults,
    ...emulators.settings,
    LOG_LEVEL: 'error',
    MLCYCLE_FUNCTION_KEY: functionKey,
    ...opts.env,
  };
  Object.assign(process.env, env);
  const durable = new DurableExtension({ stateDir: opts.durableDir ?? mkdtempSync(join(tmpdir(), 'mlcycle-durable-')), ...(opts.clock ? { clock: opts.clock } : {}) });
  let host: RunningDevHost;
  try {
    host = await startDevHost({
    appRoot,
    env,
    extensions: [durable],
    keys: { functionKey, masterKey: 'test-master-key' },
    log: opts.log ?? (() => {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    // Timers stay off unless a test asks: the scheduler would otherwise evaluate schedules on the wall clock.
    timers: opts.timers ?? false,
    load: async () => {
      await import('../../functions/index.js');
    },
    });
  } catch (e) {
    // Never leave emulators behind a failed start: the test process would hang on them.
    await emulators.stop();
    throw e;
  }
  return {
    host,
    durable,
    env,
    call: (path, init = {}) => {
      const { key, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key !== null) headers.set('x-functions-key', key ?? functionKey);
      return fetch(`${host.baseUrl}${path}`, { ...rest, headers });
    },
    stop: async () => {
      await host.stop();
      await emulators.stop();
    },
  };
}

/** Poll `check` (nudging the host's queue triggers first) until it yields a value, or fail after `ms`. */
export async function eventually<T>(app: AppHost, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    app.host.queueTriggers?.nudge();
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
