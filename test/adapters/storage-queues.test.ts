import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QueueServiceClient } from '@azure/storage-queue';
import { startAzurite } from '../../devhost/emulators/azurite.js';
import { QueueEventPublisher } from '../../shared/adapters/storage-queue/event-publisher.js';
import { JsonQueue } from '../../shared/adapters/storage-queue/json-queue.js';
import { QueueRunRequestSender } from '../../shared/adapters/storage-queue/run-request-sender.js';
import { isAppError } from '../../shared/domain/errors.js';

/* The Storage queue adapters against Azurite: base64 JSON as queue triggers read it, queues created on first use. */
let service: QueueServiceClient;
let stop: () => Promise<void>;

before(async () => {
  const azurite = await startAzurite();
  service = QueueServiceClient.fromConnectionString(azurite.connectionString);
  stop = () => azurite.process.stop();
});
after(async () => stop());

async function receive(queue: string): Promise<unknown> {
  const { receivedMessageItems } = await service.getQueueClient(queue).receiveMessages({ numberOfMessages: 1 });
  const m = receivedMessageItems[0];
  assert.ok(m, `a message on ${queue}`);
  return JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as unknown;
}

describe('Storage queue adapters (Azurite)', () => {
  it('publishes run events as CloudEvents 1.0 JSON, creating the queue on first use', async () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    await new QueueEventPublisher(new JsonQueue(service.getQueueClient('run-events')), 'urn:mlcycle', () => at).publish({
      id: 'r1:succeeded',
      type: 'mlcycle.run.succeeded',
      subject: 'pipelines/churn/runs/r1',
      data: { runId: 'r1' },
    });
    assert.deepEqual(await receive('run-events'), {
      specversion: '1.0',
      id: 'r1:succeeded',
      source: 'urn:mlcycle',
      type: 'mlcycle.run.succeeded',
      subject: 'pipelines/churn/runs/r1',
      time: at.toISOString(),
      datacontenttype: 'application/json',
      data: { runId: 'r1' },
    });
  });

  it('sends run requests the intake can read', async () => {
    await new QueueRunRequestSender(new JsonQueue(service.getQueueClient('run-requests'))).send({ pipelineId: 'churn', requestId: 'r2', startQueued: true });
    assert.deepEqual(await receive('run-requests'), { pipelineId: 'churn', requestId: 'r2', startQueued: true });
  });

  it('reports an invalid queue name as a permanent error', async () => {
    await assert.rejects(new JsonQueue(service.getQueueClient('Bad_Name')).send({}), (e) => isAppError(e, 'PERMANENT'));
  });
});
