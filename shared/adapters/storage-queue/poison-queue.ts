import type { QueueServiceClient } from '@azure/storage-queue';
import type { FieldIssue } from '../../domain/errors.js';
import type { RejectedMessages } from '../../ports/rejected-messages.js';
import { encodeQueueMessage } from './queue-client.js';
import { fromStorageError } from './storage-errors.js';

/**
 * Writes rejected messages to `<queue>-poison` (the queue the host itself uses after too many attempts), wrapped
 * with the reason, so an operator sees why a request was refused without digging through logs.
 */
export class PoisonQueueRejects implements RejectedMessages {
  constructor(
    private readonly service: QueueServiceClient,
    private readonly now: () => Date,
  ) {}

  async reject(queue: string, original: unknown, reason: string, issues: FieldIssue[] = []): Promise<void> {
    const poison = this.service.getQueueClient(`${queue}-poison`);
    try {
      await poison.createIfNotExists();
      await poison.sendMessage(encodeQueueMessage({ rejectedAt: this.now().toISOString(), reason, issues, message: original }));
    } catch (e) {
      throw fromStorageError(e, `Queue '${queue}-poison'`);
    }
  }
}
