import type { Services } from '../../app/services.js';
import type { HealthCheck } from '../../ports/health.js';
import { continuationCodec } from '../cosmos/documents.js';
import { probe } from '../health-checks.js';
import { LocalHookDeliveryStore } from './hook-delivery-store.js';
import { localDb } from './local-db.js';
import { LocalPipelineStateStore } from './pipeline-state-store.js';
import { LocalPipelineStore } from './pipeline-store.js';
import { LocalRunStore } from './run-store.js';
import { LocalTriggerStore } from './trigger-store.js';

type StorePorts = Pick<Services, 'pipelines' | 'runs' | 'triggers' | 'pipelineStates' | 'hookDeliveries'>;

/**
 * Every store port over the on-disk local store in `dir` (LMDB; local use only, production uses Cosmos DB), and its
 * health probe. Opening is lazy: nothing is read or created before the first call.
 */
export function localStores(cfg: { dir: string; continuationTokenKey?: string }, now: () => Date): StorePorts & { health: HealthCheck } {
  const db = localDb(cfg.dir);
  const tokens = continuationCodec(cfg.continuationTokenKey);
  return {
    pipelines: new LocalPipelineStore(db.collection('pipelines'), tokens),
    runs: new LocalRunStore(db.collection('runs'), tokens),
    triggers: new LocalTriggerStore(db.collection('triggers'), tokens),
    pipelineStates: new LocalPipelineStateStore(db.collection('lifecycle'), tokens, now),
    hookDeliveries: new LocalHookDeliveryStore(db.collection('triggers'), tokens),
    health: probe('local-store', () => db.ping()),
  };
}
