metadata name = 'mlcycle'
metadata description = 'Deploys the mlcycle control plane: a Flex Consumption Function App with a user-assigned identity, identity-only Storage, Cosmos DB, Key Vault and Application Insights.'

// Subscription scope so that one `azd up` (or one `az deployment sub create`) also creates the resource group.
targetScope = 'subscription'

// ---------- Parameters ----------

@description('Required. Name of the environment (the azd environment name, e.g. `mlcycle-dev`). Names the resource group and seeds every resource name.')
@minLength(1)
@maxLength(48)
param environmentName string

@description('Required. Azure region for every resource. It must offer the Flex Consumption plan (`az functionapp list-flexconsumption-locations`).')
param location string

@description('Optional. `dev` or `prod`. `prod` turns on Key Vault purge protection and keeps logs longer.')
@allowed([
  'dev'
  'prod'
])
param environmentType string = 'dev'

@description('Optional. Resource group name. Defaults to `rg-<environmentName>`.')
param resourceGroupName string = ''

@description('Optional. Tags added to every resource.')
param tags object = {}

@description('Optional. Durable Functions task hub name (TASK_HUB_NAME); host.json reads it as %TASK_HUB_NAME%. Change it to start from an empty hub.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'mlcycle'

@description('Optional. Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'mlcycle'

@description('Optional. Application log level (LOG_LEVEL).')
@allowed([
  'debug'
  'info'
  'warn'
  'error'
])
param logLevel string = 'info'

@description('Optional. Upper bound on Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Azure DevOps personal access token (Code: Read; Build: Read & execute). Stored in Key Vault as `ado-pat` and set as the ADO_PAT reference only when given. Empty: the app uses its managed identity\'s Entra token, and that identity must be a member of the organization and project (bicep/README.md).')
@secure()
param adoPat string = ''

@description('Required. Shared secret that Azure DevOps service hooks present. Stored in Key Vault as `ado-webhook-secret`.')
@secure()
param adoWebhookSecret string

@description('Optional. Shared secret of the Azure Monitor alert webhook (query parameter `secret` of the action group\'s webhook URL, or header X-Mlcycle-Webhook-Secret). Stored in Key Vault as `azure-monitor-webhook-secret` and set as the AZURE_MONITOR_WEBHOOK_SECRET reference only when given. Empty: the hook refuses every call.')
@secure()
param azureMonitorWebhookSecret string = ''

@description('Required. Shared secret the Airflow DAG presents on its completion callback. Stored in Key Vault as `airflow-callback-secret`.')
@secure()
param airflowCallbackSecret string

@description('Required. Key (32+ characters) that signs the continuation tokens of list endpoints, shared by every instance. Stored in Key Vault as `continuation-token-key`.')
@secure()
@minLength(32)
param continuationTokenKey string

@description('Required. API keys machines call the API with (MLCYCLE_API_KEYS): comma-separated, each 12+ URL-safe characters. Stored in Key Vault as `api-keys`.')
@secure()
@minLength(12)
param apiKeys string

@description('Optional. Application (client) ID of the Entra app registration people sign in to (docs/dashboard.md). Empty: no sign-in, keys only.')
param signInClientId string = ''

@description('Optional. Tenant of that app registration. Defaults to the subscription\'s tenant.')
param signInTenantId string = subscription().tenantId

// The external systems a run touches. Each group is optional: left empty, the app keeps an unconfigured stand-in and a
// run fails that step with a CONFIG error naming the settings. Credentials come in pairs: give both halves or neither.

@description('Optional. Endpoint of the S3-compatible store holding the DVC remotes (S3_ENDPOINT), e.g. a MinIO URL. Empty with credentials set: AWS S3.')
param s3Endpoint string = ''

@description('Optional. Region of the S3-compatible store (S3_REGION).')
@minLength(1)
param s3Region string = 'us-east-1'

@description('Optional. Access key ID of the S3-compatible store (S3_ACCESS_KEY_ID). Give it together with `s3SecretAccessKey`, or neither.')
param s3AccessKeyId string = ''

@description('Optional. Secret access key of the S3-compatible store. Stored in Key Vault as `s3-secret-access-key` and set as the S3_SECRET_ACCESS_KEY reference only when given.')
@secure()
param s3SecretAccessKey string = ''

@description('Optional. Airflow root URL without /api/v1 or /api/v2 (AIRFLOW_BASE_URL). Empty: no Airflow setting is set.')
param airflowBaseUrl string = ''

@description('Optional. Airflow REST API major version (AIRFLOW_API_VERSION): `3` for /api/v2, `2` for /api/v1.')
@allowed([
  '2'
  '3'
])
param airflowApiVersion string = '3'

@description('Optional. Airflow API user (AIRFLOW_USERNAME). Give it together with `airflowPassword`, or neither.')
param airflowUsername string = ''

@description('Optional. Password of the Airflow API user. Stored in Key Vault as `airflow-password` and set as the AIRFLOW_PASSWORD reference only when given with `airflowBaseUrl`.')
@secure()
param airflowPassword string = ''

@description('Optional. Unpause a paused DAG before triggering it (AIRFLOW_UNPAUSE_DAGS).')
param airflowUnpauseDags bool = false

@description('Optional. MLflow tracking server root (MLFLOW_TRACKING_URI). Empty: no MLflow setting is set.')
param mlflowTrackingUri string = ''

@description('Optional. Bearer token for the MLflow tracking server. Stored in Key Vault as `mlflow-tracking-token` and set as the MLFLOW_TRACKING_TOKEN reference only when given with `mlflowTrackingUri`.')
@secure()
param mlflowTrackingToken string = ''

@description('Optional. Azure DevOps organization of the image pipeline when it does not live beside the source repository (ADO_BUILD_ORGANIZATION).')
param adoBuildOrganization string = ''

@description('Optional. Azure DevOps project of the image pipeline when it does not live beside the source repository (ADO_BUILD_PROJECT).')
param adoBuildProject string = ''

@description('Optional. Id of the Azure Pipelines pipeline that builds training images, for pipelines that name none (ADO_IMAGE_PIPELINE_ID). 0: none.')
@minValue(0)
param adoImagePipelineId int = 0

@description('Optional. Resource ID of an existing Azure Container Registry holding the training images. Its login server becomes REGISTRY_LOGIN_SERVER and the app gets AcrPull on it. Empty: no registry setting and no registry roles.')
param acrResourceId string = ''

@description('Optional. Principal (object) ID of the identity that builds training images (the Azure DevOps service connection). Gets AcrPull and AcrPush on the registry when `acrResourceId` is set.')
param buildPrincipalId string = ''

@description('Optional. Durable Functions backend: `azureStorage` (the task hub in the storage account, as before) or `durableTaskScheduler` (the managed Durable Task Scheduler). Switching starts from an empty task hub: drain first (bicep/README.md).')
@allowed([
  'azureStorage'
  'durableTaskScheduler'
])
param durableBackend string = 'azureStorage'

@description('Optional. Durable Task Scheduler SKU: `Consumption` (pay per action) or `Dedicated` (capacity units). Used with `durableTaskScheduler` only.')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableTaskSchedulerSku string = 'Consumption'

@description('Optional. Capacity units of a Dedicated scheduler: 1-3, three for high availability.')
@minValue(1)
@maxValue(3)
param durableTaskSchedulerCapacity int = 1

@description('Optional. IP ranges (IPv4, IPv6 or CIDR) allowed to reach the scheduler. Never empty: an empty list denies every caller, the app included. The default allows any address; access still needs an Entra token with a Durable Task role.')
@minLength(1)
param durableTaskSchedulerIpAllowlist array = ['0.0.0.0/0']

// ---------- Names ----------

// One short, stable token per (subscription, environment, region): redeploying the same environment hits the same names.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var allTags = union(tags, { 'azd-env-name': environmentName, application: 'mlcycle' })
var names = {
  resourceGroup: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  identity: 'id-mlcycle-${resourceToken}'
  logAnalytics: 'log-mlcycle-${resourceToken}'
  appInsights: 'appi-mlcycle-${resourceToken}'
  storage: 'stmlcycle${resourceToken}'
  cosmos: 'cosmos-mlcycle-${resourceToken}'
  keyVault: 'kv-mlc-${resourceToken}'
  durableTaskScheduler: 'dts-mlcycle-${resourceToken}'
  plan: 'plan-mlcycle-${resourceToken}'
  functionApp: 'func-mlcycle-${resourceToken}'
}

// ---------- Resources ----------

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: allTags
}

// Everything else lives in the resource group (modules/environment.bicep), except the roles on an existing registry.
module app 'modules/environment.bicep' = {
  scope: rg
  name: 'mlcycle-environment'
  params: {
    names: names
    resourceToken: resourceToken
    location: location
    tags: allTags
    environmentType: environmentType
    taskHubName: taskHubName
    cosmosDatabaseName: cosmosDatabaseName
    logLevel: logLevel
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    secrets: {
      adoPat: adoPat
      adoWebhookSecret: adoWebhookSecret
      azureMonitorWebhookSecret: azureMonitorWebhookSecret
      airflowCallbackSecret: airflowCallbackSecret
      continuationTokenKey: continuationTokenKey
      apiKeys: apiKeys
      s3SecretAccessKey: s3SecretAccessKey
      airflowPassword: airflowPassword
      mlflowTrackingToken: mlflowTrackingToken
    }
    signInClientId: signInClientId
    signInTenantId: signInTenantId
    externalSystems: {
      s3Endpoint: s3Endpoint
      s3Region: s3Region
      s3AccessKeyId: s3AccessKeyId
      airflowBaseUrl: airflowBaseUrl
      airflowApiVersion: airflowApiVersion
      airflowUsername: airflowUsername
      airflowUnpauseDags: airflowUnpauseDags
      mlflowTrackingUri: mlflowTrackingUri
      adoBuildOrganization: adoBuildOrganization
      adoBuildProject: adoBuildProject
      adoImagePipelineId: adoImagePipelineId
    }
    acrResourceId: acrResourceId
    buildPrincipalId: buildPrincipalId
    durableBackend: durableBackend
    durableTaskSchedulerSku: durableTaskSchedulerSku
    durableTaskSchedulerCapacity: durableTaskSchedulerCapacity
    durableTaskSchedulerIpAllowlist: durableTaskSchedulerIpAllowlist
  }
}

// ---------- Outputs (azd writes them into the environment's .env) ----------

@description('Region the environment is deployed to.')
output AZURE_LOCATION string = location

@description('Tenant of the subscription.')
output AZURE_TENANT_ID string = subscription().tenantId

@description('Resource group that holds the environment.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Function App name (azd service `api`; the pipeline deploys the package here).')
output AZURE_FUNCTION_APP_NAME string = app.outputs.functionAppName

@description('Public base URL of the app.')
output SERVICE_API_URI string = app.outputs.uri

@description('Client ID of the app\'s user-assigned managed identity.')
output MLCYCLE_IDENTITY_CLIENT_ID string = app.outputs.identityClientId

@description('Principal ID of the app\'s user-assigned managed identity (for extra role assignments).')
output MLCYCLE_IDENTITY_PRINCIPAL_ID string = app.outputs.identityPrincipalId

@description('Cosmos DB account endpoint.')
output COSMOS_ENDPOINT string = app.outputs.cosmosEndpoint

@description('Storage account that holds the host state, the run queues and, with the Azure Storage backend, the task hub.')
output STORAGE_ACCOUNT_NAME string = app.outputs.storageAccountName

@description('Where people sign in to the dashboard (empty without sign-in).')
output MLCYCLE_SIGN_IN_URL string = !empty(signInClientId) ? '${app.outputs.uri}/.auth/login/aad?post_login_redirect_uri=/api/ui/' : ''

@description('Key Vault that holds the webhook secrets and the external systems\' credentials (the Azure DevOps PAT when one is given).')
output KEY_VAULT_NAME string = app.outputs.keyVaultName

@description('The Durable Task Scheduler dashboard of the app\'s task hub (empty with the Azure Storage backend).')
output DURABLE_TASK_SCHEDULER_DASHBOARD_URL string = app.outputs.durableTaskSchedulerDashboardUrl
