import { AppError } from '../../shared/domain/errors.js';
import { pipelineSchema, type Pipeline } from '../../shared/domain/pipeline.js';
import { runSchema, type Run, type RunStatus, type StepName } from '../../shared/domain/run.js';
import type { RunSlot } from '../../shared/domain/run-slot.js';
import type { SignalGate, SignalMark } from '../../shared/domain/signals/signal-gate.js';
import type { TriggerRecord } from '../../shared/domain/trigger-record.js';
import { azureRepoKey, maxPipelinesPerRepository, type Page, type PipelineStore } from '../../shared/ports/pipeline-store.js';
import type { LineageQuery, RunAtStep, RunStore } from '../../shared/ports/run-store.js';
import type { TriggerStore } from '../../shared/ports/trigger-store.js';
import { emptyPipelineState, lifecycleRecordSchema, pipelineStateSchema, type LifecycleRecord, type PipelineState } from '../../shared/domain/pipeline-state.js';
import type { PipelineStateStore } from '../../shared/ports/pipeline-state-store.js';
import { FaultPlan } from './faults.js';
import type { World } from './world.js';

const clone = <T>(v: T): T => structuredClone(v);

function page<T>(all: T[], limit: number, token?: string): Page<T> {
  const start = token ? Number(token) : 0;
  const items = all.slice(start, start + limit);
  return start + limit < all.length ? { items, continuationToken: String(start + limit) } : { items };
}

/** Pipelines in memory, with etag checks like the Cosmos store. */
export class MemoryPipelineStore implements PipelineStore {
  constructor(private readonly world: World) {}

  async get(id: string): Promise<Pipeline | null> {
    const p = this.world.state.pipelines[id];
    return p ? clone(p) : null;
  }

  async put(pipeline: Pipeline, opts: { ifMatch?: string; ifNoneMatch?: '*' } = {}): Promise<Pipeline> {
    const current = this.world.state.pipelines[pipeline.id];
    if (opts.ifNoneMatch === '*' && current) throw new AppError('PRECONDITION_FAILED', `pipeline ${pipeline.id} exists`);
    if (opts.ifMatch !== undefined && current?.etag !== opts.ifMatch) throw new AppError('PRECONDITION_FAILED', 'stale etag');
    const stored = { ...pipelineSchema.parse(pipeline), etag: `"${this.world.nextId('p')}"` };
    this.world.state.pipelines[pipeline.id] = stored;
    this.world.changed();
    return clone(stored);
  }

  async delete(id: string, opts: { ifMatch?: string } = {}): Promise<boolean> {
    const current = this.world.state.pipelines[id];
    if (!current) return false;
    if (opts.ifMatch !== undefined && current.etag !== opts.ifMatch) throw new AppError('PRECONDITION_FAILED', 'stale etag');
    delete this.world.state.pipelines[id];
    this.world.changed();
    return true;
  }

  async list(opts: { limit: number; continuationToken?: string }): Promise<Page<Pipeline>> {
    return page(Object.values(this.world.state.pipelines).map(clone), opts.limit, opts.continuationToken);
  }

  async findByAzureRepo(project: string, repository: string): Promise<Pipeline[]> {
    const key = azureRepoKey(project, repository);
    return Object.values(this.world.state.pipelines)
      .filter((p) => p.source.kind === 'azureRepos' && azureRepoKey(p.source.project, p.source.repository) === key)
      .slice(0, maxPipelinesPerRepository)
      .map(clone);
  }
}

/** Runs in memory; `create` is idempotent by id and every stored document is validated with `runSchema`. */
export class MemoryRunStore implements RunStore {
  readonly faults = new FaultPlan('runs');
  constructor(private readonly world: World) {}

  async get(pipelineId: string, runId: string): Promise<Run | null> {
    const r = this.world.state.runs[runId];
    return r && r.pipelineId === pipelineId ? clone(r) : null;
  }

  async find(runId: string): Promise<Run | null> {
    await this.faults.enter('find');
    const r = this.world.state.runs[runId];
    return r ? clone(r) : null;
  }

  async create(run: Run): Promise<Run> {
    await this.faults.enter('create');
    const existing = this.world.state.runs[run.id];
    if (existing) return clone(existing);
    const stored = { ...runSchema.parse(run), etag: `"${this.world.nextId('r')}"` };
    this.world.state.runs[run.id] = stored;
    this.world.changed();
    return clone(stored);
  }

  async update(pipelineId: string, runId: string, mutate: (run: Run) => Run): Promise<Run> {
    await this.faults.enter('update');
    const current = this.world.state.runs[runId];
    if (!current || current.pipelineId !== pipelineId) throw new AppError('NOT_FOUND', `run ${runId} not found`);
    const next = { ...runSchema.parse(mutate(clone(current))), id: runId, pipelineId, etag: `"${this.world.nextId('r')}"` };
    this.world.state.runs[runId] = next;
    this.world.changed();
    return clone(next);
  }

  async getSlot(pipelineId: string, lane?: string): Promise<RunSlot | null> {
    const slot = this.world.state.runSlots?.[lane ? `${pipelineId}#${lane}` : pipelineId];
    return slot ? clone(slot) : null;
  }

  async putSlot(slot: RunSlot, etag: string | null): Promise<RunSlot | null> {
    await this.faults.enter('putSlot');
    const slots = (this.world.state.runSlots ??= {});
    const key = slot.lane ? `${slot.pipelineId}#${slot.lane}` : slot.pipelineId;
    const current = slots[key];
    // Like Cosmos: a create conflicts with an existing slot, a replace with a changed one.
    if (etag === null ? current !== undefined : current?.etag !== etag) return null;
    const stored: RunSlot = { ...clone(slot), etag: `"${this.world.nextId('s')}"` };
    slots[key] = stored;
    this.world.changed();
    return clone(stored);
  }

  async list(pipelineId: string, opts: { limit: number; continuationToken?: string; status?: RunStatus }): Promise<Page<Run>> {
    const all = Object.values(this.world.state.runs)
      .filter((r) => r.pipelineId === pipelineId && (opts.status === undefined || r.status === opts.status))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return page(all.map(clone), opts.limit, opts.continuationToken);
  }

  async runningAt(steps: readonly StepName[], opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<RunAtStep>> {
    await this.faults.enter('runningAt');
    const found = Object.values(this.world.state.runs).flatMap((r) =>
      r.status !== 'running'
        ? []
        : r.steps
            .filter((s) => s.status === 'running' && steps.includes(s.name))
            .map((s) => ({ runId: r.id, pipelineId: r.pipelineId, step: s.name, startedAt: s.startedAt, dagId: r.lineage.airflow?.dagId ?? r.pipelineSnapshot?.airflow.dagId })),
    );
    return page(found, opts.limit, opts.continuationToken);
  }

  async findByLineage(q: LineageQuery): Promise<Run[]> {
    return Object.values(this.world.state.runs)
      .filter((r) =>
        'commitSha' in q
          ? r.lineage.commitSha === q.commitSha
          : 'dataFingerprint' in q
            ? r.lineage.data?.fingerprint === q.dataFingerprint
            : 'imageDigest' in q
              ? r.lineage.image?.digest === q.imageDigest
              : 'mlflowRunId' in q
                ? r.lineage.mlflow?.runId === q.mlflowRunId
                : r.lineage.model?.name === q.modelName && r.lineage.model.version === q.modelVersion,
      )
      .map(clone);
  }

  /** Every run (tests). */
  all(): Run[] {
    return Object.values(this.world.state.runs).map(clone);
  }
}

/** The trigger log in memory, idempotent on the record id within a pipeline (Cosmos ids are unique per partition). */
export class MemoryTriggerStore implements TriggerStore {
  constructor(private readonly world: World) {}

  async record(entry: TriggerRecord): Promise<{ created: boolean; record: TriggerRecord }> {
    const key = `${entry.pipelineId}/${entry.id}`;
    const existing = this.world.state.triggers[key];
    if (existing) return { created: false, record: clone(existing) };
    this.world.state.triggers[key] = clone(entry);
    this.world.changed();
    return { created: true, record: clone(entry) };
  }

  async list(pipelineId: string, opts: { limit: number; continuationToken?: string }): Promise<Page<TriggerRecord>> {
    const all = Object.values(this.world.state.triggers).filter((t) => t.pipelineId === pipelineId).sort((a, b) => b.at.localeCompare(a.at));
    return page(all.map(clone), opts.limit, opts.continuationToken);
  }

  async getSignalGate(pipelineId: string): Promise<SignalGate | null> {
    const gate = this.world.state.signalGates?.[pipelineId];
    return gate ? clone(gate) : null;
  }

  async putSignalGate(gate: SignalGate, etag: string | null): Promise<SignalGate | null> {
    const gates = (this.world.state.signalGates ??= {});
    const current = gates[gate.pipelineId];
    // Like Cosmos: a create conflicts with an existing gate, a replace with a changed one.
    if (etag === null ? current !== undefined : current?.etag !== etag) return null;
    const stored: SignalGate = { ...clone(gate), etag: `"${this.world.nextId('g')}"` };
    gates[gate.pipelineId] = stored;
    this.world.changed();
    return clone(stored);
  }

  async getSignalMark(pipelineId: string, signalId: string): Promise<SignalMark | null> {
    const mark = this.world.state.signalMarks?.[`${pipelineId}/${signalId}`];
    return mark ? clone(mark) : null;
  }

  async markSignal(mark: SignalMark): Promise<SignalMark> {
    const marks = (this.world.state.signalMarks ??= {});
    const key = `${mark.pipelineId}/${mark.signalId}`;
    marks[key] ??= clone(mark);
    this.world.changed();
    return clone(marks[key]);
  }
}

/** Pipeline states and lifecycle records in memory, with etags like the Cosmos store. */
export class MemoryPipelineStateStore implements PipelineStateStore {
  /** Every `due` call, for tests that count the scheduler's queries. */
  dueQueries = 0;

  constructor(
    private readonly world: World,
    private readonly now: () => number,
  ) {}

  private get states(): Record<string, PipelineState> {
    return (this.world.state.pipelineStates ??= {});
  }

  private get records(): Record<string, LifecycleRecord> {
    return (this.world.state.lifecycleRecords ??= {});
  }

  async get(pipelineId: string): Promise<PipelineState | null> {
    const s = this.states[pipelineId];
    return s ? clone(s) : null;
  }

  async update(pipelineId: string, mutate: (state: PipelineState) => PipelineState | null): Promise<PipelineState> {
    const current = this.states[pipelineId];
    const changed = mutate(clone(current ?? emptyPipelineState(pipelineId, new Date(this.now()))));
    if (changed === null) return clone(current ?? emptyPipelineState(pipelineId, new Date(this.now())));
    const stored = { ...pipelineStateSchema.parse({ ...changed, pipelineId }), etag: `"${this.world.nextId('st')}"` };
    this.states[pipelineId] = stored;
    this.world.changed();
    return clone(stored);
  }

  async delete(pipelineId: string): Promise<void> {
    delete this.states[pipelineId];
    for (const [k, r] of Object.entries(this.records)) if (r.pipelineId === pipelineId) delete this.records[k];
    this.world.changed();
  }

  async due(at: Date, opts: { limit: number; continuationToken?: string }): Promise<Page<PipelineState>> {
    this.dueQueries++;
    const iso = at.toISOString();
    const due = Object.values(this.states).filter((s) => s.nextDueAt !== undefined && s.nextDueAt <= iso);
    return page(due.map(clone), opts.limit, opts.continuationToken);
  }

  async record(entry: LifecycleRecord): Promise<{ created: boolean; record: LifecycleRecord }> {
    const key = `${entry.pipelineId}/${entry.id}`;
    const existing = this.records[key];
    if (existing) return { created: false, record: clone(existing) };
    this.records[key] = lifecycleRecordSchema.parse(entry);
    this.world.changed();
    return { created: true, record: clone(this.records[key]) };
  }

  async findRecord(pipelineId: string, id: string): Promise<LifecycleRecord | null> {
    const r = this.records[`${pipelineId}/${id}`];
    return r ? clone(r) : null;
  }

  async listRecords(pipelineId: string, opts: { limit: number; continuationToken?: string }): Promise<Page<LifecycleRecord>> {
    const mine = Object.values(this.records).filter((r) => r.pipelineId === pipelineId).sort((a, b) => b.at.localeCompare(a.at));
    return page(mine.map(clone), opts.limit, opts.continuationToken);
  }
}
