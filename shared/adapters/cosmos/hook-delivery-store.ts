import type { Container } from '@azure/cosmos';
import { hookDeliverySchema, type HookDelivery } from '../../domain/ado-hooks/delivery.js';
import type { HookOutcome } from '../../domain/ado-hooks/event.js';
import type { HookDeliveryStore } from '../../ports/hook-delivery-store.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { CosmosContainers } from './cosmos-client.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument } from './documents.js';
import { pagedQuery } from './paged-query.js';

/**
 * Deliveries live in the `triggers` container, in a partition of their own: `~hooks` can never be a pipeline id
 * (those start with a letter or digit), so a pipeline's trigger log never lists them and they never list its records.
 */
const partition = '~hooks';
const parse = (d: Record<string, unknown>): HookDelivery => hookDeliverySchema.parse(d);

/** The service-hook delivery log in Cosmos (the id is the dedup key: a create that conflicts is a repeat). */
export class CosmosHookDeliveryStore implements HookDeliveryStore {
  constructor(private readonly containers: CosmosContainers) {}

  private container(): Promise<Container> {
    return this.containers.container('triggers');
  }

  async record(delivery: HookDelivery): Promise<{ created: boolean; record: HookDelivery }> {
    const c = await this.container();
    try {
      const { resource } = await c.items.create({ ...delivery, pipelineId: partition, docType: 'hook-delivery' });
      return { created: true, record: parse(fromDocument(resource)) };
    } catch (e) {
      if (cosmosStatus(e) === 409) {
        const { resource } = await c.item(delivery.id, partition).read<Record<string, unknown>>();
        if (resource) return { created: false, record: parse(fromDocument(resource)) };
      }
      throw fromCosmosError(e, `Hook delivery '${delivery.id}'`);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await (await this.container()).item(id, partition).delete();
    } catch (e) {
      if (cosmosStatus(e) !== 404) throw fromCosmosError(e, `Hook delivery '${id}'`);
    }
  }

  async complete(id: string, result: { outcomes: HookOutcome[]; detail?: string }, at: string): Promise<void> {
    const c = await this.container();
    try {
      const { resource } = await c.item(id, partition).read<Record<string, unknown>>();
      if (!resource) return;
      const current = parse(fromDocument(resource));
      await c.item(id, partition).replace({ ...current, outcomes: result.outcomes.slice(0, 100), ...(result.detail ? { detail: result.detail.slice(0, 2000) } : {}), processedAt: at, pipelineId: partition, docType: 'hook-delivery' });
    } catch (e) {
      throw fromCosmosError(e, `Hook delivery '${id}'`);
    }
  }

  async list(opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<HookDelivery>> {
    return pagedQuery(
      await this.container(),
      this.containers.tokens,
      { query: "SELECT * FROM c WHERE c.docType = 'hook-delivery' ORDER BY c.receivedAt DESC" },
      { ...opts, partitionKey: partition },
      parse,
      'Hook deliveries',
    );
  }
}
