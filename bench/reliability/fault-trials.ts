import { setTimeout as sleep } from 'node:timers/promises';
import { terminalRunStatuses } from '../../shared/domain/run.js';
import type { CrashWorld } from '../../test/crash/support/crash-world.js';

/*
 * Dependency-fault trials for `bench:reliability`: each starts a run of a pipeline, injects a fault into one system
 * (and lifts it again), and judges the outcome against its expectation. A run still not terminal at the trial's
 * deadline is `hung`, whatever was expected; a failure counts as clear only when its reason names the system.
 */

/** One fault trial. */
export interface FaultTrial {
  name: string;
  /** The pipeline whose run the fault hits. */
  pipelineId: string;
  /** Inject the fault once the run has started; returns how to lift it (called however the trial ends). */
  inject(world: CrashWorld, runId: string): Promise<() => Promise<void>>;
  expect: 'recovered' | 'failedClearly';
  /** The system a clear failure names (matched in the run's reason, case-insensitively). */
  system: string;
  /** Past this the run is hung. */
  deadlineMs: number;
}

export type FaultOutcome = 'recovered' | 'failedClearly' | 'failedUnclearly' | 'hung';

export interface FaultTrialResult {
  name: string;
  expect: FaultTrial['expect'];
  outcome: FaultOutcome;
  detail: string;
}

/** Run one trial: start, inject, wait to the deadline, lift, judge. */
export async function runFaultTrial(world: CrashWorld, trial: FaultTrial): Promise<FaultTrialResult> {
  const runId = await world.startRun(trial.pipelineId, { reason: `fault trial: ${trial.name}`, force: true });
  const lift = await trial.inject(world, runId);
  const deadline = Date.now() + trial.deadlineMs;
  try {
    for (;;) {
      const run = await world.getRun(runId).catch(() => undefined);
      if (run && terminalRunStatuses.includes(run.status)) {
        if (run.status === 'succeeded') return { name: trial.name, expect: trial.expect, outcome: 'recovered', detail: run.reason ?? '' };
        const named = (run.reason ?? '').toLowerCase().includes(trial.system.toLowerCase());
        return { name: trial.name, expect: trial.expect, outcome: named ? 'failedClearly' : 'failedUnclearly', detail: run.reason ?? run.status };
      }
      if (Date.now() > deadline) return { name: trial.name, expect: trial.expect, outcome: 'hung', detail: run ? `${run.status} at ${run.steps.find((s) => s.status === 'running')?.name ?? '?'}` : 'unreadable' };
      await sleep(1_000);
    }
  } finally {
    await lift();
  }
}

/** The figures the bench reports for a list of trial results. */
export function faultFigures(results: readonly FaultTrialResult[]): { faultTrials: number; recovered: number; failedClearly: number; hung: number } {
  return {
    faultTrials: results.length,
    recovered: results.filter((r) => r.outcome === 'recovered').length,
    failedClearly: results.filter((r) => r.outcome === 'failedClearly').length,
    hung: results.filter((r) => r.outcome === 'hung').length,
  };
}

/** The trials the bench runs (dependency faults are appended here). */
export const faultTrials: FaultTrial[] = [];
