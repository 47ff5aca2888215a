metadata name = 'mlcycle registry roles'
metadata description = 'Role assignments on an existing Azure Container Registry: the app reads image tags and digests, the build identity pushes training images.'

@description('Required. Name of the existing container registry (in the resource group this module is deployed to).')
param registryName string

@description('Required. Principal ID of the app identity; it gets AcrPull to look up image tags and digests.')
param appPrincipalId string

@description('Optional. Principal ID of the identity that builds and pushes training images. Empty: no build roles.')
param buildPrincipalId string = ''

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d' // AcrPull
var acrPushRoleId = '8311e382-0749-4cb8-b61a-304f252e45ec' // AcrPush

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource appPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, appPrincipalId, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource buildRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [acrPullRoleId, acrPushRoleId]: if (!empty(buildPrincipalId)) {
    name: guid(registry.id, buildPrincipalId, roleId)
    scope: registry
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: buildPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('Resource ID of the registry the roles were granted on.')
output registryResourceId string = registry.id
