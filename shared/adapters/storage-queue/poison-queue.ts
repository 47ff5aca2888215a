import type { QueueServiceClient } from '@azure/storage-queue';
import type { FieldIssue } from '../../domain/errors.js';
import type { RejectedMessages } from '../../ports/rejected-messages.js';
import { JsonQueue } from './json-queue.js';

/**
 * Writes rejected messages to `<queue>-poison` (the queue the host itself uses after too many attempts), wrapped
 * with the reason, so an operator sees why a request was refused without digging through logs.
 */
export class PoisonQueueRejects implements RejectedMessages {
  private readonly queues = new Map<string, JsonQueue>();

  constructor(
    private readonly service: QueueServiceClient,
    private readonly now: () => Date,
  ) {}

  async reject(queue: string, original: unknown, reason: string, issues: FieldIssue[] = []): Promise<void> {
    const name = `${queue}-poison`;
    let poison = this.queues.get(name);
    if (!poison) {
      poison = new JsonQueue(this.service.getQueueClient(name));
      this.queues.set(name, poison);
    }
    await poison.send({ rejectedAt: this.now().toISOString(), reason, issues, message: original });
  }
}
