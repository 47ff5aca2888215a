import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureVenv, s3Env, startMlflow, startS3, type MlflowEndpoint, type S3Endpoint, type VenvInfo } from '../../stack/index.js';
import { runCapture } from '../../stack/run-command.js';
import { MlflowClient } from '../../shared/adapters/mlflow/mlflow-client.js';
import { aliases, extraTags, MlflowTracker } from '../../shared/adapters/mlflow/mlflow-tracker.js';
import { filterLiteral, tagIdentifier } from '../../shared/adapters/mlflow/filter.js';
import { AppError } from '../../shared/domain/errors.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';

/*
 * The MLflow tracker against a real MLflow 3 server (SQLite, artifacts proxied into MinIO), with runs and models
 * logged by the real MLflow client in the ml venv, as the training does.
 */
let dir: string;
let s3: S3Endpoint;
let mlflow: MlflowEndpoint;
let venv: VenvInfo;
let proxy: FaultProxy;
let logged: { failedRunId: string; finishedRunId: string; modelUri: string; otherRunId: string; otherModelUri: string };

const script = `
import json, sys, mlflow
from sklearn.linear_model import LogisticRegression
mlflow.set_experiment("adapter-test")
with mlflow.start_run(tags={"mlcycle.run_id": "run-a"}) as failed:
    mlflow.log_metric("auc", 0.1)
mlflow.tracking.MlflowClient().set_terminated(failed.info.run_id, "FAILED")
def train(run_id, c, auc):
    with mlflow.start_run(tags={"mlcycle.run_id": run_id}) as run:
        mlflow.log_params({"C": c, "model": "logreg"})
        mlflow.log_metrics({"auc": auc, "precision": 0.8})
        info = mlflow.sklearn.log_model(LogisticRegression(C=c).fit([[0.0], [1.0]], [0, 1]), name="model")
        mlflow.set_tag("mlcycle.model_uri", info.model_uri)
    return run.info.run_id, info.model_uri
finished, uri = train("run-a", 0.5, 0.91)
other, other_uri = train("run-b", 1.0, 0.93)
print(json.dumps({"failedRunId": failed.info.run_id, "finishedRunId": finished, "modelUri": uri, "otherRunId": other, "otherModelUri": other_uri}))
`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-mlflow-'));
  venv = await ensureVenv('ml');
  s3 = await startS3({ stateDir: join(dir, 's3') });
  mlflow = await startMlflow({ s3, venv, stateDir: join(dir, 'mlflow') });
  proxy = await startFaultProxy(mlflow.url);
  writeFileSync(join(dir, 'log_runs.py'), script);
  const out = await runCapture(venv.python, [join(dir, 'log_runs.py')], { cwd: dir, env: { ...process.env, ...s3Env(s3), MLFLOW_TRACKING_URI: mlflow.url }, timeoutMs: 300_000 });
  logged = JSON.parse(out.trim().split('\n').pop() ?? '{}') as typeof logged;
});
after(async () => {
  await proxy?.close();
  await mlflow?.stop();
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const tracker = (opts: { url?: string; sleeps?: number[] } = {}) =>
  new MlflowTracker(
    new MlflowClient({
      trackingUri: opts.url ?? mlflow.url,
      http: { retry: { minDelayMs: 1, maxDelayMs: 5 }, sleep: async (ms) => void opts.sleeps?.push(ms) },
    }),
    { pollIntervalMs: 50 },
  );

describe('MLflow search filters', () => {
  it('quotes values and backticks tag keys', () => {
    assert.equal(`${tagIdentifier('mlcycle.run_id')} = ${filterLiteral('r-1')}`, "tags.`mlcycle.run_id` = 'r-1'");
    assert.equal(filterLiteral("it's"), `"it's"`);
    assert.throws(() => filterLiteral(`it's "x"`), AppError);
    assert.throws(() => tagIdentifier('a`b'), AppError);
  });
});

describe('MlflowTracker on a real MLflow server', () => {
  it('finds the run by its mlcycle.run_id tag, preferring the finished attempt, with metrics, params and URIs', async () => {
    const run = await tracker().findRun('adapter-test', 'run-a');
    assert.ok(run);
    assert.equal(run.runId, logged.finishedRunId);
    assert.equal(run.status, 'FINISHED');
    assert.deepEqual(run.metrics, { auc: 0.91, precision: 0.8 });
    assert.deepEqual(run.params, { C: '0.5', model: 'logreg' });
    assert.match(run.artifactUri ?? '', /^mlflow-artifacts:\//);
    assert.equal(run.modelUri, logged.modelUri);
    assert.match(run.modelUri ?? '', /^models:\/m-/);
  });

  it('answers null for an unknown experiment or run id', async () => {
    assert.equal(await tracker().findRun('no-such-experiment', 'run-a'), null);
    assert.equal(await tracker().findRun('adapter-test', 'run-zzz'), null);
  });

  it('has no champion before anything is registered, even for a model that does not exist', async () => {
    assert.equal(await tracker().getChampion('churn-model'), null);
  });

  it('registers a version with lineage tags, waits for READY, marks it challenger, and finds it again on a retry', async () => {
    const t = tracker();
    const req = { modelName: 'churn-model', source: logged.modelUri, mlflowRunId: logged.finishedRunId, runId: 'run-a', tags: { 'mlcycle.commit_sha': 'a'.repeat(40), 'mlcycle.data_fingerprint': 'f'.repeat(64), 'mlcycle.image_digest': `sha256:${'d'.repeat(64)}` } };
    const v1 = await t.registerVersion(req);
    assert.equal(v1.version, '1');
    assert.equal(v1.runId, logged.finishedRunId);
    assert.deepEqual(v1.aliases, [aliases.challenger]);
    assert.equal(v1.tags['mlcycle.run_id'], 'run-a');
    assert.equal(v1.tags['mlcycle.commit_sha'], 'a'.repeat(40));
    assert.equal(v1.tags['mlcycle.image_digest'], `sha256:${'d'.repeat(64)}`);
    assert.equal(v1.tags[extraTags.mlflowRunId], logged.finishedRunId);
    assert.equal(v1.tags[extraTags.dagRunId], 'mlcycle__run-a');
    const again = await t.registerVersion(req);
    assert.equal(again.version, '1');
    const client = new MlflowClient({ trackingUri: mlflow.url });
    const all = await client.searchModelVersions("name = 'churn-model'");
    assert.equal(all.length, 1);
    assert.equal(all[0]?.status, 'READY');
  });

  it('moves the champion alias, keeps the outgoing champion for rollback, and reads the champion with its run metrics', async () => {
    const t = tracker();
    await t.setAlias('churn-model', aliases.champion, '1');
    await t.setAlias('churn-model', aliases.champion, '1');
    const c1 = await t.getChampion('churn-model');
    assert.equal(c1?.version, '1');
    assert.deepEqual(c1?.metrics, { auc: 0.91, precision: 0.8 });
    assert.ok(c1?.aliases.includes(aliases.champion));
    assert.match(c1?.createdAt ?? '', /^\d{4}-\d\d-\d\dT/);
    const client = new MlflowClient({ trackingUri: mlflow.url });
    assert.equal(await client.getByAlias('churn-model', aliases.previousChampion), null);

    const v2 = await t.registerVersion({ modelName: 'churn-model', source: logged.otherModelUri, mlflowRunId: logged.otherRunId, runId: 'run-b', tags: {} });
    assert.equal(v2.version, '2');
    await t.setAlias('churn-model', aliases.champion, '2');
    const c2 = await t.getChampion('churn-model');
    assert.equal(c2?.version, '2');
    assert.deepEqual(c2?.metrics, { auc: 0.93, precision: 0.8 });
    assert.equal((await client.getByAlias('churn-model', aliases.previousChampion))?.version, '1');
    // A retried promotion of the same version does not overwrite the rollback target.
    await t.setAlias('churn-model', aliases.champion, '2');
    assert.equal((await client.getByAlias('churn-model', aliases.previousChampion))?.version, '1');
  });

  it('reads a version of this model only, and deletes an alias (twice is harmless)', async () => {
    const t = tracker();
    const v1 = await t.getVersion('churn-model', '1');
    assert.equal(v1?.name, 'churn-model');
    assert.equal(v1?.version, '1');
    assert.equal(await t.getVersion('churn-model', '99'), null);
    assert.equal(await t.getVersion('no-such-model', '1'), null);
    const client = new MlflowClient({ trackingUri: mlflow.url });
    await t.setAlias('churn-model', aliases.previousChampion, '1');
    assert.equal((await client.getByAlias('churn-model', aliases.previousChampion))?.version, '1');
    await t.deleteAlias('churn-model', aliases.previousChampion);
    assert.equal(await client.getByAlias('churn-model', aliases.previousChampion), null);
    await t.deleteAlias('churn-model', aliases.previousChampion);
    await t.deleteAlias('no-such-model', aliases.previousChampion);
  });

  it('registers a runs:/ source (no LoggedModel id) too', async () => {
    const v = await tracker().registerVersion({ modelName: 'churn-model-runs', source: `runs:/${logged.finishedRunId}/model`, mlflowRunId: logged.finishedRunId, runId: 'run-a', tags: {} });
    assert.equal(v.version, '1');
  });

  it('rides out 503s and honours Retry-After on 429 (through a fault-injecting proxy)', async () => {
    const sleeps: number[] = [];
    const t = tracker({ url: proxy.url, sleeps });
    proxy.fail({ status: 503, times: 2 });
    proxy.fail({ status: 429, times: 1, retryAfter: '7', body: '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}' });
    const before = proxy.seen.length;
    const run = await t.findRun('adapter-test', 'run-a');
    assert.equal(run?.runId, logged.finishedRunId);
    const calls = proxy.seen.slice(before);
    assert.deepEqual(calls.slice(0, 4).map((c) => c.status), [503, 503, 429, 200]);
    assert.deepEqual(sleeps, [7000]);
  });

  it('fails TRANSIENT when MLflow stays down, and PERMANENT (not "no run") for a wrong tracking URI', async () => {
    proxy.fail({ status: 503 });
    try {
      await assert.rejects(tracker({ url: proxy.url }).findRun('adapter-test', 'run-a'), (e: unknown) => e instanceof AppError && e.code === 'TRANSIENT' && /MLflow is unavailable/.test(e.message));
    } finally {
      proxy.clearFaults();
    }
    await assert.rejects(tracker({ url: `${mlflow.url}/wrong-prefix` }).findRun('adapter-test', 'run-a'), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /HTTP 404/.test(e.message));
  });
});
