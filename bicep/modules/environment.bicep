metadata name = 'mlcycle environment'
metadata description = 'Everything inside the environment\'s resource group: the app identity, monitoring, Storage, Cosmos DB, Key Vault, the Durable backend, the Function App and its sign-in, and the roles on an existing registry.'

@description('Required. Resource names, derived by main.bicep from the environment\'s token.')
param names object

@description('Required. Token that makes deployment names unique per environment.')
param resourceToken string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. `dev` or `prod`: prod turns on purge protection and keeps logs longer.')
param environmentType string = 'dev'

@description('Required. Durable Functions task hub name (TASK_HUB_NAME).')
param taskHubName string

@description('Required. Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string

@description('Optional. Application log level (LOG_LEVEL).')
param logLevel string = 'info'

@description('Optional. Upper bound on Flex Consumption instances.')
param maximumInstanceCount int = 100

@description('Optional. Memory per Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@description('Required. The secrets main.bicep was given, by its parameter names; they go into Key Vault and nowhere else.')
@secure()
param secrets object

@description('Optional. Client ID of the Entra app registration people sign in to. Empty: keys only.')
param signInClientId string = ''

@description('Optional. Tenant of that app registration.')
param signInTenantId string = subscription().tenantId

@description('Required. The external systems\' non-secret parameters of main.bicep, by their names (s3Endpoint, airflowBaseUrl, …).')
param externalSystems object

@description('Optional. Resource ID of an existing container registry. Empty: no registry setting and no registry roles.')
param acrResourceId string = ''

@description('Optional. Principal ID of the identity that builds training images. Empty: no build roles.')
param buildPrincipalId string = ''

@description('Optional. Durable Functions backend: `azureStorage` (the task hub in the storage account) or `durableTaskScheduler`.')
param durableBackend string = 'azureStorage'

@description('Optional. Durable Task Scheduler SKU (`Consumption` or `Dedicated`).')
param durableTaskSchedulerSku string = 'Consumption'

@description('Optional. Capacity units of a Dedicated scheduler.')
param durableTaskSchedulerCapacity int = 1

@description('Optional. IP ranges allowed to reach the scheduler; never empty.')
param durableTaskSchedulerIpAllowlist array = ['0.0.0.0/0']

// The queues the app reads and writes; the app settings point at the same names.
var queueNames = {
  runRequests: 'run-requests'
  runRequestsPoison: 'run-requests-poison'
  runEvents: 'run-events'
  adoHooks: 'ado-hooks'
  adoHooksPoison: 'ado-hooks-poison'
}

// The one identity the app runs as: storage, Cosmos, Key Vault references and telemetry all authenticate with it.
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.6.0' = {
  name: 'mlcycle-identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'monitoring.bicep' = {
  name: 'mlcycle-monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: environmentType == 'prod' ? 90 : 30
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'storage.bicep' = {
  name: 'mlcycle-storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    queueNames: [
      queueNames.runRequests
      queueNames.runRequestsPoison
      queueNames.runEvents
      queueNames.adoHooks
      queueNames.adoHooksPoison
    ]
  }
}

module cosmos 'cosmos.bicep' = {
  name: 'mlcycle-cosmos'
  params: {
    name: names.cosmos
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    principalId: identity.outputs.principalId
  }
}

module keyVault 'key-vault.bicep' = {
  name: 'mlcycle-key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: environmentType == 'prod'
    principalId: identity.outputs.principalId
    adoPat: secrets.adoPat
    adoWebhookSecret: secrets.adoWebhookSecret
    azureMonitorWebhookSecret: secrets.azureMonitorWebhookSecret
    airflowCallbackSecret: secrets.airflowCallbackSecret
    continuationTokenKey: secrets.continuationTokenKey
    apiKeys: secrets.apiKeys
    s3SecretAccessKey: secrets.s3SecretAccessKey
    airflowPassword: secrets.airflowPassword
    mlflowTrackingToken: secrets.mlflowTrackingToken
  }
}

// The Durable Task Scheduler, only when chosen; with Azure Storage the task hub lives in the storage account above.
module durableTaskScheduler 'durable-task-scheduler.bicep' = if (durableBackend == 'durableTaskScheduler') {
  name: 'mlcycle-durable-task-scheduler'
  params: {
    name: names.durableTaskScheduler
    location: location
    tags: tags
    taskHubName: taskHubName
    skuName: durableTaskSchedulerSku
    capacity: durableTaskSchedulerCapacity
    ipAllowlist: durableTaskSchedulerIpAllowlist
    principalId: identity.outputs.principalId
  }
}

module functionApp 'function-app.bicep' = {
  name: 'mlcycle-function-app'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    taskHubName: taskHubName
    durableTaskSchedulerEndpoint: durableBackend == 'durableTaskScheduler' ? durableTaskScheduler.outputs.endpoint : ''
    runRequestsQueue: queueNames.runRequests
    runEventsQueue: queueNames.runEvents
    adoHooksQueue: queueNames.adoHooks
    logLevel: logLevel
    adoPatSecretUri: keyVault.outputs.adoPatSecretUri
    adoWebhookSecretUri: keyVault.outputs.adoWebhookSecretUri
    azureMonitorWebhookSecretUri: keyVault.outputs.azureMonitorWebhookSecretUri
    airflowCallbackSecretUri: keyVault.outputs.airflowCallbackSecretUri
    continuationTokenKeySecretUri: keyVault.outputs.continuationTokenKeySecretUri
    apiKeysSecretUri: keyVault.outputs.apiKeysSecretUri
    signIn: !empty(signInClientId)
    s3Endpoint: externalSystems.s3Endpoint
    s3Region: externalSystems.s3Region
    s3AccessKeyId: externalSystems.s3AccessKeyId
    s3SecretAccessKeySecretUri: keyVault.outputs.s3SecretAccessKeySecretUri
    airflowBaseUrl: externalSystems.airflowBaseUrl
    airflowApiVersion: externalSystems.airflowApiVersion
    airflowUsername: externalSystems.airflowUsername
    airflowPasswordSecretUri: keyVault.outputs.airflowUserSecretUri
    airflowUnpauseDags: externalSystems.airflowUnpauseDags
    mlflowTrackingUri: externalSystems.mlflowTrackingUri
    mlflowTrackingTokenSecretUri: keyVault.outputs.mlflowTrackingTokenSecretUri
    adoBuildOrganization: externalSystems.adoBuildOrganization
    adoBuildProject: externalSystems.adoBuildProject
    adoImagePipelineId: externalSystems.adoImagePipelineId
    registryLoginServer: !empty(acrResourceId) ? registry.properties.loginServer : ''
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

// Entra ID sign-in in front of the app, when an app registration is given.
module signIn 'sign-in.bicep' = if (!empty(signInClientId)) {
  name: 'mlcycle-sign-in'
  params: {
    functionAppName: functionApp.outputs.name
    clientId: signInClientId
    tenantId: signInTenantId
  }
}

// The registry usually lives in a shared resource group, possibly in another subscription: deploy the roles there.
// Without a registry the module is skipped; the placeholder only keeps the scope expression well-formed.
var registryIdParts = split(
  empty(acrResourceId)
    ? '${subscription().id}/resourceGroups/${resourceGroup().name}/providers/Microsoft.ContainerRegistry/registries/none'
    : acrResourceId,
  '/'
)

// The login server is read off the registry itself (it differs outside the public cloud). The reference sits in a
// ternary branch not taken when no registry is given, so the placeholder is never looked up.
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  scope: resourceGroup(registryIdParts[2], registryIdParts[4])
  name: last(registryIdParts)
}

module registryRoles 'acr-roles.bicep' = if (!empty(acrResourceId)) {
  scope: resourceGroup(registryIdParts[2], registryIdParts[4])
  name: 'mlcycle-acr-roles-${resourceToken}'
  params: {
    registryName: last(registryIdParts)
    appPrincipalId: identity.outputs.principalId
    buildPrincipalId: buildPrincipalId
  }
}

@description('Function App name.')
output functionAppName string = functionApp.outputs.name

@description('Public base URL of the app.')
output uri string = functionApp.outputs.uri

@description('Client ID of the app identity.')
output identityClientId string = identity.outputs.clientId

@description('Principal ID of the app identity.')
output identityPrincipalId string = identity.outputs.principalId

@description('Cosmos DB account endpoint.')
output cosmosEndpoint string = cosmos.outputs.endpoint

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('Key Vault name.')
output keyVaultName string = keyVault.outputs.name

@description('Dashboard of the Durable Task Scheduler\'s task hub (empty with the Azure Storage backend).')
output durableTaskSchedulerDashboardUrl string = durableBackend == 'durableTaskScheduler' ? durableTaskScheduler.outputs.dashboardUrl : ''
