import { T0 } from '../../test/orchestration/support/harness.js';
import { RunHarness } from '../../test/orchestration/support/harness.js';
import { SchedulerDriver } from '../../test/orchestration/support/scheduler-driver.js';

/*
 * A downtime as the scheduler sees it: a pipeline with a cron every minute, the dev host's clock then skipped past
 * `slots` slots with no tick in between (the app was down), and one tick. Exactly one catch-up run may start; the
 * durable engine and the scheduler tick are the dev host's, over fakes (test/orchestration/support/harness.ts).
 */

const MINUTE = 60_000;

/** Runs the first tick after a downtime of `slots` cron slots starts (the target is 1). */
export async function skipBurst(slots: number): Promise<{ runs: number; detail: string }> {
  const h = await RunHarness.create();
  try {
    const d = new SchedulerDriver(h);
    await d.put('skip-burst', { schedule: { cron: '* * * * *', timeZone: 'UTC' } });
    await h.runUntil(() => false, { until: T0 + slots * MINUTE + MINUTE / 2 });
    await d.tick();
    const runs = await d.runs('skip-burst');
    const [record] = await d.triggers('skip-burst');
    return { runs: runs.length, detail: record?.detail ?? '' };
  } finally {
    await h.close();
  }
}
