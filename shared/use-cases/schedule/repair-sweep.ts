import pLimit from 'p-limit';
import { approximateMs } from '../../domain/duration.js';
import { syncedState } from '../../domain/schedule/next-due.js';
import type { PipelineStore } from '../../ports/pipeline-store.js';
import type { PipelineStateStore } from '../../ports/pipeline-state-store.js';

/** Pipelines per page of the sweep. */
const sweepPageSize = 500;
/** How often a process sweeps at most. */
export const repairIntervalMs = 60 * 60_000;

/** What a sweep found: states created, and the data checks a tick makes on average when they are evenly spread. */
export interface SweepResult {
  created: number;
  /** Σ over enabled polling pipelines of tick ÷ period: 10,000 pipelines polling hourly make 166.7. */
  dataChecksPerTick: number;
}

/** The scheduler's tick. */
export const tickMs = 60_000;

/**
 * Give every pipeline that has no state one (pipelines registered before the due index existed, or whose state write
 * was lost): its rules count from now, so no slot before the sweep fires. Pages through all pipelines, and on the way
 * adds up how many data checks a tick makes on average (the budget of data checks per tick).
 */
export async function repairStates(deps: { pipelines: PipelineStore; pipelineStates: PipelineStateStore }, now: Date): Promise<SweepResult> {
  let created = 0;
  let dataChecksPerTick = 0;
  let token: string | undefined;
  const limit = pLimit(16);
  do {
    const page = await deps.pipelines.list({ limit: sweepPageSize, ...(token ? { continuationToken: token } : {}) });
    await Promise.all(
      page.items.map((p) =>
        limit(async () => {
          const every = p.retrainOn.dataChange.every;
          if (p.enabled && every !== undefined) dataChecksPerTick += tickMs / Math.max(tickMs, approximateMs(every));
          if (await deps.pipelineStates.get(p.id)) return;
          await deps.pipelineStates.update(p.id, (s) => {
            // Another writer (a pipeline write, another instance's sweep) created it meanwhile: leave theirs.
            if (s.etag !== undefined) return null;
            created++;
            return syncedState(null, p, s, now);
          });
        }),
      ),
    );
    token = page.continuationToken;
  } while (token);
  return { created, dataChecksPerTick };
}

/** A tick's budget of data checks: the average rounded up (never 0, so a pipeline added since the sweep is checked). */
export function dataCheckBudget(sweep: SweepResult): number {
  return Math.max(1, Math.ceil(sweep.dataChecksPerTick - 1e-9));
}

/** The shortest time between two sweeps asked for by a backlog of data checks. */
export const resweepMinMs = 5 * 60_000;

/**
 * When to sweep, and the data-check budget the last sweep found: the first tick of a process, then at most once per
 * `repairIntervalMs`, or sooner (at most once per `resweepMinMs`) while more checks wait than a tick's budget (many
 * pipelines registered since the sweep, or a backlog after downtime, which the budget then drains over one period).
 */
export class RepairSchedule {
  private lastAt: number | undefined;
  private backlogged = false;
  /** Data checks a tick may make (undefined before the first sweep: no limit). */
  budget: number | undefined;

  /** Whether a sweep is due at `now` (and, if so, that it counts as done from now on). */
  claim(now: Date): boolean {
    const since = this.lastAt === undefined ? Number.POSITIVE_INFINITY : now.getTime() - this.lastAt;
    if (since < repairIntervalMs && !(this.backlogged && since >= resweepMinMs)) return false;
    this.lastAt = now.getTime();
    this.backlogged = false;
    return true;
  }

  /** Keep what a sweep found. */
  swept(result: SweepResult): void {
    this.budget = dataCheckBudget(result);
  }

  /** What a tick left waiting: more than one tick's budget asks for a fresh count soon. */
  deferred(count: number): void {
    if (this.budget !== undefined && count > this.budget) this.backlogged = true;
  }
}
