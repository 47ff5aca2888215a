import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import type { Run } from '../../shared/domain/run.js';
import type { ModelVersionInfo } from '../../shared/ports/external-systems.js';
import { AppError } from '../../shared/domain/errors.js';
import { mlflowTags } from '../../shared/durable/instance-ids.js';
import type { promote } from './contracts.js';
import { completeStep, inStep, snapshotOf } from '../../shared/use-cases/run-record.js';
import { recordPromotion } from '../../shared/use-cases/champion.js';
import { emitRunEvents } from '../../shared/use-cases/run-events.js';

/** The alias that marks the production model. */
export const CHAMPION_ALIAS = 'champion';
/** The alias the tracker moves to each newly registered version (the latest candidate). */
export const CHALLENGER_ALIAS = 'challenger';

/**
 * Register the run's model as a version of the pipeline's registered model, with its lineage tags, and let it carry
 * the `challenger` alias. The tracker finds an earlier registration by the `mlcycle.run_id` tag, so calling this again
 * (a redelivery, or promote after evaluate) adds no version.
 */
export async function registerChallenger(services: Pick<Services, 'tracker'>, run: Run): Promise<ModelVersionInfo> {
  const p = snapshotOf(run);
  const mlflow = run.lineage.mlflow;
  if (!mlflow) throw new AppError('INTERNAL', `Run '${run.id}' has no MLflow run to register`);
  const modelUri = run.steps.find((s) => s.name === 'collectResults')?.outputs?.modelUri;
  const tags: Record<string, string> = { [mlflowTags.runId]: run.id, [mlflowTags.pipelineId]: run.pipelineId };
  if (run.lineage.commitSha) tags[mlflowTags.commitSha] = run.lineage.commitSha;
  if (run.lineage.data) tags[mlflowTags.dataFingerprint] = run.lineage.data.fingerprint;
  if (run.lineage.image?.digest) tags[mlflowTags.imageDigest] = run.lineage.image.digest;
  if (run.traceparent) tags[mlflowTags.traceparent] = run.traceparent;
  return services.tracker.registerVersion({
    modelName: p.mlflow.registeredModelName,
    source: typeof modelUri === 'string' ? modelUri : `runs:/${mlflow.runId}/model`,
    mlflowRunId: mlflow.runId,
    runId: run.id,
    tags,
  });
}

/**
 * Step 7: register the model version (the tracker finds an earlier one by the `mlcycle.run_id` tag, so a retry adds
 * none) and point the champion alias at it. An approval that was rejected or expired records the outcome instead.
 */
export function promoteActivity(services: Pick<Services, 'runs' | 'now' | 'tracing' | 'tracker' | 'pipelineStates' | 'events'>) {
  return (input: z.output<typeof promote.input>): Promise<z.input<typeof promote.output>> =>
    inStep(services, input.runId, 'promote', async (run) => {
      const p = snapshotOf(run);
      const approval = input.approval;
      if (approval && approval.outcome !== 'approved') {
        const outcome = approval.outcome === 'rejected' ? ('reject' as const) : ('hold' as const);
        const output = { promoted: false };
        await completeStep(
          services,
          run,
          'promote',
          output,
          (r) => ({
            ...r,
            status: 'running',
            ...(r.decision
              ? { decision: { ...r.decision, outcome, summary: `${outcome}: approval ${approval.outcome}${approval.by ? ` by ${approval.by}` : ''}; ${r.decision.summary}`.slice(0, 4000), approval: { required: true, outcome: approval.outcome, ...(approval.by ? { by: approval.by } : {}) } } }
              : {}),
          }),
          'skipped',
        );
        return output;
      }
      // Evaluate registered the challenger and recorded its version: reuse it rather than search the registry again.
      const model = run.lineage.model;
      const version = model?.name === p.mlflow.registeredModelName ? model.version : (await registerChallenger(services, run)).version;
      return promoteVersion(services, run, version, approval);
    });
}

/**
 * Point the champion alias at `version` (the run's registered challenger), complete step 7 with the lineage, record
 * the new champion in the pipeline state and emit `registered` (if evaluate did not) and `promoted`. Moving an alias
 * to where it already is changes nothing, and the state and events are keyed by the run, so a repeat is harmless.
 */
export async function promoteVersion(
  services: Pick<Services, 'runs' | 'now' | 'tracker' | 'pipelineStates' | 'events'>,
  run: Run,
  version: string,
  approval?: { outcome: 'approved' | 'rejected' | 'expired'; by?: string | undefined },
): Promise<{ promoted: true; version: string }> {
  const p = snapshotOf(run);
  await services.tracker.setAlias(p.mlflow.registeredModelName, CHAMPION_ALIAS, version);
  const output = { promoted: true as const, version };
  const previous = run.decision?.championVersion;
  await completeStep(services, run, 'promote', output, (r) => ({
    ...r,
    status: 'running',
    lineage: { ...r.lineage, model: { name: p.mlflow.registeredModelName, version, aliasesMoved: [CHALLENGER_ALIAS, CHAMPION_ALIAS], ...(previous ? { previousChampion: previous } : {}) } },
    ...(r.decision && approval ? { decision: { ...r.decision, approval: { required: true, outcome: approval.outcome, ...(approval.by ? { by: approval.by } : {}) } } } : {}),
  }));
  const modelName = p.mlflow.registeredModelName;
  await recordPromotion(services, run, modelName, version);
  const model = { modelName, modelVersion: version };
  await emitRunEvents(services, run, [
    { key: 'registered', type: 'mlcycle.model.registered', data: { kind: run.kind, ...model } },
    { key: 'promoted', type: 'mlcycle.model.promoted', data: { kind: run.kind, ...model, ...(previous ? { fromVersion: previous } : {}) } },
  ], { bestEffort: true });
  return output;
}
