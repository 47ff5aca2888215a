import type { QueueClient } from '@azure/storage-queue';
import { encodeQueueMessage } from './queue-client.js';
import { fromStorageError } from './storage-errors.js';

/** A queue that takes JSON values, base64-encoded as queue triggers expect; it is created on first use. */
export class JsonQueue {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly queue: QueueClient) {}

  get name(): string {
    return this.queue.name;
  }

  /** Enqueue one JSON value; storage failures become domain errors (retryable for 408/429/5xx). */
  async send(value: unknown): Promise<void> {
    try {
      this.ready ??= this.queue.createIfNotExists();
      await this.ready;
      await this.queue.sendMessage(encodeQueueMessage(value));
    } catch (e) {
      this.ready = undefined; // a failed create is tried again next time
      throw fromStorageError(e, `Queue '${this.queue.name}'`);
    }
  }
}
