import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { installCoreStub, triggerOf, type CapturedApp } from '../../devhost/core-stub.js';
import { embeddedDefaults } from '../../devhost/local-settings.js';
import { appRoutes } from '../../functions/register.js';
import type { Services } from '../../shared/app/services.js';
import { loadConfig } from '../../shared/config/load.js';
import { neededRole } from '../../shared/http/route.js';

/*
 * The registration contract: what the Functions host will see when it loads the app. A change to a route, method,
 * auth level, schedule or queue shows up here first. Every route registers with the host as anonymous (App Service
 * Authentication and function keys do not combine at the host); `authLevel` below is what the app itself enforces.
 */
let app: CapturedApp;

before(async () => {
  app = installCoreStub();
  Object.assign(process.env, {
    ...embeddedDefaults,
    COSMOS_ENDPOINT: 'http://127.0.0.1:1',
    COSMOS_KEY: 'k',
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  });
  await import('../../functions/index.js');
});

interface Expected {
  type: string;
  route?: string;
  methods?: string[];
  authLevel?: string;
  schedule?: string;
  queueName?: string;
}

const expectedHttp: Record<string, Expected> = {
  health: { type: 'httpTrigger', route: 'health', methods: ['GET'], authLevel: 'anonymous' },
  openapi: { type: 'httpTrigger', route: 'openapi.json', methods: ['GET'], authLevel: 'function' },
  'pipelines-put': { type: 'httpTrigger', route: 'pipelines/{id}', methods: ['PUT'], authLevel: 'function' },
  'pipelines-get': { type: 'httpTrigger', route: 'pipelines/{id}', methods: ['GET'], authLevel: 'function' },
  'pipelines-delete': { type: 'httpTrigger', route: 'pipelines/{id}', methods: ['DELETE'], authLevel: 'function' },
  'pipelines-list': { type: 'httpTrigger', route: 'pipelines', methods: ['GET'], authLevel: 'function' },
  'runs-start': { type: 'httpTrigger', route: 'pipelines/{id}/runs', methods: ['POST'], authLevel: 'function' },
  'runs-list': { type: 'httpTrigger', route: 'pipelines/{id}/runs', methods: ['GET'], authLevel: 'function' },
  'runs-get': { type: 'httpTrigger', route: 'runs/{id}', methods: ['GET'], authLevel: 'function' },
  'runs-cancel': { type: 'httpTrigger', route: 'runs/{id}/cancel', methods: ['POST'], authLevel: 'function' },
  'runs-retry': { type: 'httpTrigger', route: 'runs/{id}/retry', methods: ['POST'], authLevel: 'function' },
  'runs-reproduce': { type: 'httpTrigger', route: 'runs/{id}/reproduce', methods: ['POST'], authLevel: 'function' },
  'runs-approve': { type: 'httpTrigger', route: 'runs/{id}/approve', methods: ['POST'], authLevel: 'function' },
  'runs-reject': { type: 'httpTrigger', route: 'runs/{id}/reject', methods: ['POST'], authLevel: 'function' },
  'hooks-airflow': { type: 'httpTrigger', route: 'hooks/airflow', methods: ['POST'], authLevel: 'anonymous' },
  'lineage-find': { type: 'httpTrigger', route: 'lineage', methods: ['GET'], authLevel: 'function' },
  'triggers-list': { type: 'httpTrigger', route: 'pipelines/{id}/triggers', methods: ['GET'], authLevel: 'function' },
};

/** What the app enforces per route: `function` (a key or a signed-in principal) or `anonymous`. */
const declared = new Map<string, string>();

describe('registration contract', () => {
  before(() => {
    const config = loadConfig(process.env);
    if (!('auth' in config)) throw config;
    for (const r of appRoutes({ config } as Services)) declared.set(r.name, neededRole(r) === undefined ? 'anonymous' : 'function');
  });

  it('registers each HTTP function with its route, methods and auth level', () => {
    for (const [name, e] of Object.entries(expectedHttp)) {
      const reg = app.registrations.get(name);
      assert.ok(reg, `${name} is registered`);
      const t = triggerOf(reg);
      assert.equal(t.type, e.type, name);
      assert.equal(t.route, e.route, name);
      assert.deepEqual(t.methods, e.methods, name);
      assert.equal(t.authLevel, 'anonymous', name);
      assert.equal(declared.get(name), e.authLevel, name);
    }
  });

  it('registers the training-run orchestrators, and activities for every step', () => {
    const byType = (type: string) => [...app.registrations.values()].filter((r) => triggerOf(r).type === type).map((r) => r.name);
    assert.deepEqual(byType('orchestrationTrigger').sort(), ['awaitImageBuild', 'awaitTraining', 'trainingRun']);
    assert.ok(byType('activityTrigger').length >= 8, 'one activity per step at least');
  });

  it('gives every function that starts or signals orchestrations a durable client binding', () => {
    for (const name of ['runs-start', 'runs-cancel', 'runs-retry', 'runs-reproduce', 'runs-approve', 'runs-reject', 'hooks-airflow']) {
      const bindings = Object.values(app.registrations.get(name)!.metadata.bindings);
      assert.ok(bindings.some((b) => b.type === 'durableClient' && b.direction === 'in'), name);
    }
  });

  it('listens on the run-requests queue through an app setting, with a durable client', () => {
    const reg = app.registrations.get('run-requests');
    assert.ok(reg);
    const t = triggerOf(reg);
    assert.equal(t.type, 'queueTrigger');
    assert.equal(t.queueName, '%RUN_REQUESTS_QUEUE%');
    assert.equal(t.connection, 'AzureWebJobsStorage');
    assert.ok(Object.values(reg.metadata.bindings).some((b) => b.type === 'durableClient'));
  });

  it('ticks the scheduler every minute with a durable client', () => {
    const reg = app.registrations.get('scheduler');
    assert.ok(reg);
    assert.equal(triggerOf(reg).type, 'timerTrigger');
    assert.equal(triggerOf(reg).schedule, '0 * * * * *');
    assert.ok(Object.values(reg.metadata.bindings).some((b) => b.type === 'durableClient'));
  });

  it('has only anonymous routes that are meant to be anonymous', () => {
    const anonymous = [...declared].filter(([, level]) => level === 'anonymous').map(([name]) => name);
    assert.ok(anonymous.length > 0);
    // Webhooks authenticate with their own secret; the dashboard's files are public pages whose data needs sign-in.
    for (const name of anonymous) assert.ok(['health', 'dashboard'].includes(name) || name.startsWith('hooks-'), `${name} must not be anonymous`);
  });

  it('gives every timer a valid 6-field schedule and every queue trigger a queue', () => {
    for (const reg of app.registrations.values()) {
      const t = triggerOf(reg);
      if (t.type === 'timerTrigger') assert.equal(String(t.schedule).trim().split(/\s+/).length, 6, reg.name);
      if (t.type === 'queueTrigger') assert.ok(typeof t.queueName === 'string' && t.queueName.length > 0, reg.name);
    }
  });
});
