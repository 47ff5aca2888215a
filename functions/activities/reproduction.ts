import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Pipeline } from '../../shared/domain/pipeline.js';
import { compareMetrics, reproductionSummary } from '../../shared/domain/reproduction.js';
import type { Decision, Run } from '../../shared/domain/run.js';
import { completeStep, snapshotOf } from '../../shared/use-cases/run-record.js';

/*
 * The steps of a reproduction (`kind: 'reproduction'`, docs/architecture.md "The run") where they differ from a
 * training run's: everything is pinned to the original run's lineage (commit, data fingerprint, image digest; its
 * params travel in the run record), nothing is resolved or built, and evaluate compares metrics instead of judging.
 */

/** The run a reproduction reproduces (permanent failure when the record names none or it is gone). */
export async function originalOf(services: Pick<Services, 'runs'>, run: Run): Promise<Run> {
  // A reproduction runs in its original's pipeline: a point read, not a query across pipelines.
  const original = run.reproduceOf ? await services.runs.get(run.pipelineId, run.reproduceOf) : null;
  if (!original) throw new AppError('PERMANENT', `Reproduction '${run.id}' has no original run${run.reproduceOf ? ` ('${run.reproduceOf}' is gone)` : ''}`);
  return original;
}

/**
 * The pipeline a reproduction runs with: the original's snapshot (the DVC files, image repository and DAG it trained
 * with), judged by the pipeline's reproducibility tolerances as they are now.
 */
export function reproductionSnapshot(original: Run, current: Pipeline | null): Omit<Pipeline, 'etag'> | undefined {
  const now = current ? (({ etag: _etag, ...rest }) => rest)(current) : undefined;
  const base = original.pipelineSnapshot ?? now;
  return base && current ? { ...base, reproducibility: current.reproducibility } : base;
}

/** Step 1 of a reproduction: the original's commit, never a ref resolved again. */
export function pinnedCommit(original: Run): string {
  const commitSha = original.lineage.commitSha;
  if (!commitSha) throw new AppError('PERMANENT', `Run '${original.id}' records no commit to reproduce`);
  return commitSha;
}

/** Step 3 of a reproduction: the original's image, by digest, if the registry still has it; never a build. */
export async function ensurePinnedImage(services: Pick<Services, 'runs' | 'now' | 'registry'>, run: Run): Promise<{ tag: string; digest: string }> {
  const image = (await originalOf(services, run)).lineage.image;
  if (!image?.digest) throw new AppError('PERMANENT', `Run '${run.reproduceOf ?? '?'}' records no image digest to reproduce with`);
  const { registry, repository, tag, digest } = image;
  if (!(await services.registry.hasManifest(registry, repository, digest))) {
    throw new AppError('PERMANENT', `The image ${registry}/${repository}@${digest} is gone from the registry; a reproduction never rebuilds`, { details: { registry, repository, digest } });
  }
  const output = { tag, digest };
  await completeStep(services, run, 'ensureImage', output, (r) => ({ ...r, lineage: { ...r.lineage, image: { registry, repository, tag, digest, built: false } } }));
  return output;
}

/** Step 2 of a reproduction: the data at the pinned commit must be the data the original trained on. */
export function assertPinnedData(original: Run, commitSha: string, fingerprint: string): void {
  const expected = original.lineage.data?.fingerprint;
  if (expected !== fingerprint) {
    throw new AppError('PERMANENT', `The data at commit ${commitSha.slice(0, 12)} has fingerprint ${fingerprint}, not the ${expected ?? 'unrecorded'} run '${original.id}' trained on`, {
      details: { commitSha, fingerprint, ...(expected !== undefined ? { expected } : {}) },
    });
  }
}

/**
 * Step 6 of a reproduction: compare each of the original's metrics with the reproduced one under the pipeline's
 * tolerances and record the comparison. The outcome is always `hold`: a reproduction registers and promotes nothing.
 */
export async function evaluateReproduction(services: Pick<Services, 'runs' | 'now'>, run: Run): Promise<{ outcome: 'hold'; approvalRequired: false }> {
  const metrics = run.lineage.mlflow?.metrics;
  if (!metrics) throw new AppError('INTERNAL', `Run '${run.id}' has no collected metrics`);
  const original = await originalOf(services, run);
  const reproduction = compareMetrics(original.id, original.lineage.mlflow?.metrics ?? {}, metrics, snapshotOf(run).reproducibility);
  const decision: Decision = { outcome: 'hold', summary: reproductionSummary(reproduction), rules: [] };
  const output = { outcome: 'hold' as const, approvalRequired: false as const };
  await completeStep(services, run, 'evaluate', output, (r) => ({ ...r, decision, reproduction }));
  return output;
}
