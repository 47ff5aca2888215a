import type { HookDelivery } from '../domain/ado-hooks/delivery.js';
import type { HookOutcome } from '../domain/ado-hooks/event.js';
import type { Page } from './pipeline-store.js';

/** The log of service-hook deliveries (the trigger log of deliveries, whatever pipeline they concern). */
export interface HookDeliveryStore {
  /** Record a delivery unless one with its id exists; `created` is false for a repeat (the first record is returned). */
  record(delivery: HookDelivery): Promise<{ created: boolean; record: HookDelivery }>;
  /** Forget a delivery that could not be queued, so the service's retry is acted on. */
  remove(id: string): Promise<void>;
  /** Note what the delivery did (idempotent: the latest outcomes win); `detail` replaces the record's when given. */
  complete(id: string, result: { outcomes: HookOutcome[]; detail?: string }, at: string): Promise<void>;
  /** Newest first. */
  list(opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<HookDelivery>>;
}
