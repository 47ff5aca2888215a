import { createHash } from 'node:crypto';
import { AppError, errors } from '../domain/errors.js';
import type { Champion, LifecycleRecord, PipelineState } from '../domain/pipeline-state.js';
import { appendToOutbox, modelSubject } from '../domain/run-event.js';
import type { EventPublisher, ExperimentTracker, ModelVersionInfo } from '../ports/external-systems.js';
import type { PipelineStateStore } from '../ports/pipeline-state-store.js';
import type { PipelineStore } from '../ports/pipeline-store.js';
import { withChampion } from './champion.js';
import { publishEntry } from './run-events.js';

/** The registry aliases a rollback moves. */
const CHAMPION = 'champion';
const PREVIOUS = 'previous-champion';

/** What a rollback touches. */
export interface RollbackDeps {
  pipelines: Pick<PipelineStore, 'get'>;
  pipelineStates: PipelineStateStore;
  tracker: Pick<ExperimentTracker, 'getChampion' | 'getVersion' | 'setAlias' | 'deleteAlias'>;
  events: EventPublisher;
  now: () => Date;
}

/** A rollback as asked: the target (default: the previous champion), who and why, and an optional idempotency key. */
export interface RollbackRequest {
  pipelineId: string;
  toVersion?: string | undefined;
  by?: string | undefined;
  reason?: string | undefined;
  idempotencyKey?: string | undefined;
}

const toVersionRefused = (code: 'NOT_FOUND' | 'CONFLICT', message: string, details: Record<string, unknown>) =>
  new AppError(code, message, { issues: [{ field: 'toVersion', message }], details: { field: 'toVersion', ...details } });

/**
 * Move the pipeline's `champion` alias back (docs/architecture.md, "The model after promotion"). Steps, each safe to
 * repeat: write the `rolled-back` record (the intent, stable id), move the aliases, update the state (champion
 * `rolled-back`, the event in its outbox under the next `eventSeq`), publish the event. A repeat of the same request
 * (same key; or no key while the newest record is this rollback and the champion is its target or still its origin)
 * returns the same record and completes what a crash left, moving nothing twice.
 */
export async function rollback(deps: RollbackDeps, req: RollbackRequest): Promise<{ record: LifecycleRecord; moved: boolean }> {
  const pipeline = await deps.pipelines.get(req.pipelineId);
  if (!pipeline) throw errors.notFound('Pipeline', req.pipelineId);
  const modelName = pipeline.mlflow.registeredModelName;
  const id = req.idempotencyKey !== undefined ? `rollback-${createHash('sha256').update(`${req.pipelineId}\n${req.idempotencyKey}`).digest('hex').slice(0, 40)}` : undefined;
  if (id !== undefined) {
    const earlier = await deps.pipelineStates.findRecord(req.pipelineId, id);
    if (earlier) return complete(deps, earlier);
  }
  const current = await deps.tracker.getChampion(modelName);
  if (!current) throw errors.conflict(`Model '${modelName}' has no champion: nothing to roll back.`, { modelName });
  if (id === undefined) {
    const last = (await deps.pipelineStates.listRecords(req.pipelineId, { limit: 1 })).items[0];
    const same = last?.kind === 'rolled-back' && last.modelName === modelName && (req.toVersion === undefined || req.toVersion === last.toVersion);
    if (last && same && (current.version === last.toVersion || current.version === last.fromVersion)) return complete(deps, last);
  }
  const state = await deps.pipelineStates.get(req.pipelineId);
  const target = await chooseTarget(deps, modelName, current.version, state, req.toVersion);
  const now = deps.now().toISOString();
  const { record } = await deps.pipelineStates.record({
    id: id ?? `rollback-${now.replace(/[^0-9]/g, '')}-${current.version}-${target.version}`,
    pipelineId: req.pipelineId,
    kind: 'rolled-back',
    modelName,
    fromVersion: current.version,
    toVersion: target.version,
    ...(req.by !== undefined ? { by: req.by } : {}),
    ...(req.reason !== undefined ? { reason: req.reason } : {}),
    at: now,
  });
  return complete(deps, record);
}

/** The version to roll back to: the one asked for (it must exist and differ), or the newest former champion that still exists. */
async function chooseTarget(deps: RollbackDeps, modelName: string, currentVersion: string, state: PipelineState | null, toVersion: string | undefined): Promise<ModelVersionInfo> {
  if (toVersion !== undefined) {
    if (toVersion === currentVersion) throw toVersionRefused('CONFLICT', `Version ${toVersion} is already the champion of '${modelName}'.`, { modelName, toVersion });
    const v = await deps.tracker.getVersion(modelName, toVersion);
    if (!v) throw toVersionRefused('NOT_FOUND', `Model '${modelName}' has no version ${toVersion}.`, { modelName, toVersion });
    return v;
  }
  for (const former of state?.formerChampions ?? []) {
    if (former.modelName !== modelName || former.version === currentVersion) continue;
    const v = await deps.tracker.getVersion(modelName, former.version);
    if (v) return v;
  }
  throw errors.conflict(`Model '${modelName}' has no former champion to roll back to; name one with toVersion.`, { modelName });
}

/** The champion before `version` in the history (newest first), other than `version` itself, if any. */
function championBefore(state: PipelineState | null, modelName: string, version: string): string | undefined {
  const formers = state?.formerChampions ?? [];
  const i = formers.findIndex((f) => f.modelName === modelName && f.version === version);
  if (i < 0) return undefined;
  return formers.slice(i + 1).find((f) => f.modelName === modelName && f.version !== version)?.version;
}

/** The event id of a rollback record (unique per pipeline and record). */
const eventIdOf = (record: LifecycleRecord): string => `${record.pipelineId}:${record.id}`;

/** Finish a recorded rollback: aliases, state and event, each only if not done yet. */
async function complete(deps: RollbackDeps, record: LifecycleRecord): Promise<{ record: LifecycleRecord; moved: boolean }> {
  const eventId = eventIdOf(record);
  const state = await deps.pipelineStates.get(record.pipelineId);
  let moved = false;
  if (!state?.outbox?.some((e) => e.id === eventId)) {
    // The state is written after the aliases moved: until it holds this rollback's event, (re)do the moves.
    const current = await deps.tracker.getChampion(record.modelName);
    if (current?.version !== record.toVersion) {
      await deps.tracker.setAlias(record.modelName, CHAMPION, record.toVersion);
      moved = true;
    }
    const previous = championBefore(state, record.modelName, record.toVersion);
    if (previous !== undefined) await deps.tracker.setAlias(record.modelName, PREVIOUS, previous);
    else await deps.tracker.deleteAlias(record.modelName, PREVIOUS);
    await deps.pipelineStates.update(record.pipelineId, (s) => rolledBackState(s, record, deps.now().toISOString()));
  }
  await flushStateEvents(deps, record.pipelineId);
  return { record, moved };
}

/** The state after a rollback: the target as champion (`rolled-back`) and the event in the outbox (pure). */
function rolledBackState(s: PipelineState, record: LifecycleRecord, now: string): PipelineState | null {
  const eventId = eventIdOf(record);
  if (s.outbox?.some((e) => e.id === eventId)) return null;
  const known = s.formerChampions.find((f) => f.modelName === record.modelName && f.version === record.toVersion);
  const lineage: Partial<Champion> = known
    ? { ...(known.runId ? { runId: known.runId } : {}), ...(known.commitSha ? { commitSha: known.commitSha } : {}), ...(known.dataFingerprint ? { dataFingerprint: known.dataFingerprint } : {}) }
    : {};
  const next = withChampion(s, { modelName: record.modelName, version: record.toVersion, since: now, how: 'rolled-back', ...lineage }, now);
  const data = {
    pipelineId: record.pipelineId,
    modelName: record.modelName,
    toVersion: record.toVersion,
    ...(record.fromVersion !== undefined ? { fromVersion: record.fromVersion } : {}),
    ...(record.by !== undefined ? { by: record.by } : {}),
    ...(record.reason !== undefined ? { reason: record.reason } : {}),
  };
  const { outbox, lastSequence } = appendToOutbox(s.outbox ?? [], [{ id: eventId, type: 'mlcycle.model.rolledBack', subject: modelSubject(record.pipelineId, record.modelName), time: now, data }], s.eventSeq);
  return { ...next, outbox, eventSeq: lastSequence };
}

/** Publish the state's unsent run-less events in order, then mark them sent. */
async function flushStateEvents(deps: RollbackDeps, pipelineId: string): Promise<void> {
  const state = await deps.pipelineStates.get(pipelineId);
  const unsent = (state?.outbox ?? []).filter((e) => !e.sent).sort((a, b) => a.sequence - b.sequence);
  if (unsent.length === 0) return;
  for (const e of unsent) await publishEntry(deps.events, e);
  const ids = new Set(unsent.map((e) => e.id));
  await deps.pipelineStates.update(pipelineId, (s) => ({ ...s, outbox: (s.outbox ?? []).map((e) => (ids.has(e.id) ? { ...e, sent: true } : e)), updatedAt: deps.now().toISOString() }));
}
