import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toConfig } from '../../shared/config/config.js';
import { envSchema } from '../../shared/config/schema.js';
import { evaluateProperty, loadProject, projectModules, resourcesOfType } from './bicep-project.js';
import { decoratorsOf, parameterDeclarations, propertyAt, stringContent } from './bicep-tree.js';
import { checkNoSecretLiterals } from './policies/secrets.js';
import { checkGrants, roleGrants } from './policies/roles.js';
import { renderAppSettings, requiredParameters, standInSchedulerEndpoint } from './render-settings.js';
import { roleIdOf } from './role-ids.js';

/*
 * The Durable backend choice (`durableBackend`): Azure Storage, as before, or the Durable Task Scheduler. Both are
 * rendered through a whole deployment and parsed by the app's config schema; the scheduler's role, allow-list and
 * SKU are read off the templates.
 */

const templates = loadProject('bicep');
const clientId = '00000000-0000-4000-8000-000000000001';
const providerType = 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type';
const providerConnection = 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName';
const schedulerSettings = ['DURABLE_TASK_SCHEDULER_CONNECTION_STRING', providerType, providerConnection];

const scheduler = () => {
  const [found] = resourcesOfType(templates, 'Microsoft.DurableTask/schedulers');
  assert.ok(found, 'a Microsoft.DurableTask/schedulers resource');
  return found;
};

describe('the Durable backend in Bicep', () => {
  it('azureStorage (the default) writes exactly the settings it wrote before: no scheduler setting at all', () => {
    const byDefault = renderAppSettings(templates, requiredParameters);
    const explicit = renderAppSettings(templates, { ...requiredParameters, durableBackend: 'azureStorage', durableTaskSchedulerSku: 'Dedicated' });
    assert.deepEqual(explicit.written, byDefault.written);
    assert.deepEqual(Object.keys(byDefault.written).filter((k) => schedulerSettings.includes(k) || k.startsWith('AzureFunctionsJobHost__')), []);
    const config = toConfig(envSchema.parse(byDefault.resolved));
    assert.equal(config.taskHubName, 'mlcycle');
    assert.deepEqual(config.durableBackend, { kind: 'azureStorage' });
  });

  it('durableTaskScheduler selects the azureManaged provider by app settings, with an identity-only connection the schema accepts', () => {
    for (const sku of ['Consumption', 'Dedicated']) {
      const { written, resolved } = renderAppSettings(templates, { ...requiredParameters, durableBackend: 'durableTaskScheduler', durableTaskSchedulerSku: sku, taskHubName: 'mlcycleProd' });
      assert.equal(written.DURABLE_TASK_SCHEDULER_CONNECTION_STRING, `Endpoint=${standInSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${clientId}`);
      assert.equal(written[providerType], 'azureManaged');
      assert.equal(written[providerConnection], 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING');
      // The same identity everywhere, no key or secret in the connection, and the hub name host.json reads.
      assert.equal(written.AZURE_CLIENT_ID, clientId);
      assert.doesNotMatch(String(written.DURABLE_TASK_SCHEDULER_CONNECTION_STRING), /key|secret|password|token|sig=/i);
      assert.equal(written.TASK_HUB_NAME, 'mlcycleProd');
      const config = toConfig(envSchema.parse(resolved));
      assert.equal(config.taskHubName, 'mlcycleProd');
      assert.equal(config.environment, 'azure');
      assert.deepEqual(config.durableBackend, { kind: 'durableTaskScheduler', endpoint: standInSchedulerEndpoint });
    }
  });

  it('the scheduler and its task hub are deployed only for that backend, the hub under the app\'s TASK_HUB_NAME', () => {
    const [mod] = projectModules(templates).filter((m) => m.reference === 'durable-task-scheduler.bicep');
    assert.ok(mod);
    assert.match(mod.node.text, /= if \(durableBackend == 'durableTaskScheduler'\)/);
    assert.equal(propertyAt(mod.body, 'params.taskHubName')?.text, 'taskHubName');
    assert.equal(propertyAt(mod.body, 'params.principalId')?.text, 'identity.outputs.principalId');
    const [hub] = resourcesOfType(templates, 'Microsoft.DurableTask/schedulers/taskHubs');
    assert.equal(propertyAt(hub?.body, 'name')?.text, 'taskHubName');
    assert.equal(propertyAt(hub?.body, 'parent')?.text, 'scheduler');
    // The Function App takes the endpoint only from the scheduler, and only when it exists.
    const [fa] = projectModules(templates).filter((m) => m.symbol === 'functionApp');
    assert.equal(propertyAt(fa?.body, 'params.durableTaskSchedulerEndpoint')?.text, "durableBackend == 'durableTaskScheduler' ? durableTaskScheduler.outputs.endpoint : ''");
  });

  it('grants Durable Task Data Contributor to the app identity on the task hub, named by guid(hub, principal, role)', () => {
    assert.deepEqual(checkGrants(templates, 'Microsoft.DurableTask/schedulers/taskHubs', ['Durable Task Data Contributor']), []);
    const grants = roleGrants(templates).filter((g) => g.scopeType === 'Microsoft.DurableTask/schedulers/taskHubs');
    assert.equal(grants.length, 1);
    const [grant] = grants;
    assert.equal(grant!.roleId, roleIdOf('Durable Task Data Contributor'));
    assert.equal(grant!.roleId, '0ad04412-c4d5-4796-b79c-f76d14c8d402');
    assert.equal(grant!.principal, 'principalId');
    assert.equal(grant!.name, 'guid(taskHub.id, principalId, durableTaskDataContributorRoleId)');
  });

  it('the IP allow-list can never be empty: @minLength(1) on both parameters, and the default lets the app in', () => {
    for (const [path, name] of [
      ['bicep/main.bicep', 'durableTaskSchedulerIpAllowlist'],
      ['bicep/modules/durable-task-scheduler.bicep', 'ipAllowlist'],
    ] as const) {
      const file = templates.files.find((f) => f.path === path)!;
      const param = parameterDeclarations(file).find((p) => p.name === name);
      assert.ok(param, `${path} ${name}`);
      const minLength = decoratorsOf(param.node).find((d) => d.name === 'minLength');
      assert.equal(minLength?.args[0]?.text, '1', `${path} ${name} has @minLength(1)`);
    }
    const main = parameterDeclarations(templates.files.find((f) => f.path === 'bicep/main.bicep')!);
    assert.equal(main.find((p) => p.name === 'durableTaskSchedulerIpAllowlist')?.defaultValue?.text, "['0.0.0.0/0']");
    assert.equal(propertyAt(scheduler().body, 'properties.ipAllowlist')?.text, 'ipAllowlist');
  });

  it('the SKU is a parameter, Consumption or Dedicated; capacity (1-3) is sent for Dedicated only', () => {
    const main = parameterDeclarations(templates.files.find((f) => f.path === 'bicep/main.bicep')!);
    const sku = main.find((p) => p.name === 'durableTaskSchedulerSku')!;
    const allowed = decoratorsOf(sku.node).find((d) => d.name === 'allowed')?.args[0];
    assert.deepEqual(allowed?.namedChildren.map((c) => stringContent(c)), ['Consumption', 'Dedicated']);
    assert.equal(stringContent(sku.defaultValue!), 'Consumption');
    const backend = main.find((p) => p.name === 'durableBackend')!;
    assert.equal(stringContent(backend.defaultValue!), 'azureStorage');
    const capacity = main.find((p) => p.name === 'durableTaskSchedulerCapacity')!;
    assert.deepEqual(decoratorsOf(capacity.node).filter((d) => d.name.endsWith('Value')).map((d) => `${d.name}(${d.args[0]?.text})`), ['minValue(1)', 'maxValue(3)']);
    assert.equal(propertyAt(scheduler().body, 'properties.sku')?.text, "skuName == 'Dedicated' ? { name: 'Dedicated', capacity: capacity } : { name: 'Consumption' }");
    assert.ok(!/preview/.test(scheduler().apiVersion ?? 'preview'), 'a GA API version');
    assert.deepEqual(evaluateProperty(templates, scheduler(), 'tags').length, 1);
  });

  it('no key, connection string with a secret or listKeys() anywhere in either variant', () => {
    assert.deepEqual(checkNoSecretLiterals(templates), []);
  });
});
