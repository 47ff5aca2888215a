import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appRoutes } from '../../functions/register.js';
import { initialSteps, type Run } from '../../shared/domain/run.js';
import { neededRole, type RouteSpec } from '../../shared/http/route.js';
import { seedPipeline, sha } from '../fakes/seed.js';
import { signIn, startFakeAppHost, type FakeAppHost } from '../support/sign-in.js';

/*
 * Both roles on every route, enumerated from the app's own route table: a route added later is covered without
 * touching this file. Each write is tried as a viewer, as a person with no app role, with no credentials and across
 * sites (all refused, nothing changed), then as an operator (let through); each read as a viewer (let through).
 */

const keys = { functionKey: 'roles-function-key', masterKey: 'roles-master-key' };
const runId = 'roles-run-1';
let world: FakeAppHost;
let routes: RouteSpec[];
const cookies: Record<'viewer' | 'operator' | 'none', string> = { viewer: '', operator: '', none: '' };

before(async () => {
  world = await startFakeAppHost({ apiKeys: [keys.functionKey, keys.masterKey], signIn: 'app-service' }, keys);
  routes = appRoutes(world.services);
  await seedPipeline(world.fakes, 'churn', sha('roles'));
  await seedPipeline(world.fakes, 'second', sha('roles-2'));
  await seedPipeline(world.fakes, 'third', sha('roles-3'));
  const at = new Date().toISOString();
  // A run with no orchestration behind it: it stays as written, so "nothing changed" can be compared exactly.
  const run: Run = { id: runId, pipelineId: 'churn', kind: 'training', trigger: { kind: 'http' }, status: 'waiting-approval', force: false, params: {}, steps: initialSteps(), lineage: {}, createdAt: at, updatedAt: at };
  await world.services.runs.create(run);
  for (const role of ['viewer', 'operator', 'none'] as const) cookies[role] = await signIn(world.baseUrl, { name: `Test ${role}`, role, key: keys.functionKey });
});
after(async () => world?.stop());

/** The route's path with its parameters filled: the seeded run for run routes, the seeded pipeline otherwise. */
function pathOf(route: RouteSpec): string {
  return `/api/${route.route.replace('{id}', route.route.startsWith('runs/') ? runId : 'churn')}`;
}

function call(route: RouteSpec, headers: Record<string, string>): Promise<Response> {
  const body = route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{}', headers: { 'content-type': 'application/json', ...headers } };
  return fetch(`${world.baseUrl}${pathOf(route)}`, { method: route.method, headers, ...body });
}

/** Everything a write could change, as JSON. */
async function snapshot(): Promise<string> {
  const s = world.services;
  return JSON.stringify({
    pipelines: await Promise.all(['churn', 'second'].map((id) => s.pipelines.get(id))),
    runs: (await s.runs.list('churn', { limit: 100 })).items,
    triggers: (await s.triggers.list('churn', { limit: 100 })).items,
    lifecycle: (await s.pipelineStates.listRecords('churn', { limit: 100 })).items,
  });
}

async function expectProblem(res: Response, status: number, code: string, label: string): Promise<void> {
  assert.equal(res.status, status, `${label}: ${res.status} ${await res.clone().text()}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, label);
  assert.equal(((await res.json()) as { code: string }).code, code, label);
}

const writes = () => routes.filter((r) => neededRole(r) === 'operator');
const reads = () => routes.filter((r) => neededRole(r) === 'viewer');

describe('every route, both roles', () => {
  it('finds the write routes to test', () => {
    const names = writes().map((r) => r.name);
    for (const name of ['pipelines-put', 'pipelines-delete', 'runs-start', 'runs-cancel', 'runs-retry', 'runs-reproduce', 'runs-approve', 'runs-reject', 'pipelines-rollback', 'signals-post']) {
      assert.ok(names.includes(name), `${name} needs the operator role`);
    }
  });

  it('refuses every write by a viewer, by a person with no role, with no credentials and across sites, changing nothing', async () => {
    const before = await snapshot();
    for (const route of writes()) {
      const label = `${route.method} ${pathOf(route)}`;
      await expectProblem(await call(route, { cookie: cookies.viewer }), 403, 'FORBIDDEN', `viewer ${label}`);
      await expectProblem(await call(route, { cookie: cookies.none }), 403, 'FORBIDDEN', `no role ${label}`);
      const anonymous = await call(route, {});
      assert.match(anonymous.headers.get('www-authenticate') ?? '', /FunctionKey/, label);
      await expectProblem(anonymous, 401, 'UNAUTHENTICATED', `anonymous ${label}`);
      await expectProblem(await call(route, { cookie: cookies.operator, 'sec-fetch-site': 'cross-site' }), 403, 'FORBIDDEN', `cross-site ${label}`);
      await expectProblem(await call(route, { cookie: cookies.operator, origin: 'https://evil.example' }), 403, 'FORBIDDEN', `foreign origin ${label}`);
      await expectProblem(await call(route, { 'x-functions-key': 'not-a-key' }), 401, 'UNAUTHENTICATED', `wrong key ${label}`);
    }
    assert.equal(await snapshot(), before);
  });

  it('lets a viewer read every read route, and refuses a person with no role or no credentials', async () => {
    for (const route of reads()) {
      const label = `${route.method} ${pathOf(route)}`;
      const res = await call(route, { cookie: cookies.viewer });
      assert.ok(res.status !== 401 && res.status !== 403, `viewer ${label}: ${res.status} ${await res.text()}`);
      await expectProblem(await call(route, { cookie: cookies.none }), 403, 'FORBIDDEN', `no role ${label}`);
      await expectProblem(await call(route, {}), 401, 'UNAUTHENTICATED', `anonymous ${label}`);
    }
  });

  it('lets an operator through every write, same-origin or from no browser at all', async () => {
    // Deletion last: the other writes need the pipeline.
    const ordered = [...writes()].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    for (const [i, route] of ordered.entries()) {
      const headers = i % 2 === 0 ? { cookie: cookies.operator } : { cookie: cookies.operator, 'sec-fetch-site': 'same-origin', origin: world.baseUrl };
      const res = await call(route, headers);
      assert.ok(res.status !== 401 && res.status !== 403, `operator ${route.method} ${pathOf(route)}: ${res.status} ${await res.text()}`);
    }
  });
});

describe('keys', () => {
  it('takes a key in the code query parameter, and never repeats it in nextLink', async () => {
    const res = await fetch(`${world.baseUrl}/api/pipelines?limit=1&code=${keys.functionKey}`);
    assert.equal(res.status, 200);
    const text = await res.text();
    const page = JSON.parse(text) as { nextLink?: string };
    assert.ok(page.nextLink, text);
    assert.ok(!text.includes(keys.functionKey), text);
  });
});
