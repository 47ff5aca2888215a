/**
 * The settings of an Azure deployment as the app sees them: Cosmos and the queues reached through the user-assigned
 * managed identity, no key or connection string anywhere.
 */
export const azureManagedIdentityEnv: Readonly<Record<string, string>> = {
  MLCYCLE_ENVIRONMENT: 'azure',
  COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
  AZURE_CLIENT_ID: '00000000-0000-4000-8000-000000000001',
  AzureWebJobsStorage__queueServiceUri: 'https://acct.queue.core.windows.net',
  AzureWebJobsStorage__credential: 'managedidentity',
  AzureWebJobsStorage__clientId: '00000000-0000-4000-8000-000000000001',
};
