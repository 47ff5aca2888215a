import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { airflowToken, ensureRegistryTools, s3Env, trainingDagId } from '../../stack/index.js';
import { runCapture } from '../../stack/run-command.js';
import { MlflowClient } from '../../shared/adapters/mlflow/mlflow-client.js';
import { aliases, MlflowTracker } from '../../shared/adapters/mlflow/mlflow-tracker.js';
import type { Run } from '../../shared/domain/run.js';
import { describeScan } from '../../stack/secret-scan/index.js';
import { showRunPage } from '../support/run-page.js';
import { functionKey, removeWorld, startPipelineWorld, type PipelineWorld } from './support/pipeline-world.js';
import { errorOutputs, outputText, prepareNotebookKernel, runNotebook, showsImage, taggedCell } from './support/notebooks.js';

/*
 * End to end on one machine: the example pipeline against real Git, DVC, S3 (MinIO), a real OCI registry, the Azure
 * DevOps stand-in (the example as Azure Repos, the image pipeline building into the registry), Airflow 3 (the shipped
 * DAG training the example from the run's image in local mode) and MLflow, with the app on the dev host and its
 * durable engine. Runs, in order: the first model (its image built), the same again, a data change (the image
 * reused), a code change (a new image), a reproduction of the first run, a rollback of the champion, data never
 * pushed, and Airflow down for a while; then the example notebooks executed against the same world (a forced run from
 * a notebook, the champion traced back and scored), and the secret scan of everything all of that wrote.
 */

let world: PipelineWorld;
let dir: string;
let first: Run;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-e2e-'));
  world = await startPipelineWorld({ dir });
  await world.putPipeline('churn-model');
});
after(async () => {
  await world?.stop();
  removeWorld(dir);
});

const tracker = () => new MlflowTracker(new MlflowClient({ trackingUri: world.stack.mlflow.url }));
const stepStatus = (run: Run) => Object.fromEntries(run.steps.map((s) => [s.name, s.status]));
/** Image pipeline runs the Azure DevOps stand-in was asked to start. */
const pipelineRunsStarted = () => world.ado.standIn.requests.filter((r) => r.method === 'POST' && /\/_apis\/pipelines\/\d+\/runs$/.test(r.path)).length;

async function airflowRun(dagRunId: string): Promise<Response> {
  const af = world.stack.airflow!;
  const token = await airflowToken(af.url, af.username, af.password);
  return fetch(`${af.url}/api/v2/dags/${trainingDagId}/dagRuns/${dagRunId}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('the example pipeline end to end', () => {
  it('a first run succeeds with full lineage and registers the champion', async () => {
    const runId = await world.startRun('churn-model', { reason: 'first model' });
    first = await world.finish(runId);
    assert.equal(first.status, 'succeeded', JSON.stringify(first.steps.filter((s) => s.error)));
    assert.deepEqual(stepStatus(first), {
      resolveSource: 'succeeded', versionData: 'succeeded', ensureImage: 'succeeded', train: 'succeeded',
      collectResults: 'succeeded', evaluate: 'succeeded', promote: 'succeeded', report: 'succeeded',
    });
    const l = first.lineage;
    assert.equal(l.commitSha, world.repo.commit);
    assert.match(l.data?.fingerprint ?? '', /^[0-9a-f]{64}$/);
    assert.equal(l.data?.remoteUrl, world.repo.remoteUrl);
    assert.deepEqual(l.data?.paths.map((p) => [p.path, p.md5, p.nfiles, p.hashAlgorithm]), [['data', world.repo.dataMd5, 2, 'md5']]);
    assert.ok((l.data?.paths[0]?.size ?? 0) > 0);
    assert.match(l.image?.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(l.image?.built, true);
    assert.match(l.image?.buildId ?? '', /^ado-12-\d+$/);
    assert.match(l.image?.buildUrl ?? '', /\/mlcycle\/churn\/_build\/results\?buildId=\d+$/);
    assert.equal(pipelineRunsStarted(), 1);
    // The digest is a real manifest digest any OCI client resolves: skopeo, independent of the app, agrees.
    const { skopeo } = await ensureRegistryTools();
    const reg = world.stack.registry;
    const inspected = JSON.parse(execFileSync(skopeo.binary, ['inspect', '--tls-verify=false', '--creds', `${reg.username}:${reg.password}`, `docker://${reg.host}/${l.image?.repository ?? ''}@${l.image?.digest ?? ''}`], { env: { ...process.env, ...skopeo.env } }).toString('utf8')) as { Digest: string };
    assert.equal(inspected.Digest, l.image?.digest);
    assert.equal(l.airflow?.dagRunId, `mlcycle__${runId}`);
    assert.equal(l.airflow?.state, 'success');
    assert.ok(l.airflow?.url?.includes(`/dags/${trainingDagId}/runs/mlcycle__${runId}`));
    assert.match(l.mlflow?.runId ?? '', /^[0-9a-f]{32}$/);
    assert.ok((l.mlflow?.metrics.auc ?? 0) > 0.5);
    assert.equal(l.mlflow?.params.model, 'logreg');
    assert.equal(l.model?.version, '1');
    assert.deepEqual(l.model?.aliasesMoved, [aliases.challenger, aliases.champion]);
    assert.equal(first.decision?.outcome, 'promote');

    const champion = await tracker().getChampion('churn-model');
    assert.equal(champion?.version, '1');
    assert.equal(champion?.runId, l.mlflow?.runId);
    assert.equal(champion?.tags['mlcycle.run_id'], runId);
    assert.equal(champion?.tags['mlcycle.commit_sha'], world.repo.commit);
    assert.equal(champion?.tags['mlcycle.data_fingerprint'], l.data?.fingerprint);
    assert.equal(champion?.tags['mlcycle.image_digest'], l.image?.digest);
    assert.equal(champion?.tags['mlcycle.dag_run_id'], `mlcycle__${runId}`);
    assert.deepEqual(champion?.metrics, l.mlflow?.metrics);

    // Any lineage key leads back to this run: the model version, the MLflow run, the image, the data, the commit.
    for (const q of [`model=churn-model:${l.model?.version ?? ''}`, `mlflowRunId=${l.mlflow?.runId ?? ''}`, `imageDigest=${l.image?.digest ?? ''}`, `dataFingerprint=${l.data?.fingerprint ?? ''}`, `commit=${l.commitSha ?? ''}`]) {
      const found = (await (await world.call(`/api/lineage?${q}`)).json()) as { items: { id: string }[] };
      assert.ok(found.items.some((r) => r.id === runId), q);
    }
  });

  it('the same commit and data again is skipped as no change', async () => {
    const run = await world.finish(await world.startRun('churn-model'));
    assert.equal(run.status, 'skipped');
    assert.match(run.reason ?? '', /no change/);
  });

  it('a data change committed and pushed with dvc trains a challenger and records a policy decision', async () => {
    const commit = await world.changeData({ seed: 7, push: true, message: 'data: a new split' });
    const run = await world.finish(await world.startRun('churn-model', { reason: 'new data' }));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps.filter((s) => s.error)));
    assert.equal(run.lineage.commitSha, commit);
    assert.notEqual(run.lineage.data?.fingerprint, first.lineage.data?.fingerprint);
    assert.notEqual(run.lineage.data?.paths[0]?.md5, world.repo.dataMd5);
    // The image is tagged by the training code's content: a data-only commit finds it and starts no build.
    assert.equal(run.lineage.image?.tag, first.lineage.image?.tag);
    assert.equal(run.lineage.image?.digest, first.lineage.image?.digest);
    assert.equal(run.lineage.image?.built, false);
    assert.equal(pipelineRunsStarted(), 1);
    assert.notEqual(run.lineage.mlflow?.runId, first.lineage.mlflow?.runId);
    const d = run.decision;
    assert.ok(d, 'a decision is recorded');
    assert.equal(d.championVersion, '1');
    const primary = d.rules.find((r) => r.metric === 'auc');
    assert.equal(primary?.champion, first.lineage.mlflow?.metrics.auc);
    assert.equal(primary?.challenger, run.lineage.mlflow?.metrics.auc);
    const champion = await tracker().getChampion('churn-model');
    // Promoted or not, the candidate is registered as version 2 and carries the challenger alias.
    assert.equal(run.lineage.model?.version, '2');
    const challenger = await new MlflowClient({ trackingUri: world.stack.mlflow.url }).getByAlias('churn-model', aliases.challenger);
    assert.equal(challenger?.version, '2');
    if (d.outcome === 'promote') {
      assert.equal(run.lineage.model?.version, '2');
      assert.equal(run.lineage.model?.previousChampion, '1');
      assert.equal(champion?.version, '2');
      const previous = await new MlflowClient({ trackingUri: world.stack.mlflow.url }).getByAlias('churn-model', aliases.previousChampion);
      assert.equal(previous?.version, '1');
    } else {
      assert.equal(stepStatus(run).promote, 'skipped');
      assert.equal(champion?.version, '1');
    }

    // The dashboard shows this run as a person sees it: the decision and its numbers, and the lineage as a graph.
    const shown = await showRunPage(world.host.baseUrl, functionKey, run.id);
    assert.deepEqual(shown.errors, []);
    assert.ok(shown.text.includes(d.summary), `the decision's summary is shown:\n${shown.text}`);
    assert.match(shown.text, /\bauc\b/, 'the rules name the primary metric');
    assert.ok(shown.graphNodes.length >= 6, `commit, data, image, Airflow, MLflow and model nodes: ${JSON.stringify(shown.graphNodes)}`);
    assert.ok(shown.graphNodes.some((n) => n.includes(commit.slice(0, 7))), `a node names the commit: ${JSON.stringify(shown.graphNodes)}`);
  });

  it('a change of the training code builds a new image through the Azure DevOps pipeline, and trains from it', async () => {
    const before = pipelineRunsStarted();
    const commit = await world.changeCode('training: a comment');
    const run = await world.finish(await world.startRun('churn-model', { reason: 'new code' }));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps.filter((s) => s.error)));
    assert.equal(run.lineage.commitSha, commit);
    assert.equal(run.lineage.image?.built, true);
    assert.notEqual(run.lineage.image?.tag, first.lineage.image?.tag);
    assert.notEqual(run.lineage.image?.digest, first.lineage.image?.digest);
    assert.equal(pipelineRunsStarted(), before + 1);
    // The training says which image it ran: the one the lineage names, by digest.
    const got = (await (await fetch(`${world.stack.mlflow.url}/api/2.0/mlflow/runs/get?run_id=${run.lineage.mlflow?.runId ?? ''}`)).json()) as { run: { data: { tags?: { key: string; value: string }[] } } };
    const imageTag = got.run.data.tags?.find((t) => t.key === 'mlcycle.image')?.value;
    assert.equal(imageTag, `${run.lineage.image?.registry ?? ''}/${run.lineage.image?.repository ?? ''}@${run.lineage.image?.digest ?? ''}`);
  });

  it('a reproduction of the first run trains again from its pinned commit, data and image digest, and says whether its metrics came back', async () => {
    const builds = pipelineRunsStarted();
    const championBefore = await tracker().getChampion('churn-model');
    const res = await world.call(`/api/runs/${first.id}/reproduce`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'audit of the first model' }) });
    assert.equal(res.status, 202, await res.clone().text());
    const run = await world.finish(((await res.json()) as { runId: string }).runId);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps.filter((s) => s.error)));
    assert.equal(run.kind, 'reproduction');
    assert.equal(run.reproduceOf, first.id);
    // The branch has moved on twice since: the reproduction still trains the first commit, its data and its image.
    assert.equal(run.lineage.commitSha, first.lineage.commitSha);
    assert.equal(run.lineage.data?.fingerprint, first.lineage.data?.fingerprint);
    assert.equal(run.lineage.image?.digest, first.lineage.image?.digest);
    assert.equal(run.lineage.image?.built, false);
    assert.equal(pipelineRunsStarted(), builds, 'a reproduction never builds');
    assert.notEqual(run.lineage.mlflow?.runId, first.lineage.mlflow?.runId, 'a new training, not the old MLflow run');
    // The same code, data and image train the same model: every metric of the first run comes back.
    assert.equal(run.reproduction?.reproduced, true, JSON.stringify(run.reproduction));
    assert.deepEqual(run.reproduction?.metrics.map((m) => m.metric).sort(), Object.keys(first.lineage.mlflow?.metrics ?? {}).sort());
    assert.equal(run.decision?.outcome, 'hold');
    assert.equal(run.lineage.model, undefined, 'nothing registered');
    assert.equal((await tracker().getChampion('churn-model'))?.version, championBefore?.version, 'nothing promoted');
  });

  it('a rollback moves the champion alias back in MLflow once, and the lifecycle says who did it and why', async () => {
    const before = await tracker().getChampion('churn-model');
    assert.ok(before, 'there is a champion');
    type Lifecycle = { champion?: { version: string; how: string }; formerChampions: { version: string }[]; items: { id: string; kind: string; fromVersion?: string; toVersion: string; by?: string }[] };
    const lifecycle = async () => (await (await world.call('/api/pipelines/churn-model/lifecycle')).json()) as Lifecycle;
    const seen = await lifecycle();
    assert.equal(seen.champion?.version, before.version, "mlcycle's view of the champion is the registry's");
    // Back to the previous champion when the runs promoted more than one; otherwise to another registered version.
    const target = seen.formerChampions[0]?.version ?? (before.version === '1' ? '2' : '1');
    const body = JSON.stringify({ ...(seen.formerChampions.length > 0 ? {} : { toVersion: target }), reason: 'predictions degraded', by: 'on-call' });
    const rollback = () => world.call('/api/pipelines/churn-model/rollback', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const res = await rollback();
    assert.equal(res.status, 200, await res.clone().text());
    const record = (await res.json()) as Lifecycle['items'][number];
    assert.deepEqual([record.kind, record.fromVersion, record.toVersion, record.by], ['rolled-back', before.version, target, 'on-call (api-key)']);
    assert.equal((await tracker().getChampion('churn-model'))?.version, target);
    const again = await rollback();
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { id: string }).id, record.id, 'the same rollback, not a second one');
    assert.equal((await tracker().getChampion('churn-model'))?.version, target, 'moved once');
    const after = await lifecycle();
    assert.deepEqual([after.champion?.version, after.champion?.how], [target, 'rolled-back']);
    assert.equal(after.items[0]?.id, record.id);
  });

  it('data that was never pushed fails the data step, naming the missing paths, before any training', async () => {
    const commit = await world.changeData({ seed: 11, push: false, message: 'data: forgot to push' });
    const run = await world.finish(await world.startRun('churn-model'));
    assert.equal(run.status, 'failed');
    assert.equal(run.lineage.commitSha, commit);
    const step = run.steps.find((s) => s.name === 'versionData');
    assert.equal(step?.status, 'failed');
    assert.equal(step?.error?.code, 'DATA_NOT_PUSHED');
    assert.match(step?.error?.message ?? '', /Data is not in the DVC remote \(run dvc push\): data\b/);
    assert.equal(stepStatus(run).train, 'skipped');
    assert.equal(run.lineage.airflow, undefined);
    assert.equal((await airflowRun(`mlcycle__${run.id}`)).status, 404);
  });

  it('Airflow answering 503 for a while delays the run but does not fail it', async () => {
    // Push what the previous test left unpushed: the same commit can now train.
    const venv = world.stack.venvs.ml;
    await runCapture(venv.python, ['-m', 'dvc', 'push', '--quiet'], { cwd: world.repo.path, env: { ...process.env, ...s3Env(world.stack.s3) }, timeoutMs: 300_000 });

    // Twelve 503s: more than one attempt of the trigger activity can absorb, so the durable retry has to step in too.
    const from = world.airflowProxy.seen.length;
    world.airflowProxy.fail({ status: 503, times: 12, match: (r) => r.path.startsWith('/api/v2/') });
    const run = await world.finish(await world.startRun('churn-model', { reason: 'airflow flaky' }));
    world.airflowProxy.clearFaults();
    assert.equal(run.status, 'succeeded', JSON.stringify(run.steps.filter((s) => s.error)));
    const seen = world.airflowProxy.seen.slice(from);
    assert.equal(seen.filter((r) => r.injected).length, 12);
    assert.ok(seen.some((r) => !r.injected && r.method === 'POST' && r.path.endsWith('/dagRuns') && r.status === 200), 'the trigger got through in the end');
    assert.equal(seen.filter((r) => !r.injected && r.method === 'POST' && r.path.endsWith('/dagRuns')).length, 1, 'exactly one dag run was created');
    const train = run.steps.find((s) => s.name === 'train');
    assert.ok((train?.attempts ?? 0) >= 2, `train attempts: ${train?.attempts}`);
    assert.equal(run.lineage.airflow?.state, 'success');
  });

  it('the example notebooks run top to bottom: a run trained, watched and judged, then the champion traced back and scored', async (t) => {
    const venv = await prepareNotebookKernel(join(dir, 'client-venv'));
    const train = await runNotebook(world, venv, 'train-and-promote');
    assert.deepEqual(errorOutputs(train), [], train.failure);
    assert.match(outputText(taggedCell(train, 'wait')), /: (succeeded|waiting-approval)\b/);
    assert.match(outputText(taggedCell(train, 'lineage')), /commit[\s\S]*image[\s\S]*mlflow/);
    const decision = outputText(taggedCell(train, 'decision'));
    assert.match(decision, /outcome: (promote|hold)/);
    assert.match(decision, /\bauc\b/, 'the decision table has a row for the primary metric');
    assert.ok(showsImage(taggedCell(train, 'compare')), 'the comparison is charted');
    const why = await runNotebook(world, venv, 'why-this-model');
    assert.deepEqual(errorOutputs(why), [], why.failure);
    assert.match(outputText(taggedCell(why, 'links')), /\]\(http:\/\/127\.0\.0\.1:\d+\//, 'the lineage links to the systems');
    const scores = outputText(taggedCell(why, 'scores'));
    assert.match(scores, /predicted/);
    assert.equal(scores.match(/<tr>/g)?.length, 5, `five scored rows:\n${scores}`);
    t.diagnostic(`train-and-promote ${train.seconds.toFixed(1)} s, why-this-model ${why.seconds.toFixed(1)} s`);
  });

  it('no configured secret is in any log or durable history of the runs, as is or encoded', async (t) => {
    // Stopped first, so every service has flushed its log and the engine its journals.
    await world.stop();
    const secrets = world.secrets();
    const names = secrets.scanned.map((s) => s.name);
    for (const name of ['MLCYCLE_FUNCTION_KEY', 'MLCYCLE_MASTER_KEY', 'Durable system key', 'AIRFLOW_CALLBACK_SECRET', 'AIRFLOW_PASSWORD', 'S3_SECRET_ACCESS_KEY', 'COSMOS_KEY', 'AzureWebJobsStorage AccountKey', 'ADO_PAT', 'REGISTRY_PASSWORD']) {
      assert.ok(names.includes(name), `${name} is among the secrets scanned for (${names.join(', ')})`);
    }
    const report = world.scanSecrets();
    const files = report.files.map((f) => relative(dir, f));
    for (const file of ['logs/console.log', 'stack/airflow/airflow.log', 'stack/mlflow/mlflow.log', 'stack/s3/minio.log', 'logs/notebooks/train-and-promote.ipynb', 'logs/notebooks/why-this-model.ipynb']) assert.ok(files.includes(file), `${file} is scanned`);
    assert.ok(files.some((f) => /^stack\/airflow\/home\/logs\/dag_id=.+\/attempt=\d+\.log$/.test(f)), 'Airflow task logs are scanned');
    assert.ok(files.some((f) => /^durable\/.+\/history\.jsonl$/.test(f)), 'durable histories are scanned');
    // The message names each file and secret, never a value.
    assert.deepEqual(report.hits, [], describeScan(report, dir));
    t.diagnostic(describeScan(report, dir));
  });
});
