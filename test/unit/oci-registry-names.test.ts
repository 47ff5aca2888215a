import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenge } from '../../shared/adapters/oci-registry/challenge.js';
import { imageRepositoryPattern, imageTagPattern, registryHostPattern } from '../../shared/domain/image-ref.js';

describe('registry challenges', () => {
  it('reads Bearer parameters, quoted commas included, and Basic', () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://r.azurecr.io/oauth2/token",service="r.azurecr.io",scope="repository:a/b:pull,push"'), {
      scheme: 'bearer',
      params: { realm: 'https://r.azurecr.io/oauth2/token', service: 'r.azurecr.io', scope: 'repository:a/b:pull,push' },
    });
    assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
    assert.equal(parseChallenge(null), null);
    assert.equal(parseChallenge('  '), null);
  });
});

describe('image reference patterns', () => {
  it('accept registry hosts, repositories and tags, and nothing that could change a URL', () => {
    for (const ok of ['myreg.azurecr.io', '127.0.0.1:5000', 'localhost']) assert.ok(registryHostPattern.test(ok), ok);
    for (const bad of ['a/b', 'a b', 'x.io:port', 'https://x.io', '-a.io', 'a..io', 'a.io?x']) assert.equal(registryHostPattern.test(bad), false, bad);
    for (const ok of ['churn', 'team/churn-model', 'a.b_c']) assert.ok(imageRepositoryPattern.test(ok), ok);
    for (const bad of ['Team', '../x', 'a//b', 'a/', 'a%2f']) assert.equal(imageRepositoryPattern.test(bad), false, bad);
    for (const ok of ['tree-abc123-0123456789abcdef', 'v1.0', '_x']) assert.ok(imageTagPattern.test(ok), ok);
    for (const bad of ['.x', '-x', 'a/b', 'a?b', 'x'.repeat(129)]) assert.equal(imageTagPattern.test(bad), false, bad);
  });
});
