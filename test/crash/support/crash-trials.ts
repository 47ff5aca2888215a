import { setTimeout as sleep } from 'node:timers/promises';
import { terminalRunStatuses, type Run } from '../../../shared/domain/run.js';
import type { CrashWorld } from './crash-world.js';
import type { HostLifetime } from './host-process.js';
import { verifyRuns, type RunVerdict } from './exactly-once.js';

/*
 * Crash trials: several pipelines run at once, round after round, while the dev host is killed with SIGKILL at
 * planned points and started again at once over the same state. A kill point is `<function>:<n>[:<delayMs>]`: the
 * host kills itself `delayMs` after the n-th start of that function in its lifetime (see the host fixture), so a kill
 * lands at the same step on any machine; with several runs in flight one kill finds them at different steps. Each
 * round also begins with a kill from outside right after its runs were accepted (the `start` point).
 */

/** The kill points of one round of runs, in the order the runs reach them. */
export type KillPlan = readonly string[];

export interface CrashTrialOptions {
  pipelines: readonly string[];
  /** One plan per round: round 1 builds each pipeline's image, later rounds are forced retrains that find it. */
  rounds: readonly KillPlan[];
  /** Give up on a round after this long (a hung run fails the trial rather than the CI job's clock). */
  roundDeadlineMs?: number;
  /** A lifetime whose point has not fired after this long is killed from outside (default 15 s). */
  fallbackKillMs?: number;
  log?: (line: string) => void;
}

/** A host lifetime that ended: where it was to be killed, whether it was, and what outlived it. */
export interface LifetimeRecord {
  pid: number;
  killAt: string;
  killed: boolean;
  orphans: number[];
}

export interface CrashTrialReport {
  /** Runs that went through kills (every run of every round). */
  crashTrials: number;
  /** Runs that ended as without a crash: one dag run, one MLflow run, one model version and one alias move if promoted. */
  exactlyOnce: number;
  /** Processes that outlived a killed host. */
  orphans: number;
  kills: number;
  /** Kill points not reached in their lifetime (the runs were past them): killed from outside, or stopped at a round's end. */
  unfired: string[];
  lifetimes: LifetimeRecord[];
  verdicts: RunVerdict[];
}

const isTerminal = (r: Run) => terminalRunStatuses.includes(r.status);

/** Run the rounds with their kills, then check every run against Airflow, MLflow and the app's records. */
export async function runCrashTrials(world: CrashWorld, opts: CrashTrialOptions): Promise<CrashTrialReport> {
  const log = opts.log ?? (() => {});
  const lifetimes: LifetimeRecord[] = [];
  const unfired: string[] = [];
  const runIds: string[] = [];

  const ended = async (host: HostLifetime, killAt: string) => {
    const end = await host.ended;
    lifetimes.push({ pid: host.pid, killAt, killed: end.killed, orphans: end.orphans });
    log(`host ${host.pid} ${end.killed ? 'killed' : 'stopped'} at ${killAt}${end.orphans.length ? `, orphans ${end.orphans.join(' ')}` : ''}`);
  };
  /** Stop a host whose kill point did not fire (its runs were past it). */
  const stopArmed = async () => {
    const host = world.host;
    if (!host?.killAt) return;
    unfired.push(host.killAt);
    await host.stop();
    await ended(host, `${host.killAt} (not reached)`);
  };

  for (const [round, plan] of opts.rounds.entries()) {
    // Runs are posted to a host with no kill point armed, so that no POST is cut off (a repeat would start another run).
    await stopArmed();
    if (!world.host) await world.startHost();
    const ids = await Promise.all(opts.pipelines.map((p) => world.startRun(p, round === 0 ? { reason: 'crash trial' } : { reason: 'crash trial', force: true })));
    runIds.push(...ids);
    log(`round ${round + 1}: runs ${ids.join(' ')}`);
    // The `start` point: killed from outside the moment the runs were accepted.
    const first = world.host;
    if (first) {
      first.kill();
      await ended(first, 'start');
    }

    const deadline = Date.now() + (opts.roundDeadlineMs ?? 10 * 60_000);
    const points = [...plan];
    let bornAt = Date.now();
    for (;;) {
      if (!world.host) {
        const started = await world.startHost(points.shift());
        bornAt = Date.now();
        // Killed at its point while starting: recorded (and checked for orphans) here, as the world already let go of it.
        if (!world.host) await ended(started, `${started.killAt ?? 'none'} (during start-up)`);
      }
      world.redeliverFailedHooks();
      const runs = await Promise.all(ids.map((id) => world.getRun(id).catch(() => undefined)));
      if (runs.every((r) => r !== undefined && isTerminal(r))) break;
      if (Date.now() > deadline) throw new Error(`round ${round + 1} did not finish: ${runs.map((r) => (r ? `${r.id} ${r.status} ${r.steps.map((s) => `${s.name}=${s.status}`).join(',')}` : '?')).join('; ')}`);
      const host = world.host;
      // A point the runs have all passed would leave this lifetime unkilled: kill it from outside instead (mid-wait).
      if (host?.killAt && Date.now() - bornAt > (opts.fallbackKillMs ?? 15_000)) {
        unfired.push(host.killAt);
        host.kill();
      }
      const gone = await Promise.race([host?.ended.then(() => true), sleep(1_000).then(() => false)]);
      if (gone && host) await ended(host, host.killAt ?? 'none');
    }
  }
  await stopArmed();
  if (!world.host) await world.startHost();

  const verdicts = await verifyRuns(world, runIds);
  const killedLifetimes = lifetimes.filter((l) => l.killed);
  return {
    crashTrials: runIds.length,
    exactlyOnce: verdicts.filter((v) => v.problems.length === 0).length,
    orphans: lifetimes.reduce((n, l) => n + l.orphans.length, 0),
    kills: killedLifetimes.length,
    unfired,
    lifetimes,
    verdicts,
  };
}
