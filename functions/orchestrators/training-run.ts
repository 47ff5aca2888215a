import type { OrchestrationContext, Task } from 'durable-functions';
import { z } from '../../shared/domain/zod.js';
import { errorInfoSchema, stepNames, type ErrorInfo, type StepName } from '../../shared/domain/run.js';
import { callActivity } from '../../shared/durable/call-activity.js';
import { adoptRunTrace, withRunTrace } from '../../shared/durable/run-trace.js';
import { approvalEventSchema } from '../../shared/durable/events.js';
import { eventNames, imageInstanceId, orchestratorNames, trainingInstanceId } from '../../shared/durable/instance-ids.js';
import { after, HOUR_MS, nowIso } from '../../shared/durable/timers.js';
import { trainingRunInputSchema, type ParsedTrainingRunInput } from '../../shared/durable/training-run-input.js';
import { imageWaitPolicy, trainingWaitPolicy } from '../../shared/durable/wait-policy.js';
import * as A from '../activities/contracts.js';
import type { AwaitImageBuildInput } from './await-image-build.js';
import type { AwaitTrainingInput } from './await-training.js';
import { RunProgress } from './run-progress.js';
import { waitOutcomeSchema, type WaitOutcome } from './wait-loop.js';

/** What a `trainingRun` instance returns. */
export const trainingRunOutputSchema = z.object({
  runId: z.string(),
  status: z.enum(['succeeded', 'failed', 'skipped']),
  reason: z.string().optional(),
  failedStep: z.enum(stepNames).optional(),
  error: errorInfoSchema.optional(),
  outcome: z.enum(['promote', 'hold', 'reject']).optional(),
  modelVersion: z.string().optional(),
  reportError: errorInfoSchema.optional(),
});
export type TrainingRunOutput = z.infer<typeof trainingRunOutputSchema>;

type Gen<T> = Generator<Task, T, unknown>;
type Outputs = { [K in keyof typeof A.stepOutputSchemas]: z.output<(typeof A.stepOutputSchemas)[K]> };

/** The outputs a retry carried for `step`, decoded with the step's output schema (undefined when not carried). */
function carried<K extends StepName>(input: ParsedTrainingRunInput, step: K): Outputs[K] | undefined {
  const from = input.resumeFrom;
  if (!from || stepNames.indexOf(step) >= stepNames.indexOf(from.step)) return undefined;
  const parsed = A.stepOutputSchemas[step].safeParse(from.outputs[step]);
  return parsed.success ? (parsed.data as Outputs[K]) : undefined;
}

/** Run a sub-orchestration and decode its outcome; a crash of the sub-orchestration is a failure, not a throw. */
function* subOrchestration(context: OrchestrationContext, name: string, input: unknown, instanceId: string): Gen<WaitOutcome> {
  try {
    const raw = yield context.df.callSubOrchestrator(name, withRunTrace(context, input as object), instanceId);
    const parsed = waitOutcomeSchema.safeParse(raw);
    return parsed.success ? parsed.data : { state: 'failed', error: { code: 'INTERNAL', message: `${name} returned an unexpected value` } };
  } catch (e) {
    return { state: 'failed', error: { code: 'INTERNAL', message: `${name} failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}` } };
  }
}

/** A wait outcome other than success as a step error. */
function waitError(step: string, w: WaitOutcome): ErrorInfo {
  if (w.error) return w.error;
  return { code: w.state === 'timeout' ? 'TIMEOUT' : 'PERMANENT', message: `${step} ended ${w.state}` };
}

/**
 * Wait for `approval` until the policy's deadline; an invalid payload is ignored and the wait goes on. Each round
 * uses a fresh timer for the same deadline: a task already scheduled must not be yielded in a new `Task.any`.
 */
function* awaitApproval(context: OrchestrationContext, timeoutHours: number): Gen<{ outcome: 'approved' | 'rejected' | 'expired'; by?: string }> {
  const deadline = after(context, timeoutHours * HOUR_MS);
  for (;;) {
    const timer = context.df.createTimer(deadline);
    const event = context.df.waitForExternalEvent(eventNames.approval);
    const winner = yield context.df.Task.any([event, timer]);
    if (winner === timer) return { outcome: 'expired' };
    timer.cancel();
    const parsed = approvalEventSchema.safeParse(event.result);
    if (!parsed.success) continue;
    return { outcome: parsed.data.approved ? 'approved' : 'rejected', ...(parsed.data.by !== undefined ? { by: parsed.data.by } : {}) };
  }
}

/**
 * The training run (docs/architecture.md, "The run"): resolveSource → versionData → ensureImage → train → collectResults → evaluate →
 * promote → report. Deterministic: all I/O is in activities; waits for the image build and for training happen in
 * sub-orchestrations (`${runId}:image`, `${runId}:train`) so this history stays short whatever they take.
 */
export function* trainingRunOrchestrator(context: OrchestrationContext): Gen<TrainingRunOutput> {
  const parsed = trainingRunInputSchema.safeParse(context.df.getInput());
  if (!parsed.success) {
    context.df.setCustomStatus({ status: 'failed', reason: 'invalid orchestration input' });
    return { runId: context.df.instanceId, status: 'failed', reason: 'invalid orchestration input', error: { code: 'VALIDATION', message: parsed.error.issues.map((i) => i.message).join('; ').slice(0, 1000) } };
  }
  const input = parsed.data;
  adoptRunTrace(context, input);
  const { runId } = input;
  const progress = new RunProgress(context, runId);
  for (const s of stepNames) if (carried(input, s) !== undefined) progress.set(s, 'succeeded');

  /** Close the run through the report activity and return the orchestration output. */
  function* finish(out: Omit<TrainingRunOutput, 'runId'>): Gen<TrainingRunOutput> {
    progress.start('report');
    const reported = yield* callActivity(context, A.report, {
      runId,
      status: out.status,
      ...(out.reason !== undefined ? { reason: out.reason } : {}),
      ...(out.failedStep !== undefined ? { failedStep: out.failedStep } : {}),
      ...(out.error !== undefined ? { error: out.error } : {}),
    });
    if (out.failedStep) progress.set(out.failedStep, 'failed');
    progress.set('report', reported.ok ? 'succeeded' : 'failed');
    progress.skipRemaining();
    progress.run(out.status, out.reason);
    return { runId, ...out, ...(reported.ok ? {} : { reportError: reported.error }) };
  }
  function* fail(step: StepName, error: ErrorInfo): Gen<TrainingRunOutput> {
    return yield* finish({ status: 'failed', failedStep: step, error, reason: `${step} failed: ${error.message}`.slice(0, 4000) });
  }

  // 1. resolveSource (the first activity also creates the run record and snapshots the pipeline).
  progress.start('resolveSource');
  const started = yield* callActivity(context, A.startRun, input);
  if (!started.ok) return yield* fail('resolveSource', started.error);
  progress.set('resolveSource', 'succeeded');
  const { commitSha } = carried(input, 'resolveSource') ?? started.value;

  // 2. versionData, and the skip rule: same commit and data as the champion, unless forced.
  let data = carried(input, 'versionData');
  if (!data) {
    progress.start('versionData');
    const r = yield* callActivity(context, A.versionData, { runId, commitSha });
    if (!r.ok) return yield* fail('versionData', r.error);
    progress.set('versionData', 'succeeded');
    data = r.value;
    if (data.sameAsChampion !== null && !input.force) {
      return yield* finish({ status: 'skipped', reason: `no change: commit ${commitSha.slice(0, 12)} and data ${data.fingerprint.slice(0, 12)} are those of champion version ${data.sameAsChampion}` });
    }
  }

  // 3. ensureImage: reuse the content-tagged image, or build it and wait.
  if (!carried(input, 'ensureImage')) {
    progress.start('ensureImage');
    const r = yield* callActivity(context, A.ensureImage, { runId, commitSha });
    if (!r.ok) return yield* fail('ensureImage', r.error);
    if (r.value.digest === undefined) {
      const wait: AwaitImageBuildInput = { runId, tag: r.value.tag, policy: imageWaitPolicy, startedAt: nowIso(context) };
      const built = yield* subOrchestration(context, orchestratorNames.awaitImageBuild, wait, imageInstanceId(runId));
      if (built.state !== 'succeeded') return yield* fail('ensureImage', waitError('image build', built));
    }
    progress.set('ensureImage', 'succeeded');
  }

  // 4. train: trigger the dag run and wait for it (event, slow polling fallback, deadline).
  if (!carried(input, 'train')) {
    progress.start('train');
    const wait: AwaitTrainingInput = { runId, policy: trainingWaitPolicy, startedAt: nowIso(context) };
    const trained = yield* subOrchestration(context, orchestratorNames.awaitTraining, wait, trainingInstanceId(runId));
    if (trained.state !== 'succeeded') return yield* fail('train', waitError('training', trained));
    progress.set('train', 'succeeded');
  }

  // 5. collectResults.
  if (!carried(input, 'collectResults')) {
    progress.start('collectResults');
    const r = yield* callActivity(context, A.collectResults, { runId });
    if (!r.ok) return yield* fail('collectResults', r.error);
    progress.set('collectResults', 'succeeded');
  }

  // 6. evaluate (which also promotes when the decision is `promote` and no approval is needed).
  let decision = carried(input, 'evaluate');
  let promoted = carried(input, 'promote');
  if (!decision) {
    progress.start('evaluate');
    const r = yield* callActivity(context, A.evaluate, { runId });
    if (!r.ok) return yield* fail('evaluate', r.error);
    progress.set('evaluate', 'succeeded');
    decision = r.value;
    if (r.value.promotion) {
      progress.set('promote', 'succeeded');
      promoted = r.value.promotion;
    }
  }

  // 7. promote: training runs only, on a `promote` decision, after approval when the policy asks for it.
  if (!promoted && started.value.kind === 'training' && decision.outcome === 'promote') {
    let approval: { outcome: 'approved' | 'rejected' | 'expired'; by?: string } | undefined;
    if (decision.approvalRequired) {
      progress.run('waiting-approval');
      approval = yield* awaitApproval(context, started.value.approval.timeoutHours);
      progress.run('running');
    }
    progress.start('promote');
    const r = yield* callActivity(context, A.promote, { runId, ...(approval ? { approval } : {}) });
    if (!r.ok) return yield* fail('promote', r.error);
    progress.set('promote', r.value.promoted ? 'succeeded' : 'skipped');
    promoted = r.value;
    if (approval && approval.outcome !== 'approved') {
      const outcome = approval.outcome === 'rejected' ? 'reject' : 'hold';
      const reason = approval.outcome === 'rejected' ? `rejected by ${approval.by ?? 'an approver'}` : `approval expired after ${started.value.approval.timeoutHours} h`;
      return yield* finish({ status: 'succeeded', outcome, reason });
    }
  }

  // 8. report.
  const outcome = decision.outcome;
  const reason = promoted?.promoted ? `promoted as version ${promoted.version ?? '?'}` : `decision: ${outcome}`;
  return yield* finish({ status: 'succeeded', outcome, reason, ...(promoted?.version !== undefined ? { modelVersion: promoted.version } : {}) });
}
