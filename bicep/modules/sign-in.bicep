metadata name = 'mlcycle sign-in'
metadata description = 'App Service Authentication (Easy Auth) for the Function App: Entra ID sign-in for people, with the app itself deciding who may do what, so machines with keys and the dashboard\'s files still pass.'

@description('Required. Name of the Function App to put sign-in in front of.')
param functionAppName string

@description('Required. Application (client) ID of the Entra app registration people sign in to; it defines the app roles `mlcycle.viewer` and `mlcycle.operator`.')
param clientId string

@description('Required. Tenant (directory) ID of the app registration.')
param tenantId string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    // Sign-in is offered, never forced: the app authenticates every route itself (a key or the principal App Service
    // passes in X-MS-CLIENT-PRINCIPAL), machines call with keys and the dashboard's files are public.
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
      redirectToProvider: 'azureactivedirectory'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: {
          // ID tokens from the sign-in carry the client id; bearer tokens for the API, its application ID URI.
          allowedAudiences: [
            clientId
            'api://${clientId}'
          ]
        }
      }
    }
    login: {
      // The session's tokens, so /.auth/me answers the dashboard with the person's name and roles.
      tokenStore: {
        enabled: true
      }
      // After sign-in App Service sends people back only to this app's own pages.
      allowedExternalRedirectUrls: []
      preserveUrlFragmentsForLogins: true
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

