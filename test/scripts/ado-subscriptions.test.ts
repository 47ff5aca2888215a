import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureSubscriptions, type EnsureSubscriptionsOptions } from '../../scripts/ado-subscriptions.js';
import { standInGuid } from '../../stack/azure-devops/events.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from '../../stack/azure-devops/stand-in.js';
import { startHookReceiver, type HookReceiver } from '../support/hook-receiver.js';
import { scratchGit } from '../support/scratch-git.js';

/** `ensureSubscriptions` through the real azure-devops-node-api client against the stand-in, and the deliveries it leads to. */
let root: string;
let repo: string;
let standIn: AzureDevOpsStandIn;
let receiver: HookReceiver;
const pat = 'subscribe-pat-0123456789';
const { sh, write } = scratchGit(() => repo);

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-ado-subscribe-'));
  repo = join(root, 'training');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  write('a.txt', 'a\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'one']);
  receiver = await startHookReceiver();
  standIn = await startAzureDevOpsStandIn({ repos: { 'contoso/ML Project/training': repo }, pipelines: [], pat, build: () => Promise.resolve() });
});
after(async () => {
  await standIn.stop();
  await receiver.stop();
  rmSync(root, { recursive: true, force: true });
});

const options = (over: Partial<EnsureSubscriptionsOptions> = {}, without?: 'imagePipelineId'): EnsureSubscriptionsOptions => {
  const o = { ...base(), ...over };
  if (without) delete o[without];
  return o;
};
const base = (): EnsureSubscriptionsOptions => ({
  orgUrl: standIn.orgUrl('contoso'),
  pat,
  project: 'ML Project',
  repository: 'training',
  branch: 'main',
  hookUrl: `${receiver.url}/api/hooks/azure-devops`,
  auth: { basic: { username: 'mlcycle', password: 'webhook-secret' } },
  imagePipelineId: 12,
});

async function listed(): Promise<{ eventType: string; publisherInputs: Record<string, string>; consumerInputs: Record<string, string> }[]> {
  const res = await fetch(`${standIn.orgUrl('contoso')}/_apis/hooks/subscriptions?api-version=7.1`, { headers: { authorization: `Basic ${Buffer.from(`:${pat}`).toString('base64')}` } });
  return ((await res.json()) as { value: Awaited<ReturnType<typeof listed>> }).value;
}

describe('ensureSubscriptions', () => {
  it('creates the subscriptions once, with the ids from the API, and keeps them on a second run', async () => {
    const first = await ensureSubscriptions(options());
    const projectId = standInGuid('project', 'contoso/ML Project');
    const repositoryId = standInGuid('repository', 'contoso/ML Project/training');
    assert.equal(first.projectId, projectId);
    assert.equal(first.repositoryId, repositoryId);
    assert.deepEqual(first.kept, []);
    assert.deepEqual(first.created.map((s) => `${s.eventType} ${JSON.stringify(s.filters)}`), [
      `git.push {"repository":"${repositoryId}","branch":"main"}`,
      `git.pullrequest.created {"repository":"${repositoryId}","branch":"main"}`,
      `git.pullrequest.updated {"repository":"${repositoryId}","branch":"main","notificationType":"PushNotification"}`,
      `git.pullrequest.updated {"repository":"${repositoryId}","branch":"main","notificationType":"StatusUpdateNotification"}`,
      `git.pullrequest.merged {"repository":"${repositoryId}","branch":"main","mergeResult":"Succeeded"}`,
      'ms.vss-pipelines.run-state-changed-event {"pipelineId":"12","runStateId":"Completed"}',
    ]);
    const second = await ensureSubscriptions(options());
    assert.deepEqual(second.created, []);
    assert.deepEqual(second.kept.map((s) => s.id), first.created.map((s) => s.id));
    const all = await listed();
    assert.equal(all.length, 6);
    assert.ok(all.every((s) => s.publisherInputs.projectId === projectId && s.consumerInputs.url === options().hookUrl && s.consumerInputs.basicAuthPassword === '********'));
  });

  it('creates what differs (a header instead of basic auth, a subscription not made yet) and keeps the rest', async () => {
    const header = await ensureSubscriptions(options({ auth: { header: { name: 'X-Mlcycle-Webhook-Secret', value: 'header-secret' } } }, 'imagePipelineId'));
    assert.equal(header.created.length, 5);
    assert.equal((await ensureSubscriptions(options({ auth: { header: { name: 'X-Mlcycle-Webhook-Secret', value: 'other' } } }))).created.length, 1);
    assert.equal((await listed()).length, 12);
  });

  it('then delivers a push to the hook URL with the basic auth it set', async () => {
    write('b.txt', 'b\n');
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', 'two']);
    receiver.received.length = 0;
    await standIn.push({ repository: 'contoso/ML Project/training', branch: 'main' });
    await standIn.idle();
    const auth = receiver.received.map((h) => h.headers.authorization ?? `header ${String(h.headers['x-mlcycle-webhook-secret'])}`).sort();
    assert.deepEqual(auth, [`Basic ${Buffer.from('mlcycle:webhook-secret').toString('base64')}`, 'header header-secret']);
    assert.ok(receiver.received.every((h) => h.body.eventType === 'git.push'));
  });

  it('names an unknown project or repository, and refuses bad options before any call', async () => {
    await assert.rejects(ensureSubscriptions(options({ project: 'Nope' })), /project 'Nope' does not exist/);
    await assert.rejects(ensureSubscriptions(options({ repository: 'nope' })), /repository 'nope' does not exist/);
    const before = standIn.requests.length;
    await assert.rejects(ensureSubscriptions(options({ hookUrl: 'http://example.com/api/hooks/azure-devops' })), /--hook-url must be an https URL/);
    await assert.rejects(ensureSubscriptions(options({ project: 'a/b' })), /project/);
    await assert.rejects(ensureSubscriptions(options({ branch: '-x' })), /--branch/);
    await assert.rejects(ensureSubscriptions(options({ imagePipelineId: 0 })), /--image-pipeline-id/);
    await assert.rejects(ensureSubscriptions(options({ auth: { basic: { username: 'a:b', password: 'x' } } })), /username/);
    assert.equal(standIn.requests.length, before);
  });

  it('fails on a PAT the service refuses, without the PAT in the message', async () => {
    await assert.rejects(ensureSubscriptions(options({ pat: 'wrong-pat-secret' })), (e: unknown) => e instanceof Error && !e.message.includes('wrong-pat-secret'));
  });
});
