import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localStores } from '../../shared/adapters/local-store/local-stores.js';
import { contractNow, pipelineStateContract } from './pipeline-state-contract.js';
import { storeContract } from './store-contract.js';

/** The local store (LMDB on disk) passes the same contracts as the Cosmos adapters, each in a fresh folder. */
function openLocal() {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-local-store-'));
  const stores = localStores({ dir }, () => contractNow);
  return { stores, stop: async () => rmSync(dir, { recursive: true, force: true }) };
}

storeContract('local store (LMDB)', async () => openLocal());

pipelineStateContract('local store (LMDB)', async () => {
  const { stores, stop } = openLocal();
  return { states: stores.pipelineStates, stop };
});
