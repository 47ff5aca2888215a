import pLimit from 'p-limit';
import { syncedState } from '../../domain/schedule/next-due.js';
import type { PipelineStore } from '../../ports/pipeline-store.js';
import type { PipelineStateStore } from '../../ports/pipeline-state-store.js';

/** Pipelines per page of the sweep. */
const sweepPageSize = 500;
/** How often a process sweeps at most. */
export const repairIntervalMs = 60 * 60_000;

/**
 * Give every pipeline that has no state one (pipelines registered before the due index existed, or whose state write
 * was lost): its rules count from now, so no slot before the sweep fires. Pages through all pipelines; returns how
 * many states it created.
 */
export async function repairStates(deps: { pipelines: PipelineStore; pipelineStates: PipelineStateStore }, now: Date): Promise<number> {
  let created = 0;
  let token: string | undefined;
  const limit = pLimit(16);
  do {
    const page = await deps.pipelines.list({ limit: sweepPageSize, ...(token ? { continuationToken: token } : {}) });
    await Promise.all(
      page.items.map((p) =>
        limit(async () => {
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
  return created;
}

/** Runs the sweep on the first tick of a process and then at most once per `repairIntervalMs`. */
export class RepairSchedule {
  private lastAt: number | undefined;

  /** Whether a sweep is due at `now` (and, if so, that it counts as done from now on). */
  claim(now: Date): boolean {
    if (this.lastAt !== undefined && now.getTime() - this.lastAt < repairIntervalMs) return false;
    this.lastAt = now.getTime();
    return true;
  }
}
