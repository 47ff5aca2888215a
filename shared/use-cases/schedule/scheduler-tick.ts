import pLimit from 'p-limit';
import type { PipelineState } from '../../domain/pipeline-state.js';
import { evaluatePipeline, type SchedulerDeps } from './evaluate-pipeline.js';
import type { ScheduleOutcome } from './firing.js';

/** States per `due` query: large, so a tick's queries grow with due pipelines ÷ this, not with pipelines. */
export const duePageSize = 500;
/** Due pipelines evaluated at once: enough to overlap store and source round trips, few enough to stay polite. */
export const tickConcurrency = 32;

/** When a state's data check is due (`Infinity` when it has none yet: a first check is not a late one). */
function checkDueAt(state: PipelineState): number {
  return state.schedule.dataChange ? Date.parse(state.schedule.dataChange.nextCheckAt) : Number.POSITIVE_INFINITY;
}

/**
 * The scheduler's tick: read the states due by `now` from the due index a page at a time, then, for each, point-read
 * its pipeline and evaluate its rules (bounded concurrency). All pages are read before any state is rewritten, so
 * moving `nextDueAt` on never shifts the pages still to come. A pipeline that is gone loses its state; one pipeline's
 * failure is logged and leaves it due, without stopping the others. With a `dataCheckBudget`, at most that many
 * pipelines read their repositories for a data check, the longest-waiting first; the others' checks wait a tick.
 */
export async function schedulerTick(deps: SchedulerDeps, now: Date, evaluationId: string, opts: { dataCheckBudget?: number | undefined } = {}): Promise<ScheduleOutcome[]> {
  const due: PipelineState[] = [];
  let token: string | undefined;
  do {
    const page = await deps.pipelineStates.due(now, { limit: duePageSize, ...(token ? { continuationToken: token } : {}) });
    due.push(...page.items);
    token = page.continuationToken;
  } while (token);
  const checking = opts.dataCheckBudget === undefined ? undefined : new Set(
    due
      .filter((s) => checkDueAt(s) <= now.getTime())
      .sort((a, b) => checkDueAt(a) - checkDueAt(b) || a.pipelineId.localeCompare(b.pipelineId))
      .slice(0, opts.dataCheckBudget)
      .map((s) => s.pipelineId),
  );
  const limit = pLimit(tickConcurrency);
  const results = await Promise.all(
    due.map((state) =>
      limit(async () => {
        try {
          const pipeline = await deps.pipelines.get(state.pipelineId);
          if (!pipeline) return void (await deps.pipelineStates.delete(state.pipelineId));
          return await evaluatePipeline(deps, pipeline, state, now, evaluationId, { dataCheck: checking?.has(state.pipelineId) ?? true });
        } catch (e) {
          deps.log.warn('pipeline not evaluated; it stays due for the next tick', { pipelineId: state.pipelineId, error: e instanceof Error ? e.message : String(e) });
          return undefined;
        }
      }),
    ),
  );
  return results.flatMap((r) => r ?? []);
}
