import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Run } from '../../shared/domain/run.js';
import { runLink } from '../../shared/domain/run-link.js';
import type { PullRequestStatusState } from '../../shared/ports/external-systems.js';
import { dagRunIdFor } from '../../shared/durable/instance-ids.js';
import type { report } from './contracts.js';
import { pullRequestComment } from './pull-request-comment.js';
import { releaseQueuedRun } from '../../shared/use-cases/release-queued.js';
import { emitRunEvents, type RunEventSpec } from '../../shared/use-cases/run-events.js';
import { loadRun, noteAttempt, snapshotOf, updateRun, withStep } from '../../shared/use-cases/run-record.js';

type Input = z.output<typeof report.input>;

/**
 * A validation run's pull-request status: a challenger the policy would promote or hold passes, one it rejects fails
 * (it is worse than the champion or breaks a guard-rail), and a run that could not finish is an error.
 */
function validationStatus(run: Run): { state: PullRequestStatusState; description: string } {
  const d = run.decision;
  if (run.status !== 'succeeded' || !d) return { state: 'error', description: `validation ${run.status}: ${run.reason ?? ''}`.slice(0, 140) };
  const description = d.summary.startsWith(`${d.outcome}:`) ? d.summary : `${d.outcome}: ${d.summary}`;
  return { state: d.outcome === 'reject' ? 'failed' : 'succeeded', description: description.slice(0, 140) };
}

/** The run's final status: what the orchestration decided, unless a cancel landed first. */
const finalStatus = (r: Run, input: Input): Run['status'] => (r.status === 'cancelled' ? 'cancelled' : input.status);

/**
 * Prepare the record for closing: reason, the failed step with its error, the steps never reached skipped, report
 * running. The final status is written only with the report step's own outcome (`close`), in the same write, so a
 * reader never sees a finished run whose report is still running.
 */
function finalize(r: Run, input: Input, now: string): Run {
  let next: Run = {
    ...r,
    ...(r.reason === undefined && input.reason !== undefined ? { reason: input.reason } : {}),
    steps: r.steps.map((s) => (s.status === 'pending' && s.name !== 'report' ? { ...s, status: 'skipped' as const } : s)),
  };
  if (input.failedStep) {
    next = withStep(next, input.failedStep, (s) => ({ ...s, status: 'failed', finishedAt: s.finishedAt ?? now, ...(input.error ? { error: input.error } : {}) }));
  }
  return withStep(next, 'report', (s) => ({ ...s, status: 'running', startedAt: s.startedAt ?? now, attempts: s.attempts + 1 }));
}

/** The closing write: final status and finish time together with the report step's outcome. */
function close(r: Run, input: Input, now: string, report: Partial<Run['steps'][number]>): Run {
  return withStep({ ...r, status: finalStatus(r, input), finishedAt: r.finishedAt ?? now }, 'report', (s) => {
    // A report that succeeds on a later attempt drops the error an earlier attempt left.
    const { error: _earlier, ...rest } = s;
    return { ...(report.status === 'succeeded' ? rest : s), finishedAt: now, ...report };
  });
}

/** The events a closing run emits: the failed step first, then its final status (docs/events.md). */
function closingEvents(run: Run, input: Input): RunEventSpec[] {
  const events: RunEventSpec[] = [];
  if (input.failedStep) {
    events.push({ key: `stepFailed:${input.failedStep}`, type: 'mlcycle.run.stepFailed', data: { kind: run.kind, step: input.failedStep, ...(input.error ? { error: input.error } : {}) } });
  }
  const status = run.status === 'succeeded' || run.status === 'failed' || run.status === 'skipped' || run.status === 'cancelled' ? run.status : 'failed';
  events.push({
    key: status,
    type: `mlcycle.run.${status}`,
    data: {
      kind: run.kind,
      status,
      ...(run.reason !== undefined ? { reason: run.reason } : {}),
      ...(run.lineage.commitSha !== undefined ? { commitSha: run.lineage.commitSha } : {}),
      ...(run.lineage.data ? { dataFingerprint: run.lineage.data.fingerprint } : {}),
      ...(run.decision ? { outcome: run.decision.outcome } : {}),
      ...(run.lineage.model ? { modelName: run.lineage.model.name, modelVersion: run.lineage.model.version } : {}),
    },
  });
  return events;
}

/**
 * Step 8: finish the run record, emit the step-failed and final-status events through the run's outbox (a
 * redelivery sends nothing twice), and for validation runs set the commit status and update the PR comment.
 */
export function reportActivity(services: Pick<Services, 'config' | 'runs' | 'now' | 'tracing' | 'runRequests' | 'scheduler' | 'events' | 'review'>) {
  return async (input: Input): Promise<z.input<typeof report.output>> => {
    const now = services.now().toISOString();
    const prepared = await updateRun(services, await loadRun(services, input.runId), (r) => finalize(r, input, now));
    noteAttempt(services, prepared, 'report');
    // What the event and the PR comment describe: the run as it will be once closed.
    const run: Run = { ...prepared, status: finalStatus(prepared, input), finishedAt: prepared.finishedAt ?? now };
    try {
      const p = snapshotOf(run);
      if (input.failedStep === 'train' && input.error?.code === 'TIMEOUT') {
        // The deadline passed: stop the dag run rather than let it train a model nobody will collect.
        await services.scheduler.markFailed(p.airflow.dagId, dagRunIdFor(run.id));
      }
      await emitRunEvents(services, run, closingEvents(run, input));
      if (run.kind === 'validation' && run.pullRequestId !== undefined) {
        const link = runLink(services.config.publicBaseUrl, run.id);
        await services.review.setPullRequestStatus({
          source: p.source,
          pullRequestId: run.pullRequestId,
          name: run.pipelineId,
          ...validationStatus(run),
          ...(link ? { targetUrl: link } : {}),
        });
        await services.review.upsertPullRequestThread({ source: p.source, pullRequestId: run.pullRequestId, key: run.pipelineId, revision: run.id, content: pullRequestComment(run, { publicBaseUrl: services.config.publicBaseUrl, mlflowUrl: services.config.mlflow?.trackingUri }) });
      }
    } catch (e) {
      // Close the record on any failure, retryable or not: the run's outcome is known, and a redelivered report that
      // then succeeds turns the step to succeeded. Otherwise exhausted retries would leave the run `running` forever.
      const error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'TRANSIENT', message: 'reporting failed; it is retried' };
      await updateRun(services, run, (r) => close(r, input, now, { status: 'failed', error }));
      throw e;
    }
    await updateRun(services, run, (r) => close(r, input, now, { status: 'succeeded', outputs: {} }));
    await releaseQueuedRun(services, run);
    return {};
  };
}
