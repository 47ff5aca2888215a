import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toConfig } from '../../shared/config/config.js';
import { envSchema } from '../../shared/config/schema.js';
import { evaluateProperty, loadProject, projectModules, resourcesOfType } from './bicep-project.js';
import { propertyAt } from './bicep-tree.js';
import { renderAppSettings, requiredParameters } from './render-settings.js';

/*
 * Who may call the app in Azure: API keys for machines (MLCYCLE_API_KEYS, a Key Vault reference to `api-keys`) and,
 * with an Entra app registration, people signed in by App Service Authentication (MLCYCLE_SIGN_IN=app-service).
 * Sign-in is offered but never forced: the app decides, so keys and the dashboard's files must get through.
 */

const templates = loadProject('bicep');
const clientId = '00000000-0000-4000-8000-0000000000c1';
const apiKey = 'made-up-api-key-0123456789';

function authSettings() {
  const found = resourcesOfType(templates, 'Microsoft.Web/sites/config').filter((r) => evaluateProperty(templates, r, 'name')[0] === 'authsettingsV2');
  assert.equal(found.length, 1, 'one authsettingsV2 resource');
  return found[0]!;
}

const property = (path: string) => evaluateProperty(templates, authSettings(), path)[0];

describe('sign-in and API keys in Azure', () => {
  it('keys only without an app registration: the API keys are a Key Vault reference, never the value, and the app parses them', () => {
    const { written, resolved, storedSecrets } = renderAppSettings(templates, requiredParameters);
    assert.ok(storedSecrets.includes('api-keys'));
    assert.equal(requiredParameters.apiKeys, apiKey);
    assert.match(written.MLCYCLE_API_KEYS as string, /^@Microsoft\.KeyVault\(SecretUri=.+\/secrets\/api-keys\)$/);
    assert.ok(!JSON.stringify(written).includes(apiKey), 'the key is never written into an app setting');
    assert.equal(written.MLCYCLE_SIGN_IN, undefined);
    const config = toConfig(envSchema.parse(resolved));
    assert.deepEqual(config.auth, { apiKeys: [apiKey], signIn: 'off' });
  });

  it('with an app registration sets MLCYCLE_SIGN_IN=app-service, which the app parses', () => {
    const { written, resolved } = renderAppSettings(templates, { ...requiredParameters, signInClientId: clientId });
    assert.equal(written.MLCYCLE_SIGN_IN, 'app-service');
    assert.equal(toConfig(envSchema.parse(resolved)).auth.signIn, 'app-service');
  });

  it('deploys the sign-in exactly when the setting trusts it: both hang on the app registration', () => {
    const main = projectModules(templates).find((m) => m.symbol === 'signIn');
    assert.ok(main, 'main.bicep deploys modules/sign-in.bicep');
    assert.match(main.node.text, /if \(!empty\(signInClientId\)\)/);
    const passed = projectModules(templates).find((m) => m.symbol === 'functionApp');
    assert.match(propertyAt(passed!.body, 'params.signIn')?.text ?? '', /^!empty\(signInClientId\)$/);
  });

  it('lets anonymous requests through to the app, with Entra ID, the token store and the audiences', () => {
    assert.equal(property('properties.platform.enabled'), true);
    assert.equal(property('properties.globalValidation.unauthenticatedClientAction'), 'AllowAnonymous');
    assert.equal(property('properties.globalValidation.requireAuthentication'), false);
    assert.equal(property('properties.globalValidation.redirectToProvider'), 'azureactivedirectory');
    assert.equal(property('properties.identityProviders.azureActiveDirectory.enabled'), true);
    assert.equal(property('properties.login.tokenStore.enabled'), true);
    assert.deepEqual(property('properties.login.allowedExternalRedirectUrls'), []);
    assert.equal(property('properties.httpSettings.requireHttps'), true);
    const body = authSettings().body!;
    assert.equal(propertyAt(body, 'properties.identityProviders.azureActiveDirectory.registration.clientId')?.text, 'clientId');
    assert.match(propertyAt(body, 'properties.identityProviders.azureActiveDirectory.registration.openIdIssuer')?.text ?? '', /\$\{tenantId\}\/v2\.0/);
    const audiences = propertyAt(body, 'properties.identityProviders.azureActiveDirectory.validation.allowedAudiences')?.text ?? '';
    assert.match(audiences, /clientId/);
    assert.match(audiences, /api:\/\/\$\{clientId\}/);
  });
});
