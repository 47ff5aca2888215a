import type { AdoHookMessage } from '../../domain/ado-hooks/event.js';
import type { HookEventQueue } from '../../ports/hook-event-queue.js';
import type { JsonQueue } from './json-queue.js';

/** Sends accepted service-hook events on the `ado-hooks` queue. */
export class StorageHookEventQueue implements HookEventQueue {
  constructor(private readonly queue: JsonQueue) {}

  async send(message: AdoHookMessage): Promise<void> {
    await this.queue.send(message);
  }
}
