import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { standInGuid } from '../../stack/azure-devops/events.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from '../../stack/azure-devops/stand-in.js';
import { startHookReceiver, type HookReceiver } from '../support/hook-receiver.js';
import { scratchGit } from '../support/scratch-git.js';

/** The stand-in's service hooks: the subscriptions API, and deliveries of pushes and pipeline runs to a real HTTP receiver. */
let root: string;
let repo: string;
let other: string;
let standIn: AzureDevOpsStandIn;
let receiver: HookReceiver;
const pat = 'hooks-pat-0123456789';
const projectId = standInGuid('project', 'contoso/ml');
const repoId = standInGuid('repository', 'contoso/ml/training');
const zero = '0'.repeat(40);
const { sh, write } = scratchGit(() => repo);
const otherGit = scratchGit(() => other);

const yaml = `name: img-\${{ parameters.tag }}
parameters:
- { name: tag, type: string }
steps:
- script: echo build
`;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-ado-hooks-'));
  repo = join(root, 'training');
  other = join(root, 'other');
  mkdirSync(repo);
  mkdirSync(other);
  sh(['init', '-q', '-b', 'main']);
  write('pipelines/image.yml', yaml);
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'one']);
  otherGit.sh(['init', '-q', '-b', 'main']);
  otherGit.write('a.txt', 'a\n');
  otherGit.sh(['add', '-A']);
  otherGit.sh(['commit', '-q', '-m', 'other one']);
  receiver = await startHookReceiver();
  standIn = await startAzureDevOpsStandIn({
    repos: { 'contoso/ml/training': repo, 'contoso/ml/other': other },
    pipelines: [{ id: 7, name: 'image', project: 'ml', repository: 'contoso/ml/training', yamlPath: 'pipelines/image.yml' }],
    pat,
    build: () => Promise.resolve(),
    hookRetry: { retries: 2, minDelayMs: 20 },
  });
});
after(async () => {
  await standIn.stop();
  await receiver.stop();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(async () => {
  // Each test subscribes afresh: drop every subscription the previous one made.
  const list = (await call('GET', '/_apis/hooks/subscriptions')).json as { value: { id: string }[] };
  for (const s of list.value) await call('DELETE', `/_apis/hooks/subscriptions/${s.id}`);
  await standIn.idle();
  receiver.received.length = 0;
});

async function call(method: string, path: string, body?: unknown, key = pat, at = standIn): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${at.orgUrl('contoso')}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`:${key}`).toString('base64')}`, accept: 'application/json;api-version=7.1', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

type Inputs = Record<string, string>;
const subscription = (eventType: string, publisherInputs: Inputs, consumerInputs: Inputs = {}, publisherId = 'tfs') => ({
  publisherId,
  eventType,
  resourceVersion: '1.0',
  consumerId: 'webHooks',
  consumerActionId: 'httpRequest',
  publisherInputs: { projectId, ...publisherInputs },
  consumerInputs: { url: `${receiver.url}/api/hooks/azure-devops`, basicAuthUsername: 'mlcycle', basicAuthPassword: 'hook-secret', ...consumerInputs },
});
async function subscribe(eventType: string, publisherInputs: Inputs, consumerInputs: Inputs = {}, publisherId = 'tfs'): Promise<string> {
  const r = await call('POST', '/_apis/hooks/subscriptions', subscription(eventType, publisherInputs, consumerInputs, publisherId));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return (r.json as { id: string }).id;
}
const commitOn = (file: string, message: string): string => {
  write(file, `${message}\n`);
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', message]);
  return sh(['rev-parse', 'HEAD']);
};

describe('service hook subscriptions', () => {
  it('creates, lists, gets with the password masked, and deletes a subscription', async () => {
    const created = await call('POST', '/_apis/hooks/subscriptions', subscription('git.push', { repository: repoId, branch: 'main' }));
    assert.equal(created.status, 200);
    const s = created.json as { id: string; status: string; url: string; eventType: string; publisherInputs: Inputs; consumerInputs: Inputs };
    assert.match(s.id, /^[0-9a-f-]{36}$/);
    assert.equal(s.status, 'enabled');
    assert.equal(s.url, `${standIn.orgUrl('contoso')}/_apis/hooks/subscriptions/${s.id}`);
    assert.equal(s.publisherInputs.repository, repoId);
    assert.equal(s.consumerInputs.basicAuthPassword, '********');
    const got = await call('GET', `/_apis/hooks/subscriptions/${s.id}`);
    assert.equal((got.json as typeof s).consumerInputs.basicAuthPassword, '********');
    assert.ok(!JSON.stringify(got.json).includes('hook-secret'));
    const list = await call('GET', '/_apis/hooks/subscriptions?eventType=git.push');
    assert.deepEqual((list.json as { value: { id: string }[] }).value.map((v) => v.id), [s.id]);
    assert.equal(((await call('GET', '/_apis/hooks/subscriptions?eventType=build.complete')).json as { count: number }).count, 0);
    assert.equal((await call('DELETE', `/_apis/hooks/subscriptions/${s.id}`)).status, 204);
    assert.equal((await call('GET', `/_apis/hooks/subscriptions/${s.id}`)).status, 404);
  });

  it('refuses an unknown event type, project, repository, filter value or consumer, and a URL that is not HTTP', async () => {
    const bad = async (body: unknown, pattern: RegExp) => {
      const r = await call('POST', '/_apis/hooks/subscriptions', body);
      assert.equal(r.status, 400);
      assert.match((r.json as { message: string }).message, pattern);
    };
    await bad(subscription('git.pushed', {}), /event type 'git.pushed'/);
    await bad(subscription('git.push', {}, {}, 'pipelines'), /event type 'git.push' is not supported by the publisher 'pipelines'/);
    await bad({ ...subscription('git.push', {}), publisherInputs: { projectId: standInGuid('project', 'contoso/nope') } }, /projectId/);
    await bad({ ...subscription('git.push', {}), publisherInputs: { projectId: 'ml' } }, /projectId/);
    await bad(subscription('git.push', { repository: standInGuid('repository', 'contoso/ml/nope') }), /repository/);
    await bad(subscription('git.pullrequest.updated', { notificationType: 'Everything' }), /notificationType/);
    await bad(subscription('git.push', { buildStatus: 'Failed' }), /buildStatus/);
    await bad(subscription('git.push', {}, { url: 'ftp://example.invalid/x' }), /url/);
    await bad(subscription('git.push', {}, { url: 'not a url' }), /url/);
    await bad(subscription('git.push', {}, { httpHeaders: 'no colon here' }), /httpHeaders/);
    await bad({ ...subscription('git.push', {}), consumerId: 'slack' }, /consumer/);
    assert.equal(((await call('GET', '/_apis/hooks/subscriptions')).json as { count: number }).count, 0);
  });

  it('answers 401 to a PAT without the Service Hooks scope', async () => {
    const codeOnly = await startAzureDevOpsStandIn({ repos: { 'contoso/ml/training': repo }, pipelines: [], pat, patScopes: ['code'], build: () => Promise.resolve() });
    try {
      assert.equal((await call('GET', '/_apis/hooks/subscriptions', undefined, pat, codeOnly)).status, 401);
      assert.equal((await call('POST', '/_apis/hooks/subscriptions', subscription('git.push', {}), pat, codeOnly)).status, 401);
      assert.equal((await call('GET', '/_apis/hooks/subscriptions', undefined, 'wrong-pat')).status, 401);
    } finally {
      await codeOnly.stop();
    }
  });
});

describe('git.push deliveries', () => {
  it('delivers the envelope of a push with the subscription basic auth', async () => {
    const subscriptionId = await subscribe('git.push', { repository: repoId, branch: 'main' });
    const before = sh(['rev-parse', 'HEAD']);
    const c1 = commitOn('src/a.py', 'first change');
    const c2 = commitOn('src/b.py', 'second change');
    await standIn.push({ repository: 'contoso/ml/training', branch: 'main', pushedBy: 'dana@example.com' });
    await standIn.idle();
    assert.equal(receiver.received.length, 1);
    const [hook] = receiver.received;
    assert.ok(hook);
    assert.equal(hook.path, '/api/hooks/azure-devops');
    assert.equal(hook.headers.authorization, `Basic ${Buffer.from('mlcycle:hook-secret').toString('base64')}`);
    assert.equal(hook.headers['content-type'], 'application/json; charset=utf-8');
    const e = hook.body;
    assert.deepEqual(Object.keys(e).sort(), ['createdDate', 'detailedMessage', 'eventType', 'id', 'message', 'notificationId', 'publisherId', 'resource', 'resourceContainers', 'resourceVersion', 'subscriptionId']);
    assert.equal(e.subscriptionId, subscriptionId);
    assert.equal(typeof e.notificationId, 'number');
    assert.match(String(e.id), /^[0-9a-f-]{36}$/);
    assert.equal(e.eventType, 'git.push');
    assert.equal(e.publisherId, 'tfs');
    assert.equal(e.resourceVersion, '1.0');
    assert.deepEqual(Object.keys(e.message as object).sort(), ['html', 'markdown', 'text']);
    assert.deepEqual(e.resourceContainers, { collection: { id: standInGuid('collection', 'contoso') }, account: { id: standInGuid('account', 'contoso') }, project: { id: projectId } });
    const r = e.resource as { commits: { commitId: string; comment: string; url: string; author: { email: string } }[]; refUpdates: unknown[]; repository: Record<string, unknown>; pushedBy: Record<string, unknown>; pushId: number; url: string };
    assert.deepEqual(r.refUpdates, [{ name: 'refs/heads/main', oldObjectId: before, newObjectId: c2 }]);
    assert.deepEqual(r.commits.map((c) => [c.commitId, c.comment]), [[c2, 'second change'], [c1, 'first change']]);
    assert.equal(r.commits[0]?.author.email, 't@example.invalid');
    assert.match(r.commits[0]?.url ?? '', new RegExp(`/_apis/git/repositories/${repoId}/commits/${c2}$`));
    assert.equal(r.repository.id, repoId);
    assert.equal(r.repository.name, 'training');
    assert.equal(r.repository.defaultBranch, 'refs/heads/main');
    assert.deepEqual((r.repository.project as { id: string }).id, projectId);
    assert.equal(r.pushedBy.uniqueName, 'dana@example.com');
    assert.match(r.url, new RegExp(`/pushes/${r.pushId}$`));
    assert.deepEqual(standIn.deliveries().map((d) => [d.subscriptionId, d.eventType, d.status, d.attempts]), [[subscriptionId, 'git.push', 'succeeded', 1]]);
  });

  it('delivers nothing for another branch, another repository, another pusher, or a branch that did not move', async () => {
    await subscribe('git.push', { repository: repoId, branch: 'main', pushedBy: 'dana@example.com' });
    sh(['checkout', '-q', '-b', 'side']);
    commitOn('side.txt', 'side');
    sh(['checkout', '-q', 'main']);
    await standIn.push({ repository: 'contoso/ml/training', branch: 'side', pushedBy: 'dana@example.com' });
    otherGit.write('b.txt', 'b\n');
    otherGit.sh(['add', '-A']);
    otherGit.sh(['commit', '-q', '-m', 'other two']);
    await standIn.push({ repository: 'contoso/ml/other', branch: 'main', pushedBy: 'dana@example.com' });
    commitOn('main.txt', 'by someone else');
    await standIn.push({ repository: 'contoso/ml/training', branch: 'main', pushedBy: 'sam@example.com' });
    assert.equal(await standIn.push({ repository: 'contoso/ml/training', branch: 'main', pushedBy: 'dana@example.com' }), null);
    await standIn.idle();
    assert.equal(receiver.received.length, 0);
  });

  it('reports a new branch from zeros and a deleted branch to zeros', async () => {
    await subscribe('git.push', { repository: '', branch: '' }, { httpHeaders: 'X-Mlcycle-Webhook-Secret:header-secret', basicAuthUsername: '', basicAuthPassword: '' });
    sh(['checkout', '-q', '-b', 'feature/x']);
    const head = commitOn('feature.txt', 'feature work');
    sh(['checkout', '-q', 'main']);
    await standIn.push({ repository: 'contoso/ml/training', branch: 'feature/x' });
    sh(['branch', '-q', '-D', 'feature/x']);
    await standIn.push({ repository: 'contoso/ml/training', branch: 'feature/x' });
    await standIn.idle();
    const pushes = receiver.received.map((h) => h.body.resource as { refUpdates: unknown[]; commits: { commitId: string }[] });
    assert.deepEqual(pushes.map((p) => p.refUpdates), [[{ name: 'refs/heads/feature/x', oldObjectId: zero, newObjectId: head }], [{ name: 'refs/heads/feature/x', oldObjectId: head, newObjectId: zero }]]);
    // A new branch lists only the commits no other branch has; a deletion lists none.
    assert.deepEqual(pushes.map((p) => p.commits.map((c) => c.commitId)), [[head], []]);
    assert.equal(receiver.received[0]?.headers['x-mlcycle-webhook-secret'], 'header-secret');
  });

  it('retries a delivery the receiver failed, and redelivers a notification unchanged', async () => {
    const subscriptionId = await subscribe('git.push', { repository: repoId });
    receiver.answers.push(500, 202);
    commitOn('retry.txt', 'retry');
    await standIn.push({ repository: 'contoso/ml/training', branch: 'main' });
    await standIn.idle();
    assert.equal(receiver.received.length, 2);
    const [first, second] = receiver.received.map((h) => h.body);
    assert.deepEqual(second, first);
    const log = standIn.deliveries().filter((d) => d.subscriptionId === subscriptionId);
    assert.deepEqual(log.map((d) => [d.status, d.attempts, d.httpStatus]), [['succeeded', 2, 202]]);
    const notificationId = Number(first?.notificationId);
    assert.equal(standIn.redeliver(notificationId), true);
    assert.equal(standIn.redeliver(999_999), false);
    await standIn.idle();
    const third = receiver.received[2]?.body;
    assert.equal(third?.notificationId, notificationId);
    assert.equal(third?.id, first?.id);
    assert.equal(standIn.deliveries().filter((d) => d.notificationId === notificationId).length, 2);
  });

  it('gives up after its retries, and sends no retry for a 4xx answer', async () => {
    await subscribe('git.push', { repository: repoId });
    receiver.answers.push(503, 503, 503, 400);
    commitOn('fail1.txt', 'fail one');
    await standIn.push({ repository: 'contoso/ml/training', branch: 'main' });
    await standIn.idle();
    commitOn('fail2.txt', 'fail two');
    await standIn.push({ repository: 'contoso/ml/training', branch: 'main' });
    await standIn.idle();
    const log = standIn.deliveries().slice(-2);
    assert.deepEqual(log.map((d) => [d.status, d.attempts, d.httpStatus]), [['failed', 3, 503], ['failed', 1, 400]]);
  });

  it('trims the resource for resourceDetailsToSend minimal and leaves out what none excludes', async () => {
    await subscribe('git.push', { repository: repoId }, { resourceDetailsToSend: 'minimal', messagesToSend: 'none', detailedMessagesToSend: 'none' });
    commitOn('minimal.txt', 'minimal');
    await standIn.push({ repository: 'contoso/ml/training', branch: 'main' });
    await standIn.idle();
    const e = receiver.received[0]?.body ?? {};
    assert.equal('message' in e || 'detailedMessage' in e, false);
    const r = e.resource as Record<string, unknown>;
    assert.deepEqual(Object.keys(r).sort(), ['pushId', 'pushedBy', 'repository', 'url']);
    assert.deepEqual(Object.keys(r.repository as object).sort(), ['id', 'url']);
  });
});

describe('pipeline run deliveries', () => {
  it('delivers the run state changes and build.complete of a pipeline run', async () => {
    await subscribe('ms.vss-pipelines.run-state-changed-event', { pipelineId: '7', runStateId: 'Completed' }, {}, 'pipelines');
    await subscribe('ms.vss-pipelines.run-state-changed-event', { pipelineId: '7', runStateId: 'InProgress' }, {}, 'pipelines');
    await subscribe('ms.vss-pipelines.run-state-changed-event', { pipelineId: '8' }, {}, 'pipelines');
    await subscribe('build.complete', { definitionName: 'image', buildStatus: 'Succeeded' });
    await subscribe('build.complete', { definitionName: 'image', buildStatus: 'Failed' });
    const started = await call('POST', '/ml/_apis/pipelines/7/runs', { templateParameters: { tag: 'v1' } });
    assert.equal(started.status, 200);
    const run = started.json as { id: number; name: string };
    await standIn.idle();
    // Deliveries run side by side, so they may arrive in any order, as the service's may.
    const state = (h: { body: Record<string, unknown> }) => (h.body.resource as { run?: { state: string } }).run?.state ?? (h.body.resource as { result: string }).result;
    const byType = receiver.received.map((h) => `${String(h.body.eventType)} ${state(h)}`).sort();
    assert.deepEqual(byType, ['build.complete succeeded', 'ms.vss-pipelines.run-state-changed-event completed', 'ms.vss-pipelines.run-state-changed-event inProgress']);
    const completed = receiver.received.find((h) => state(h) === 'completed')?.body ?? {};
    assert.equal(completed.publisherId, 'pipelines');
    assert.equal(completed.resourceVersion, '5.1-preview.1');
    const r = completed.resource as { run: { id: number; name: string; result: string; pipeline: { id: number } }; pipeline: { id: number; name: string } };
    assert.deepEqual([r.run.id, r.run.name, r.run.result, r.run.pipeline.id, r.pipeline.name], [run.id, 'img-v1', 'succeeded', 7, 'image']);
    const build = receiver.received.find((h) => h.body.eventType === 'build.complete')?.body.resource as Record<string, unknown>;
    assert.deepEqual([build.id, build.buildNumber, build.status, build.result, (build.definition as { name: string }).name, build.sourceBranch], [run.id, 'img-v1', 'completed', 'succeeded', 'image', 'refs/heads/main']);
  });
});
