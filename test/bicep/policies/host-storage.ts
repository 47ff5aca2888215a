import { evaluate, resourcesOfType, type BicepProject } from '../bicep-project.js';
import { locate } from '../bicep-tree.js';
import { hostStorageRoles } from '../role-ids.js';
import { appSettingsBlocks } from './app-settings.js';
import { requireValue } from './security.js';
import { checkGrants } from './roles.js';

/*
 * The Functions host and the Durable task hub reach storage through the managed identity: no connection string
 * anywhere, the service URIs Durable Functions needs (blob, queue, table), the identity's data roles on the
 * account, and a Flex Consumption deployment container read with the identity too.
 */

/** Settings that would carry an account key or a SAS. */
const keyBasedSettings = ['AzureWebJobsStorage', 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', 'AzureWebJobsDashboard'];

/** Identity-based `AzureWebJobsStorage__*` settings with blob, queue and table endpoints. */
export function checkIdentityHostStorage(project: BicepProject): string[] {
  const blocks = appSettingsBlocks(project);
  if (blocks.length === 0) return ['no Function App settings found'];
  const problems = blocks.flatMap((block) => {
    const where = locate(block.file, block.node);
    const settings = new Map(block.entries);
    const out: string[] = [];
    for (const name of keyBasedSettings) {
      if (settings.has(name)) out.push(`${where} app setting ${name} is a key-based connection; use AzureWebJobsStorage__* with the managed identity`);
    }
    const credential = settings.get('AzureWebJobsStorage__credential');
    if (!credential || evaluate(project, block.file, credential) !== 'managedidentity') {
      out.push(`${where} AzureWebJobsStorage__credential must be 'managedidentity'`);
    }
    if (!settings.has('AzureWebJobsStorage__clientId')) out.push(`${where} AzureWebJobsStorage__clientId must name the user-assigned identity`);
    // Durable Functions (Azure Storage provider) uses all three services; an accountName alone also covers them.
    if (!settings.has('AzureWebJobsStorage__accountName')) {
      for (const service of ['blob', 'queue', 'table']) {
        if (!settings.has(`AzureWebJobsStorage__${service}ServiceUri`)) out.push(`${where} AzureWebJobsStorage__${service}ServiceUri is not set (Durable Functions needs ${service})`);
      }
    }
    return out;
  });
  const sites = resourcesOfType(project, 'Microsoft.Web/sites').flatMap((site) => [
    ...requireValue(project, site, 'properties.functionAppConfig.deployment.storage.authentication.type', ['UserAssignedIdentity', 'SystemAssignedIdentity'], `site ${site.symbol} deployment storage`),
    ...requireValue(project, site, 'identity.type', ['UserAssigned', 'SystemAssigned, UserAssigned'], `site ${site.symbol}`),
  ]);
  return [...problems, ...sites, ...checkGrants(project, 'Microsoft.Storage/storageAccounts', hostStorageRoles)];
}
