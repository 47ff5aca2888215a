import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { containerDefinitions } from '../../shared/adapters/cosmos/cosmos-client.js';
import { envSchema } from '../../shared/config/schema.js';
import { evaluate, evaluateProperty, loadProject, resourcesOfType } from './bicep-project.js';
import { loadBicepFile, parameterDeclarations } from './bicep-tree.js';
import { appSettingsBlocks } from './policies/app-settings.js';

const azureSchema = envSchema.options.find((o) => o.shape.MLCYCLE_ENVIRONMENT.value === 'azure');
assert.ok(azureSchema);

describe('Cosmos DB, queues and the task hub match the app', () => {
  const templates = loadProject('bicep');
  const settings = (() => {
    const [block] = appSettingsBlocks(templates);
    assert.ok(block);
    return new Map(block.entries.map(([k, node]) => [k, evaluate(templates, block.file, node)]));
  })();

  it('Cosmos DB is a serverless NoSQL account', () => {
    const [account] = resourcesOfType(templates, 'Microsoft.DocumentDB/databaseAccounts');
    assert.ok(account);
    assert.deepEqual(evaluateProperty(templates, account, 'properties.capabilities'), [[{ name: 'EnableServerless' }]]);
    assert.deepEqual(evaluateProperty(templates, account, 'kind'), ['GlobalDocumentDB']);
  });

  it('declares the containers with the partition keys of the app\'s Cosmos adapter', () => {
    const [containers] = resourcesOfType(templates, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    assert.ok(containers);
    const names = evaluateProperty(templates, containers, 'properties.resource.id');
    const keys = evaluateProperty(templates, containers, 'properties.resource.partitionKey.paths');
    const declared = Object.fromEntries(names.map((n, i) => [n, (keys[i] as string[])[0]]));
    assert.deepEqual(declared, { ...containerDefinitions });
    assert.deepEqual(evaluateProperty(templates, containers, 'name'), names);
  });

  it('creates the run-requests, run-events and ado-hooks queues (and the poison queues) the app settings point at', () => {
    const [queues] = resourcesOfType(templates, 'Microsoft.Storage/storageAccounts/queueServices/queues');
    assert.ok(queues);
    const created = evaluateProperty(templates, queues, 'name');
    assert.deepEqual(created, ['run-requests', 'run-requests-poison', 'run-events', 'ado-hooks', 'ado-hooks-poison']);
    const requests = settings.get('RUN_REQUESTS_QUEUE');
    const events = settings.get('RUN_EVENTS_QUEUE');
    const hooks = settings.get('ADO_HOOKS_QUEUE');
    assert.ok(typeof requests === 'string' && typeof events === 'string' && typeof hooks === 'string');
    assert.ok(created.includes(requests) && created.includes(`${requests}-poison`) && created.includes(events) && created.includes(hooks) && created.includes(`${hooks}-poison`));
  });

  it('defaults agree with the schema: task hub and database names', () => {
    const main = parameterDeclarations(loadBicepFile('bicep/main.bicep'));
    const defaultOf = (name: string): unknown => {
      const p = main.find((d) => d.name === name);
      return p?.defaultValue && evaluate(templates, p.file, p.defaultValue);
    };
    assert.equal(defaultOf('taskHubName'), azureSchema.shape.TASK_HUB_NAME.parse(undefined));
    assert.equal(defaultOf('cosmosDatabaseName'), azureSchema.shape.COSMOS_DATABASE.parse(undefined));
    assert.equal(settings.get('TASK_HUB_NAME'), 'mlcycle');
  });

  it('host.json takes the task hub from the TASK_HUB_NAME setting', () => {
    const host = JSON.parse(readFileSync(new URL('../../host.json', import.meta.url), 'utf8')) as { extensions: { durableTask: { hubName: string } } };
    assert.equal(host.extensions.durableTask.hubName, '%TASK_HUB_NAME%');
  });
});
