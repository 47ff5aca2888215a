import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import { initialSteps, stepNames, type Lineage, type Run, type StepName } from '../../shared/domain/run.js';
import type { startRun } from './contracts.js';
import { completeStep, noteAttempt, updateRun, withStep } from '../../shared/use-cases/run-record.js';
import { originalOf, pinnedCommit, reproductionSnapshot } from './reproduction.js';
import { emitRunEvents } from '../../shared/use-cases/run-events.js';

type Input = z.output<typeof startRun.input>;
type Output = z.input<typeof startRun.output>;

/** Which lineage field each step fills, so a retry can carry the lineage of the steps it skips. */
const lineageOfStep: Partial<Record<StepName, keyof Lineage>> = {
  resolveSource: 'commitSha',
  versionData: 'data',
  ensureImage: 'image',
  train: 'airflow',
  collectResults: 'mlflow',
  promote: 'model',
};

/** Steps the input carries from an earlier run (those before `resumeFrom.step`). */
function carriedSteps(input: Input): StepName[] {
  const from = input.resumeFrom;
  return from ? stepNames.slice(0, stepNames.indexOf(from.step)) : [];
}

/** Record the carried steps (outputs, lineage and decision of the run they come from) on the new run. */
async function carryOver(services: Pick<Services, 'runs' | 'now'>, input: Input, run: Run): Promise<Run> {
  const steps = carriedSteps(input);
  if (steps.length === 0 || run.steps.every((s) => !steps.includes(s.name) || s.outputs?.carriedFrom !== undefined)) return run;
  const source = input.resumeFrom?.fromRunId ? await services.runs.find(input.resumeFrom.fromRunId) : null;
  const now = services.now().toISOString();
  return updateRun(services, run, (r) => {
    let next: Run = { ...r, lineage: { ...r.lineage } };
    for (const step of steps) {
      const key = lineageOfStep[step];
      if (key && source?.lineage[key] !== undefined) next.lineage = { ...next.lineage, [key]: source.lineage[key] };
      if (step === 'evaluate' && source?.decision) next.decision = source.decision;
      next = withStep(next, step, (s) => ({ ...s, status: 'succeeded', startedAt: now, finishedAt: now, outputs: { ...input.resumeFrom?.outputs[step], carriedFrom: input.resumeFrom?.fromRunId } }));
    }
    return next;
  });
}

/**
 * First activity of a run: create (or load) the run record, snapshot the pipeline, record carried steps, and resolve
 * the commit. A record created earlier by the HTTP endpoint (status `queued`) is taken over; a redelivery keeps the
 * first snapshot, so a pipeline edited mid-run never changes the run.
 */
export function startRunActivity(services: Pick<Services, 'pipelines' | 'runs' | 'now' | 'tracing' | 'source' | 'events'>) {
  return async (input: Input): Promise<Output> => {
    const pipeline = await services.pipelines.get(input.pipelineId);
    const existing = await services.runs.find(input.runId);
    if (!pipeline && !existing?.pipelineSnapshot) throw new AppError('NOT_FOUND', `Pipeline '${input.pipelineId}' was not found`);
    const now = services.now().toISOString();
    const fresh: Run = {
      id: input.runId,
      pipelineId: input.pipelineId,
      kind: input.kind,
      trigger: input.trigger,
      status: 'running',
      ...(input.ref !== undefined ? { ref: input.ref } : {}),
      force: input.force,
      params: input.params,
      steps: initialSteps(),
      lineage: {},
      ...(input.resumeFrom?.fromRunId ? { retryOf: input.resumeFrom.fromRunId } : {}),
      ...(input.pullRequestId !== undefined ? { pullRequestId: input.pullRequestId } : {}),
      ...(input.traceparent !== undefined ? { traceparent: input.traceparent } : {}),
      createdAt: now,
      updatedAt: now,
    };
    let run = existing ?? (await services.runs.create(fresh));
    if (run.status === 'cancelled') throw new AppError('PERMANENT', `Run '${input.runId}' was cancelled`);
    // A reproduction runs with its original's pipeline snapshot and commit (`reproduction.ts`).
    const original = run.kind === 'reproduction' ? await originalOf(services, run) : null;
    const snapshotNow = original ? reproductionSnapshot(original, pipeline) : pipeline ? (({ etag: _etag, ...rest }) => rest)(pipeline) : undefined;
    run = await updateRun(services, run, (r) => {
      const pipelineSnapshot = r.pipelineSnapshot ?? snapshotNow;
      return withStep(
        { ...r, status: r.status === 'queued' ? 'running' : r.status, ...(pipelineSnapshot ? { pipelineSnapshot } : {}) },
        'resolveSource',
        (s) => (s.status === 'succeeded' || carriedSteps(input).includes('resolveSource') ? s : { ...s, status: 'running', startedAt: s.startedAt ?? now, attempts: s.attempts + 1 }),
      );
    });
    if (run.steps.some((s) => s.name === 'resolveSource' && s.status === 'running')) noteAttempt(services, run, 'resolveSource');
    run = await carryOver(services, input, run);
    const snapshot = run.pipelineSnapshot;
    if (!snapshot) throw new AppError('INTERNAL', `Run '${input.runId}' has no pipeline snapshot`);
    await emitRunEvents(services, run, [{ key: 'started', type: 'mlcycle.run.started', data: { kind: run.kind, trigger: run.trigger.kind } }], { bestEffort: true });

    // A redelivered startRun must not re-resolve: the branch may have moved since the first delivery.
    const done = run.steps.find((s) => s.name === 'resolveSource' && s.status === 'succeeded')?.outputs?.commitSha;
    const known = input.resumeFrom?.outputs.resolveSource?.commitSha ?? done;
    let commitSha = typeof known === 'string' ? known : undefined;
    if (commitSha === undefined) {
      commitSha = original ? pinnedCommit(original) : await services.source.resolveCommit(snapshot.source, input.ref);
      const sha = commitSha;
      await completeStep(services, run, 'resolveSource', { commitSha: sha, ...(input.ref !== undefined ? { ref: input.ref } : {}) }, (r) => ({ ...r, lineage: { ...r.lineage, commitSha: sha } }));
    }
    return {
      commitSha,
      kind: run.kind,
      approval: { required: snapshot.policy.requireApproval, timeoutHours: snapshot.policy.approvalTimeoutHours },
    };
  };
}
