import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdoConnection } from '../../shared/adapters/azure-devops/ado-connection.js';
import { cosmosContainers, createCosmosClient } from '../../shared/adapters/cosmos/cosmos-client.js';
import { fromCosmosError } from '../../shared/adapters/cosmos/cosmos-errors.js';
import { LocalGitSource } from '../../shared/adapters/git/local-git-source.js';
import { HttpClient } from '../../shared/adapters/http/http-client.js';
import { OciImageRegistry } from '../../shared/adapters/oci-registry/oci-image-registry.js';
import { createS3Client, S3ObjectStore } from '../../shared/adapters/s3/s3-object-store.js';
import { fromStorageError } from '../../shared/adapters/storage-queue/storage-errors.js';
import { createQueueService } from '../../shared/adapters/storage-queue/queue-client.js';
import { AppError } from '../../shared/domain/errors.js';
import { startStalledServer, type StalledServer } from '../support/stalled-server.js';

/*
 * Every adapter that calls out gives up on an attempt that passes its deadline, against real servers that accept the
 * connection and then never answer (or answer the headers and stall the body): the failure is a retryable TRANSIENT
 * AppError naming the system, so the activity's retry policy acts. Deadlines are short here; nothing sleeps.
 */

const deadlineMs = 600;
let silent: StalledServer;
let stallBody: StalledServer;
let dir: string;

before(async () => {
  silent = await startStalledServer('silent');
  stallBody = await startStalledServer('headers-then-stall');
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-deadlines-'));
});
after(async () => {
  await silent?.close();
  await stallBody?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Await `work`, expecting a TRANSIENT AppError naming `system` within `withinMs`. */
async function failsTransient(work: () => Promise<unknown>, system: string, withinMs: number, map: (e: unknown) => unknown = (e) => e): Promise<AppError> {
  const started = performance.now();
  let caught: unknown;
  try {
    await work();
  } catch (e) {
    caught = map(e);
  }
  const elapsed = performance.now() - started;
  assert.ok(caught instanceof AppError, `expected an AppError, got ${String(caught)}`);
  assert.equal(caught.code, 'TRANSIENT', caught.message);
  assert.equal(caught.retryable, true);
  assert.equal(caught.details.system, system, caught.message);
  assert.ok(elapsed < withinMs, `took ${Math.round(elapsed)} ms, more than ${withinMs} ms`);
  return caught;
}

describe('outbound deadlines', () => {
  const retry = { retries: 1, minDelayMs: 10, maxDelayMs: 10 };

  for (const mode of ['silent', 'headers-then-stall'] as const) {
    it(`the REST client (Airflow, MLflow) fails an attempt whose server is ${mode}`, async () => {
      const server = mode === 'silent' ? silent : stallBody;
      const client = new HttpClient({ system: 'mlflow', displayName: 'MLflow', baseUrl: server.url, timeoutMs: deadlineMs, retry });
      const e = await failsTransient(() => client.request({ method: 'GET', path: '/api/2.0/mlflow/experiments/get' }), 'mlflow', 2 * deadlineMs + 2000);
      assert.match(e.message, /MLflow.*timed out/);
    });

  }

  it('the registry client fails an attempt whose server never answers', async () => {
    const registry = new OciImageRegistry({ credentialsFor: () => ({ kind: 'anonymous' }), plainHttp: () => true, timeoutMs: deadlineMs, retry });
    const e = await failsTransient(() => registry.findTag(`127.0.0.1:${silent.port}`, 'churn-model', 'v1'), 'registry', 2 * deadlineMs + 2000);
    assert.match(e.message, /Registry 127\.0\.0\.1/);
  });

  it('the S3 client fails HEADs against a server that never answers (every SDK attempt, then TRANSIENT)', async () => {
    const client = createS3Client({ endpoint: silent.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' }, attemptTimeoutMs: deadlineMs, connectTimeoutMs: deadlineMs, maxAttempts: 2 });
    try {
      const e = await failsTransient(() => new S3ObjectStore(client).missingKeys('s3://bucket/prefix', ['files/md5/aa/bb']), 's3', 2 * deadlineMs + 3000);
      assert.match(e.message, /S3 is unavailable/);
    } finally {
      client.destroy();
    }
  });

  it('the S3 client fails a GET whose body stalls after the headers', async () => {
    const client = createS3Client({ endpoint: stallBody.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' }, attemptTimeoutMs: deadlineMs, connectTimeoutMs: deadlineMs, maxAttempts: 2 });
    try {
      await failsTransient(() => new S3ObjectStore(client).readText('s3://bucket/prefix', 'files/md5/aa/bb.dir'), 's3', 2 * deadlineMs + 3000);
    } finally {
      client.destroy();
    }
  });

  it('Azure DevOps fails a call whose server never answers', async () => {
    const connection = new AdoConnection({ auth: { pat: 'not-a-real-pat' }, orgUrl: (o) => `${silent.url}/${o}`, timeoutMs: deadlineMs });
    const e = await failsTransient(() => connection.call('contoso', 'listing repositories', (apis) => apis.git.getRepositories('proj')), 'azure-devops', deadlineMs + 2000);
    assert.doesNotMatch(e.message, /not-a-real-pat/);
  });

  it('git is killed when it passes its deadline (a repository whose HEAD never reads)', async () => {
    const repo = join(dir, 'hung-repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', repo]);
    // A FIFO as HEAD: git blocks opening it, as it would on a hung network filesystem.
    rmSync(join(repo, '.git', 'HEAD'));
    execFileSync('mkfifo', [join(repo, '.git', 'HEAD')]);
    const source = new LocalGitSource(dir, { timeoutMs: deadlineMs });
    const e = await failsTransient(() => source.resolveCommit({ kind: 'localGit', path: 'hung-repo', branch: 'main' }, 'main'), 'git', deadlineMs + 2000);
    assert.match(e.message, /git .*did not finish within/);
  });

  it('Cosmos DB fails a request whose server never answers', async () => {
    const cfg = { endpoint: `https://127.0.0.1:${silent.port}`, database: 'mlcycle', createContainers: false, auth: { kind: 'key' as const, key: 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==' } };
    const client = createCosmosClient(cfg, { attemptMs: deadlineMs, connectMs: deadlineMs });
    try {
      await failsTransient(() => cosmosContainers(client, cfg).ping(), 'cosmos', 6 * deadlineMs + 3000, (e) => fromCosmosError(e, 'The database'));
    } finally {
      client.dispose();
    }
  });

  it('Storage queues fail a request whose server never answers', async () => {
    const connection = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=${silent.url}/devstoreaccount1;`;
    const service = createQueueService({ kind: 'connectionString', value: connection }, { attemptMs: deadlineMs, maxTries: 2 });
    await failsTransient(() => service.getProperties(), 'storage-queues', 2 * deadlineMs + 3000, (e) => fromStorageError(e, 'The queue service'));
  });
});
