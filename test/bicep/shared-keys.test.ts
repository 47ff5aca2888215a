import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindings } from './assert-findings.js';
import { loadFixture, loadProject, resourcesOfType } from './bicep-project.js';
import { checkNoSharedKeyAccess } from './policies/security.js';

describe('storage: no shared-key access', () => {
  const templates = loadProject('bicep');

  it('the templates declare a storage account, and none allows shared keys', () => {
    assert.equal(resourcesOfType(templates, 'Microsoft.Storage/storageAccounts').length, 1);
    assert.deepEqual(checkNoSharedKeyAccess(templates), []);
  });

  it('fires on allowSharedKeyAccess: true, on the property left out, and on a parameter defaulting to true', () => {
    assertFindings(checkNoSharedKeyAccess(loadFixture('shared-key-access.bicep')), [
      /keysOn: properties\.allowSharedKeyAccess is true, expected false/,
      /keysUnset: properties\.allowSharedKeyAccess is a deploy-time value \(properties\.allowSharedKeyAccess is not set\)/,
      /keysFromParam: properties\.allowSharedKeyAccess is true/,
    ]);
  });
});
