import type { QueueClient } from '@azure/storage-queue';
import type { RunRequest } from '../../domain/run-request.js';
import type { RunRequestSender } from '../../ports/run-request-sender.js';
import { encodeQueueMessage } from './queue-client.js';
import { fromStorageError } from './storage-errors.js';

/** Sends run requests as base64 JSON, the encoding the queue trigger expects. */
export class QueueRunRequestSender implements RunRequestSender {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly queue: QueueClient) {}

  async send(request: Omit<RunRequest, 'force'> & { force?: boolean }): Promise<void> {
    try {
      this.ready ??= this.queue.createIfNotExists();
      await this.ready;
      await this.queue.sendMessage(encodeQueueMessage(request));
    } catch (e) {
      this.ready = undefined;
      throw fromStorageError(e, `Queue '${this.queue.name}'`);
    }
  }
}
