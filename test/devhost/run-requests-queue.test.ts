import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { QueueServiceClient } from '@azure/storage-queue';
import { eventually, startAppHost, type AppHost } from '../support/app-host.js';

/*
 * The run-requests queue on the dev host (real app, Azurite, Cosmos server, durable engine): a request starts one
 * run however often it is delivered; a bad or impossible request goes to run-requests-poison with its reason.
 */
let app: AppHost;
let queues: QueueServiceClient;
const pipeline = JSON.stringify({ ...JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')), source: { kind: 'localGit', path: '.mlcycle/no-such-repo', branch: 'main' } });

before(async () => {
  app = await startAppHost();
  queues = QueueServiceClient.fromConnectionString(app.env.AzureWebJobsStorage!);
  await app.call('/api/pipelines/drift', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: pipeline });
});
after(async () => app.stop());

const send = (value: unknown) =>
  queues.getQueueClient('run-requests').sendMessage(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64'));

const until = <T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> => eventually(app, check, ms);

async function poisoned(): Promise<{ reason: string; issues: { field: string }[]; message: unknown }[]> {
  const poison = queues.getQueueClient('run-requests-poison');
  if (!(await poison.exists())) return [];
  const { peekedMessageItems } = await poison.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { reason: string; issues: { field: string }[]; message: unknown });
}

async function runsOf(pipelineId: string): Promise<{ id: string; trigger: { kind: string; sourceEventId?: string } }[]> {
  const res = await app.call(`/api/pipelines/${pipelineId}/runs?limit=100`);
  return ((await res.json()) as { items: { id: string; trigger: { kind: string; sourceEventId?: string } }[] }).items;
}

describe('run-requests queue', () => {
  it('starts one run per request id, however often the request is delivered', async () => {
    await send({ pipelineId: 'drift', requestId: 'monitor-1', reason: 'PSI above 0.2', requestedBy: 'drift-monitor' });
    await send({ pipelineId: 'drift', requestId: 'monitor-1', reason: 'PSI above 0.2', requestedBy: 'drift-monitor' });
    const runs = await until(async () => {
      const r = (await runsOf('drift')).filter((x) => x.trigger.sourceEventId === 'monitor-1');
      return r.length > 0 ? r : undefined;
    });
    await new Promise((r) => setTimeout(r, 1500)); // give the duplicate every chance to be processed
    app.host.queueTriggers?.nudge();
    await until(async () => ((await queues.getQueueClient('run-requests').getProperties()).approximateMessagesCount === 0 ? true : undefined));
    assert.equal((await runsOf('drift')).filter((x) => x.trigger.sourceEventId === 'monitor-1').length, 1);
    assert.equal(runs[0]!.trigger.kind, 'queue');
  });

  it('sends an invalid request to the poison queue with the reason and the bad fields', async () => {
    await send({ pipelineId: 'Not A Pipeline', params: { C: 1 } });
    const entry = await until(async () => (await poisoned()).find((p) => JSON.stringify(p.message).includes('Not A Pipeline')));
    assert.match(entry.reason, /not a valid run request/);
    assert.deepEqual(entry.issues.map((i) => i.field).sort(), ['params.C', 'pipelineId', 'requestId']);
  });

  it('sends a request for an unknown pipeline to the poison queue, and non-JSON too', async () => {
    await send({ pipelineId: 'ghost', requestId: 'r-1' });
    await send('this is not json');
    const ghost = await until(async () => (await poisoned()).find((p) => JSON.stringify(p.message).includes('ghost')));
    assert.match(ghost.reason, /Pipeline 'ghost' was not found/);
    await until(async () => (await poisoned()).find((p) => p.message === 'this is not json'));
    assert.deepEqual(await runsOf('drift').then((r) => r.filter((x) => x.trigger.sourceEventId === 'r-1')), []);
  });
});
