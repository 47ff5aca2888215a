import { createHash } from 'node:crypto';
import { signalGateSchema, signalMarkSchema, type SignalGate, type SignalMark } from '../../domain/signals/signal-gate.js';
import { triggerRecordSchema, type TriggerRecord } from '../../domain/trigger-record.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { TriggerStore } from '../../ports/trigger-store.js';
import type { ContinuationCodec } from '../cosmos/documents.js';
import type { LocalCollection } from './local-db.js';
import { byField, fromStored, pageOf, toStored } from './local-docs.js';

/** Ids as in Cosmos: trigger record ids never contain `~`, so the gate and the marks never meet a record. */
const gateId = 'signal-gate~';
const markId = (signalId: string): string => `signal~${createHash('sha256').update(signalId, 'utf8').digest('hex').slice(0, 48)}`;

/** The trigger log, the signal gate and the signal marks in the local store (partition key = pipeline id). */
export class LocalTriggerStore implements TriggerStore {
  constructor(
    private readonly docs: LocalCollection,
    private readonly tokens: ContinuationCodec,
  ) {}

  async record(entry: TriggerRecord): Promise<{ created: boolean; record: TriggerRecord }> {
    const { before, after } = await this.docs.change(entry.pipelineId, entry.id, (current) => (current ? undefined : { put: { ...entry } }));
    // The same delivery seen again: the first record is reported, nothing is written.
    const doc = before ?? after;
    if (!doc) throw new Error(`Trigger record '${entry.id}' was not written`);
    return { created: before === undefined, record: triggerRecordSchema.parse(fromStored(doc)) };
  }

  async list(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<TriggerRecord>> {
    const records = (await this.docs.scan(pipelineId)).filter((d) => d.docType === undefined).sort(byField('at', 'desc'));
    return pageOf(records, opts, this.tokens, JSON.stringify(['triggers', pipelineId]), (d) => triggerRecordSchema.parse(d));
  }

  async getSignalGate(pipelineId: string): Promise<SignalGate | null> {
    const doc = await this.docs.read(pipelineId, gateId);
    return doc ? signalGateSchema.parse(fromStored(doc)) : null;
  }

  async putSignalGate(gate: SignalGate, etag: string | null): Promise<SignalGate | null> {
    const doc = { ...toStored(gate), id: gateId, docType: 'signal-gate' };
    const { before, after } = await this.docs.change(gate.pipelineId, gateId, (current) => ((etag === null ? !current : current?._etag === etag) ? { put: doc } : undefined));
    return after && after !== before ? signalGateSchema.parse(fromStored(after)) : null;
  }

  async getSignalMark(pipelineId: string, signalId: string): Promise<SignalMark | null> {
    const doc = await this.docs.read(pipelineId, markId(signalId));
    return doc ? signalMarkSchema.parse(fromStored(doc)) : null;
  }

  async markSignal(mark: SignalMark): Promise<SignalMark> {
    const id = markId(mark.signalId);
    const { before, after } = await this.docs.change(mark.pipelineId, id, (current) => (current ? undefined : { put: { ...mark, id, docType: 'signal-mark' } }));
    const doc = before ?? after;
    if (!doc) throw new Error(`Signal mark of '${mark.pipelineId}' was not written`);
    return signalMarkSchema.parse(fromStored(doc));
  }
}
