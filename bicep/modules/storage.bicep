metadata name = 'mlcycle storage'
metadata description = 'Storage account for the Functions host, the Durable task hub, the deployment package and the run queues, with shared keys off and data roles for the app identity.'

// Written as a plain resource rather than the AVM storage-account module: the offline policy tests read these
// properties from the parse tree, and without a Bicep compiler a module's defaults cannot be checked here.

@description('Required. Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Storage SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string = 'Standard_LRS'

@description('Required. Principal ID of the app identity that gets the blob, queue and table data roles.')
param principalId string

@description('Required. Queues to create (run requests, their poison queue, run events).')
param queueNames string[]

@description('Optional. Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string = 'app-package'

// Durable Functions (Azure Storage provider) needs all three: blobs for leases and large payloads, queues for
// control and work items, tables for history and instances. The host's own blob leases need the blob role too.
var dataRoleIds = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    // Identity only: no account keys, no SAS signed with them, no anonymous blobs.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queueServices 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }
}

resource dataRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataRoleIds: {
    // Deterministic name: a redeploy finds the same assignment instead of failing on a duplicate.
    name: guid(account.id, principalId, roleId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('Storage account name.')
output name string = account.name

@description('Resource ID of the storage account.')
output resourceId string = account.id

@description('Blob service endpoint (AzureWebJobsStorage__blobServiceUri).')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint (AzureWebJobsStorage__queueServiceUri).')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table service endpoint (AzureWebJobsStorage__tableServiceUri).')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('URL of the blob container the Flex Consumption plan deploys the app package from.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
