import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import { signalGateSchema, signalMarkSchema, type SignalGate, type SignalMark } from '../../domain/signals/signal-gate.js';
import { triggerRecordSchema, type TriggerRecord } from '../../domain/trigger-record.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { TriggerStore } from '../../ports/trigger-store.js';
import type { CosmosContainers } from './cosmos-client.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument, toDocument } from './documents.js';
import { pagedQuery } from './paged-query.js';
import { pointRead } from './point-read.js';

/** The gate's id: trigger record ids never contain `~`, so record reads cannot meet it. */
const gateId = 'signal-gate~';
/** A mark's id: a digest of the sender's id, which may hold characters Cosmos ids refuse. */
const markId = (signalId: string): string => `signal~${createHash('sha256').update(signalId, 'utf8').digest('hex').slice(0, 48)}`;
/** The log leaves out the gate and the marks (the documents with a `docType`). */
const recordsOnly = 'NOT IS_DEFINED(c.docType)';

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
      { query: `SELECT * FROM c WHERE c.pipelineId = @p AND ${recordsOnly} ORDER BY c.at DESC`, parameters: [{ name: '@p', value: pipelineId }] },
      { ...opts, partitionKey: pipelineId },
      (d) => triggerRecordSchema.parse(d),
      'Trigger records',
    );
  }

  async getSignalGate(pipelineId: string): Promise<SignalGate | null> {
    return pointRead(this.container(), gateId, pipelineId, (d) => signalGateSchema.parse(d), `Signal gate of '${pipelineId}'`);
  }

  async putSignalGate(gate: SignalGate, etag: string | null): Promise<SignalGate | null> {
    const c = await this.container();
    const doc = { ...toDocument(gate), id: gateId, docType: 'signal-gate' };
    try {
      const { resource } =
        etag === null ? await c.items.create(doc) : await c.item(gateId, gate.pipelineId).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return signalGateSchema.parse(fromDocument(resource));
    } catch (e) {
      // 409: another signal created it first; 412: another signal changed it since it was read.
      const status = cosmosStatus(e);
      if (status === 409 || status === 412) return null;
      throw fromCosmosError(e, `Signal gate of '${gate.pipelineId}'`);
    }
  }

  async getSignalMark(pipelineId: string, signalId: string): Promise<SignalMark | null> {
    return pointRead(this.container(), markId(signalId), pipelineId, (d) => signalMarkSchema.parse(d), `Signal mark of '${pipelineId}'`);
  }

  async markSignal(mark: SignalMark): Promise<SignalMark> {
    const c = await this.container();
    const id = markId(mark.signalId);
    try {
      const { resource } = await c.items.create({ ...mark, id, docType: 'signal-mark' });
      return signalMarkSchema.parse(fromDocument(resource));
    } catch (e) {
      if (cosmosStatus(e) === 409) {
        const existing = await this.getSignalMark(mark.pipelineId, mark.signalId);
        if (existing) return existing;
      }
      throw fromCosmosError(e, `Signal mark of '${mark.pipelineId}'`);
    }
  }
}
