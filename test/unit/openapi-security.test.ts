import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appRoutes } from '../../functions/register.js';
import { buildOpenApiDocument } from '../../shared/http/openapi.js';
import { neededRole } from '../../shared/http/route.js';
import { fakeServices } from '../fakes/fake-services.js';

/* The OpenAPI document says both ways in (keys for machines, the App Service sign-in for people) and the 401 and 403. */

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { description: string }>;
}

describe('the OpenAPI document on authentication', () => {
  const { services } = fakeServices();
  const routes = appRoutes(services);
  const doc = buildOpenApiDocument(routes, { title: 'mlcycle', version: 'test' }) as { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, Record<string, string>> } };
  const operation = (route: (typeof routes)[number]) => doc.paths[`/api/${route.route.replace('{*', '{')}`]![route.method.toLowerCase()]!;

  it('declares the key in the header and in code, the App Service session and an Entra bearer token', () => {
    const s = doc.components.securitySchemes;
    assert.deepEqual([s.functionKey?.in, s.functionKey?.name], ['header', 'x-functions-key']);
    assert.deepEqual([s.functionKeyQuery?.in, s.functionKeyQuery?.name], ['query', 'code']);
    assert.deepEqual([s.appServiceSession?.in, s.appServiceSession?.type], ['cookie', 'apiKey']);
    assert.deepEqual([s.entraBearer?.type, s.entraBearer?.scheme], ['http', 'bearer']);
  });

  it('lets every authenticated operation in by any of them, and documents its 401 and 403', () => {
    for (const route of routes) {
      const op = operation(route);
      const role = neededRole(route);
      if (role === undefined) {
        assert.equal(op.security, undefined, route.name);
        continue;
      }
      assert.deepEqual(op.security, [{ functionKey: [] }, { functionKeyQuery: [] }, { appServiceSession: [] }, { entraBearer: [] }], route.name);
      assert.ok(op.responses['401'], route.name);
      assert.match(op.responses['403']?.description ?? '', role === 'operator' ? /mlcycle\.operator/ : /neither app role/, route.name);
    }
  });
});
