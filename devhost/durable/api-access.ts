import type { IncomingMessage } from 'node:http';
import { presentedKey, safeEqual } from '../function-keys.js';

/*
 * Who may call the Durable HTTP API. As in Azure, the webhook routes need the extension's system key (Azure's
 * `durabletask_extension` key) or the master key, as `?code=` or the `x-functions-key` header; the binding data
 * hands the app the system key in `requiredQueryStringParameters` and in every URL. The durable-functions client
 * sends its own calls to `rpcBaseUrl` and appends no key there: Azure serves that API on a loopback-only listener
 * (127.0.0.1:17071). The dev host serves it on its one port instead, under a prefix whose next segment is the system
 * key, so no route of the host answers without a key.
 */

/** The webhook routes (management URLs, createCheckStatusResponse links). */
export const routePrefix = '/runtime/webhooks/durabletask';

/** The client's RPC routes: `${rpcPrefix}/<systemKey>/instances/...`. */
export const rpcPrefix = '/runtime/durabletask-rpc';

/** The keys the API accepts: the system key on every route, the master key on the webhook routes. */
export interface ApiKeys {
  systemKey: string;
  masterKey?: string | undefined;
}

/** Whether a request is for the API: the path below its prefix, a refusal (no or wrong key), or not ours. */
export type ApiAccess = { kind: 'allowed'; path: string } | { kind: 'refused' } | { kind: 'not-ours' };

/** Decide a request's access to the API from its path and the key it presents. */
export function apiAccess(req: IncomingMessage, url: URL, keys: ApiKeys): ApiAccess {
  const path = url.pathname;
  if (path === routePrefix || path.startsWith(`${routePrefix}/`)) {
    const key = presentedKey(req.headers, url);
    const ok = key !== undefined && (safeEqual(key, keys.systemKey) || (keys.masterKey !== undefined && keys.masterKey !== '' && safeEqual(key, keys.masterKey)));
    return ok ? { kind: 'allowed', path: path.slice(routePrefix.length) } : { kind: 'refused' };
  }
  if (path === rpcPrefix || path.startsWith(`${rpcPrefix}/`)) {
    const [key = '', ...rest] = path.slice(rpcPrefix.length + 1).split('/');
    return safeEqual(key, encodeURIComponent(keys.systemKey)) ? { kind: 'allowed', path: `/${rest.join('/')}` } : { kind: 'refused' };
  }
  return { kind: 'not-ours' };
}
