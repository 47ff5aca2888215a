import { dataFingerprint } from '../../domain/dvc/fingerprint.js';
import { parseTrackedFile, type DvcOutput } from '../../domain/dvc/outputs.js';
import { AppError } from '../../domain/errors.js';
import type { Pipeline } from '../../domain/pipeline.js';
import type { PipelineState } from '../../domain/pipeline-state.js';
import type { ScheduleState } from '../../domain/schedule/schedule-state.js';
import { nextCheckAfter } from '../../domain/schedule/spread.js';
import type { SourceRepository } from '../../ports/external-systems.js';
import { newRunId } from '../run-ids.js';
import type { Firing } from './firing.js';

type DataState = NonNullable<ScheduleState['dataChange']>;

/**
 * The data fingerprint of the branch head, computed as the `versionData` step does: over each tracked output's path
 * and md5, as the `.dvc` / `dvc.lock` files state them (a directory's md5 is its manifest's, which changes exactly when
 * a file in it does), so no object store is read.
 */
async function headFingerprint(source: SourceRepository, pipeline: Pipeline, commitSha: string): Promise<string> {
  const outs: DvcOutput[] = [];
  for (const file of pipeline.data.dvcFiles) {
    const text = await source.readFile(pipeline.source, commitSha, file);
    if (text === null) throw new AppError('VALIDATION', `Tracked DVC file '${file}' does not exist at commit ${commitSha.slice(0, 12)}`);
    outs.push(...parseTrackedFile(text, file));
  }
  return dataFingerprint(outs);
}

/**
 * The polled data-change rule at `now`, when its check is due: resolve the branch head (an unmoved head reuses the
 * fingerprint of the last check), fingerprint its data, and fire one run per fingerprint that differs from the
 * champion's (without a recorded champion fingerprint: from the last one seen). The next check falls at the
 * pipeline's offset in the next period. A source that cannot be read skips this check, with the reason. A due check
 * the tick has no budget for (`allowed` false) waits for the next tick, its bookkeeping untouched.
 */
export async function dataChangeRule(
  source: SourceRepository,
  pipeline: Pipeline,
  state: PipelineState,
  now: Date,
  allowed = true,
): Promise<{ firing?: Firing; dataChange?: DataState; skipped?: string; deferred?: true }> {
  const every = pipeline.retrainOn.dataChange.every;
  if (every === undefined) return {};
  const kept = state.schedule.dataChange?.every === every ? state.schedule.dataChange : undefined;
  if (kept && Date.parse(kept.nextCheckAt) > now.getTime()) return {};
  if (!allowed) return kept ? { deferred: true } : {};
  const nextCheckAt = nextCheckAfter(pipeline.id, every, now).toISOString();
  let commitSha: string;
  let fingerprint: string;
  try {
    commitSha = await source.resolveCommit(pipeline.source);
    fingerprint = kept?.commitSha === commitSha && kept.fingerprint ? kept.fingerprint : await headFingerprint(source, pipeline, commitSha);
  } catch (e) {
    return { dataChange: { ...kept, every, nextCheckAt }, skipped: `data check failed: ${e instanceof Error ? e.message : String(e)}`.slice(0, 2000) };
  }
  const reference = state.champion?.dataFingerprint ?? kept?.fingerprint;
  const fire = reference !== undefined && fingerprint !== reference && fingerprint !== kept?.firedFor;
  const firedFor = fire ? fingerprint : fingerprint === reference ? undefined : kept?.firedFor;
  const dataChange: DataState = { every, nextCheckAt, commitSha, fingerprint, ...(firedFor !== undefined ? { firedFor } : {}) };
  if (!fire) return { dataChange };
  const detail = `data at ${commitSha.slice(0, 12)} has fingerprint ${fingerprint.slice(0, 12)}, the champion's is ${reference.slice(0, 12)}`;
  return {
    dataChange,
    firing: {
      kind: 'data-change',
      runId: newRunId(now, { scope: `data-change:${pipeline.id}`, key: fingerprint }),
      dedupKey: `data:${fingerprint}`,
      sourceEventId: fingerprint,
      reason: `data changed: ${detail}`,
      detail,
    },
  };
}
