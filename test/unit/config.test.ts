import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../shared/config/load.js';
import { requiredAzureSettings } from '../../shared/config/schema.js';
import { AppError } from '../../shared/domain/errors.js';
import { azureManagedIdentityEnv } from '../support/azure-env.js';

const local = {
  MLCYCLE_ENVIRONMENT: 'local',
  COSMOS_ENDPOINT: 'http://127.0.0.1:8081',
  COSMOS_KEY: 'super-secret-cosmos-key',
  AzureWebJobsStorage: 'DefaultEndpointsProtocol=http;AccountName=x;AccountKey=very-secret-account-key;',
};

describe('config', () => {
  it('parses a local environment into the nested config with defaults', () => {
    const cfg = loadConfig(local);
    assert.ok(!(cfg instanceof AppError));
    assert.equal(cfg.cosmos?.database, 'mlcycle');
    assert.deepEqual(cfg.cosmos?.auth, { kind: 'key', key: 'super-secret-cosmos-key' });
    assert.equal(cfg.queues.runRequests, 'run-requests');
    assert.equal(cfg.taskHubName, 'mlcycle');
  });

  it('parses an Azure environment with managed identity and no keys', () => {
    const cfg = loadConfig(azureManagedIdentityEnv);
    assert.ok(!(cfg instanceof AppError), cfg instanceof AppError ? cfg.message : '');
    assert.equal(cfg.cosmos?.auth.kind, 'managedIdentity');
  });

  it("sends telemetry with the identity named by Application Insights' authentication string", () => {
    const auth = { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000' };
    const user = loadConfig({ ...local, ...auth, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD' });
    assert.ok(!(user instanceof AppError));
    assert.deepEqual(user.telemetry.entra, { clientId: '11111111-1111-1111-1111-111111111111' });
    const system = loadConfig({ ...local, ...auth, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' });
    assert.ok(!(system instanceof AppError));
    assert.deepEqual(system.telemetry.entra, {});
    assert.ok(loadConfig({ ...local, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Key=abc' }) instanceof AppError);
  });

  it('fails closed listing every problem, without echoing any value', () => {
    const cfg = loadConfig({ ...local, COSMOS_ENDPOINT: 'not a url', COSMOS_KEY: '', TASK_HUB_NAME: 'bad hub!', LOG_LEVEL: 'chatty-secret-level' });
    assert.ok(cfg instanceof AppError);
    assert.equal(cfg.code, 'CONFIG');
    assert.deepEqual(cfg.issues.map((i) => i.field).sort(), ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'LOG_LEVEL', 'TASK_HUB_NAME']);
    for (const secret of ['super-secret-cosmos-key', 'very-secret-account-key', 'not a url', 'chatty-secret-level', 'bad hub!']) {
      assert.ok(!cfg.message.includes(secret), `the error must not echo ${secret}`);
    }
  });

  it('rejects unresolved Key Vault references by setting name', () => {
    const cfg = loadConfig({ ...local, COSMOS_KEY: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/cosmos/)' });
    assert.ok(cfg instanceof AppError);
    assert.deepEqual(cfg.issues.map((i) => i.field), ['COSMOS_KEY']);
    assert.match(cfg.message, /unresolved Key Vault reference/);
    assert.ok(!cfg.message.includes('kv.vault.azure.net'));
  });

  it('keeps the records in the local store when MLCYCLE_LOCAL_STORE_DIR is set, never beside a Cosmos endpoint', () => {
    const { COSMOS_ENDPOINT: _e, COSMOS_KEY: _k, ...noCosmos } = local;
    const cfg = loadConfig({ ...noCosmos, MLCYCLE_LOCAL_STORE_DIR: '.mlcycle/local/store' });
    assert.ok(!(cfg instanceof AppError));
    assert.deepEqual(cfg.localStore, { dir: '.mlcycle/local/store' });
    assert.equal(cfg.cosmos, undefined);
    const both = loadConfig({ ...local, MLCYCLE_LOCAL_STORE_DIR: 'x' });
    assert.ok(both instanceof AppError);
    assert.deepEqual(both.issues.map((i) => i.field), ['MLCYCLE_LOCAL_STORE_DIR']);
    const neither = loadConfig(noCosmos);
    assert.ok(neither instanceof AppError);
    assert.deepEqual(neither.issues.map((i) => i.field).sort(), ['COSMOS_ENDPOINT', 'COSMOS_KEY']);
  });

  it('requires an environment kind', () => {
    const cfg = loadConfig({});
    assert.ok(cfg instanceof AppError);
    assert.ok(cfg.issues.some((i) => i.field === 'MLCYCLE_ENVIRONMENT'));
  });

  it('lists the settings an Azure deployment must provide, read off the schema', () => {
    const required = requiredAzureSettings();
    for (const k of ['MLCYCLE_ENVIRONMENT', 'COSMOS_ENDPOINT', 'AZURE_CLIENT_ID', 'AzureWebJobsStorage__queueServiceUri']) assert.ok(required.includes(k), k);
    assert.ok(!required.includes('COSMOS_DATABASE'), 'settings with defaults are not required');
  });
});
