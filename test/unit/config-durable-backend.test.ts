import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../shared/config/load.js';
import { AppError } from '../../shared/domain/errors.js';
import { azureManagedIdentityEnv } from '../support/azure-env.js';

const clientId = azureManagedIdentityEnv.AZURE_CLIENT_ID;
const endpoint = 'https://dts-mlcycle-abc.westeurope.durabletask.io';
const scheduler = {
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: `Endpoint=${endpoint};Authentication=ManagedIdentity;ClientID=${clientId}`,
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged',
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
};

/** Which Durable backend the app runs on is read off the settings the Bicep writes; a half-written choice fails closed. */
describe('config: the Durable backend', () => {
  it('is Azure Storage without the scheduler settings, locally and in Azure', () => {
    const cfg = loadConfig(azureManagedIdentityEnv);
    assert.ok(!(cfg instanceof AppError));
    assert.deepEqual(cfg.durableBackend, { kind: 'azureStorage' });
  });

  it('is the Durable Task Scheduler at the connection\'s endpoint when all three settings are there', () => {
    const cfg = loadConfig({ ...azureManagedIdentityEnv, ...scheduler });
    assert.ok(!(cfg instanceof AppError), cfg instanceof AppError ? cfg.message : '');
    assert.deepEqual(cfg.durableBackend, { kind: 'durableTaskScheduler', endpoint });
  });

  it('names every missing half when only some of the settings are written', () => {
    const { DURABLE_TASK_SCHEDULER_CONNECTION_STRING: _connection, ...withoutConnection } = scheduler;
    const cfg = loadConfig({ ...azureManagedIdentityEnv, ...withoutConnection });
    assert.ok(cfg instanceof AppError);
    assert.deepEqual(cfg.issues.map((i) => i.field), ['DURABLE_TASK_SCHEDULER_CONNECTION_STRING']);
  });

  it('refuses a connection with a key, another identity or plain http, without echoing it', () => {
    const bad = [
      `Endpoint=${endpoint};Authentication=ManagedIdentity;ClientID=00000000-0000-4000-8000-0000000000ff`,
      `Endpoint=${endpoint};Authentication=AccessKey;Key=very-secret-scheduler-key`,
      `Endpoint=http://dts.example;Authentication=ManagedIdentity;ClientID=${clientId}`,
    ];
    for (const connection of bad) {
      const cfg = loadConfig({ ...azureManagedIdentityEnv, ...scheduler, DURABLE_TASK_SCHEDULER_CONNECTION_STRING: connection });
      assert.ok(cfg instanceof AppError, connection);
      assert.deepEqual(cfg.issues.map((i) => i.field), ['DURABLE_TASK_SCHEDULER_CONNECTION_STRING']);
      assert.ok(!cfg.message.includes('very-secret-scheduler-key'));
    }
  });

  it('refuses another storage provider type than the scheduler\'s', () => {
    const cfg = loadConfig({ ...azureManagedIdentityEnv, ...scheduler, AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'mssql' });
    assert.ok(cfg instanceof AppError);
    assert.deepEqual(cfg.issues.map((i) => i.field), ['AzureFunctionsJobHost__extensions__durableTask__storageProvider__type']);
  });
});
