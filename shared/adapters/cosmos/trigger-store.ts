import type { Container } from '@azure/cosmos';
import { triggerRecordSchema, type TriggerRecord } from '../../domain/trigger-record.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { TriggerStore } from '../../ports/trigger-store.js';
import type { CosmosContainers } from './cosmos-client.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument } from './documents.js';
import { pagedQuery } from './paged-query.js';

/** The trigger log in the `triggers` container (partition key `/pipelineId`); ids are dedup keys. */
export class CosmosTriggerStore implements TriggerStore {
  constructor(private readonly containers: CosmosContainers) {}

  private container(): Promise<Container> {
    return this.containers.container('triggers');
  }

  async record(entry: TriggerRecord): Promise<{ created: boolean; record: TriggerRecord }> {
    const c = await this.container();
    try {
      const { resource } = await c.items.create(entry);
      return { created: true, record: triggerRecordSchema.parse(fromDocument(resource)) };
    } catch (e) {
      // The same delivery seen again: report the first record instead of writing a second.
      if (cosmosStatus(e) === 409) {
        const { resource } = await c.item(entry.id, entry.pipelineId).read<Record<string, unknown>>();
        if (resource) return { created: false, record: triggerRecordSchema.parse(fromDocument(resource)) };
      }
      throw fromCosmosError(e, `Trigger record '${entry.id}'`);
    }
  }

  async list(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<TriggerRecord>> {
    return pagedQuery(
      await this.container(),
      this.containers.tokens,
      { query: 'SELECT * FROM c WHERE c.pipelineId = @p ORDER BY c.at DESC', parameters: [{ name: '@p', value: pipelineId }] },
      { ...opts, partitionKey: pipelineId },
      (d) => triggerRecordSchema.parse(d),
      'Trigger records',
    );
  }
}
