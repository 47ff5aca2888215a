import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DurableClient } from 'durable-functions';
import { continuationCodec } from '../../shared/adapters/cosmos/documents.js';
import { durableOrchestrationClient } from '../../shared/adapters/durable/durable-orchestration-client.js';
import { ifMatchPasses, ifNoneMatchPasses, parseEntityTags } from '../../shared/domain/entity-tags.js';
import { isAppError } from '../../shared/domain/errors.js';
import { isGitRef } from '../../shared/domain/git-ref.js';
import { runRequestSchema } from '../../shared/domain/run-request.js';
import { isInstanceId, runIdOfDagRun } from '../../shared/durable/instance-ids.js';
import { pathMatchesRoute } from '../../shared/http/raw-path.js';

describe('ids that reach the Durable client', () => {
  it('reads a run id out of a dag run id only when it matches the id pattern', () => {
    assert.equal(runIdOfDagRun('mlcycle__r-20260101-abc'), 'r-20260101-abc');
    for (const bad of ['mlcycle__../orchestrators/trainingRun/x?', 'mlcycle__r-1/restart?', 'mlcycle__', 'mlcycle__r:train', 'mlcycle__r%2F', 'mlcycle__.x', 'manual__x']) {
      assert.equal(runIdOfDagRun(bad), null, bad);
    }
    assert.ok(isInstanceId('r-1:train'));
    assert.ok(!isInstanceId('r-1:train:x') && !isInstanceId('r/1') && !isInstanceId('') && !isInstanceId('r-1?x'));
  });

  it('the orchestration client refuses an unsafe instance id or event name before any request, and encodes the reason', async () => {
    const calls: unknown[][] = [];
    const record = (name: string) => (...args: unknown[]) => {
      calls.push([name, ...args]);
      return Promise.resolve({ runtimeStatus: 'Running' });
    };
    const fake = { getStatus: record('getStatus'), startNew: record('startNew'), raiseEvent: record('raiseEvent'), terminate: record('terminate') } as unknown as DurableClient;
    const client = durableOrchestrationClient(fake);
    const refused = (e: unknown) => isAppError(e, 'VALIDATION');
    await assert.rejects(client.raise('../orchestrators/trainingRun/x?:train', 'training-finished', {}), refused);
    await assert.rejects(client.raise('r-1/restart?:train', 'training-finished', {}), refused);
    await assert.rejects(client.raise('r-1:train', 'x/../../restart', {}), refused);
    await assert.rejects(client.status('r-1#'), refused);
    await assert.rejects(client.terminate('r-1/x', 'why'), refused);
    await assert.rejects(client.start('trainingRun/x', 'r-1', {}), refused);
    assert.deepEqual(calls, [], 'nothing reached the Durable client');
    await client.terminate('r-1', 'a&b#c?d');
    assert.deepEqual(calls, [['terminate', 'r-1', 'a%26b%23c%3Fd']]);
  });
});

describe('git refs', () => {
  it('accepts branch, tag and commit names git accepts', () => {
    for (const ok of ['main', 'feature/x-1', 'release/2026.01', 'v1.2.3', 'a'.repeat(40), 'abc1234', 'HEAD', 'user@host']) assert.ok(isGitRef(ok), ok);
  });

  it('refuses what `git check-ref-format` refuses, options and path walks', () => {
    const bad = ['', '--upload-pack=x', '-b', 'main/../../x', 'a..b', 'x\u0000', 'x\u007f', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[', 'a\\b', 'x.lock', 'a/x.lock/b', '.hidden', 'a/.b', '/a', 'a/', 'a//b', 'a.', 'a@{1}', '@', 'x'.repeat(251)];
    for (const ref of bad) assert.ok(!isGitRef(ref), JSON.stringify(ref));
  });

  it('applies the same rule to queue messages, and a startQueued request id must be a run id', () => {
    assert.ok(!runRequestSchema.safeParse({ pipelineId: 'p', requestId: 'q', ref: '--upload-pack=x' }).success);
    assert.ok(runRequestSchema.safeParse({ pipelineId: 'p', requestId: 'q', ref: 'main' }).success);
    assert.ok(!runRequestSchema.safeParse({ pipelineId: 'p', requestId: '../x?', startQueued: true }).success);
    assert.ok(runRequestSchema.safeParse({ pipelineId: 'p', requestId: 'r-1', startQueued: true }).success);
  });
});

describe('preconditions', () => {
  it('parses * and entity-tag lists, and refuses empty or malformed values', () => {
    assert.equal(parseEntityTags('*'), '*');
    assert.deepEqual(parseEntityTags('"a", W/"b"'), [{ weak: false, opaque: 'a' }, { weak: true, opaque: 'b' }]);
    assert.deepEqual(parseEntityTags('""'), [{ weak: false, opaque: '' }]);
    for (const bad of ['', '  ', ',', 'abc', '"a', 'W/a', '"a"b', '"a" "b"', '**']) assert.equal(parseEntityTags(bad), null, bad);
  });

  it('If-Match compares strongly and needs the resource; If-None-Match compares weakly', () => {
    const current = { exists: true, etag: '"e1"' };
    assert.ok(ifMatchPasses([{ weak: false, opaque: 'e1' }], current));
    assert.ok(!ifMatchPasses([{ weak: true, opaque: 'e1' }], current));
    assert.ok(!ifMatchPasses([{ weak: false, opaque: '' }], current));
    assert.ok(!ifMatchPasses('*', { exists: false }));
    assert.ok(!ifNoneMatchPasses([{ weak: true, opaque: 'e1' }], current));
    assert.ok(ifNoneMatchPasses([{ weak: false, opaque: 'e2' }], current));
    assert.ok(!ifNoneMatchPasses('*', current) && ifNoneMatchPasses('*', { exists: false }));
  });
});

describe('continuation tokens', () => {
  const codec = continuationCodec('k'.repeat(32));
  const other = continuationCodec('o'.repeat(32));
  const invalid = (f: () => unknown) => assert.throws(f, (e) => isAppError(e, 'VALIDATION') && e.issues[0]?.field === 'continuationToken');

  it('round-trips a token it issued for the same query', () => {
    const token = codec.encode('cosmos-token', 'q1');
    assert.equal(codec.decode(token, 'q1'), 'cosmos-token');
  });

  it('refuses forged, tampered, foreign or other-query tokens', () => {
    const token = codec.encode('cosmos-token', 'q1') ?? '';
    const [payload, mac] = token.split('.');
    invalid(() => codec.decode(Buffer.from(JSON.stringify({ v: 1, t: 'x' })).toString('base64url'), 'q1'));
    invalid(() => codec.decode(`${Buffer.from(JSON.stringify({ v: 2, t: 'x' })).toString('base64url')}.${mac ?? ''}`, 'q1'));
    invalid(() => codec.decode(`${payload ?? ''}.`, 'q1'));
    invalid(() => codec.decode(`${payload ?? ''}.${mac ?? ''}.x`, 'q1'));
    invalid(() => codec.decode(token, 'q2'));
    invalid(() => other.decode(token, 'q1'));
  });
});

describe('route parameters come from the path as sent', () => {
  it('refuses empty segments and parameters that are not the sent segments', () => {
    assert.ok(pathMatchesRoute('pipelines/{id}', '/api/pipelines/churn', { id: 'churn' }));
    assert.ok(pathMatchesRoute('pipelines/{id}', '/api/pipelines/churn/', { id: 'churn' }));
    assert.ok(pathMatchesRoute('pipelines/{id}/runs', '/api/Pipelines/churn/runs', { id: 'churn' }));
    assert.ok(!pathMatchesRoute('pipelines/{id}', '/api/pipelines//runs', { id: 'runs' }));
    assert.ok(!pathMatchesRoute('pipelines/{id}', '/api/pipelines/a', { id: 'b' }));
    assert.ok(!pathMatchesRoute('runs/{id}', '/api/runs/%E0%A4%A', { id: 'x' }));
  });
});
