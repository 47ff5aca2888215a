import type { QueueClient } from '@azure/storage-queue';
import { fromStorageError } from './storage-errors.js';
import type { EventPublisher } from '../../ports/external-systems.js';
import { encodeQueueMessage } from './queue-client.js';

/** Publishes run events as CloudEvents 1.0 JSON on the `run-events` queue. Consumers dedupe on the event `id`. */
export class QueueEventPublisher implements EventPublisher {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly queue: QueueClient,
    private readonly source: string,
    private readonly now: () => Date,
  ) {}

  async publish(event: { id: string; type: string; subject: string; data: Record<string, unknown> }): Promise<void> {
    const envelope = {
      specversion: '1.0',
      id: event.id,
      source: this.source,
      type: event.type,
      subject: event.subject,
      time: this.now().toISOString(),
      datacontenttype: 'application/json',
      data: event.data,
    };
    try {
      this.ready ??= this.queue.createIfNotExists();
      await this.ready;
      await this.queue.sendMessage(encodeQueueMessage(envelope));
    } catch (e) {
      this.ready = undefined;
      throw fromStorageError(e, `Queue '${this.queue.name}'`);
    }
  }
}
