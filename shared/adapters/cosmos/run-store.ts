import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { AppError } from '../../domain/errors.js';
import { z } from '../../domain/zod.js';
import { runSchema, stepNameSchema, type Run, type RunStatus, type StepName } from '../../domain/run.js';
import { runSlotSchema, type RunSlot } from '../../domain/run-slot.js';
import type { Page } from '../../ports/pipeline-store.js';
import type { LineageQuery, RunAtStep, RunStore } from '../../ports/run-store.js';
import type { CosmosContainers } from './cosmos-client.js';
import { cosmosStatus, fromCosmosError } from './cosmos-errors.js';
import { fromDocument, toDocument } from './documents.js';
import { pagedQuery } from './paged-query.js';
import { pointRead } from './point-read.js';

const maxUpdateAttempts = 8;
/** The slot document's id: never a run id (runs ids have no `~`), so run reads and queries cannot meet it. */
const slotId = (lane: string | undefined): string => `slot~${lane ?? 'runs'}`;
/** Runs queries leave out the slot document (the one document with a `docType`). */
const runsOnly = 'NOT IS_DEFINED(c.docType)';

/** The projection `runningAt` reads (absent fields are left out by Cosmos, hence optional). */
const runAtStepSchema = z.object({
  runId: z.string(),
  pipelineId: z.string(),
  step: stepNameSchema,
  startedAt: z.string().optional(),
  dagId: z.string().optional(),
  snapshotDagId: z.string().optional(),
});

/** Runs in the `runs` container (partition key `/pipelineId`). */
export class CosmosRunStore implements RunStore {
  constructor(private readonly containers: CosmosContainers) {}

  private container(): Promise<Container> {
    return this.containers.container('runs');
  }

  async get(pipelineId: string, runId: string): Promise<Run | null> {
    return pointRead(this.container(), runId, pipelineId, (d) => runSchema.parse(d), `Run '${runId}'`);
  }

  async find(runId: string): Promise<Run | null> {
    const runs = await this.query({ query: 'SELECT * FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: runId }] });
    return runs[0] ?? null;
  }

  async create(run: Run): Promise<Run> {
    try {
      const { resource } = await (await this.container()).items.create(toDocument(run));
      return runSchema.parse(fromDocument(resource));
    } catch (e) {
      // Idempotent create: at-least-once callers get the document the first attempt wrote.
      if (cosmosStatus(e) === 409) {
        const existing = await this.get(run.pipelineId, run.id);
        if (existing) return existing;
      }
      throw fromCosmosError(e, `Run '${run.id}'`);
    }
  }

  async update(pipelineId: string, runId: string, mutate: (run: Run) => Run): Promise<Run> {
    const c = await this.container();
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(pipelineId, runId);
      if (!current) throw new AppError('NOT_FOUND', `Run '${runId}' was not found.`, { details: { what: 'Run', id: runId } });
      const next = runSchema.parse(mutate(structuredClone(current)));
      try {
        const { resource } = await c.item(runId, pipelineId).replace(toDocument(next), { accessCondition: { type: 'IfMatch', condition: current.etag ?? '' } });
        return runSchema.parse(fromDocument(resource));
      } catch (e) {
        // A concurrent writer won: re-read and re-apply the mutation on its result.
        if (cosmosStatus(e) === 412 && attempt < maxUpdateAttempts) continue;
        throw fromCosmosError(e, `Run '${runId}'`);
      }
    }
  }

  async getSlot(pipelineId: string, lane?: string): Promise<RunSlot | null> {
    return pointRead(this.container(), slotId(lane), pipelineId, (d) => runSlotSchema.parse(d), `Run slot of '${pipelineId}'`);
  }

  async putSlot(slot: RunSlot, etag: string | null): Promise<RunSlot | null> {
    const c = await this.container();
    const id = slotId(slot.lane);
    const doc = { ...toDocument(slot), id, docType: 'run-slot' };
    try {
      const { resource } =
        etag === null ? await c.items.create(doc) : await c.item(id, slot.pipelineId).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return runSlotSchema.parse(fromDocument(resource));
    } catch (e) {
      // 409: another start created it first; 412: another writer changed it since it was read.
      const status = cosmosStatus(e);
      if (status === 409 || status === 412) return null;
      throw fromCosmosError(e, `Run slot of '${slot.pipelineId}'`);
    }
  }

  async list(pipelineId: string, opts: { limit: number; continuationToken?: string | undefined; status?: RunStatus | undefined }): Promise<Page<Run>> {
    const where = `WHERE c.pipelineId = @p AND ${runsOnly}${opts.status ? ' AND c.status = @s' : ''}`;
    const query: SqlQuerySpec = {
      query: `SELECT * FROM c ${where} ORDER BY c.createdAt DESC`,
      parameters: [{ name: '@p', value: pipelineId }, ...(opts.status ? [{ name: '@s', value: opts.status }] : [])],
    };
    return pagedQuery(await this.container(), this.containers.tokens, query, { ...opts, partitionKey: pipelineId }, (d) => runSchema.parse(d), 'Runs');
  }

  async runningAt(steps: readonly StepName[], opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<RunAtStep>> {
    // `c.status` is indexed by default, and the projection keeps each result to a few ids whatever the run holds.
    const query: SqlQuerySpec = {
      query:
        'SELECT c.id AS runId, c.pipelineId, s.name AS step, s.startedAt, c.lineage.airflow.dagId AS dagId, c.pipelineSnapshot.airflow.dagId AS snapshotDagId ' +
        "FROM c JOIN s IN c.steps WHERE c.status = 'running' AND s.status = 'running' AND ARRAY_CONTAINS(@steps, s.name)",
      parameters: [{ name: '@steps', value: [...steps] }],
    };
    return pagedQuery(await this.container(), this.containers.tokens, query, opts, (d) => {
      const { snapshotDagId, dagId, ...rest } = runAtStepSchema.parse(d);
      const dag = dagId ?? snapshotDagId;
      return { ...rest, ...(dag !== undefined ? { dagId: dag } : {}) };
    }, 'Runs');
  }

  async findByLineage(q: LineageQuery): Promise<Run[]> {
    return this.query(lineageQuery(q));
  }

  private async query(spec: SqlQuerySpec): Promise<Run[]> {
    try {
      const { resources } = await (await this.container()).items.query<Record<string, unknown>>(spec).fetchAll();
      return resources.map((r) => runSchema.parse(fromDocument(r)));
    } catch (e) {
      throw fromCosmosError(e, 'Runs');
    }
  }
}

function lineageQuery(q: LineageQuery): SqlQuerySpec {
  const select = 'SELECT * FROM c WHERE';
  const order = 'ORDER BY c.createdAt DESC';
  if ('commitSha' in q) return { query: `${select} c.lineage.commitSha = @v ${order}`, parameters: [{ name: '@v', value: q.commitSha }] };
  if ('dataFingerprint' in q) return { query: `${select} c.lineage.data.fingerprint = @v ${order}`, parameters: [{ name: '@v', value: q.dataFingerprint }] };
  if ('imageDigest' in q) return { query: `${select} c.lineage.image.digest = @v ${order}`, parameters: [{ name: '@v', value: q.imageDigest }] };
  if ('mlflowRunId' in q) return { query: `${select} c.lineage.mlflow.runId = @v ${order}`, parameters: [{ name: '@v', value: q.mlflowRunId }] };
  return {
    query: `${select} c.lineage.model.name = @n AND c.lineage.model.version = @v ${order}`,
    parameters: [{ name: '@n', value: q.modelName }, { name: '@v', value: q.modelVersion }],
  };
}
