import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generatedApiFiles } from '../../scripts/openapi-files.js';

/*
 * The OpenAPI document in docs/ and the dashboard's types of it are generated from the route declarations; they are
 * checked in so that readers and the dashboard's compiler see them, and must never drift from the routes.
 */
describe('the generated API files', () => {
  it('match what the routes generate now (run `npm run openapi` after changing a route)', async () => {
    for (const { path, text } of await generatedApiFiles()) {
      const current = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
      assert.ok(current === text, `${path} is out of date: run npm run openapi`);
    }
  });
});
