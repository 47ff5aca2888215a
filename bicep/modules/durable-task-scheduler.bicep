metadata name = 'mlcycle Durable Task Scheduler'
metadata description = 'The Durable Task Scheduler as the Durable Functions backend: a scheduler with an IP allow-list, the app\'s task hub, and the Durable Task Data Contributor role for the app identity on that hub.'

@description('Required. Scheduler name (3-64 letters, digits and hyphens).')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Required. Task hub name: the app\'s TASK_HUB_NAME, which host.json reads as the hub name.')
param taskHubName string

@description('Optional. Billing SKU: `Consumption` (pay per dispatched action) or `Dedicated` (capacity units at a fixed monthly price).')
@allowed(['Consumption', 'Dedicated'])
param skuName string = 'Consumption'

@description('Optional. Capacity units of the Dedicated SKU (1-3; three give high availability). Not sent for Consumption.')
@minValue(1)
@maxValue(3)
param capacity int = 1

@description('Required. IPv4, IPv6 or CIDR ranges allowed to reach the scheduler. An empty list denies every caller, the app included.')
@minLength(1)
param ipAllowlist array

@description('Required. Principal ID of the app identity; it gets Durable Task Data Contributor on the task hub.')
param principalId string

var durableTaskDataContributorRoleId = '0ad04412-c4d5-4796-b79c-f76d14c8d402' // Durable Task Data Contributor

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    ipAllowlist: ipAllowlist
    // Capacity is a Dedicated-only property: Consumption scales by itself and is billed per action.
    sku: skuName == 'Dedicated' ? { name: 'Dedicated', capacity: capacity } : { name: 'Consumption' }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

// On the task hub, not the scheduler: the app reaches its own hub and no other.
resource dataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(taskHub.id, principalId, durableTaskDataContributorRoleId)
  scope: taskHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributorRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('gRPC endpoint of the scheduler (https://<name>.<region>.durabletask.io).')
output endpoint string = scheduler.properties.endpoint

@description('Name of the task hub the app runs in.')
output taskHubName string = taskHub.name

@description('The scheduler\'s dashboard for this task hub (sign-in with Durable Task Data Contributor or Reader on it).')
output dashboardUrl string = 'https://dashboard.durabletask.io/?endpoint=${uriComponent(scheduler.properties.endpoint)}&taskhub=${taskHub.name}'
