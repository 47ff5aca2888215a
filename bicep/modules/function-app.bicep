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

@description('Optional. Endpoint of the Durable Task Scheduler holding the task hub. Empty: the Azure Storage backend (host storage).')
param durableTaskSchedulerEndpoint string = ''

@description('Required. Queue of inbound run requests (RUN_REQUESTS_QUEUE).')
param runRequestsQueue string

@description('Required. Queue of outbound run events (RUN_EVENTS_QUEUE).')
param runEventsQueue string

@description('Required. Queue of accepted Azure DevOps service-hook events (ADO_HOOKS_QUEUE).')
param adoHooksQueue string

@description('Optional. Application log level (LOG_LEVEL).')
param logLevel string = 'info'

@description('Optional. Version-less Key Vault URI of the Azure DevOps PAT secret. Empty: ADO_PAT is not set and the app uses its identity for Azure DevOps.')
param adoPatSecretUri string = ''

@description('Required. Version-less Key Vault URI of the Azure DevOps service-hook secret.')
param adoWebhookSecretUri string

@description('Optional. Version-less Key Vault URI of the Azure Monitor alert webhook secret. Empty: AZURE_MONITOR_WEBHOOK_SECRET is not set (the hook refuses every call).')
param azureMonitorWebhookSecretUri string = ''

@description('Required. Version-less Key Vault URI of the Airflow callback secret.')
param airflowCallbackSecretUri string

@description('Required. Version-less Key Vault URI of the key that signs continuation tokens.')
param continuationTokenKeySecretUri string

@description('Required. Version-less Key Vault URI of the API keys machines call with (MLCYCLE_API_KEYS).')
param apiKeysSecretUri string

@description('Optional. Whether App Service Authentication signs people in in front of the app (MLCYCLE_SIGN_IN=app-service). False: keys only.')
param signIn bool = false

@description('Optional. Endpoint of the S3-compatible store holding the DVC remotes (S3_ENDPOINT). Empty: AWS S3 when credentials are set, otherwise no store.')
param s3Endpoint string = ''

@description('Optional. Region of the S3-compatible store (S3_REGION); set only when the store is configured.')
@minLength(1)
param s3Region string = 'us-east-1'

@description('Optional. Access key ID of the S3-compatible store (S3_ACCESS_KEY_ID); pairs with `s3SecretAccessKeySecretUri`.')
param s3AccessKeyId string = ''

@description('Optional. Version-less Key Vault URI of the S3 secret access key. Empty: S3_SECRET_ACCESS_KEY is not set.')
param s3SecretAccessKeySecretUri string = ''

@description('Optional. Airflow root URL without /api/v1 or /api/v2 (AIRFLOW_BASE_URL). Empty: no Airflow settings are set.')
param airflowBaseUrl string = ''

@description('Optional. Airflow REST API major version (AIRFLOW_API_VERSION).')
@allowed([
  '2'
  '3'
])
param airflowApiVersion string = '3'

@description('Optional. Airflow API user (AIRFLOW_USERNAME); pairs with `airflowPasswordSecretUri`.')
param airflowUsername string = ''

@description('Optional. Version-less Key Vault URI of the Airflow password. Empty: AIRFLOW_PASSWORD is not set.')
param airflowPasswordSecretUri string = ''

@description('Optional. Unpause a paused DAG before triggering it (AIRFLOW_UNPAUSE_DAGS).')
param airflowUnpauseDags bool = false

@description('Optional. MLflow tracking server root (MLFLOW_TRACKING_URI). Empty: no MLflow settings are set.')
param mlflowTrackingUri string = ''

@description('Optional. Version-less Key Vault URI of the MLflow bearer token. Empty: MLFLOW_TRACKING_TOKEN is not set.')
param mlflowTrackingTokenSecretUri string = ''

@description('Optional. Azure DevOps organization of the image pipeline (ADO_BUILD_ORGANIZATION). Empty: not set.')
param adoBuildOrganization string = ''

@description('Optional. Azure DevOps project of the image pipeline (ADO_BUILD_PROJECT). Empty: not set.')
param adoBuildProject string = ''

@description('Optional. Default image pipeline id (ADO_IMAGE_PIPELINE_ID). 0: not set.')
@minValue(0)
param adoImagePipelineId int = 0

@description('Optional. Login server of the registry the app authenticates to with its identity (REGISTRY_LOGIN_SERVER). Empty: not set, every registry is read anonymously.')
param registryLoginServer string = ''

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

  // Every setting the app's config schema requires in Azure (test/bicep checks this against the schema itself), then
  // the optional external systems. An empty setting counts as absent to the app, but an unconfigured group is left
  // out altogether: a Key Vault reference to a secret that was never stored would reach the app as a non-empty value.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(
      {
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
        ADO_HOOKS_QUEUE: adoHooksQueue
        LOG_LEVEL: logLevel
        MLCYCLE_PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
        ADO_WEBHOOK_SECRET: '@Microsoft.KeyVault(SecretUri=${adoWebhookSecretUri})'
        AIRFLOW_CALLBACK_SECRET: '@Microsoft.KeyVault(SecretUri=${airflowCallbackSecretUri})'
        // Every instance must sign and check list tokens with one key, or a scaled-out app refuses its own tokens.
        CONTINUATION_TOKEN_KEY: '@Microsoft.KeyVault(SecretUri=${continuationTokenKeySecretUri})'
        MLCYCLE_API_KEYS: '@Microsoft.KeyVault(SecretUri=${apiKeysSecretUri})'
      },
      // The Durable backend is chosen here, not in a second host.json: these override host.json's storageProvider.
      empty(durableTaskSchedulerEndpoint)
        ? {}
        : {
            DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
            AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
            AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
          },
      // The app trusts X-MS-CLIENT-PRINCIPAL only where App Service Authentication strips what clients send.
      signIn ? { MLCYCLE_SIGN_IN: 'app-service' } : {},
      // S3 (DVC remotes): the app uses the store when an endpoint or an access key ID is set.
      empty(s3Endpoint) && empty(s3AccessKeyId)
        ? {}
        : {
            S3_ENDPOINT: s3Endpoint
            S3_REGION: s3Region
          },
      // Each half of a credential pair is set exactly when it was given: both or neither is a valid app config, and
      // a half pair makes the app refuse to start naming the missing half rather than run without credentials.
      empty(s3AccessKeyId) ? {} : { S3_ACCESS_KEY_ID: s3AccessKeyId },
      empty(azureMonitorWebhookSecretUri) ? {} : { AZURE_MONITOR_WEBHOOK_SECRET: '@Microsoft.KeyVault(SecretUri=${azureMonitorWebhookSecretUri})' },
      empty(s3SecretAccessKeySecretUri) ? {} : { S3_SECRET_ACCESS_KEY: '@Microsoft.KeyVault(SecretUri=${s3SecretAccessKeySecretUri})' },
      empty(airflowBaseUrl)
        ? {}
        : {
            AIRFLOW_BASE_URL: airflowBaseUrl
            AIRFLOW_API_VERSION: airflowApiVersion
            // Spelled out: ARM's string(true) is 'True', which the app's boolean setting rejects.
            AIRFLOW_UNPAUSE_DAGS: airflowUnpauseDags ? 'true' : 'false'
          },
      empty(airflowBaseUrl) || empty(airflowUsername) ? {} : { AIRFLOW_USERNAME: airflowUsername },
      empty(airflowBaseUrl) || empty(airflowPasswordSecretUri) ? {} : { AIRFLOW_PASSWORD: '@Microsoft.KeyVault(SecretUri=${airflowPasswordSecretUri})' },
      empty(mlflowTrackingUri) ? {} : { MLFLOW_TRACKING_URI: mlflowTrackingUri },
      empty(mlflowTrackingUri) || empty(mlflowTrackingTokenSecretUri)
        ? {}
        : { MLFLOW_TRACKING_TOKEN: '@Microsoft.KeyVault(SecretUri=${mlflowTrackingTokenSecretUri})' },
      // Azure DevOps is reached with the app's identity unless a PAT was stored.
      empty(adoPatSecretUri) ? {} : { ADO_PAT: '@Microsoft.KeyVault(SecretUri=${adoPatSecretUri})' },
      empty(adoBuildOrganization) ? {} : { ADO_BUILD_ORGANIZATION: adoBuildOrganization },
      empty(adoBuildProject) ? {} : { ADO_BUILD_PROJECT: adoBuildProject },
      adoImagePipelineId == 0 ? {} : { ADO_IMAGE_PIPELINE_ID: string(adoImagePipelineId) },
      // The app authenticates to this registry with its identity (ACR's token exchange); no registry credential is set.
      empty(registryLoginServer) ? {} : { REGISTRY_LOGIN_SERVER: registryLoginServer }
    )
  }
}

@description('Function App name.')
output name string = site.name

@description('Resource ID of the Function App.')
output resourceId string = site.id

@description('Public base URL of the Function App.')
output uri string = 'https://${site.properties.defaultHostName}'
