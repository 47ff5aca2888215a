import type { RunRequest } from '../../domain/run-request.js';
import type { RunRequestSender } from '../../ports/run-request-sender.js';
import type { JsonQueue } from './json-queue.js';

/** Sends run requests on the `run-requests` queue. */
export class QueueRunRequestSender implements RunRequestSender {
  constructor(private readonly queue: JsonQueue) {}

  async send(request: Omit<RunRequest, 'force'> & { force?: boolean }): Promise<void> {
    await this.queue.send(request);
  }
}
