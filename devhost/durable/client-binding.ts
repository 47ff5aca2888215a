import { routePrefix } from './client-api.js';

/*
 * The `durableClient` input binding: the JSON the extension hands a client function, from which `df.getClient()`
 * learns where the Durable HTTP API lives. The dev host points every URL at its own routes.
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

/** The binding data for a task hub served at `baseUrl` (the app's origin). */
export function clientBindingData(baseUrl: string, taskHubName: string, connectionName: string): DurableClientBindingData {
  const base = `${baseUrl.replace(/\/+$/, '')}${routePrefix}`;
  const q = hubQuery(taskHubName, connectionName);
  const inst = `${base}/instances/${instanceIdPlaceholder}`;
  return {
    taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&`,
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
    requiredQueryStringParameters: '',
    rpcBaseUrl: `${base}/`,
  };
}
