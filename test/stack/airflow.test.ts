import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { airflowToken, buildAndPushImage, exampleCodePath, exampleDockerfile, seedExampleRepo, sessionMembers, startStack, trainingDagId, type ExampleRepo, type Stack } from '../../stack/index.js';

// The whole local stack, and the shipped DAG training the example project for real: the code from its image in the
// local registry, the data from the DVC remote in MinIO; the run lands in MLflow, and the DAG calls the app back.
let dir: string;
let stack: Stack;
let repo: ExampleRepo;
let image: string;
let callbackServer: Server;
let callbackUrl: string;
const callbacks: { secret: string | undefined; body: Record<string, unknown> }[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-stack-af-'));
  callbackServer = createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8').on('data', (d: string) => (data += d));
    req.on('end', () => {
      callbacks.push({ secret: req.headers['x-mlcycle-callback-secret'] as string | undefined, body: JSON.parse(data) as Record<string, unknown> });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => callbackServer.listen(0, '127.0.0.1', r));
  const addr = callbackServer.address();
  callbackUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/hooks/airflow`;
  stack = await startStack({ stateDir: join(dir, 'stack'), airflowOptions: { callbackSecret: 'test-callback-secret' } });
  repo = await seedExampleRepo({ dir: join(dir, 'churn-model'), s3: stack.s3, venv: stack.venvs.ml });
  const { registry } = stack;
  const { digest } = await buildAndPushImage({ repoDir: repo.path, commitSha: repo.commit, codePath: exampleCodePath, dockerfile: exampleDockerfile, registryUrl: registry.url, repository: 'training/churn-model', tag: 'stack-test', username: registry.username, password: registry.password });
  image = `${registry.host}/training/churn-model@${digest}`;
});

after(async () => {
  await stack?.stop();
  await new Promise((r) => callbackServer?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const af = stack.airflow!;
  const token = await airflowToken(af.url, af.username, af.password);
  return fetch(`${af.url}/api/v2${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
}

function conf(runId: string, params: Record<string, unknown> = {}) {
  return {
    runId,
    pipelineId: 'churn-model',
    commit: repo.commit,
    dataVersion: repo.dataMd5,
    params,
    mlflow: { experimentName: 'churn-model' },
    callbackUrl,
    image,
    data: { remoteUrl: repo.remoteUrl, files: { 'data.dvc': readFileSync(join(repo.path, 'data.dvc'), 'utf8') } },
  };
}

async function trigger(runId: string, params: Record<string, unknown> = {}): Promise<string> {
  const dagRunId = `mlcycle__${runId}`;
  const res = await api(`/dags/${trainingDagId}/dagRuns`, { method: 'POST', body: JSON.stringify({ dag_run_id: dagRunId, logical_date: null, conf: conf(runId, params) }) });
  assert.equal(res.status, 200, await res.clone().text());
  return dagRunId;
}

async function finalState(dagRunId: string): Promise<string> {
  for (;;) {
    const run = (await (await api(`/dags/${trainingDagId}/dagRuns/${dagRunId}`)).json()) as { state: string };
    if (run.state === 'success' || run.state === 'failed') return run.state;
    await sleep(2_000);
  }
}

async function callbackFor(runId: string): Promise<(typeof callbacks)[number]> {
  // The callback is posted by the last task, just before the DAG run is marked finished.
  for (;;) {
    const hit = callbacks.find((c) => c.body.runId === runId);
    if (hit) return hit;
    await sleep(500);
  }
}

describe('local stack: Airflow standalone with the mlcycle DAG', () => {
  it('is up with a token, and the training DAG is parsed and unpaused', async () => {
    const af = stack.airflow!;
    assert.equal(af.apiVersion, 3);
    const res = await api(`/dags/${trainingDagId}`);
    assert.equal(res.status, 200);
    const dag = (await res.json()) as { dag_id: string; is_paused: boolean };
    assert.equal(dag.dag_id, trainingDagId);
    assert.equal(dag.is_paused, false);
    assert.equal((await api('/importErrors').then((r) => r.json()) as { total_entries: number }).total_entries, 0);
  });

  it('rejects a trigger whose conf breaks the contract (400)', async () => {
    const res = await api(`/dags/${trainingDagId}/dagRuns`, { method: 'POST', body: JSON.stringify({ logical_date: null, conf: { runId: 'x' } }) });
    assert.equal(res.status, 400);
  });

  it('trains the example from the DVC data in S3, logs it to MLflow and calls back success', async () => {
    const dagRunId = await trigger('stack-e2e-1', { C: 0.5 });
    assert.equal(await finalState(dagRunId), 'success');
    const cb = await callbackFor('stack-e2e-1');
    assert.equal(cb.secret, 'test-callback-secret');
    assert.deepEqual(cb.body, { dagId: trainingDagId, dagRunId, runId: 'stack-e2e-1', state: 'success' });

    const search = await fetch(`${stack.mlflow.url}/api/2.0/mlflow/runs/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ experiment_ids: ['1'], filter: "tags.`mlcycle.run_id` = 'stack-e2e-1'" }),
    });
    const { runs } = (await search.json()) as { runs: { info: { status: string }; data: { metrics: { key: string }[]; params: { key: string; value: string }[]; tags: { key: string; value: string }[] } }[] };
    assert.equal(runs.length, 1);
    const tags = Object.fromEntries(runs[0]!.data.tags.map((t) => [t.key, t.value]));
    assert.equal(runs[0]!.info.status, 'FINISHED');
    assert.equal(tags['mlcycle.commit'], repo.commit);
    assert.equal(tags['mlcycle.pipeline_id'], 'churn-model');
    assert.equal(tags['mlcycle.data_fingerprint'], repo.dataMd5);
    assert.match(tags['mlcycle.model_uri'] ?? '', /^models:\//);
    assert.deepEqual(runs[0]!.data.metrics.map((m) => m.key).sort(), ['accuracy', 'auc', 'f1', 'precision', 'recall']);
    assert.equal(runs[0]!.data.params.find((p) => p.key === 'C')?.value, '0.5');
  });

  it('fails the DAG run and calls back failed when the training fails', async () => {
    const dagRunId = await trigger('stack-e2e-bad', { model: 'svm' });
    assert.equal(await finalState(dagRunId), 'failed');
    const cb = await callbackFor('stack-e2e-bad');
    assert.deepEqual(cb.body, { dagId: trainingDagId, dagRunId, runId: 'stack-e2e-bad', state: 'failed' });
  });

  it('stop() leaves no Airflow process behind', async () => {
    const pid = stack.airflow!.pid;
    await stack.stop();
    assert.deepEqual(sessionMembers(pid), []);
  });
});
