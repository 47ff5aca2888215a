import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { CHALLENGER_ALIAS, promoteVersion, registerChallenger } from './promote.js';
import { AppError } from '../../shared/domain/errors.js';
import { evaluatePolicy } from '../../shared/domain/policy/evaluate.js';
import type { collectResults, evaluate } from './contracts.js';
import { completeStep, inStep, snapshotOf } from '../../shared/use-cases/run-record.js';
import { evaluateReproduction } from './reproduction.js';
import { adoptChampion } from '../../shared/use-cases/champion.js';
import { emitRunEvents, type RunEventSpec } from '../../shared/use-cases/run-events.js';

/** Step 5: find the MLflow run tagged `mlcycle.run_id` and record its metrics, params and artifact URI. */
export function collectResultsActivity(services: Pick<Services, 'runs' | 'now' | 'tracing' | 'tracker'>) {
  return (input: z.output<typeof collectResults.input>): Promise<z.input<typeof collectResults.output>> =>
    inStep(services, input.runId, 'collectResults', async (run) => {
      const p = snapshotOf(run);
      const tracked = await services.tracker.findRun(p.mlflow.experimentName, run.id);
      if (!tracked) {
        throw new AppError('PERMANENT', `No MLflow run tagged mlcycle.run_id=${run.id} in experiment '${p.mlflow.experimentName}': did the training log to MLflow?`);
      }
      if (tracked.status === 'FAILED' || tracked.status === 'KILLED') {
        throw new AppError('PERMANENT', `MLflow run ${tracked.runId} ended ${tracked.status}`);
      }
      const output = { mlflowRunId: tracked.runId, ...(tracked.modelUri !== undefined ? { modelUri: tracked.modelUri } : {}) };
      await completeStep(services, run, 'collectResults', output, (r) => ({
        ...r,
        lineage: {
          ...r.lineage,
          mlflow: {
            experimentId: tracked.experimentId,
            runId: tracked.runId,
            metrics: tracked.metrics,
            params: tracked.params,
            ...(tracked.artifactUri !== undefined ? { artifactUri: tracked.artifactUri } : {}),
          },
        },
      }));
      return output;
    });
}

/** Step 6: judge the challenger against the current champion and record the decision with every rule's numbers. */
export function evaluateActivity(services: Pick<Services, 'runs' | 'now' | 'tracing' | 'tracker' | 'pipelineStates' | 'events'>) {
  return (input: z.output<typeof evaluate.input>): Promise<z.input<typeof evaluate.output>> =>
    inStep(services, input.runId, 'evaluate', async (run) => {
      if (run.kind === 'reproduction') return evaluateReproduction(services, run);
      const p = snapshotOf(run);
      const metrics = run.lineage.mlflow?.metrics;
      if (!metrics) throw new AppError('INTERNAL', `Run '${run.id}' has no collected metrics`);
      const champion = await services.tracker.getChampion(p.mlflow.registeredModelName);
      // A champion moved by hand in the registry becomes the state's champion (`adopted`).
      if (champion) await adoptChampion(services, run.pipelineId, champion);
      const decision = evaluatePolicy(p.policy, metrics, champion ? { version: champion.version, metrics: champion.metrics } : null);
      const approvalRequired = decision.outcome === 'promote' && p.policy.requireApproval && run.kind === 'training';
      const output = { outcome: decision.outcome, ...(decision.championVersion !== undefined ? { championVersion: decision.championVersion } : {}), approvalRequired };
      // Every training candidate becomes a model version with the `challenger` alias, whatever the decision, so a held
      // or rejected model stays findable and comparable in the registry; PR validation runs register nothing.
      const challenger = run.kind === 'training' ? await registerChallenger(services, run) : undefined;
      const model = challenger ? { name: p.mlflow.registeredModelName, version: challenger.version, aliasesMoved: [CHALLENGER_ALIAS] } : undefined;
      await completeStep(services, run, 'evaluate', output, (r) => ({
        ...r,
        decision,
        ...(model ? { lineage: { ...r.lineage, model } } : {}),
        ...(approvalRequired ? { status: 'waiting-approval' as const } : {}),
      }));
      const events: RunEventSpec[] = [];
      if (challenger) events.push({ key: 'registered', type: 'mlcycle.model.registered', data: { kind: run.kind, modelName: challenger.name, modelVersion: challenger.version } });
      if (approvalRequired) events.push({ key: 'approvalRequested', type: 'mlcycle.run.approvalRequested', data: { kind: run.kind, outcome: decision.outcome, ...(challenger ? { modelName: challenger.name, modelVersion: challenger.version } : {}) } });
      await emitRunEvents(services, run, events, { bestEffort: true });
      if (decision.outcome !== 'promote' || approvalRequired || !challenger) return output;
      const promotion = await promoteAtOnce(services, run.id, challenger.version);
      return promotion ? { ...output, promotion } : output;
    });
}

/**
 * Step 7 done here when nothing stands between the decision and the promotion (no approval to wait for): one
 * activity instead of two after training. Any failure leaves the step to the `promote` activity, which the
 * orchestrator then calls as usual, so promote's retries and its failure reporting stay its own.
 */
async function promoteAtOnce(services: Pick<Services, 'runs' | 'now' | 'tracker' | 'pipelineStates' | 'events'>, runId: string, version: string): Promise<{ promoted: true; version: string } | undefined> {
  try {
    // Only the store and the clock: the promote step's attempt is not the attempt of this (evaluate) span.
    return await inStep({ runs: services.runs, now: services.now }, runId, 'promote', (run) => promoteVersion(services, run, version));
  } catch {
    return undefined;
  }
}
