import { startAzurite } from './azurite.js';
import { startCosmosServer } from './cosmos-server.js';

/** Azurite and the Cosmos server side by side, with the app settings that point the app at them. */
export interface EmbeddedEmulators {
  settings: { AzureWebJobsStorage: string; COSMOS_ENDPOINT: string; COSMOS_KEY: string };
  stop(): Promise<void>;
}

/** Start both emulators (in parallel); if one fails the other is stopped, so nothing is left behind. */
export async function startEmbeddedEmulators(): Promise<EmbeddedEmulators> {
  const [azurite, cosmos] = await Promise.allSettled([startAzurite(), startCosmosServer()]);
  if (azurite.status === 'rejected' || cosmos.status === 'rejected') {
    if (azurite.status === 'fulfilled') await azurite.value.process.stop();
    if (cosmos.status === 'fulfilled') await cosmos.value.process.stop();
    throw azurite.status === 'rejected' ? azurite.reason : (cosmos as PromiseRejectedResult).reason;
  }
  return {
    settings: { AzureWebJobsStorage: azurite.value.connectionString, COSMOS_ENDPOINT: cosmos.value.endpoint, COSMOS_KEY: cosmos.value.key },
    stop: async () => {
      await Promise.all([azurite.value.process.stop(), cosmos.value.process.stop()]);
    },
  };
}
