import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Run } from '../../shared/domain/run.js';
import { dagRunIdFor, runEventId } from '../../shared/durable/instance-ids.js';
import type { report } from './contracts.js';
import { loadRun, snapshotOf, updateRun, withStep } from './run-record.js';

type Input = z.output<typeof report.input>;

/** The markdown posted on a pull request: decision, and each rule with challenger and champion values. */
export function pullRequestComment(run: Run): string {
  const lines = [`### mlcycle · ${run.pipelineId} · ${run.status}`, '', run.reason ?? ''];
  const d = run.decision;
  if (d) {
    lines.push('', `**Decision:** ${d.outcome}${d.championVersion ? ` (vs champion v${d.championVersion})` : ''}`, '', '| rule | metric | challenger | champion | threshold | ok |', '|---|---|---|---|---|---|');
    for (const r of d.rules) lines.push(`| ${r.rule} | ${r.metric} | ${r.challenger ?? '–'} | ${r.champion ?? '–'} | ${r.threshold ?? '–'} | ${r.passed ? '✅' : '❌'} |`);
  }
  return lines.join('\n').slice(0, 60_000);
}

/** Close the run record: final status and reason, the failed step with its error, the steps never reached skipped. */
function finalize(r: Run, input: Input, now: string): Run {
  const status = r.status === 'cancelled' ? 'cancelled' : input.status;
  let next: Run = {
    ...r,
    status,
    ...(r.reason === undefined && input.reason !== undefined ? { reason: input.reason } : {}),
    finishedAt: r.finishedAt ?? now,
    steps: r.steps.map((s) => (s.status === 'pending' && s.name !== 'report' ? { ...s, status: 'skipped' as const } : s)),
  };
  if (input.failedStep) {
    next = withStep(next, input.failedStep, (s) => ({ ...s, status: 'failed', finishedAt: s.finishedAt ?? now, ...(input.error ? { error: input.error } : {}) }));
  }
  return withStep(next, 'report', (s) => ({ ...s, status: 'running', startedAt: s.startedAt ?? now, attempts: s.attempts + 1 }));
}

/**
 * Step 8: finish the run record, publish the run event (its id derives from run and status, so a redelivery
 * publishes the same event), and for validation runs set the commit status and update the PR comment.
 */
export function reportActivity(services: Services) {
  return async (input: Input): Promise<z.input<typeof report.output>> => {
    const now = services.now().toISOString();
    const run = await updateRun(services, await loadRun(services, input.runId), (r) => finalize(r, input, now));
    try {
      const p = snapshotOf(run);
      if (input.failedStep === 'train' && input.error?.code === 'TIMEOUT') {
        // The deadline passed: stop the dag run rather than let it train a model nobody will collect.
        await services.scheduler.markFailed(p.airflow.dagId, dagRunIdFor(run.id));
      }
      await services.events.publish({
        id: runEventId(run.id, run.status),
        type: `mlcycle.run.${run.status}`,
        subject: `pipelines/${run.pipelineId}/runs/${run.id}`,
        data: {
          runId: run.id,
          pipelineId: run.pipelineId,
          kind: run.kind,
          status: run.status,
          reason: run.reason,
          commitSha: run.lineage.commitSha,
          dataFingerprint: run.lineage.data?.fingerprint,
          outcome: run.decision?.outcome,
          modelVersion: run.lineage.model?.version,
        },
      });
      if (run.kind === 'validation' && run.lineage.commitSha) {
        await services.review.setCommitStatus({
          source: p.source,
          commitSha: run.lineage.commitSha,
          state: run.status === 'failed' || run.status === 'cancelled' ? 'failed' : 'succeeded',
          description: (run.reason ?? run.status).slice(0, 140),
        });
        if (run.pullRequestId !== undefined) {
          await services.review.upsertPullRequestComment({ source: p.source, pullRequestId: run.pullRequestId, marker: `mlcycle:${run.pipelineId}`, content: pullRequestComment(run) });
        }
      }
    } catch (e) {
      if (e instanceof AppError && !e.retryable) {
        await updateRun(services, run, (r) => withStep(r, 'report', (s) => ({ ...s, status: 'failed', finishedAt: now, error: { code: e.code, message: e.message } })));
      }
      throw e;
    }
    await updateRun(services, run, (r) => withStep(r, 'report', (s) => ({ ...s, status: 'succeeded', finishedAt: now, outputs: {} })));
    return {};
  };
}
