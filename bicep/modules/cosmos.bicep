metadata name = 'mlcycle Cosmos DB'
metadata description = 'Serverless Cosmos DB for NoSQL account with key authentication off, the mlcycle database and containers, and the data-plane role for the app identity.'

// Written as plain resources rather than the AVM database-account module so the offline policy tests can read
// `disableLocalAuth` and the partition keys from the parse tree.

@description('Required. Cosmos DB account name (3-44 lower-case letters, digits and hyphens).')
@minLength(3)
@maxLength(44)
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Database name.')
param databaseName string = 'mlcycle'

@description('Required. Principal ID of the app identity that gets the built-in data contributor role.')
param principalId string

// Names and partition keys match the app's container definitions (the Cosmos adapter), which a test checks.
var containers = [
  {
    name: 'pipelines'
    partitionKey: '/id'
  }
  {
    name: 'runs'
    partitionKey: '/pipelineId'
  }
  {
    name: 'triggers'
    partitionKey: '/pipelineId'
  }
  {
    name: 'lifecycle'
    partitionKey: '/pipelineId'
  }
]

var dataContributorRoleId = '00000000-0000-0000-0000-000000000002' // Cosmos DB Built-in Data Contributor

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    // Entra ID only: no account keys for data, and no key-based writes to databases and containers.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: [
            container.partitionKey
          ]
          kind: 'Hash'
          version: 2
        }
      }
    }
  }
]

// A data-plane (not ARM) role: the only way to read and write items once local auth is off.
resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributorRoleId)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    scope: account.id
  }
}

@description('Cosmos DB account name.')
output name string = account.name

@description('Resource ID of the Cosmos DB account.')
output resourceId string = account.id

@description('Document endpoint of the account (COSMOS_ENDPOINT).')
output endpoint string = account.properties.documentEndpoint

@description('Database name (COSMOS_DATABASE).')
output databaseName string = database.name
