import type { EventPublisher, PublishedEvent } from '../../ports/external-systems.js';
import type { JsonQueue } from './json-queue.js';

/** Publishes run events as CloudEvents 1.0 JSON on the `run-events` queue. Consumers dedupe on the event `id`. */
export class QueueEventPublisher implements EventPublisher {
  constructor(
    private readonly queue: JsonQueue,
    private readonly source: string,
    private readonly now: () => Date,
  ) {}

  async publish(event: PublishedEvent): Promise<void> {
    await this.queue.send({
      specversion: '1.0',
      id: event.id,
      source: this.source,
      type: event.type,
      subject: event.subject,
      time: event.time ?? this.now().toISOString(),
      datacontenttype: 'application/json',
      // The CloudEvents sequence extension: a string-encoded integer from 1, per subject.
      ...(event.sequence !== undefined ? { sequence: String(event.sequence), sequencetype: 'Integer' } : {}),
      data: event.data,
    });
  }
}
