import { setTimeout as sleep } from 'node:timers/promises';
import { terminalRunStatuses, type Run } from '../../../shared/domain/run.js';
import { commandLine, sessionMembers } from '../../../stack/process-tree.js';
import type { TcpFaultProxy } from '../../support/tcp-fault-proxy.js';
import type { CrashWorld } from './crash-world.js';

/*
 * Dependency-fault trials for the fault suite and `bench:reliability`: each starts a run of a pipeline, injects a fault into one system
 * (and lifts it again), and judges the outcome against its expectation. A run still not terminal at the trial's
 * deadline is `hung`, whatever was expected; a failure counts as clear only when its reason names the system.
 */

/** One fault trial. */
export interface FaultTrial {
  name: string;
  /** The pipeline whose run the fault hits. */
  pipelineId: string;
  /**
   * Start the run through `start` and inject the fault at the trial's point (before the start, when the fault must
   * meet the run's first call); returns the run and how to lift the fault (called however the trial ends).
   */
  inject(world: CrashWorld, start: () => Promise<string>): Promise<{ runId: string; lift: () => Promise<void> }>;
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
  const started = Date.now();
  const { runId, lift } = await trial.inject(world, () => world.startRun(trial.pipelineId, { reason: `fault trial: ${trial.name}`, force: true }));
  const deadline = started + trial.deadlineMs;
  try {
    for (;;) {
      const run = await world.getRun(runId).catch(() => undefined);
      if (run && terminalRunStatuses.includes(run.status)) {
        // What the fault cost: the run's time, and the steps that needed more than one attempt.
        const retried = run.steps.filter((s) => (s.attempts ?? 0) > 1).map((s) => `${s.name}×${s.attempts}`);
        const cost = `${Math.round((Date.now() - started) / 1000)} s${retried.length > 0 ? `, retried ${retried.join(' ')}` : ''}`;
        if (run.status === 'succeeded') return { name: trial.name, expect: trial.expect, outcome: 'recovered', detail: `${cost}: ${run.reason ?? ''}` };
        const named = (run.reason ?? '').toLowerCase().includes(trial.system.toLowerCase());
        return { name: trial.name, expect: trial.expect, outcome: named ? 'failedClearly' : 'failedUnclearly', detail: `${cost}: ${run.reason ?? run.status}` };
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

/** Poll the run (tolerating reads that fail while a store is down) until `until` holds; the run as it was then. */
async function runReaches(world: CrashWorld, runId: string, until: (run: Run) => boolean, timeoutMs = 10 * 60_000): Promise<Run> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const run = await world.getRun(runId).catch(() => undefined);
    if (run && (until(run) || terminalRunStatuses.includes(run.status))) return run;
    if (Date.now() > end) throw new Error(`run ${runId} did not reach the trial's point in ${timeoutMs} ms`);
    await sleep(200);
  }
}

const stepIs = (run: Run, name: string, status: string): boolean => run.steps.some((s) => s.name === name && s.status === status);

/** Send a signal to every process of a session (SIGSTOP pauses a server as a hung host would; SIGCONT resumes it). */
function signalPids(pids: number[], signal: 'SIGSTOP' | 'SIGCONT'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
}

/** Pause a set of processes now and resume them after `forMs` (or when lifted, whichever comes first). */
function pauseFor(pids: number[], forMs: number): () => Promise<void> {
  signalPids(pids, 'SIGSTOP');
  let resumed = false;
  const resume = () => {
    if (resumed) return;
    resumed = true;
    signalPids(pids, 'SIGCONT');
  };
  const timer = setTimeout(resume, forMs);
  return async () => {
    clearTimeout(timer);
    resume();
  };
}

/** Take a proxied server down now for `forMs` at most; the returned lift brings it back early. */
function outageUntilLifted(proxy: TcpFaultProxy, forMs: number): () => Promise<void> {
  const outage = proxy.outage('down', forMs);
  return async () => {
    proxy.restore();
    await outage;
  };
}

/**
 * MinIO stalled (SIGSTOP) just before the run starts, so data versioning, the first step to call S3, meets it;
 * resumed after `forMs`.
 */
function stallMinio(name: string, pipelineId: string, forMs: number, expect: FaultTrial['expect'], deadlineMs: number): FaultTrial {
  return {
    name,
    pipelineId,
    expect,
    system: 'S3',
    deadlineMs,
    async inject(world, start) {
      const lift = pauseFor(sessionMembers(world.stack.s3.pid), forMs);
      return { runId: await start(), lift };
    },
  };
}

/**
 * The trials of the fault suite and the bench, over registered pipelines (used in turn): each run recovers once its
 * dependency is back, or fails naming it.
 */
export function faultTrials(pipelines: readonly string[]): FaultTrial[] {
  const p = (i: number): string => pipelines[i % pipelines.length]!;
  return [
    // The stall outlasts one attempt's deadline: the attempt fails, the retry after the resume succeeds.
    stallMinio('MinIO stalled for 40 s during data versioning', p(0), 40_000, 'recovered', 5 * 60_000),
    {
      name: 'MLflow stopped for 30 s during collection',
      pipelineId: p(1),
      expect: 'recovered',
      system: 'MLflow',
      deadlineMs: 6 * 60_000,
      async inject(world, start) {
        const runId = await start();
        // Down from the start of training (the DAG logs to MLflow directly, not through this proxy) until 30 s after
        // training ended, so collecting the results meets an MLflow that refuses connections.
        await runReaches(world, runId, (r) => stepIs(r, 'train', 'running'));
        const lift = outageUntilLifted(world.faults.mlflow, 15 * 60_000);
        void runReaches(world, runId, (r) => stepIs(r, 'train', 'succeeded')).then(
          () => sleep(30_000).then(lift),
          lift,
        );
        return { runId, lift };
      },
    },
    {
      name: 'Airflow scheduler paused for 40 s during training',
      pipelineId: p(2),
      expect: 'recovered',
      system: 'Airflow',
      deadlineMs: 6 * 60_000,
      async inject(world, start) {
        const runId = await start();
        await runReaches(world, runId, (r) => stepIs(r, 'train', 'running') && r.lineage.airflow?.dagRunId !== undefined);
        const schedulers = sessionMembers(world.stack.airflow!.pid).filter((pid) => / scheduler\b/.test(commandLine(pid) ?? ''));
        if (schedulers.length === 0) throw new Error('no Airflow scheduler process found');
        return { runId, lift: pauseFor(schedulers, 40_000) };
      },
    },
    {
      name: 'Cosmos server gone for 20 s mid-run (a restart)',
      pipelineId: p(3),
      expect: 'recovered',
      system: 'Cosmos',
      deadlineMs: 6 * 60_000,
      async inject(world, start) {
        const runId = await start();
        await runReaches(world, runId, (r) => stepIs(r, 'versionData', 'succeeded'));
        return { runId, lift: outageUntilLifted(world.faults.cosmos, 20_000) };
      },
    },
    // Stalled past every retry of the step: the step fails, naming S3, instead of waiting for it. Five attempts, each
    // of a few S3 tries of 10 s, with back-offs between: 4 to 6 minutes here; the trial's deadline leaves room.
    stallMinio('MinIO stalled past the step\'s deadline', p(4), 15 * 60_000, 'failedClearly', 9 * 60_000),
  ];
}
