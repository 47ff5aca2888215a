import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CopyObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ensureVenv, seedExampleRepo, startS3, type ExampleRepo, type S3Endpoint } from '../../stack/index.js';
import { callCounts, resetCallCounts } from '../../shared/adapters/http/call-stats.js';
import { createS3Client, S3ObjectStore } from '../../shared/adapters/s3/s3-object-store.js';
import { objectKey, parseS3Url } from '../../shared/adapters/s3/s3-url.js';
import { AppError } from '../../shared/domain/errors.js';
import { parseDirManifest } from '../../shared/domain/dvc/manifest.js';
import { parseDvcFile } from '../../shared/domain/dvc/outputs.js';
import { remoteKey } from '../../shared/domain/dvc/remote.js';

/*
 * The S3 object store against a real MinIO (built from source by the local stack), with data pushed by the real
 * `dvc push` of the example project: DVC 3 layout, `.dir` manifests, objects present and missing, 404 vs 403.
 */
let dir: string;
let s3: S3Endpoint;
let admin: S3Client;
let repo: ExampleRepo;

const settings = () => ({ endpoint: s3.url, region: s3.region, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-s3-'));
  s3 = await startS3({ stateDir: join(dir, 's3') });
  admin = createS3Client(settings());
  repo = await seedExampleRepo({ dir: join(dir, 'churn-model'), s3, venv: await ensureVenv('ml') });
});
after(async () => {
  admin?.destroy();
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('s3:// URLs', () => {
  it('parses bucket and prefix and joins keys under the prefix', () => {
    assert.deepEqual(parseS3Url('s3://mlcycle-dvc/churn-model/'), { bucket: 'mlcycle-dvc', prefix: 'churn-model' });
    assert.deepEqual(parseS3Url('s3://mlcycle-dvc'), { bucket: 'mlcycle-dvc', prefix: '' });
    assert.equal(objectKey({ bucket: 'b', prefix: 'p/q' }, 'files/md5/ab/cd'), 'p/q/files/md5/ab/cd');
    assert.equal(objectKey({ bucket: 'b', prefix: '' }, 'ab/cd'), 'ab/cd');
    for (const bad of ['http://x/y', 's3://A_B/c', 's3://ab', 's3://bucket/../x']) assert.throws(() => parseS3Url(bad), AppError, bad);
  });
});

describe('S3ObjectStore on MinIO with data pushed by dvc', () => {
  it('finds every object dvc pushed: the .dir manifest and each file it lists (DVC 3 layout)', async () => {
    const store = new S3ObjectStore(createS3Client(settings()));
    const [out] = parseDvcFile(readFileSync(join(repo.path, 'data.dvc'), 'utf8'), 'data.dvc');
    assert.ok(out?.isDir);
    assert.equal(out.hashAlgorithm, 'md5');
    const manifestKey = remoteKey(out.md5, out.hashAlgorithm);
    assert.match(manifestKey, /^files\/md5\/[0-9a-f]{2}\/[0-9a-f]{30}\.dir$/);
    assert.deepEqual(await store.missingKeys(repo.remoteUrl, [manifestKey]), []);
    const manifest = await store.readText(repo.remoteUrl, manifestKey);
    assert.ok(manifest);
    const entries = parseDirManifest(manifest, manifestKey);
    assert.deepEqual(entries.map((e) => e.relpath).sort(), ['test.csv', 'train.csv']);
    assert.deepEqual(await store.missingKeys(repo.remoteUrl, entries.map((e) => remoteKey(e.md5, 'md5'))), []);
  });

  it('reads a legacy DVC 2 remote (objects directly under ab/cdef…)', async () => {
    const store = new S3ObjectStore(createS3Client(settings()));
    const { bucket, prefix } = parseS3Url(repo.remoteUrl);
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/files/md5/` }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!);
    assert.ok(keys.length >= 3);
    for (const k of keys) {
      await admin.send(new CopyObjectCommand({ Bucket: bucket, Key: `legacy/${k.slice(`${prefix}/files/md5/`.length)}`, CopySource: `${bucket}/${k}` }));
    }
    const dvc2 = readFileSync(join(repo.path, 'data.dvc'), 'utf8').replace(/^\s*hash: md5\n/m, '');
    const [out] = parseDvcFile(dvc2, 'data.dvc');
    assert.equal(out?.hashAlgorithm, 'md5-dos2unix');
    const legacy = `s3://${bucket}/legacy`;
    const manifest = await store.readText(legacy, remoteKey(out.md5, out.hashAlgorithm));
    assert.ok(manifest);
    const files = parseDirManifest(manifest, 'm').map((e) => remoteKey(e.md5, 'md5-dos2unix'));
    assert.ok(files.every((k) => /^[0-9a-f]{2}\/[0-9a-f]{30}$/.test(k)));
    assert.deepEqual(await store.missingKeys(legacy, files), []);
  });

  it('returns exactly the keys that are missing, each once, and null for a missing manifest', async () => {
    const store = new S3ObjectStore(createS3Client(settings()));
    await admin.send(new PutObjectCommand({ Bucket: 'mlcycle-dvc', Key: 'mixed/files/md5/aa/present', Body: 'x' }));
    const missing = await store.missingKeys('s3://mlcycle-dvc/mixed', ['files/md5/aa/present', 'files/md5/bb/absent', 'files/md5/bb/absent', 'files/md5/cc/gone']);
    assert.deepEqual(missing.sort(), ['files/md5/bb/absent', 'files/md5/cc/gone']);
    assert.equal(await store.readText('s3://mlcycle-dvc/mixed', 'files/md5/dd/none.dir'), null);
  });

  it('checks many keys with bounded concurrency and counts every call', async () => {
    const client = createS3Client(settings());
    let inFlight = 0;
    let peak = 0;
    const send = client.send.bind(client) as (...a: unknown[]) => Promise<unknown>;
    (client as unknown as { send: (...a: unknown[]) => Promise<unknown> }).send = async (...a: unknown[]) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await send(...a);
      } finally {
        inFlight -= 1;
      }
    };
    const store = new S3ObjectStore(client, { maxConcurrency: 4 });
    resetCallCounts();
    const keys = Array.from({ length: 60 }, (_, i) => `files/md5/ee/k${i}`);
    assert.equal((await store.missingKeys('s3://mlcycle-dvc/many', keys)).length, 60);
    assert.ok(peak <= 4, `peak ${peak}`);
    assert.ok(peak >= 2, `peak ${peak}`);
    // 60 HEADs plus one HEAD of the bucket before calling anything missing.
    assert.equal(callCounts().s3, 61);
  });

  it('tells a 403 (wrong credentials) from a 404, without echoing the secret', async () => {
    const wrongSecret = 'definitely-not-the-secret-1234';
    const store = new S3ObjectStore(createS3Client({ ...settings(), credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: wrongSecret } }));
    await assert.rejects(store.missingKeys(repo.remoteUrl, ['files/md5/aa/x']), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'PERMANENT');
      assert.equal(e.details.status, 403);
      assert.match(e.message, /S3 refused checking churn-model\/files\/md5\/aa\/x in bucket 'mlcycle-dvc' \(HTTP 403\): check S3_ACCESS_KEY_ID/);
      assert.doesNotMatch(JSON.stringify(e.toJSON()), new RegExp(wrongSecret));
      return true;
    });
    await assert.rejects(store.readText(repo.remoteUrl, 'files/md5/aa/x'), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /\(SignatureDoesNotMatch, HTTP 403\)/.test(e.message));
  });

  it('says the bucket does not exist instead of calling its objects unpushed', async () => {
    const store = new S3ObjectStore(createS3Client(settings()));
    await assert.rejects(store.missingKeys('s3://no-such-bucket-here/p', ['files/md5/aa/x']), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /bucket 'no-such-bucket-here' does not exist/.test(e.message));
  });

  it('calls an unreachable endpoint transient', async () => {
    const store = new S3ObjectStore(createS3Client({ ...settings(), endpoint: 'http://127.0.0.1:9' }));
    await assert.rejects(store.missingKeys(repo.remoteUrl, ['files/md5/aa/x']), (e: unknown) => e instanceof AppError && e.code === 'TRANSIENT' && e.retryable);
  });

  it('fails within its deadline, TRANSIENT and naming S3, while MinIO is paused (SIGSTOP), and works again once resumed', async () => {
    const store = new S3ObjectStore(createS3Client({ ...settings(), attemptTimeoutMs: 1000, connectTimeoutMs: 1000, maxAttempts: 2 }));
    const [out] = parseDvcFile(readFileSync(join(repo.path, 'data.dvc'), 'utf8'), 'data.dvc');
    assert.ok(out);
    const key = remoteKey(out.md5, out.hashAlgorithm);
    process.kill(s3.pid, 'SIGSTOP');
    try {
      const started = performance.now();
      await assert.rejects(store.missingKeys(repo.remoteUrl, [key]), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'TRANSIENT');
        assert.equal(e.details.system, 's3');
        assert.match(e.message, /S3 is unavailable .*no answer within the deadline/);
        return true;
      });
      // Two attempts of one second each, plus the SDK's short back-off between them.
      assert.ok(performance.now() - started < 6000, `took ${Math.round(performance.now() - started)} ms`);
    } finally {
      process.kill(s3.pid, 'SIGCONT');
    }
    assert.deepEqual(await store.missingKeys(repo.remoteUrl, [key]), []);
  });
});
