import { errors } from '../../domain/errors.js';
import { emptyPipelineState, lifecycleRecordSchema, pipelineStateSchema, type LifecycleRecord, type PipelineState } from '../../domain/pipeline-state.js';
import { parseRecord, parseState, recordDocId, stateId } from '../cosmos/pipeline-state-docs.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { PipelineStateStore } from '../../ports/pipeline-state-store.js';
import type { ContinuationCodec } from '../cosmos/documents.js';
import type { LocalCollection } from './local-db.js';
import { byField, fromStored, pageOf, toStored } from './local-docs.js';

const maxUpdateAttempts = 8;

/** Pipeline states and lifecycle records in the local store (partition key = pipeline id). */
export class LocalPipelineStateStore implements PipelineStateStore {
  constructor(
    private readonly docs: LocalCollection,
    private readonly tokens: ContinuationCodec,
    private readonly now: () => Date,
  ) {}

  async get(pipelineId: string): Promise<PipelineState | null> {
    const doc = await this.docs.read(pipelineId, stateId);
    return doc ? parseState(fromStored(doc)) : null;
  }

  async update(pipelineId: string, mutate: (state: PipelineState) => PipelineState | null, opts: { current?: PipelineState } = {}): Promise<PipelineState> {
    for (let attempt = 1; attempt <= maxUpdateAttempts; attempt++) {
      const known = attempt === 1 && opts.current?.pipelineId === pipelineId && opts.current.etag !== undefined ? opts.current : undefined;
      const current = known ?? (await this.get(pipelineId));
      const changed = mutate(structuredClone(current ?? emptyPipelineState(pipelineId, this.now())));
      if (changed === null) return current ?? emptyPipelineState(pipelineId, this.now());
      const next = pipelineStateSchema.parse({ ...changed, pipelineId });
      const doc = { ...toStored(next), id: stateId, docType: 'state' };
      // Written only if the state is still the one read (or still absent); otherwise re-read and re-apply.
      const { before, after } = await this.docs.change(pipelineId, stateId, (d) => ((current ? d?._etag === current.etag : !d) ? { put: doc } : undefined));
      if (after && after !== before) return parseState(fromStored(after));
    }
    throw errors.preconditionFailed(`State of pipeline '${pipelineId}' was changed by someone else too often; try again.`);
  }

  async delete(pipelineId: string): Promise<void> {
    for (const doc of await this.docs.scan(pipelineId)) {
      if (typeof doc.id === 'string') await this.docs.change(pipelineId, doc.id, (d) => (d ? { remove: true } : undefined));
    }
  }

  async due(at: Date, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<PipelineState>> {
    const cutoff = at.toISOString();
    const due = (await this.docs.scan()).filter((d) => d.docType === 'state' && typeof d.nextDueAt === 'string' && d.nextDueAt <= cutoff).sort(byField('nextDueAt', 'asc'));
    return pageOf(due, opts, this.tokens, JSON.stringify(['due', cutoff]), parseState);
  }

  async record(entry: LifecycleRecord): Promise<{ created: boolean; record: LifecycleRecord }> {
    const parsed = lifecycleRecordSchema.parse(entry);
    const doc = { ...parsed, id: recordDocId(parsed.id), recordId: parsed.id, docType: 'record' };
    const { before, after } = await this.docs.change(parsed.pipelineId, doc.id, (current) => (current ? undefined : { put: doc }));
    const kept = before ?? after;
    if (!kept) throw new Error(`Lifecycle record '${parsed.id}' was not written`);
    return { created: before === undefined, record: parseRecord(fromStored(kept)) };
  }

  async findRecord(pipelineId: string, id: string): Promise<LifecycleRecord | null> {
    const doc = await this.docs.read(pipelineId, recordDocId(id));
    return doc ? parseRecord(fromStored(doc)) : null;
  }

  async listRecords(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<LifecycleRecord>> {
    const records = (await this.docs.scan(pipelineId)).filter((d) => d.docType === 'record').sort(byField('at', 'desc'));
    return pageOf(records, opts, this.tokens, JSON.stringify(['records', pipelineId]), parseRecord);
  }
}
