import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindings } from './assert-findings.js';
import { loadFixture, loadProject, resourcesOfType } from './bicep-project.js';
import { checkTransport } from './policies/security.js';

describe('transport: HTTPS only and TLS 1.2', () => {
  const templates = loadProject('bicep');

  it('the Function App is HTTPS only with TLS 1.2; storage and Cosmos DB refuse older TLS', () => {
    assert.equal(resourcesOfType(templates, 'Microsoft.Web/sites').length, 1);
    assert.deepEqual(checkTransport(templates), []);
  });

  it('fires on httpsOnly: false, TLS 1.0, FTP, HTTP storage traffic and Cosmos without TLS 1.2', () => {
    assertFindings(checkTransport(loadFixture('insecure-transport.bicep')), [
      /site site: properties\.httpsOnly is false/,
      /site site: properties\.siteConfig\.minTlsVersion is "1\.0"/,
      /site site: properties\.siteConfig\.scmMinTlsVersion is a deploy-time value/,
      /site site: properties\.siteConfig\.ftpsState is "AllAllowed"/,
      /storage account account: properties\.minimumTlsVersion is "TLS1_0"/,
      /storage account account: properties\.supportsHttpsTrafficOnly is false/,
      /storage account account: properties\.allowBlobPublicAccess is a deploy-time value/,
      /Cosmos DB account cosmos: properties\.minimalTlsVersion is "Tls"/,
    ]);
  });
});
