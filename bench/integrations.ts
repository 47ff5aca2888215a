/*
 * `npm run bench:integrations`: one full training run of the example pipeline against the real local services
 * (Git, DVC data in MinIO, Airflow 3 running the shipped DAG, MLflow), with the app on the dev host and its durable
 * engine, as in test/e2e/example-pipeline.test.ts. Progress goes to stderr; the last line on stdout is one JSON object:
 *   triggerToDagRunMs  POST /api/pipelines/{id}/runs until Airflow queued the dag run (Airflow's own queued_at)
 *   airflowCalls, mlflowCalls, s3Calls  HTTP requests the app's adapters sent during the run (retries and tokens included)
 *   runWallMs          POST until the run record is terminal
 * The durable engine's clock skips short waits (see test/e2e/support/pipeline-world.ts); everything else is real time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { airflowToken, trainingDagId } from '../stack/index.js';
import { callCounts, resetCallCounts } from '../shared/adapters/http/call-stats.js';
import { removeWorld, startPipelineWorld, type PipelineWorld } from '../test/e2e/support/pipeline-world.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function queuedAt(world: PipelineWorld, dagRunId: string): Promise<number> {
  const af = world.stack.airflow!;
  const token = await airflowToken(af.url, af.username, af.password);
  const res = await fetch(`${af.url}/api/v2/dags/${trainingDagId}/dagRuns/${dagRunId}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { queued_at?: string };
  if (!body.queued_at) throw new Error(`dag run ${dagRunId} has no queued_at`);
  return Date.parse(body.queued_at);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-bench-integrations-'));
  log('starting the local stack and the app (first start builds venvs and MinIO: minutes)...');
  const world = await startPipelineWorld({ dir, log });
  try {
    await world.putPipeline('bench-model');
    resetCallCounts();
    log('running one training run...');
    const postedAt = Date.now();
    const started = performance.now();
    const runId = await world.startRun('bench-model', { reason: 'bench:integrations' });
    const run = await world.finish(runId);
    const runWallMs = Math.round(performance.now() - started);
    const counts = callCounts();
    if (run.status !== 'succeeded') throw new Error(`run ${runId} ended ${run.status}: ${run.reason ?? ''}`);
    const triggerToDagRunMs = (await queuedAt(world, `mlcycle__${runId}`)) - postedAt;
    log(`run ${runId} succeeded: model version ${run.lineage.model?.version ?? '-'}, decision ${run.decision?.outcome ?? '-'}`);
    console.log(JSON.stringify({ triggerToDagRunMs, airflowCalls: counts.airflow, mlflowCalls: counts.mlflow, s3Calls: counts.s3, runWallMs }));
  } finally {
    await world.stop();
    removeWorld(dir);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
