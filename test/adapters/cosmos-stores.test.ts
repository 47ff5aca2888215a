import { cosmosContainers, createCosmosClient } from '../../shared/adapters/cosmos/cosmos-client.js';
import { CosmosHookDeliveryStore } from '../../shared/adapters/cosmos/hook-delivery-store.js';
import { CosmosPipelineStateStore } from '../../shared/adapters/cosmos/pipeline-state-store.js';
import { CosmosPipelineStore } from '../../shared/adapters/cosmos/pipeline-store.js';
import { CosmosRunStore } from '../../shared/adapters/cosmos/run-store.js';
import { CosmosTriggerStore } from '../../shared/adapters/cosmos/trigger-store.js';
import { startCosmosServer } from '../../devhost/emulators/cosmos-server.js';
import { contractNow, pipelineStateContract } from './pipeline-state-contract.js';
import { storeContract } from './store-contract.js';

/** The Cosmos adapters against the Cosmos server, one server for both contracts (each in its own database). */
async function openCosmos(database: string) {
  const server = await startCosmosServer();
  const cfg = { endpoint: server.endpoint, database, createContainers: true, auth: { kind: 'key' as const, key: server.key } };
  return { containers: cosmosContainers(createCosmosClient(cfg), cfg), stop: () => server.process.stop() };
}

storeContract('Cosmos (Cosmos server)', async () => {
  const { containers, stop } = await openCosmos('test');
  const stores = {
    pipelines: new CosmosPipelineStore(containers),
    runs: new CosmosRunStore(containers),
    triggers: new CosmosTriggerStore(containers),
    pipelineStates: new CosmosPipelineStateStore(containers, () => contractNow),
    hookDeliveries: new CosmosHookDeliveryStore(containers),
  };
  return { stores, stop };
});

pipelineStateContract('Cosmos (Cosmos server)', async () => {
  const { containers, stop } = await openCosmos('states');
  return { states: new CosmosPipelineStateStore(containers, () => contractNow), stop };
});
