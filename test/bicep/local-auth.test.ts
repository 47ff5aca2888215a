import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindings } from './assert-findings.js';
import { loadFixture, loadProject, modulesFromRegistry, resourcesOfType } from './bicep-project.js';
import { checkLocalAuthOff } from './policies/security.js';

describe('Cosmos DB, Application Insights, Log Analytics: local auth off', () => {
  const templates = loadProject('bicep');

  it('the templates declare Cosmos DB, Application Insights and Log Analytics, all Entra-only', () => {
    assert.equal(resourcesOfType(templates, 'Microsoft.DocumentDB/databaseAccounts').length, 1);
    assert.equal(modulesFromRegistry(templates, 'avm/res/insights/component').length, 1);
    assert.equal(modulesFromRegistry(templates, 'avm/res/operational-insights/workspace').length, 1);
    assert.deepEqual(checkLocalAuthOff(templates), []);
  });

  it('fires on Cosmos disableLocalAuth: false, App Insights without DisableLocalAuth, and the AVM module with it false', () => {
    assertFindings(checkLocalAuthOff(loadFixture('local-auth-on.bicep')), [
      /Cosmos DB account cosmos: properties\.disableLocalAuth is false/,
      /Application Insights module appInsightsModule: params\.disableLocalAuth is false/,
      /Application Insights appInsights: properties\.DisableLocalAuth is a deploy-time value/,
    ]);
  });
});
