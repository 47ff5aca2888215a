import { evaluateProperty, isKnown, modulesFromRegistry, resourcesOfType, type BicepProject, type Value } from '../bicep-project.js';
import { locate, type ModuleDecl, type ResourceDecl } from '../bicep-tree.js';

/*
 * Account-level security settings: shared keys off, local (key) auth off, HTTPS only and TLS 1.2. Each check
 * returns one message per violation; a setting that cannot be proven offline (a deploy-time expression) is a
 * violation too.
 */

function show(v: Value): string {
  return isKnown(v) ? JSON.stringify(v) : `a deploy-time value (${v.reason})`;
}

/** Require `path` to evaluate to one of `allowed` on every iteration of a declaration. */
export function requireValue(project: BicepProject, decl: ResourceDecl | ModuleDecl, path: string, allowed: readonly Value[], what: string): string[] {
  return evaluateProperty(project, decl, path)
    .filter((v) => !allowed.some((a) => JSON.stringify(a) === JSON.stringify(v)))
    .map((v) => `${locate(decl.file, decl.node)} ${what}: ${path} is ${show(v)}, expected ${allowed.map((a) => JSON.stringify(a)).join(' or ')}`);
}

/** Storage accounts (and AVM storage-account modules) allow no shared-key access. */
export function checkNoSharedKeyAccess(project: BicepProject): string[] {
  return [
    ...resourcesOfType(project, 'Microsoft.Storage/storageAccounts').flatMap((r) =>
      requireValue(project, r, 'properties.allowSharedKeyAccess', [false], `storage account ${r.symbol}`),
    ),
    ...modulesFromRegistry(project, 'avm/res/storage/storage-account').flatMap((m) =>
      requireValue(project, m, 'params.allowSharedKeyAccess', [false], `storage module ${m.symbol}`),
    ),
  ];
}

/** Cosmos DB, Application Insights and Log Analytics accept Entra ID only. */
export function checkLocalAuthOff(project: BicepProject): string[] {
  return [
    ...resourcesOfType(project, 'Microsoft.DocumentDB/databaseAccounts').flatMap((r) =>
      requireValue(project, r, 'properties.disableLocalAuth', [true], `Cosmos DB account ${r.symbol}`),
    ),
    ...modulesFromRegistry(project, 'avm/res/document-db/database-account').flatMap((m) =>
      requireValue(project, m, 'params.disableLocalAuthentication', [true], `Cosmos DB module ${m.symbol}`),
    ),
    ...resourcesOfType(project, 'Microsoft.Insights/components').flatMap((r) =>
      requireValue(project, r, 'properties.DisableLocalAuth', [true], `Application Insights ${r.symbol}`),
    ),
    ...modulesFromRegistry(project, 'avm/res/insights/component').flatMap((m) =>
      requireValue(project, m, 'params.disableLocalAuth', [true], `Application Insights module ${m.symbol}`),
    ),
    ...resourcesOfType(project, 'Microsoft.OperationalInsights/workspaces').flatMap((r) =>
      requireValue(project, r, 'properties.features.disableLocalAuth', [true], `Log Analytics workspace ${r.symbol}`),
    ),
    ...modulesFromRegistry(project, 'avm/res/operational-insights/workspace').flatMap((m) =>
      requireValue(project, m, 'params.features.disableLocalAuth', [true], `Log Analytics module ${m.symbol}`),
    ),
  ];
}

/** Function Apps are HTTPS only with TLS 1.2; storage and Cosmos DB refuse older TLS and plain HTTP. */
export function checkTransport(project: BicepProject): string[] {
  return [
    ...resourcesOfType(project, 'Microsoft.Web/sites').flatMap((r) => [
      ...requireValue(project, r, 'properties.httpsOnly', [true], `site ${r.symbol}`),
      ...requireValue(project, r, 'properties.siteConfig.minTlsVersion', ['1.2', '1.3'], `site ${r.symbol}`),
      ...requireValue(project, r, 'properties.siteConfig.scmMinTlsVersion', ['1.2', '1.3'], `site ${r.symbol}`),
      ...requireValue(project, r, 'properties.siteConfig.ftpsState', ['Disabled', 'FtpsOnly'], `site ${r.symbol}`),
    ]),
    ...resourcesOfType(project, 'Microsoft.Storage/storageAccounts').flatMap((r) => [
      ...requireValue(project, r, 'properties.minimumTlsVersion', ['TLS1_2', 'TLS1_3'], `storage account ${r.symbol}`),
      ...requireValue(project, r, 'properties.supportsHttpsTrafficOnly', [true], `storage account ${r.symbol}`),
      ...requireValue(project, r, 'properties.allowBlobPublicAccess', [false], `storage account ${r.symbol}`),
    ]),
    ...resourcesOfType(project, 'Microsoft.DocumentDB/databaseAccounts').flatMap((r) =>
      requireValue(project, r, 'properties.minimalTlsVersion', ['Tls12', 'Tls13'], `Cosmos DB account ${r.symbol}`),
    ),
  ];
}
