import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { defaultBuckets, ensureVenvs, sessionMembers, startMlflow, startS3, type MlflowEndpoint, type S3Endpoint, type Venvs } from '../../stack/index.js';
import { runCapture } from '../../stack/run-command.js';

// The real servers of the local stack: MinIO and an MLflow server with its artifacts proxied into MinIO.
let dir: string;
let venvs: Venvs;
let s3: S3Endpoint;
let mlflow: MlflowEndpoint;
let client: S3Client;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-stack-'));
  venvs = await ensureVenvs();
  s3 = await startS3({ stateDir: join(dir, 's3') });
  mlflow = await startMlflow({ s3, venv: venvs.ml, stateDir: join(dir, 'mlflow') });
  client = new S3Client({ endpoint: s3.url, region: s3.region, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
});

after(async () => {
  client?.destroy();
  await mlflow?.stop();
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const logRunScript = `
import mlflow, sys
mlflow.set_experiment("stack-test")
with mlflow.start_run(tags={"mlcycle.run_id": "stack-run-1"}) as run:
    mlflow.log_param("C", 0.5)
    mlflow.log_metric("auc", 0.91)
    mlflow.log_text("hello from the ml venv", "notes/hello.txt")
print(run.info.run_id)
`;

describe('local stack: S3 (MinIO) and MLflow', () => {
  it('serves S3 with the default buckets and a new one', async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: defaultBuckets.dvc }));
    assert.equal(listed.KeyCount ?? 0, 0);
    await client.send(new CreateBucketCommand({ Bucket: 'stack-test' }));
    await client.send(new PutObjectCommand({ Bucket: 'stack-test', Key: 'a/b.txt', Body: 'payload' }));
    const got = await client.send(new GetObjectCommand({ Bucket: 'stack-test', Key: 'a/b.txt' }));
    assert.equal(await got.Body?.transformToString(), 'payload');
  });

  it('logs a run with the ml venv client, reads it back over REST, and stores its artifacts in S3', async () => {
    const out = await runCapture(venvs.ml.python, ['-c', logRunScript], { env: { ...process.env, MLFLOW_TRACKING_URI: mlflow.url } });
    const runId = out.trim().split('\n').pop() ?? '';
    assert.match(runId, /^[0-9a-f]{32}$/);

    const res = await fetch(`${mlflow.url}/api/2.0/mlflow/runs/get?run_id=${runId}`);
    assert.equal(res.status, 200);
    const { run } = (await res.json()) as { run: { info: { status: string; artifact_uri: string }; data: { params: { key: string; value: string }[]; metrics: { key: string; value: number }[]; tags: { key: string; value: string }[] } } };
    assert.equal(run.info.status, 'FINISHED');
    assert.deepEqual(run.data.params.find((p) => p.key === 'C'), { key: 'C', value: '0.5' });
    assert.equal(run.data.metrics.find((m) => m.key === 'auc')?.value, 0.91);
    assert.equal(run.data.tags.find((t) => t.key === 'mlcycle.run_id')?.value, 'stack-run-1');
    // Proxied artifacts: clients see mlflow-artifacts:/ URIs, the bytes live in the S3 bucket.
    assert.match(run.info.artifact_uri, /^mlflow-artifacts:\//);
    const objects = await client.send(new ListObjectsV2Command({ Bucket: defaultBuckets.mlflow }));
    assert.ok((objects.Contents ?? []).some((o) => o.Key?.includes(runId) && o.Key.endsWith('notes/hello.txt')));
  });

  it('stop() ends every process of a service', async () => {
    const extra = await startS3({ stateDir: join(dir, 's3-extra') });
    assert.ok(sessionMembers(extra.pid).length > 0);
    await extra.stop();
    assert.deepEqual(sessionMembers(extra.pid), []);
    await extra.stop(); // a second stop is harmless
  });
});
