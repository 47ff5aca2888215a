import { AppError } from '../../domain/errors.js';
import type { Pipeline } from '../../domain/pipeline.js';
import type { Run, RunTrigger } from '../../domain/run.js';
import { newRunId } from '../run-ids.js';
import { repeatStart, startRun, type StartRunRequest } from '../start-run.js';
import type { HookEvaluation } from './deps.js';

/** A run a hook asks for: on which commit, of which kind, keyed by what (the same key always names the same run). */
export interface HookRunRequest {
  pipeline: Pipeline;
  commitSha: string;
  trigger: RunTrigger;
  /** What makes two requests the same run (a commit for training runs, a PR and its source commit for validation). */
  dedupKey: string;
  kind: 'training' | 'validation';
  pullRequestId?: number;
}

/** The run id a hook request maps to: the same key always names the same run. */
function hookRunId(ev: HookEvaluation, pipelineId: string, kind: 'training' | 'validation', dedupKey: string): string {
  const scope = kind === 'training' ? `ado-commit:${pipelineId}` : `ado-pr:${pipelineId}`;
  return newRunId(ev.deps.now(), { scope, key: dedupKey });
}

/** Whether the run this key names was started already (so its checks need not be made again). */
export async function startedBefore(ev: HookEvaluation, pipeline: Pipeline, kind: 'training' | 'validation', dedupKey: string): Promise<boolean> {
  const runId = hookRunId(ev, pipeline.id, kind, dedupKey);
  const run = await ev.deps.runs.get(pipeline.id, runId);
  if (run) ev.knownRuns.set(runId, run);
  return run !== null;
}

/**
 * Start the run a hook asks for under the pipeline's concurrency rule. Training runs are keyed by commit alone, so the
 * push a completed pull request makes and the completion itself start one run between them. startRun writes the
 * trigger record; a refusal by the concurrency rule is an outcome, not a failure of the delivery.
 */
export async function startFromHook(ev: HookEvaluation, req: HookRunRequest): Promise<Run | null> {
  const { pipeline } = req;
  const runId = hookRunId(ev, pipeline.id, req.kind, req.dedupKey);
  try {
    const known = ev.knownRuns.get(runId);
    const start = known ? (r: StartRunRequest) => repeatStart(ev.deps, r, known) : (r: StartRunRequest) => startRun(ev.deps, r);
    const { run, created } = await start({
      pipelineId: pipeline.id,
      runId,
      trigger: req.trigger,
      dedupKey: req.dedupKey,
      evaluationId: ev.evaluationId(pipeline.id),
      ref: req.commitSha,
      kind: req.kind,
      ...(req.pullRequestId !== undefined ? { pullRequestId: req.pullRequestId } : {}),
    });
    const decision = created ? (run.queuedBehind ? 'queued' : 'started') : 'deduplicated';
    await ev.decide(pipeline.id, req.trigger.kind, req.dedupKey, decision, `${req.kind} run on ${req.commitSha.slice(0, 12)}`, run.id, true);
    return run;
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') {
      await ev.decide(pipeline.id, req.trigger.kind, req.dedupKey, 'concurrency', e.message, undefined, true);
      return null;
    }
    if (e instanceof AppError && e.code === 'NOT_FOUND') {
      // Deleted between the match and the start: nothing to run.
      await ev.decide(pipeline.id, req.trigger.kind, req.dedupKey, 'ignored', 'the pipeline was deleted', undefined, true);
      return null;
    }
    throw e;
  }
}
