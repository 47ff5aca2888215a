/*
 * `npm run bench:integrations`: one full training run of the example pipeline against the real local services
 * (the example as Azure Repos in the Azure DevOps stand-in, DVC data in MinIO, the OCI registry, Airflow 3 running the
 * shipped DAG, MLflow), with the app on the dev host and its durable engine, as in test/e2e/example-pipeline.test.ts.
 * Progress goes to stderr; the last line on stdout is one JSON object:
 *   triggerToDagRunMs  POST /api/pipelines/{id}/runs until Airflow queued the dag run (Airflow's own queued_at)
 *   airflowCalls, mlflowCalls, s3Calls, adoCalls, registryCalls  HTTP requests the app's adapters sent during the run
 *                      (retries and tokens included)
 *   runWallMs          POST until the run record is terminal
 *   airflowRunMs       the dag run's own queued_at → end_date, as Airflow records it
 *   controlPlaneMs     runWallMs − airflowRunMs: the app's own time, split into
 *     beforeQueuedMs   POST until Airflow queued the dag run (= triggerToDagRunMs)
 *     afterEndMs       the dag run's end_date until the run record is terminal
 * The run finds its image (built before it starts, as for a retrain whose training code did not change); with
 * BENCH_IMAGE=build it builds it. The durable engine's clock skips short waits (see test/e2e/support/pipeline-world.ts);
 * everything else is real time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { airflowToken, buildAndPushImage, trainingDagId } from '../stack/index.js';
import { imageTagAt } from '../functions/activities/image.js';
import { LocalGitSource } from '../shared/adapters/git/local-git-source.js';
import { callCounts, resetCallCounts } from '../shared/adapters/http/call-stats.js';
import type { Pipeline } from '../shared/domain/pipeline.js';
import { removeWorld, startPipelineWorld, type PipelineWorld } from '../test/e2e/support/pipeline-world.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** When Airflow queued the dag run and when it ended, as it records them (ms since the epoch). */
async function dagRunTimes(world: PipelineWorld, dagRunId: string): Promise<{ queuedAt: number; endedAt: number }> {
  const af = world.stack.airflow!;
  const token = await airflowToken(af.url, af.username, af.password);
  const res = await fetch(`${af.url}/api/v2/dags/${trainingDagId}/dagRuns/${dagRunId}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { queued_at?: string | null; end_date?: string | null };
  if (!body.queued_at || !body.end_date) throw new Error(`dag run ${dagRunId} lacks queued_at or end_date`);
  return { queuedAt: Date.parse(body.queued_at), endedAt: Date.parse(body.end_date) };
}

/**
 * Build and push the pipeline's image at the seeded commit, as the image pipeline would (same content tag, same
 * registry), so the run finds it. The tag comes from the same git repository the Azure Repos stand-in serves.
 */
async function prebuildImage(world: PipelineWorld, pipelineId: string): Promise<void> {
  const res = await world.call(`/api/pipelines/${pipelineId}`);
  if (res.status !== 200) throw new Error(`GET pipeline: ${res.status}`);
  const p = (await res.json()) as Pipeline;
  const commitSha = world.repo.commit;
  const tag = await imageTagAt(new LocalGitSource(), { ...p, source: { kind: 'localGit', path: world.repo.path, branch: world.repo.branch } }, commitSha);
  const { registry } = world.stack;
  await buildAndPushImage({ repoDir: world.repo.path, commitSha, codePath: p.training.codePath, dockerfile: p.training.dockerfile, registryUrl: registry.url, repository: p.image.repository, tag, username: registry.username, password: registry.password });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-bench-integrations-'));
  log('starting the local stack and the app (first start builds venvs and MinIO: minutes)...');
  const world = await startPipelineWorld({ dir, log });
  try {
    await world.putPipeline('bench-model');
    if (process.env.BENCH_IMAGE !== 'build') await prebuildImage(world, 'bench-model');
    resetCallCounts();
    log('running one training run...');
    const postedAt = Date.now();
    const started = performance.now();
    const runId = await world.startRun('bench-model', { reason: 'bench:integrations' });
    const run = await world.finish(runId);
    const runWallMs = Math.round(performance.now() - started);
    const counts = callCounts();
    if (run.status !== 'succeeded') throw new Error(`run ${runId} ended ${run.status}: ${run.reason ?? ''}`);
    const dagRun = await dagRunTimes(world, `mlcycle__${runId}`);
    const triggerToDagRunMs = dagRun.queuedAt - postedAt;
    const airflowRunMs = dagRun.endedAt - dagRun.queuedAt;
    const afterEndMs = postedAt + runWallMs - dagRun.endedAt;
    log(`run ${runId} succeeded: model version ${run.lineage.model?.version ?? '-'}, decision ${run.decision?.outcome ?? '-'}`);
    const timing = { airflowRunMs, controlPlaneMs: runWallMs - airflowRunMs, beforeQueuedMs: triggerToDagRunMs, afterEndMs };
    console.log(JSON.stringify({ triggerToDagRunMs, airflowCalls: counts.airflow, mlflowCalls: counts.mlflow, s3Calls: counts.s3, adoCalls: counts.ado, registryCalls: counts.registry, runWallMs, ...timing }));
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
