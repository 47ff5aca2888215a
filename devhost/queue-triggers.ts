import { QueueServiceClient, type DequeuedMessageItem, type QueueClient } from '@azure/storage-queue';
import { triggerOf, type CapturedApp, type Registration } from './core-stub.js';
import type { HostSettings } from './host-json.js';
import type { InvocationLog, Invoker } from './invoke.js';

interface Listener {
  reg: Registration;
  queue: QueueClient;
  poison: QueueClient;
}

/**
 * Runs storage-queue triggers against Azurite with the host's rules: base64 message text, a batch at a time, a
 * failed message becomes visible again after `visibilityTimeout`, and after `maxDequeueCount` attempts it moves to
 * `<queue>-poison`. Polling backs off exponentially up to `maxPollingInterval` while queues are empty.
 */
export class QueueTriggers {
  private readonly listeners: Listener[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly app: CapturedApp,
    private readonly env: Record<string, string | undefined>,
    private readonly settings: HostSettings['queues'],
    private readonly log: InvocationLog,
    private readonly invoke: Invoker,
  ) {}

  /** Create the queues and start polling; returns the queue names listened to. */
  async start(): Promise<string[]> {
    for (const reg of this.app.registrations.values()) {
      const t = triggerOf(reg);
      if (t.type !== 'queueTrigger') continue;
      const connectionName = typeof t.connection === 'string' && t.connection.length > 0 ? t.connection : 'AzureWebJobsStorage';
      const connection = this.env[connectionName];
      if (!connection) throw new Error(`Queue trigger '${reg.name}' needs the app setting ${connectionName}`);
      const name = resolveSetting(String(t.queueName), this.env);
      const service = QueueServiceClient.fromConnectionString(connection);
      const queue = service.getQueueClient(name);
      const poison = service.getQueueClient(`${name}-poison`);
      await queue.createIfNotExists();
      this.listeners.push({ reg, queue, poison });
    }
    this.loops = this.listeners.map((l) => this.poll(l));
    return this.listeners.map((l) => l.queue.name);
  }

  /** Poll now rather than after the current back-off (tests and the dev host call this after enqueueing). */
  nudge(): void {
    this.wake?.();
  }

  /** Stop polling and wait for messages in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await Promise.allSettled(this.loops);
  }

  private async poll(l: Listener): Promise<void> {
    let delay = 100;
    while (!this.stopped) {
      let messages: DequeuedMessageItem[] = [];
      try {
        // While a message is processed it stays invisible; 10 minutes is the host's default lease.
        messages = (await l.queue.receiveMessages({ numberOfMessages: this.settings.batchSize, visibilityTimeout: 600 })).receivedMessageItems;
      } catch (e) {
        this.log('warning', 'system', `Polling queue '${l.queue.name}' failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (messages.length > 0) {
        delay = 100;
        await Promise.all(messages.map((m) => this.process(l, m)));
        continue;
      }
      delay = Math.min(delay * 2, this.settings.maxPollingInterval);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  private async process(l: Listener, m: DequeuedMessageItem): Promise<void> {
    if (m.dequeueCount > this.settings.maxDequeueCount) {
      await this.moveToPoison(l, m);
      return;
    }
    const text = Buffer.from(m.messageText, 'base64').toString('utf8');
    const meta = {
      Id: m.messageId,
      DequeueCount: m.dequeueCount,
      InsertionTime: m.insertedOn.toISOString(),
      ExpirationTime: m.expiresOn.toISOString(),
      NextVisibleTime: m.nextVisibleOn.toISOString(),
      PopReceipt: m.popReceipt,
    };
    const triggerMetadata = Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, { json: JSON.stringify(v) }]));
    try {
      await this.invoke(l.reg, { trigger: { string: text }, triggerMetadata });
      await l.queue.deleteMessage(m.messageId, m.popReceipt);
    } catch (e) {
      this.log('warning', 'system', `Queue function '${l.reg.name}' failed on message ${m.messageId} (attempt ${m.dequeueCount}): ${e instanceof Error ? e.message : String(e)}`);
      if (m.dequeueCount >= this.settings.maxDequeueCount) await this.moveToPoison(l, m);
      else await l.queue.updateMessage(m.messageId, m.popReceipt, undefined, Math.round(this.settings.visibilityTimeout / 1000)).catch(() => undefined);
    }
  }

  private async moveToPoison(l: Listener, m: DequeuedMessageItem): Promise<void> {
    await l.poison.createIfNotExists();
    await l.poison.sendMessage(m.messageText);
    await l.queue.deleteMessage(m.messageId, m.popReceipt);
    this.log('warning', 'system', `Message ${m.messageId} moved to '${l.poison.name}' after ${m.dequeueCount} attempts`);
  }
}

/** `%SETTING%` → the app setting's value, as binding expressions resolve. */
export function resolveSetting(raw: string, env: Record<string, string | undefined>): string {
  const m = /^%([^%]+)%$/.exec(raw.trim());
  if (!m) return raw;
  const v = env[m[1]!];
  if (!v) throw new Error(`Binding expression ${raw} refers to an app setting that is not set`);
  return v;
}
