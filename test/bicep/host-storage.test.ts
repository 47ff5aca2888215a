import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindings } from './assert-findings.js';
import { loadFixture, loadProject } from './bicep-project.js';
import { appSettingsBlocks } from './policies/app-settings.js';
import { checkIdentityHostStorage } from './policies/host-storage.js';

describe('host storage through the managed identity', () => {
  const templates = loadProject('bicep');

  it('AzureWebJobsStorage__* with the identity, blob/queue/table URIs, data roles on all three, identity-read package', () => {
    assert.equal(appSettingsBlocks(templates).length, 1);
    assert.deepEqual(checkIdentityHostStorage(templates), []);
  });

  it('fires on a connection string, a missing credential/clientId/table URI, key-based package storage and missing roles', () => {
    assertFindings(checkIdentityHostStorage(loadFixture('key-based-host-storage.bicep')), [
      /app setting AzureWebJobsStorage is a key-based connection/,
      /AzureWebJobsStorage__credential must be 'managedidentity'/,
      /AzureWebJobsStorage__clientId must name the user-assigned identity/,
      /AzureWebJobsStorage__tableServiceUri is not set \(Durable Functions needs table\)/,
      /deployment storage: properties\.functionAppConfig\.deployment\.storage\.authentication\.type is "StorageAccountConnectionString"/,
      /site site: identity\.type is "SystemAssigned"/,
      /^no Storage Queue Data Contributor role assignment on Microsoft\.Storage\/storageAccounts$/,
      /^no Storage Table Data Contributor role assignment on Microsoft\.Storage\/storageAccounts$/,
    ]);
  });
});
