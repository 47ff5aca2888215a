import { routePrefix, rpcPrefix } from './api-access.js';

/*
 * The `durableClient` input binding: the JSON the extension hands a client function, from which `df.getClient()`
 * learns where the Durable HTTP API lives. The dev host points every URL at its own routes, and every URL carries the
 * system key (see api-access.ts), as Azure's binding data does.
 */

/** The JSON the `durableClient` input binding carries (what `df.getClient(context)` reads). */
export interface DurableClientBindingData {
  taskHubName: string;
  creationUrls: { createNewInstancePostUri: string; createAndWaitOnNewInstancePostUri: string };
  managementUrls: Record<string, string>;
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
}

const instanceIdPlaceholder = 'INSTANCEID';

/** `taskHub=...&connection=...`, the query every management URL ends with. */
export function hubQuery(taskHubName: string, connectionName: string): string {
  return `taskHub=${encodeURIComponent(taskHubName)}&connection=${encodeURIComponent(connectionName)}`;
}

/** The binding data for a task hub served at `baseUrl` (the app's origin), with the system key the API requires. */
export function clientBindingData(baseUrl: string, taskHubName: string, connectionName: string, systemKey: string): DurableClientBindingData {
  const origin = baseUrl.replace(/\/+$/, '');
  const base = `${origin}${routePrefix}`;
  const code = `code=${encodeURIComponent(systemKey)}`;
  const q = `${hubQuery(taskHubName, connectionName)}&${code}`;
  const inst = `${base}/instances/${instanceIdPlaceholder}`;
  return {
    taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${code}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${code}`,
    },
    managementUrls: {
      id: instanceIdPlaceholder,
      statusQueryGetUri: `${inst}?${q}`,
      sendEventPostUri: `${inst}/raiseEvent/{eventName}?${q}`,
      terminatePostUri: `${inst}/terminate?reason={text}&${q}`,
      rewindPostUri: `${inst}/rewind?reason={text}&${q}`,
      purgeHistoryDeleteUri: `${inst}?${q}`,
      restartPostUri: `${inst}/restart?${q}`,
      suspendPostUri: `${inst}/suspend?reason={text}&${q}`,
      resumePostUri: `${inst}/resume?reason={text}&${q}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: code,
    rpcBaseUrl: `${origin}${rpcPrefix}/${encodeURIComponent(systemKey)}/`,
  };
}
