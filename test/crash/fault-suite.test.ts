import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startCrashWorld, type CrashWorld } from './support/crash-world.js';
import { faultTrials, runFaultTrial } from './support/fault-trials.js';
import { lostCallbackTrial } from './support/lost-callback.js';

/*
 * Dependency faults on the real stack, one run each, with the app's outbound deadline at 10 s: MinIO stalled during
 * data versioning, MLflow down during collection, Airflow's scheduler paused during training, the Cosmos server gone
 * for a while. Each run recovers once its dependency is back; none hangs. Then a run whose Airflow callback is lost
 * moves on within two minutes of its dag run's end, by the scheduler tick's reconciliation. One pipeline serves every
 * trial, so only the first run builds its image.
 */

const pipelines = ['fault-a'] as const;
let world: CrashWorld;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-faults-'));
  world = await startCrashWorld({ dir });
  for (const p of pipelines) await world.putPipeline(p);
});
after(async () => {
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('dependency faults: each run recovers once its dependency is back; none hangs', { timeout: 20 * 60_000 }, async (t) => {
  const trials = faultTrials(pipelines).filter((x) => x.expect === 'recovered');
  const outcomes: string[] = [];
  for (const trial of trials) {
    const r = await runFaultTrial(world, trial);
    t.diagnostic(`${r.name}: ${r.outcome} (expected ${r.expect}): ${r.detail}`);
    outcomes.push(`${r.name}: ${r.outcome}`);
  }
  assert.deepEqual(outcomes, trials.map((trial) => `${trial.name}: recovered`));
});

test('a lost Airflow callback: the run moves on within two minutes of its dag run\'s end', { timeout: 12 * 60_000 }, async (t) => {
  const lost = await lostCallbackTrial(world, pipelines[0]);
  t.diagnostic(`run ${lost.runId}: ${lost.run.status}, ${lost.refused} callback(s) refused, recovered in ${lost.recoveryS} s`);
  assert.ok(lost.refused >= 1, 'the DAG called back and was refused');
  assert.equal(lost.run.status, 'succeeded', lost.run.reason);
  assert.ok(lost.recoveryS !== null && lost.recoveryS <= 120, `recovered in ${lost.recoveryS} s`);
});
