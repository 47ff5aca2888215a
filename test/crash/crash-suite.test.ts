import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { crashPipelines, firstRound, retrainRound } from './crash-plan.js';
import { runCrashTrials } from './support/crash-trials.js';
import { startCrashWorld, type CrashWorld } from './support/crash-world.js';
import { faultTrials, runFaultTrial } from './support/fault-trials.js';
import { lostCallbackTrial } from './support/lost-callback.js';

/*
 * The crash suite on the real stack: three pipelines run twice each (first models with image builds, then forced
 * retrains) while the app's dev host, a child process, is killed with SIGKILL at planned points over every step
 * (start, data, image build and its wait, training and its wait, the hooks in flight, results, decision, promotion,
 * report) and started again at once over the same durable state. Every run must end as it would have with no crash:
 * succeeded, one Airflow dag run, one MLflow run, one model version and one alias move when promoted; and no process
 * of a killed host may outlive it.
 *
 * Then, on the same world, the dependency faults (MinIO stalled during data versioning, and past the step's
 * deadline; MLflow down during collection; Airflow's scheduler paused during training; the Cosmos server gone for a
 * while): each run recovers once its dependency is back, or fails with a reason naming it; none hangs. And a run whose
 * Airflow callback is lost moves on within two minutes of its dag run's end, by the scheduler tick's reconciliation.
 */

let world: CrashWorld;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-crash-'));
  world = await startCrashWorld({ dir });
  for (const p of crashPipelines) await world.putPipeline(p);
});
after(async () => {
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('kill -9 of the dev host at 20+ points: every run ends exactly once, and nothing outlives a killed host', { timeout: 15 * 60_000 }, async (t) => {
  const report = await runCrashTrials(world, { pipelines: crashPipelines, rounds: [firstRound, retrainRound], log: (l) => t.diagnostic(l) });
  t.diagnostic(JSON.stringify({ crashTrials: report.crashTrials, exactlyOnce: report.exactlyOnce, orphans: report.orphans, kills: report.kills, unfired: report.unfired }));
  assert.deepEqual(report.verdicts.filter((v) => v.problems.length > 0), [], 'every run ended as without a crash');
  assert.equal(report.exactlyOnce, report.crashTrials);
  assert.equal(report.orphans, 0, 'no process outlived a killed host');
  assert.ok(report.kills >= 20, `at least 20 kills (${report.kills}; not reached: ${report.unfired.join(', ') || 'none'})`);
});

test('dependency faults: each run recovers once its dependency is back, or fails naming it; none hangs', { timeout: 30 * 60_000 }, async (t) => {
  const outcomes: string[] = [];
  for (const trial of faultTrials(crashPipelines)) {
    const r = await runFaultTrial(world, trial);
    t.diagnostic(`${r.name}: ${r.outcome} (expected ${r.expect}): ${r.detail}`);
    outcomes.push(`${r.name}: ${r.outcome}`);
  }
  assert.deepEqual(outcomes, faultTrials(crashPipelines).map((trial) => `${trial.name}: ${trial.expect}`));
});

test('a lost Airflow callback: the run moves on within two minutes of its dag run\'s end', { timeout: 12 * 60_000 }, async (t) => {
  const lost = await lostCallbackTrial(world, crashPipelines[0]);
  t.diagnostic(`run ${lost.runId}: ${lost.run.status}, ${lost.refused} callback(s) refused, recovered in ${lost.recoveryS} s`);
  assert.ok(lost.refused >= 1, 'the DAG called back and was refused');
  assert.equal(lost.run.status, 'succeeded', lost.run.reason);
  assert.ok(lost.recoveryS !== null && lost.recoveryS <= 120, `recovered in ${lost.recoveryS} s`);
});
