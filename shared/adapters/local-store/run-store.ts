import { AppError, errors } from '../../domain/errors.js';
import { runSchema, type Run, type RunStatus, type StepName } from '../../domain/run.js';
import { runSlotSchema, type RunSlot } from '../../domain/run-slot.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { LineageQuery, RunAtStep, RunStore } from '../../ports/run-store.js';
import type { ContinuationCodec } from '../cosmos/documents.js';
import type { LocalCollection, StoredDoc } from './local-db.js';
import { byField, fromStored, pageItems, pageOf, toStored } from './local-docs.js';

const maxUpdateAttempts = 8;
/** The slot document's id, as in Cosmos: run ids have no `~`, so runs and slots never meet. */
const slotId = (lane: string | undefined): string => `slot~${lane ?? 'runs'}`;
const isRun = (d: StoredDoc): boolean => d.docType === undefined;
const parseRun = (d: Record<string, unknown>): Run => runSchema.parse(d);

/** Runs and run slots in the local store (partition key = pipeline id). */
export class LocalRunStore implements RunStore {
  constructor(
    private readonly docs: LocalCollection,
    private readonly tokens: ContinuationCodec,
  ) {}

  async get(pipelineId: string, runId: string): Promise<Run | null> {
    const doc = await this.docs.read(pipelineId, runId);
    return doc && isRun(doc) ? parseRun(fromStored(doc)) : null;
  }

  async find(runId: string): Promise<Run | null> {
    const doc = (await this.docs.scan()).find((d) => d.id === runId && isRun(d));
    return doc ? parseRun(fromStored(doc)) : null;
  }

  async create(run: Run): Promise<Run> {
    // Idempotent create: at-least-once callers get the document the first attempt wrote.
    const { after } = await this.docs.change(run.pipelineId, run.id, (current) => (current ? undefined : { put: toStored(run) }));
    if (!after) throw new AppError('INTERNAL', `Run '${run.id}' could not be created.`);
    return parseRun(fromStored(after));
  }

  async update(pipelineId: string, runId: string, mutate: (run: Run) => Run): Promise<Run> {
    for (let attempt = 1; attempt <= maxUpdateAttempts; attempt++) {
      const current = await this.get(pipelineId, runId);
      if (!current) throw new AppError('NOT_FOUND', `Run '${runId}' was not found.`, { details: { what: 'Run', id: runId } });
      const next = runSchema.parse(mutate(structuredClone(current)));
      // Written only if nobody wrote since the read; otherwise re-read and re-apply the mutation on the newer run.
      const { before, after } = await this.docs.change(pipelineId, runId, (d) => (d?._etag === current.etag ? { put: toStored(next) } : undefined));
      if (after && after !== before) return parseRun(fromStored(after));
    }
    throw errors.preconditionFailed(`Run '${runId}' was changed by someone else too often; try again.`);
  }

  async getSlot(pipelineId: string, lane?: string): Promise<RunSlot | null> {
    const doc = await this.docs.read(pipelineId, slotId(lane));
    return doc ? runSlotSchema.parse(fromStored(doc)) : null;
  }

  async putSlot(slot: RunSlot, etag: string | null): Promise<RunSlot | null> {
    const id = slotId(slot.lane);
    const doc = { ...toStored(slot), id, docType: 'run-slot' };
    const { before, after } = await this.docs.change(slot.pipelineId, id, (current) => ((etag === null ? !current : current?._etag === etag) ? { put: doc } : undefined));
    // Null when another writer created or changed it first: the caller re-reads and decides again.
    return after && after !== before ? runSlotSchema.parse(fromStored(after)) : null;
  }

  async list(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined; status?: RunStatus | undefined }): Promise<Page<Run>> {
    const runs = (await this.docs.scan(pipelineId)).filter((d) => isRun(d) && (!opts.status || d.status === opts.status)).sort(byField('createdAt', 'desc'));
    return pageOf(runs, opts, this.tokens, JSON.stringify(['runs', pipelineId, opts.status ?? null]), parseRun);
  }

  async runningAt(steps: readonly StepName[], opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<RunAtStep>> {
    const found = (await this.docs.scan())
      .filter((d) => isRun(d) && d.status === 'running')
      .map((d) => parseRun(fromStored(d)))
      .flatMap((r) =>
        r.steps
          .filter((s) => s.status === 'running' && steps.includes(s.name))
          .map((s) => {
            const dagId = r.lineage.airflow?.dagId ?? r.pipelineSnapshot?.airflow.dagId;
            return { runId: r.id, pipelineId: r.pipelineId, step: s.name, ...(s.startedAt !== undefined ? { startedAt: s.startedAt } : {}), ...(dagId !== undefined ? { dagId } : {}) };
          }),
      )
      .sort((a, b) => a.runId.localeCompare(b.runId) || a.step.localeCompare(b.step));
    return pageItems(found, opts, this.tokens, JSON.stringify(['runningAt', [...steps].sort()]), (x) => x);
  }

  async findByLineage(q: LineageQuery): Promise<Run[]> {
    const runs = (await this.docs.scan()).filter((d) => isRun(d)).map((d) => parseRun(fromStored(d)));
    return runs.filter((r) => matches(r, q)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
}

function matches(r: Run, q: LineageQuery): boolean {
  const l = r.lineage;
  if ('commitSha' in q) return l.commitSha === q.commitSha;
  if ('dataFingerprint' in q) return l.data?.fingerprint === q.dataFingerprint;
  if ('imageDigest' in q) return l.image?.digest === q.imageDigest;
  if ('mlflowRunId' in q) return l.mlflow?.runId === q.mlflowRunId;
  return l.model?.name === q.modelName && l.model.version === q.modelVersion;
}
