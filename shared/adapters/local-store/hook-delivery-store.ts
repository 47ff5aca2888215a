import { hookDeliverySchema, type HookDelivery } from '../../domain/ado-hooks/delivery.js';
import type { HookOutcome } from '../../domain/ado-hooks/event.js';
import type { HookDeliveryStore } from '../../ports/hook-delivery-store.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { ContinuationCodec } from '../cosmos/documents.js';
import type { LocalCollection } from './local-db.js';
import { byField, fromStored, pageOf } from './local-docs.js';

/** Deliveries share the trigger collection in a partition no pipeline id can take, as in Cosmos. */
const partition = '~hooks';
const parse = (d: Record<string, unknown>): HookDelivery => hookDeliverySchema.parse(d);

/** The service-hook delivery log in the local store (the id is the dedup key). */
export class LocalHookDeliveryStore implements HookDeliveryStore {
  constructor(
    private readonly docs: LocalCollection,
    private readonly tokens: ContinuationCodec,
  ) {}

  async record(delivery: HookDelivery): Promise<{ created: boolean; record: HookDelivery }> {
    const { before, after } = await this.docs.change(partition, delivery.id, (current) => (current ? undefined : { put: { ...delivery, pipelineId: partition, docType: 'hook-delivery' } }));
    const doc = before ?? after;
    if (!doc) throw new Error(`Hook delivery '${delivery.id}' was not written`);
    return { created: before === undefined, record: parse(fromStored(doc)) };
  }

  async remove(id: string): Promise<void> {
    await this.docs.change(partition, id, (current) => (current ? { remove: true } : undefined));
  }

  async complete(id: string, result: { outcomes: HookOutcome[]; detail?: string }, at: string): Promise<void> {
    await this.docs.change(partition, id, (current) => {
      if (!current) return undefined;
      const { _etag, ...doc } = current;
      return { put: { ...doc, outcomes: result.outcomes.slice(0, 100), ...(result.detail ? { detail: result.detail.slice(0, 2000) } : {}), processedAt: at } };
    });
  }

  async list(opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<HookDelivery>> {
    const all = (await this.docs.scan(partition)).filter((d) => d.docType === 'hook-delivery').sort(byField('receivedAt', 'desc'));
    return pageOf(all, opts, this.tokens, 'hook-deliveries', parse);
  }
}
