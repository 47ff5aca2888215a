/*
 * `npm run bench:reliability`: crash and fault trials on the real local stack, and a scheduler downtime.
 *   crash trials   the crash suite's trials (test/crash/support/crash-trials.ts): BENCH_PIPELINES pipelines (default
 *                  5) run BENCH_ROUNDS rounds (default 4: first models with image builds, then forced retrains) while
 *                  the dev host, a child process, is killed with SIGKILL at the suite's planned points and restarted
 *   fault trials   the fault suite's trials (test/crash/support/fault-trials.ts): a fault injected into one dependency
 *                  per run; and a run whose Airflow callback is lost (test/crash/support/lost-callback.ts)
 *   skip burst     the clock skipped past 50 cron slots of a pipeline: the first tick must start exactly one run
 * Progress goes to stderr; the last line on stdout is one JSON object:
 *   crashTrials, exactlyOnce   runs that went through kills, and those that ended exactly as without them
 *   orphans                    processes that outlived a killed host
 *   faultTrials, recovered, failedClearly, hung   fault trials and their outcomes
 *   skipBurst, skipBurstRuns   cron slots skipped, runs the next tick started
 *   lostCallbackRecoveryS      seconds from the dag run's end until the app saw it, its callback lost (null: never)
 * Targets: exactlyOnce = crashTrials ≥ 20, orphans = 0, hung = 0, skipBurstRuns = 1, lostCallbackRecoveryS ≤ 120.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstRound, retrainRound } from '../test/crash/crash-plan.js';
import { runCrashTrials } from '../test/crash/support/crash-trials.js';
import { startCrashWorld } from '../test/crash/support/crash-world.js';
import { faultFigures, faultTrials, runFaultTrial, type FaultTrialResult } from '../test/crash/support/fault-trials.js';
import { lostCallbackTrial } from '../test/crash/support/lost-callback.js';
import { skipBurst } from './reliability/skip-burst.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const SKIP_SLOTS = 50;

async function main(): Promise<void> {
  const pipelines = Array.from({ length: Number(process.env.BENCH_PIPELINES ?? 5) }, (_, i) => `crash-${i + 1}`);
  const rounds = [firstRound, ...Array.from({ length: Math.max(0, Number(process.env.BENCH_ROUNDS ?? 4) - 1) }, () => retrainRound)];

  const burst = await skipBurst(SKIP_SLOTS);
  log(`skip burst: ${burst.runs} run(s) after ${SKIP_SLOTS} skipped slots (${burst.detail})`);

  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-bench-reliability-'));
  log('starting the local stack and the app (first start builds venvs and MinIO: minutes)...');
  const world = await startCrashWorld({ dir, log });
  try {
    for (const p of pipelines) await world.putPipeline(p);
    const crash = await runCrashTrials(world, { pipelines, rounds, log });
    for (const v of crash.verdicts.filter((x) => x.problems.length > 0)) log(`run ${v.runId} (${v.pipelineId}): ${v.problems.join('; ')}`);
    log(`${crash.kills} kills; not reached: ${crash.unfired.join(', ') || 'none'}`);
    const faults: FaultTrialResult[] = [];
    for (const trial of faultTrials(pipelines)) {
      const r = await runFaultTrial(world, trial);
      log(`fault trial ${r.name}: ${r.outcome} (expected ${r.expect}): ${r.detail}`);
      faults.push(r);
    }
    const lost = await lostCallbackTrial(world, pipelines[0]!);
    log(`lost callback: run ${lost.runId} ${lost.run.status}, ${lost.refused} callback(s) refused, recovered in ${lost.recoveryS ?? '?'} s`);
    console.log(
      JSON.stringify({
        crashTrials: crash.crashTrials,
        exactlyOnce: crash.exactlyOnce,
        orphans: crash.orphans,
        ...faultFigures(faults),
        skipBurst: SKIP_SLOTS,
        skipBurstRuns: burst.runs,
        lostCallbackRecoveryS: lost.recoveryS === null ? null : Math.round(lost.recoveryS),
      }),
    );
  } finally {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
