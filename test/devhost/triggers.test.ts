import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QueueServiceClient } from '@azure/storage-queue';
import { startAzurite } from '../../devhost/emulators/azurite.js';
import { startDevHost, type RunningDevHost } from '../../devhost/dev-host.js';
import { appRoot } from '../support/app-host.js';
import { ManualClock } from '../../devhost/durable/clock.js';

/*
 * Timer and queue triggers on the dev host, with a tiny app registered through the real @azure/functions API:
 * schedules fire on a skipped clock; queue messages are base64 JSON; failures retry and end in `<queue>-poison`.
 */
const fired: { isPastDue: boolean; last: string }[] = [];
const received: { body: unknown; dequeueCount: unknown }[] = [];
let failuresLeft = 0;
const clock = new ManualClock(Date.parse('2026-03-02T05:59:00.000Z'));
// Let async timer work run between fired timers, so each invocation re-arms before the next is due.
const settle = () => new Promise<void>((r) => setTimeout(r, 20));
let host: RunningDevHost;
let queues: QueueServiceClient;
let stopAzurite: () => Promise<void>;

before(async () => {
  const azurite = await startAzurite();
  stopAzurite = () => azurite.process.stop();
  queues = QueueServiceClient.fromConnectionString(azurite.connectionString);
  const env = { AzureWebJobsStorage: azurite.connectionString, JOBS_QUEUE: 'jobs' };
  host = await startDevHost({
    appRoot,
    env,
    clock,
    queueSettings: { visibilityTimeout: 0, maxPollingInterval: 200 },
    keys: { functionKey: 'f', masterKey: 'm' },
    log: () => {},
    load: async () => {
      const { app } = await import('@azure/functions');
      app.timer('weekly', {
        schedule: '0 0 6 * * 1',
        handler: (timer) => {
          fired.push({ isPastDue: timer.isPastDue, last: timer.scheduleStatus?.last ?? '' });
        },
      });
      app.storageQueue('jobs', {
        queueName: '%JOBS_QUEUE%',
        connection: 'AzureWebJobsStorage',
        handler: (message, context) => {
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new Error('boom');
          }
          received.push({ body: message, dequeueCount: context.triggerMetadata?.dequeueCount });
        },
      });
    },
  });
});
after(async () => {
  await host.stop();
  await stopAzurite();
});

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('timer triggers', () => {
  it('fires on the NCRONTAB schedule as the clock is skipped', async () => {
    assert.deepEqual(host.timers.map((t) => [t.name, t.next.toISOString()]), [['weekly', '2026-03-02T06:00:00.000Z']]);
    await clock.advance(60_000, settle);
    await until(() => fired.length === 1);
    await clock.advance(14 * 24 * 3600_000, settle);
    await until(() => fired.length === 3);
    assert.equal(fired[0]!.isPastDue, false);
  });
});

describe('queue triggers', () => {
  it('delivers base64 JSON messages with their dequeue count', async () => {
    await queues.getQueueClient('jobs').sendMessage(Buffer.from(JSON.stringify({ job: 1 })).toString('base64'));
    host.queueTriggers?.nudge();
    await until(() => received.length === 1);
    assert.deepEqual(received[0]!.body, { job: 1 });
    assert.equal(received[0]!.dequeueCount, 1);
  });

  it('moves a message that keeps failing to the poison queue after maxDequeueCount', async () => {
    failuresLeft = 100;
    await queues.getQueueClient('jobs').sendMessage(Buffer.from(JSON.stringify({ job: 'poison' })).toString('base64'));
    const poison = queues.getQueueClient('jobs-poison');
    await until(async () => {
      host.queueTriggers?.nudge();
      return (await poison.exists()) && ((await poison.getProperties()).approximateMessagesCount ?? 0) === 1;
    }, 30_000);
    assert.equal(failuresLeft, 100 - 5, 'tried exactly maxDequeueCount (5) times');
    const peeked = await poison.peekMessages();
    assert.deepEqual(JSON.parse(Buffer.from(peeked.peekedMessageItems[0]!.messageText, 'base64').toString()), { job: 'poison' });
    failuresLeft = 0;
  });
});
