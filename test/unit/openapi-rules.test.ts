import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEntityTags } from '../../shared/domain/entity-tags.js';
import { gitRefPattern, isGitRef } from '../../shared/domain/git-ref.js';
import { repoPathPattern, repoPathSchema } from '../../shared/domain/ids.js';
import { cronPattern, cronProblem } from '../../shared/domain/schedule/cron.js';
import { fixedIsoDurationPattern, isoDurationPattern, isoDurationSchema } from '../../shared/domain/duration.js';
import { buildOpenApiDocument } from '../../shared/http/openapi.js';
import { z } from '../../shared/domain/zod.js';

/*
 * The OpenAPI document promises that a value matching its pattern is accepted (the API fuzz test holds the server to
 * it): each documented pattern must match only values the handler's rule accepts.
 */

describe('the rules the OpenAPI document states', () => {
  it('parses an entity tag with a comma inside its quotes (RFC 9110 etagc allows it)', () => {
    assert.deepEqual(parseEntityTags('W/"6e[,a", "b"'), [{ weak: true, opaque: '6e[,a' }, { weak: false, opaque: 'b' }]);
    assert.deepEqual(parseEntityTags('"a,b"'), [{ weak: false, opaque: 'a,b' }]);
    assert.deepEqual(parseEntityTags('"a", , "b"'), [{ weak: false, opaque: 'a' }, { weak: false, opaque: 'b' }]);
    for (const bad of ['"a",b', '"a" "b"', '"a,b', 'W/"a"x']) assert.equal(parseEntityTags(bad), null, bad);
  });

  it('the git ref pattern matches only refs gitRefProblem accepts', () => {
    const samples = ['main', 'feature/x', 'v1.2', 'abc1234', 'ABCDEF0', '-x', '/a', 'a/', 'a.', '.a', 'a/.b', 'a..b', 'a@{b', '@', '@x',
      'x.lock', 'x.lock/y', 'a//b', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[', 'a\\b', 'a\u0001', 'a\u007f', 'é', 'a'.repeat(251)];
    for (const ref of samples) if (gitRefPattern.test(ref)) assert.ok(isGitRef(ref), ref);
    for (const ref of ['main', 'feature/x', 'v1.2', 'abc1234']) assert.ok(gitRefPattern.test(ref), ref);
  });

  it('the cron pattern matches only expressions with a next occurrence', () => {
    const samples = ['* * * * *', '4,4 * * * *', '*/5 0 1,2 * 0', '0 0 28 2 *', '0 0 31 2 *', '0 0 0 * *', '1 2 3 4 5 6', '59 23 28 12 7', '*/99 * * * *', '60 * * * *', '0 9 * * 5-1', '0 22-2/2 * * *', '0 0 * * 0,7', '0 0 31 * *', '0 0 1-31 2 *'];
    for (const cron of samples) if (cronPattern.test(cron)) assert.equal(cronProblem(cron), null, cron);
    assert.ok(cronPattern.test('0 3 * * 1'));
  });

  it('the duration patterns match exactly the durations the schemas accept', () => {
    const any = isoDurationSchema({ description: '' });
    const fixed = isoDurationSchema({ fixed: true, description: '' });
    const samples = ['P30D', 'PT6H', 'P4W', 'P1M', 'P1Y2M3W4DT5H6M7S', 'P1W2D', 'P01D', 'PT0S', 'P0D', 'P', 'PT', 'P1', 'PT1H2', 'P1.5D', '30D', 'p1d', 'P-1D',
      'P9999Y', 'P99999Y', 'P6686Y65834277W011943943893DT704H', 'P999999D', 'P9999999D', 'PT999999999S'];
    for (const iso of samples) {
      assert.equal(any.safeParse(iso).success, isoDurationPattern.test(iso), iso);
      assert.equal(fixed.safeParse(iso).success, fixedIsoDurationPattern.test(iso), iso);
    }
    for (const ok of ['P30D', 'P1M', 'PT6H']) assert.ok(any.safeParse(ok).success, ok);
    for (const notFixed of ['P1M', 'P1Y', 'P1Y2D']) assert.equal(fixed.safeParse(notFixed).success, false, notFixed);
  });

  it('the repository path pattern matches only paths repoPathSchema accepts', () => {
    assert.equal(repoPathSchema.safeParse('o*\u000fh').success, false, 'a control character is refused, as the pattern says');
    for (const path of ['a/b', '.', 'a..b', '/a', 'a/../b', '..', 'a\\b', '../x', 'a\u000f']) {
      if (repoPathPattern.test(path)) assert.ok(repoPathSchema.safeParse(path).success, path);
    }
  });

  it('documents an exactly-one query as one form-exploded object with one property', () => {
    const doc = buildOpenApiDocument(
      [{ name: 'q', method: 'GET', route: 'q', authLevel: 'function', summary: 's', tag: 't', queryExactlyOne: true,
        query: z.object({ a: z.string().optional(), b: z.string().optional() }), responses: {}, handler: async () => ({ status: 200 }) }],
      { title: 't', version: '1' },
    ) as { paths: Record<string, { get: { parameters: { name: string; in: string; explode?: boolean; schema: Record<string, unknown> }[] } }> };
    const params = doc.paths['/api/q']?.get.parameters ?? [];
    assert.equal(params.length, 1);
    assert.equal(params[0]?.explode, true);
    assert.deepEqual({ min: params[0]?.schema.minProperties, max: params[0]?.schema.maxProperties }, { min: 1, max: 1 });
  });
});
