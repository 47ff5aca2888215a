metadata name = 'mlcycle Function App'
metadata description = 'Flex Consumption plan and the Node 22 Function App running as the user-assigned identity, HTTPS only, TLS 1.2, with identity-based host storage and Key Vault references for secrets.'

@description('Required. Function App name.')
param name string

@description('Required. Flex Consumption plan name.')
param planName string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Required. Resource ID of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Required. Client ID of the user-assigned identity (AZURE_CLIENT_ID, AzureWebJobsStorage__clientId).')
param identityClientId string

@description('Required. Blob endpoint of the host storage account.')
param storageBlobEndpoint string

@description('Required. Queue endpoint of the host storage account.')
param storageQueueEndpoint string

@description('Required. Table endpoint of the host storage account.')
param storageTableEndpoint string

@description('Required. URL of the blob container the plan deploys the package from.')
param deploymentContainerUrl string

@description('Required. Application Insights connection string.')
param appInsightsConnectionString string

@description('Required. Cosmos DB document endpoint (COSMOS_ENDPOINT).')
param cosmosEndpoint string

@description('Required. Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string

@description('Required. Durable Functions task hub name (TASK_HUB_NAME).')
param taskHubName string

@description('Required. Queue of inbound run requests (RUN_REQUESTS_QUEUE).')
param runRequestsQueue string

@description('Required. Queue of outbound run events (RUN_EVENTS_QUEUE).')
param runEventsQueue string

@description('Optional. Application log level (LOG_LEVEL).')
param logLevel string = 'info'

@description('Required. Version-less Key Vault URI of the Azure DevOps PAT secret.')
param adoPatSecretUri string

@description('Required. Version-less Key Vault URI of the Azure DevOps service-hook secret.')
param adoWebhookSecretUri string

@description('Required. Version-less Key Vault URI of the Airflow callback secret.')
param airflowCallbackSecretUri string

@description('Optional. Upper bound on instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the app to deploy `services.api` to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity, not a system-assigned one.
    keyVaultReferenceIdentity: identityResourceId
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    // Flex Consumption: runtime, scale and the package location live here, not in app settings.
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }

  // Every setting the app's config schema requires in Azure (test/bicep checks this against the schema itself).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      MLCYCLE_ENVIRONMENT: 'azure'
      AZURE_CLIENT_ID: identityClientId
      // Host storage through the identity: no connection string, no account key.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
      AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
      AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
      // Local auth is off on the component: telemetry is sent with an Entra token of this identity.
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      TASK_HUB_NAME: taskHubName
      COSMOS_ENDPOINT: cosmosEndpoint
      COSMOS_DATABASE: cosmosDatabaseName
      RUN_REQUESTS_QUEUE: runRequestsQueue
      RUN_EVENTS_QUEUE: runEventsQueue
      LOG_LEVEL: logLevel
      MLCYCLE_PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
      ADO_PAT: '@Microsoft.KeyVault(SecretUri=${adoPatSecretUri})'
      ADO_WEBHOOK_SECRET: '@Microsoft.KeyVault(SecretUri=${adoWebhookSecretUri})'
      AIRFLOW_CALLBACK_SECRET: '@Microsoft.KeyVault(SecretUri=${airflowCallbackSecretUri})'
    }
  }
}

@description('Function App name.')
output name string = site.name

@description('Resource ID of the Function App.')
output resourceId string = site.id

@description('Public base URL of the Function App.')
output uri string = 'https://${site.properties.defaultHostName}'
