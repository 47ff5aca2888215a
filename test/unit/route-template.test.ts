import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAuthorized, safeEqual } from '../../devhost/function-keys.js';
import { compileRoute } from '../../devhost/route-template.js';

describe('route templates', () => {
  it('matches literals case-insensitively and captures parameters', () => {
    const r = compileRoute('pipelines/{id}/runs');
    assert.deepEqual(r.match('Pipelines/churn/RUNS'), { id: 'churn' });
    assert.equal(r.match('pipelines/churn'), null);
    assert.equal(r.match('pipelines/churn/runs/extra'), null);
  });

  it('supports optional, typed and catch-all parameters', () => {
    assert.deepEqual(compileRoute('items/{id?}').match('items'), {});
    assert.equal(compileRoute('runs/{n:int}').match('runs/abc'), null);
    assert.deepEqual(compileRoute('runs/{n:int}').match('runs/42'), { n: '42' });
    assert.deepEqual(compileRoute('files/{*path}').match('files/a/b%20c'), { path: 'a/b c' });
  });

  it('matches no empty segment, and one trailing slash is the same path', () => {
    const r = compileRoute('pipelines/{id}');
    assert.equal(r.match('pipelines//runs'), null);
    assert.equal(compileRoute('pipelines/{id}/runs').match('pipelines//runs'), null);
    assert.equal(r.match('pipelines/'), null);
    assert.deepEqual(r.match('pipelines/churn/'), { id: 'churn' });
    assert.deepEqual(compileRoute('items/{id?}').match('items/'), {});
  });

  it('ranks literal segments above parameters', () => {
    assert.ok(compileRoute('runs/latest').specificity > compileRoute('runs/{id}').specificity);
  });
});

describe('function keys', () => {
  const keys = { functionKey: 'fk', masterKey: 'mk' };
  it('lets anonymous routes through and checks function and master keys', () => {
    assert.equal(isAuthorized('anonymous', undefined, keys), true);
    assert.equal(isAuthorized('function', undefined, keys), false);
    assert.equal(isAuthorized('function', 'fk', keys), true);
    assert.equal(isAuthorized('function', 'mk', keys), true);
    assert.equal(isAuthorized('admin', 'fk', keys), false);
    assert.equal(isAuthorized('admin', 'mk', keys), true);
  });
  it('compares in constant time without throwing on different lengths', () => {
    assert.equal(safeEqual('a', 'a-much-longer-value'), false);
    assert.equal(safeEqual('same', 'same'), true);
  });
});
