import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { crashPipelines, firstRound, retrainRound } from './crash-plan.js';
import { runCrashTrials } from './support/crash-trials.js';
import { startCrashWorld, type CrashWorld } from './support/crash-world.js';
import { faultTrials, runFaultTrial } from './support/fault-trials.js';

/*
 * The crash suite on the real stack: three pipelines run twice each (first models with image builds, then forced
 * retrains) while the app's dev host, a child process, is killed with SIGKILL at planned points over every step
 * (start, data, image build and its wait, training and its wait, the hooks in flight, results, decision, promotion,
 * report) and started again at once over the same durable state. Every run must end as it would have with no crash:
 * succeeded, one Airflow dag run, one MLflow run, one model version and one alias move when promoted; and no process
 * of a killed host may outlive it.
 *
 * Then, on the same world, MinIO stalled for longer than every retry of data versioning: the run fails with a reason
 * naming S3 instead of hanging (the faults a run recovers from are in fault-suite.test.ts).
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

test('a dependency stalled past every retry of its step: the run fails naming it, within the step\'s deadline', { timeout: 12 * 60_000 }, async (t) => {
  for (const trial of faultTrials(crashPipelines).filter((x) => x.expect === 'failedClearly')) {
    const r = await runFaultTrial(world, trial);
    t.diagnostic(`${r.name}: ${r.outcome} (expected ${r.expect}): ${r.detail}`);
    assert.equal(r.outcome, 'failedClearly', `${r.name}: ${r.detail}`);
  }
});
