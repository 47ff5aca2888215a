import { runIdSchema } from '../domain/ids.js';
import { maxFormerChampions, type Champion, type PipelineState } from '../domain/pipeline-state.js';
import type { Run } from '../domain/run.js';
import { mlflowTags } from '../durable/instance-ids.js';
import type { ModelVersionInfo } from '../ports/external-systems.js';
import type { PipelineStateStore } from '../ports/pipeline-state-store.js';

/*
 * The champion's history in the pipeline state (docs/architecture.md, "The model after promotion"). mlcycle moves the
 * MLflow `champion` alias itself (promotion, rollback) and records each move here; a move made by hand in the
 * registry is adopted the next time a run reads the champion.
 */

/** What tracking the champion needs. */
export interface ChampionDeps {
  pipelineStates: PipelineStateStore;
  now: () => Date;
}

/** `state` with `next` as champion and the outgoing one first among the former champions (pure). */
export function withChampion(state: PipelineState, next: Champion, now: string): PipelineState {
  const old = state.champion;
  const formerChampions = old ? [{ ...old, until: now }, ...state.formerChampions].slice(0, maxFormerChampions) : state.formerChampions;
  return { ...state, champion: next, formerChampions, updatedAt: now };
}

/**
 * Record that `run` made `version` the champion: the state (one write; none when already recorded) and a `promoted`
 * lifecycle record keyed by the run id. Safe to repeat.
 */
export async function recordPromotion(deps: ChampionDeps, run: Run, modelName: string, version: string): Promise<void> {
  const now = deps.now().toISOString();
  const fromVersion = run.decision?.championVersion;
  await deps.pipelineStates.record({
    id: run.id,
    pipelineId: run.pipelineId,
    kind: 'promoted',
    modelName,
    ...(fromVersion !== undefined ? { fromVersion } : {}),
    toVersion: version,
    runId: run.id,
    at: now,
  });
  await deps.pipelineStates.update(run.pipelineId, (s) => {
    if (s.champion?.runId === run.id && s.champion.version === version && s.champion.modelName === modelName) return null;
    return withChampion(s, {
      modelName,
      version,
      since: now,
      how: 'promoted',
      runId: run.id,
      ...(run.lineage.commitSha !== undefined ? { commitSha: run.lineage.commitSha } : {}),
      ...(run.lineage.data ? { dataFingerprint: run.lineage.data.fingerprint } : {}),
    }, now);
  });
}

/**
 * Adopt the registry's champion when the state has none or another one (the alias was moved by hand): `adopted`,
 * since the version's creation time when known, with the lineage its tags give. Reads the state; writes only on a
 * difference.
 */
export async function adoptChampion(deps: ChampionDeps, pipelineId: string, champion: ModelVersionInfo): Promise<void> {
  const current = await deps.pipelineStates.get(pipelineId);
  if (sameVersion(current?.champion, champion)) return;
  const now = deps.now().toISOString();
  const runId = runIdSchema.safeParse(champion.tags[mlflowTags.runId]);
  const commitSha = champion.tags[mlflowTags.commitSha];
  const dataFingerprint = champion.tags[mlflowTags.dataFingerprint];
  await deps.pipelineStates.update(pipelineId, (s) => {
    if (sameVersion(s.champion, champion)) return null;
    return withChampion(s, {
      modelName: champion.name,
      version: champion.version,
      since: champion.createdAt ?? now,
      how: 'adopted',
      ...(runId.success ? { runId: runId.data } : {}),
      ...(commitSha !== undefined && commitSha.length <= 64 ? { commitSha } : {}),
      ...(dataFingerprint !== undefined && dataFingerprint.length <= 128 ? { dataFingerprint } : {}),
    }, now);
  });
}

function sameVersion(a: Champion | undefined, b: ModelVersionInfo): boolean {
  return a !== undefined && a.modelName === b.name && a.version === b.version;
}
