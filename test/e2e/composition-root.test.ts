import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AirflowScheduler } from '../../shared/adapters/airflow/airflow-scheduler.js';
import { SourceRouter } from '../../shared/adapters/git/source-router.js';
import { AzurePipelinesBuilder } from '../../shared/adapters/azure-devops/azure-pipelines-builder.js';
import { OciImageRegistry } from '../../shared/adapters/oci-registry/oci-image-registry.js';
import { MlflowTracker } from '../../shared/adapters/mlflow/mlflow-tracker.js';
import { S3ObjectStore } from '../../shared/adapters/s3/s3-object-store.js';
import { buildExternalSystems } from '../../shared/app/build-external-systems.js';
import type { Config } from '../../shared/config/config.js';
import { loadConfig } from '../../shared/config/load.js';
import { AppError } from '../../shared/domain/errors.js';
import { azureManagedIdentityEnv } from '../support/azure-env.js';

/** The settings of each external system and what the composition root builds from them. */
const local = {
  MLCYCLE_ENVIRONMENT: 'local',
  COSMOS_ENDPOINT: 'http://127.0.0.1:8081',
  COSMOS_KEY: 'k',
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
};
const full = {
  ...local,
  MLCYCLE_PUBLIC_BASE_URL: 'http://127.0.0.1:7071/',
  AIRFLOW_CALLBACK_SECRET: 'a-callback-secret-of-some-length',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_ACCESS_KEY_ID: 'minio',
  S3_SECRET_ACCESS_KEY: 'minio-secret-value',
  AIRFLOW_BASE_URL: 'http://127.0.0.1:8080/',
  AIRFLOW_USERNAME: 'admin',
  AIRFLOW_PASSWORD: 'airflow-secret-value',
  MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
  ADO_BASE_URL: 'http://127.0.0.1:8090/',
  ADO_PAT: 'ado-pat-secret-value',
  ADO_IMAGE_PIPELINE_ID: '12',
  REGISTRY_LOGIN_SERVER: '127.0.0.1:5000',
  REGISTRY_USERNAME: 'mlcycle',
  REGISTRY_PASSWORD: 'registry-secret-value',
};

function config(env: Record<string, string>): Config {
  const c = loadConfig(env);
  if (c instanceof AppError) throw new Error(c.message);
  return c;
}

describe('external-system settings', () => {
  it('maps every group, trimming trailing slashes and deriving the Airflow callback URL', () => {
    const c = config(full);
    assert.deepEqual(c.s3, { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret-value' }, maxConcurrency: 16 });
    assert.deepEqual(c.airflow, { baseUrl: 'http://127.0.0.1:8080', apiVersion: 3, credentials: { username: 'admin', password: 'airflow-secret-value' }, unpauseDags: false, callbackUrl: 'http://127.0.0.1:7071/api/hooks/airflow' });
    assert.deepEqual(c.mlflow, { trackingUri: 'http://127.0.0.1:5000', modelReadyTimeoutMs: 300_000 });
    assert.deepEqual(c.azureDevOps, { baseUrl: 'http://127.0.0.1:8090', auth: { kind: 'pat', pat: 'ado-pat-secret-value' }, build: { pipelineId: 12 } });
    assert.deepEqual(c.registry, { loginServer: '127.0.0.1:5000', auth: { kind: 'basic', username: 'mlcycle', password: 'registry-secret-value' } });
  });

  it('leaves every group out when its settings are absent or empty', () => {
    const c = config({ ...local, S3_ENDPOINT: '', AIRFLOW_BASE_URL: '', MLFLOW_TRACKING_URI: '', ADO_PAT: '', REGISTRY_LOGIN_SERVER: '' });
    assert.equal(c.s3, undefined);
    assert.equal(c.airflow, undefined);
    assert.equal(c.mlflow, undefined);
    assert.equal(c.azureDevOps, undefined);
    assert.deepEqual(c.registry, { auth: { kind: 'anonymous' } });
  });

  it('sends no callback URL when the hook has no secret (it would refuse every call)', () => {
    const { AIRFLOW_CALLBACK_SECRET: _drop, ...rest } = full;
    assert.equal(config(rest).airflow?.callbackUrl, undefined);
  });

  it('refuses bad values, naming the settings and never the values', () => {
    const c = loadConfig({ ...local, AIRFLOW_API_VERSION: '4', REGISTRY_LOGIN_SERVER: 'docker-secret-word/x', S3_ENDPOINT: 'not a url' });
    assert.ok(c instanceof AppError);
    assert.deepEqual(c.issues.map((i) => i.field).sort(), ['AIRFLOW_API_VERSION', 'REGISTRY_LOGIN_SERVER', 'S3_ENDPOINT']);
    assert.doesNotMatch(c.message, /not a url|docker-secret-word/);
  });

  it('refuses half a credential pair, naming the missing half', () => {
    const c = loadConfig({ ...local, S3_ACCESS_KEY_ID: 'minio', AIRFLOW_PASSWORD: 'only-the-password-value' });
    assert.ok(c instanceof AppError);
    assert.deepEqual(c.issues.map((i) => i.field).sort(), ['AIRFLOW_USERNAME', 'S3_SECRET_ACCESS_KEY']);
    assert.doesNotMatch(c.message, /only-the-password-value/);
  });
});

describe('the composition root for external systems', () => {
  it('builds a real adapter for each configured system, with a health probe for each that has an endpoint', () => {
    const ports = buildExternalSystems(config(full), { cwd: '/srv/app' });
    assert.ok(ports.source instanceof SourceRouter);
    assert.ok(ports.objects instanceof S3ObjectStore);
    assert.ok(ports.registry instanceof OciImageRegistry);
    assert.ok(ports.builder instanceof AzurePipelinesBuilder);
    assert.ok(ports.scheduler instanceof AirflowScheduler);
    assert.ok(ports.tracker instanceof MlflowTracker);
    assert.deepEqual(ports.health.map((h) => h.name), ['s3', 'registry', 'airflow', 'mlflow']);
  });

  it('keeps unconfigured stand-ins that fail with a CONFIG error naming the settings', async () => {
    const ports = buildExternalSystems(config(local));
    const expectConfig = (p: Promise<unknown>, settings: RegExp) => assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === 'CONFIG' && settings.test(e.message));
    await expectConfig(ports.objects.missingKeys('s3://b/p', ['k']), /S3_ENDPOINT/);
    await expectConfig(ports.scheduler.getRun('d', 'r'), /AIRFLOW_BASE_URL/);
    await expectConfig(ports.tracker.getChampion('m'), /MLFLOW_TRACKING_URI/);
    await expectConfig(ports.builder.getBuild('ado-1-2', { kind: 'localGit', path: '.', branch: 'main' }), /ADO_PAT/);
    await expectConfig(ports.source.resolveCommit({ kind: 'azureRepos', organization: 'o', project: 'p', repository: 'r', branch: 'main' }), /ADO_PAT/);
    assert.deepEqual(ports.health, []);
  });

  it('does not read local paths in Azure, where Azure DevOps and the registry use the managed identity', async () => {
    const azure = config({ ...azureManagedIdentityEnv, REGISTRY_LOGIN_SERVER: 'mlcycle.azurecr.io' });
    assert.equal(azure.azureDevOps?.auth.kind, 'managedIdentity');
    assert.equal(azure.registry.auth.kind, 'managedIdentity');
    const ports = buildExternalSystems(azure);
    await assert.rejects(ports.source.resolveCommit({ kind: 'localGit', path: '/etc', branch: 'main' }), (e: unknown) => e instanceof AppError && e.code === 'CONFIG');
    assert.ok(ports.builder instanceof AzurePipelinesBuilder);
  });
});
