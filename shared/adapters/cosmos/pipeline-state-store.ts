import type { Container } from '@azure/cosmos';
import { emptyPipelineState, lifecycleRecordSchema, pipelineStateSchema, type LifecycleRecord, type PipelineState } from '../../domain/pipeline-state.js';
import { parseRecord, parseState, recordDocId, stateId } from './pipeline-state-docs.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { PipelineStateStore } from '../../ports/pipeline-state-store.js';
import type { CosmosContainers } from './cosmos-client.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument, toDocument } from './documents.js';
import { pagedQuery } from './paged-query.js';
import { pointRead } from './point-read.js';

const maxUpdateAttempts = 8;

/** Pipeline states and lifecycle records in the `lifecycle` container (partition key `/pipelineId`). */
export class CosmosPipelineStateStore implements PipelineStateStore {
  constructor(
    private readonly containers: CosmosContainers,
    private readonly now: () => Date,
  ) {}

  private container(): Promise<Container> {
    return this.containers.container('lifecycle');
  }

  async get(pipelineId: string): Promise<PipelineState | null> {
    return pointRead(this.container(), stateId, pipelineId, parseState, `State of pipeline '${pipelineId}'`);
  }

  async update(pipelineId: string, mutate: (state: PipelineState) => PipelineState | null, opts: { current?: PipelineState } = {}): Promise<PipelineState> {
    const c = await this.container();
    for (let attempt = 1; ; attempt++) {
      const known = attempt === 1 && opts.current?.pipelineId === pipelineId && opts.current.etag !== undefined ? opts.current : undefined;
      const current = known ?? (await this.get(pipelineId));
      const changed = mutate(structuredClone(current ?? emptyPipelineState(pipelineId, this.now())));
      if (changed === null) return current ?? emptyPipelineState(pipelineId, this.now());
      const next = pipelineStateSchema.parse({ ...changed, pipelineId });
      const doc = { ...toDocument(next), id: stateId, docType: 'state' };
      try {
        const { resource } = current
          ? await c.item(stateId, pipelineId).replace(doc, { accessCondition: { type: 'IfMatch', condition: current.etag ?? '' } })
          : await c.items.create(doc);
        return parseState(fromDocument(resource));
      } catch (e) {
        // Another writer got there first (412 on replace, 409 on the first create): re-read and re-apply.
        const status = cosmosStatus(e);
        if ((status === 412 || status === 409) && attempt < maxUpdateAttempts) continue;
        throw fromCosmosError(e, `State of pipeline '${pipelineId}'`);
      }
    }
  }

  async delete(pipelineId: string): Promise<void> {
    const c = await this.container();
    try {
      const { resources } = await c.items.query<{ id: string }>({ query: 'SELECT c.id FROM c' }, { partitionKey: pipelineId }).fetchAll();
      for (const { id } of resources) {
        await c
          .item(id, pipelineId)
          .delete()
          .catch((e: unknown) => {
            if (cosmosStatus(e) !== 404) throw e;
          });
      }
    } catch (e) {
      throw fromCosmosError(e, `State of pipeline '${pipelineId}'`);
    }
  }

  async due(at: Date, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<PipelineState>> {
    return pagedQuery(
      await this.container(),
      this.containers.tokens,
      { query: "SELECT * FROM c WHERE c.docType = 'state' AND c.nextDueAt <= @at", parameters: [{ name: '@at', value: at.toISOString() }] },
      opts,
      parseState,
      'Pipeline states',
    );
  }

  async record(entry: LifecycleRecord): Promise<{ created: boolean; record: LifecycleRecord }> {
    const c = await this.container();
    const parsed = lifecycleRecordSchema.parse(entry);
    const doc = { ...parsed, id: recordDocId(parsed.id), recordId: parsed.id, docType: 'record' };
    try {
      const { resource } = await c.items.create(doc);
      return { created: true, record: parseRecord(fromDocument(resource)) };
    } catch (e) {
      if (cosmosStatus(e) === 409) {
        const first = await pointRead(c, doc.id, parsed.pipelineId, parseRecord, `Lifecycle record '${parsed.id}'`);
        if (first) return { created: false, record: first };
      }
      throw fromCosmosError(e, `Lifecycle record '${parsed.id}'`);
    }
  }

  async findRecord(pipelineId: string, id: string): Promise<LifecycleRecord | null> {
    return pointRead(await this.container(), recordDocId(id), pipelineId, parseRecord, `Lifecycle record '${id}'`);
  }

  async listRecords(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<LifecycleRecord>> {
    return pagedQuery(
      await this.container(),
      this.containers.tokens,
      { query: "SELECT * FROM c WHERE c.pipelineId = @p AND c.docType = 'record' ORDER BY c.at DESC", parameters: [{ name: '@p', value: pipelineId }] },
      { ...opts, partitionKey: pipelineId },
      parseRecord,
      'Lifecycle records',
    );
  }
}
