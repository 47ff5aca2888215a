metadata name = 'mlcycle monitoring'
metadata description = 'Log Analytics workspace and workspace-based Application Insights with local (key) authentication off; the app publishes telemetry with its managed identity.'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param appInsightsName string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Days to keep logs and telemetry.')
@allowed([
  30
  60
  90
])
param retentionInDays int = 30

@description('Required. Principal ID of the identity that publishes telemetry (gets Monitoring Metrics Publisher on the component).')
param publisherPrincipalId string

var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher

module workspace 'br/public:avm/res/operational-insights/workspace:0.16.1' = {
  name: 'mlcycle-log-analytics'
  params: {
    name: logAnalyticsName
    location: location
    tags: tags
    dataRetention: retentionInDays
    // No customer-managed storage here, so queries must not require it.
    forceCmkForQuery: false
    features: {
      disableLocalAuth: true
    }
  }
}

module appInsights 'br/public:avm/res/insights/component:0.8.0' = {
  name: 'mlcycle-app-insights'
  params: {
    name: appInsightsName
    location: location
    tags: tags
    kind: 'web'
    applicationType: 'web'
    workspaceResourceId: workspace.outputs.resourceId
    retentionInDays: retentionInDays
    // Entra-only ingestion: the connection string alone cannot write telemetry.
    disableLocalAuth: true
    roleAssignments: [
      {
        name: guid(resourceGroup().id, appInsightsName, publisherPrincipalId, monitoringMetricsPublisherRoleId)
        roleDefinitionIdOrName: monitoringMetricsPublisherRoleId
        principalId: publisherPrincipalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

@description('Application Insights connection string (an ingestion address, not a credential: local auth is off).')
output connectionString string = appInsights.outputs.connectionString

@description('Resource ID of the Application Insights component.')
output appInsightsResourceId string = appInsights.outputs.resourceId

@description('Resource ID of the Log Analytics workspace.')
output logAnalyticsResourceId string = workspace.outputs.resourceId
