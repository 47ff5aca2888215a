import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../domain/errors.js';
import type { Pipeline } from '../../domain/pipeline.js';
import type { PipelineState } from '../../domain/pipeline-state.js';
import { nextDueAt } from '../../domain/schedule/next-due.js';
import type { ScheduleState } from '../../domain/schedule/schedule-state.js';
import type { SourceRepository } from '../../ports/external-systems.js';
import type { PipelineStateStore } from '../../ports/pipeline-state-store.js';
import type { Logger } from '../../logging/logger.js';
import { startRun, type StartRunDeps } from '../start-run.js';
import { cronRule } from './cron-rule.js';
import { dataChangeRule } from './data-change-rule.js';
import type { Firing, ScheduleOutcome } from './firing.js';
import { stalenessRule } from './staleness-rule.js';

export interface SchedulerDeps extends StartRunDeps {
  pipelineStates: PipelineStateStore;
  source: SourceRepository;
  log: Logger;
}

type Rule = keyof ScheduleState;
const ruleOf: Record<Firing['kind'], Rule> = { schedule: 'cron', staleness: 'staleness', 'data-change': 'dataChange' };

/** Start one rule's run; false when a transient failure leaves the rule due, so the next tick tries again. */
async function fire(deps: SchedulerDeps, pipeline: Pipeline, f: Firing, evaluationId: string, outcomes: ScheduleOutcome[]): Promise<boolean> {
  const pipelineId = pipeline.id;
  const base = { pipelineId, kind: f.kind, runId: f.runId };
  try {
    const { created } = await startRun(deps, {
      pipelineId,
      runId: f.runId,
      trigger: { kind: f.kind, sourceEventId: f.sourceEventId, reason: f.reason },
      dedupKey: f.dedupKey,
      evaluationId,
      note: f.detail,
      // Read a moment ago for this evaluation: startRun need not read it again.
      pipeline,
    });
    outcomes.push({ ...base, result: created ? 'started' : 'already-started', detail: f.detail });
    return true;
  } catch (e) {
    // A refusal (concurrency, disabled) is this rule's answer for this slot or boundary, recorded by startRun.
    if (e instanceof AppError && !e.retryable) {
      outcomes.push({ ...base, result: 'refused', detail: e.message });
      return true;
    }
    deps.log.warn('scheduled run could not be started; the next tick tries again', { pipelineId, kind: f.kind, error: e instanceof Error ? e.message : String(e) });
    outcomes.push({ ...base, result: 'failed' });
    return false;
  }
}

/** The bookkeeping of `mine` laid over a fresher state: a concurrent tick's later slot or check is kept. */
function merge(fresh: ScheduleState, mine: ScheduleState): ScheduleState {
  const out: ScheduleState = { ...fresh, ...mine };
  if (fresh.cron && mine.cron && fresh.cron.cron === mine.cron.cron && fresh.cron.lastSlot > mine.cron.lastSlot) out.cron = fresh.cron;
  if (fresh.dataChange && mine.dataChange && fresh.dataChange.nextCheckAt > mine.dataChange.nextCheckAt) out.dataChange = fresh.dataChange;
  const [f, m] = [fresh.staleness, mine.staleness];
  if (f && m && f.championVersion === m.championVersion && f.boundary > m.boundary) out.staleness = f;
  return out;
}

/**
 * One due pipeline in a tick: evaluate its rules against the state the due query returned, start the runs they ask
 * for through `startRun` (trigger-log records and concurrency rule as for any trigger), and write the advanced
 * bookkeeping and the next due time under the state's ETag. A rule whose start failed transiently keeps its old
 * bookkeeping, so it is due again at the next tick; so does a data check the tick has no budget for (`dataCheck` false).
 */
export async function evaluatePipeline(deps: SchedulerDeps, pipeline: Pipeline, due: PipelineState, now: Date, evaluationId: string, opts: { dataCheck?: boolean } = {}): Promise<ScheduleOutcome[]> {
  const outcomes: ScheduleOutcome[] = [];
  const advanced: ScheduleState = {};
  if (pipeline.enabled) {
    const cron = cronRule(pipeline, due.schedule.cron, now);
    const stale = stalenessRule(pipeline, due, now);
    const data = await dataChangeRule(deps.source, pipeline, due, now, opts.dataCheck ?? true);
    if (data.deferred) outcomes.push({ pipelineId: pipeline.id, kind: 'data-change', result: 'deferred' });
    if (cron.cron) advanced.cron = cron.cron;
    if (stale.staleness) advanced.staleness = stale.staleness;
    if (data.dataChange) advanced.dataChange = data.dataChange;
    if (data.skipped) {
      outcomes.push({ pipelineId: pipeline.id, kind: 'data-change', result: 'skipped', detail: data.skipped });
      await deps.triggers.record({ id: `data-change:${evaluationId}`, pipelineId: pipeline.id, source: 'data-change', dedupKey: `data-check:${now.toISOString()}`, decision: 'skipped', detail: data.skipped, at: now.toISOString() });
    }
    for (const f of [cron.firing, stale.firing, data.firing]) {
      if (f && !(await fire(deps, pipeline, f, evaluationId, outcomes))) delete advanced[ruleOf[f.kind]];
    }
  }
  await deps.pipelineStates.update(pipeline.id, (fresh) => {
    const schedule = merge(fresh.schedule, advanced);
    const at = nextDueAt(pipeline, { ...fresh, schedule }, now)?.toISOString();
    // Nothing moved (a data check deferred to the next tick): no write.
    if (at === fresh.nextDueAt && isDeepStrictEqual(schedule, fresh.schedule)) return null;
    const { nextDueAt: _previous, ...rest } = fresh;
    return { ...rest, schedule, ...(at ? { nextDueAt: at } : {}), updatedAt: now.toISOString() };
  }, { current: due });
  return outcomes;
}
