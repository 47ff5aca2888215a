metadata name = 'mlcycle Key Vault'
metadata description = 'RBAC Key Vault holding the webhook secrets and the optional credentials (Azure DevOps PAT, external systems); the app identity reads them through Key Vault references.'

@description('Required. Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Turn on purge protection (cannot be turned off again; use it in production).')
param enablePurgeProtection bool = false

@description('Required. Principal ID of the app identity that gets Key Vault Secrets User.')
param principalId string

@description('Optional. Azure DevOps personal access token. Empty: no `ado-pat` secret is created (the app uses its identity).')
@secure()
param adoPat string = ''

@description('Required. Shared secret of the Azure DevOps service hooks.')
@secure()
param adoWebhookSecret string

@description('Optional. Shared secret of the Azure Monitor alert webhook. Empty: no `azure-monitor-webhook-secret` secret is created.')
@secure()
param azureMonitorWebhookSecret string = ''

@description('Required. Shared secret of the Airflow completion callback.')
@secure()
param airflowCallbackSecret string

@description('Required. Key that signs the continuation tokens of list endpoints.')
@secure()
param continuationTokenKey string

@description('Required. The API keys machines call with (comma-separated), the value of MLCYCLE_API_KEYS.')
@secure()
param apiKeys string

@description('Optional. Secret access key of the S3-compatible store. Empty: no `s3-secret-access-key` secret is created.')
@secure()
param s3SecretAccessKey string = ''

@description('Optional. Password of the Airflow API user. Empty: no `airflow-password` secret is created.')
@secure()
param airflowPassword string = ''

@description('Optional. Bearer token for the MLflow tracking server. Empty: no `mlflow-tracking-token` secret is created.')
@secure()
param mlflowTrackingToken string = ''

var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC instead of access policies: access is granted by role assignments like every other resource here.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The property only accepts true; leaving it out is how it stays off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource adoWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'ado-webhook-secret'
  properties: {
    value: adoWebhookSecret
    contentType: 'text/plain'
  }
}

resource airflowCallbackSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'airflow-callback-secret'
  properties: {
    value: airflowCallbackSecret
    contentType: 'text/plain'
  }
}

resource continuationTokenKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'continuation-token-key'
  properties: {
    value: continuationTokenKey
    contentType: 'text/plain'
  }
}

resource apiKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'api-keys'
  properties: {
    value: apiKeys
    contentType: 'text/plain'
  }
}

// The optional credentials (the Azure DevOps PAT, the external systems'): a secret exists only when its value was
// given, so that the app setting referencing it can be left out too (an unresolvable reference would reach the app
// as a non-empty value).
resource adoPatSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(adoPat)) {
  parent: vault
  name: 'ado-pat'
  properties: {
    value: adoPat
    contentType: 'text/plain'
  }
}

resource azureMonitorWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(azureMonitorWebhookSecret)) {
  parent: vault
  name: 'azure-monitor-webhook-secret'
  properties: {
    value: azureMonitorWebhookSecret
    contentType: 'text/plain'
  }
}

resource s3SecretAccessKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(s3SecretAccessKey)) {
  parent: vault
  name: 's3-secret-access-key'
  properties: {
    value: s3SecretAccessKey
    contentType: 'text/plain'
  }
}

resource airflowPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(airflowPassword)) {
  parent: vault
  name: 'airflow-password'
  properties: {
    value: airflowPassword
    contentType: 'text/plain'
  }
}

resource mlflowTrackingTokenSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(mlflowTrackingToken)) {
  parent: vault
  name: 'mlflow-tracking-token'
  properties: {
    value: mlflowTrackingToken
    contentType: 'text/plain'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Vault URI.')
output uri string = vault.properties.vaultUri

// Version-less URIs: App Service re-reads the latest version within 24 hours of a rotation.
@description('Version-less URI of the `ado-webhook-secret` secret (for a Key Vault reference).')
output adoWebhookSecretUri string = adoWebhookSecretSecret.properties.secretUri

@description('Version-less URI of the `airflow-callback-secret` secret (for a Key Vault reference).')
output airflowCallbackSecretUri string = airflowCallbackSecretSecret.properties.secretUri

@description('Version-less URI of the `continuation-token-key` secret (for a Key Vault reference).')
output continuationTokenKeySecretUri string = continuationTokenKeySecret.properties.secretUri

@description('Version-less URI of the `api-keys` secret (for a Key Vault reference).')
output apiKeysSecretUri string = apiKeysSecret.properties.secretUri

// Empty when the secret was not given: the Function App module then sets no reference to it.
@description('Version-less URI of the `ado-pat` secret, or empty when none was given.')
output adoPatSecretUri string = !empty(adoPat) ? adoPatSecret.properties.secretUri : ''

@description('Version-less URI of the `azure-monitor-webhook-secret` secret, or empty when none was given.')
output azureMonitorWebhookSecretUri string = !empty(azureMonitorWebhookSecret) ? azureMonitorWebhookSecretSecret.properties.secretUri : ''

@description('Version-less URI of the `s3-secret-access-key` secret, or empty when none was given.')
output s3SecretAccessKeySecretUri string = !empty(s3SecretAccessKey) ? s3SecretAccessKeySecret.properties.secretUri : ''

@description('Version-less URI of the `airflow-password` secret, or empty when none was given.')
output airflowUserSecretUri string = !empty(airflowPassword) ? airflowPasswordSecret.properties.secretUri : ''

@description('Version-less URI of the `mlflow-tracking-token` secret, or empty when none was given.')
output mlflowTrackingTokenSecretUri string = !empty(mlflowTrackingToken) ? mlflowTrackingTokenSecret.properties.secretUri : ''
