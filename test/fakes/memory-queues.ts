import type { AdoHookMessage } from '../../shared/domain/ado-hooks/event.js';
import type { HookEventQueue } from '../../shared/ports/hook-event-queue.js';
import type { FieldIssue } from '../../shared/domain/errors.js';
import type { RejectedMessages } from '../../shared/ports/rejected-messages.js';
import type { RunRequestSender } from '../../shared/ports/run-request-sender.js';

/** Rejected inbound messages kept in memory, for assertions. */
export class MemoryRejectedMessages implements RejectedMessages {
  readonly rejected: { queue: string; original: unknown; reason: string; issues: FieldIssue[] }[] = [];

  async reject(queue: string, original: unknown, reason: string, issues: FieldIssue[] = []): Promise<void> {
    this.rejected.push({ queue, original, reason, issues });
  }
}

/** Run requests mlcycle sent itself, kept in memory. */
export class MemoryRunRequests implements RunRequestSender {
  readonly sent: Parameters<RunRequestSender['send']>[0][] = [];

  async send(request: Parameters<RunRequestSender['send']>[0]): Promise<void> {
    this.sent.push(request);
  }
}

/** The `ado-hooks` queue in memory: what the hook accepted, in order. */
export class MemoryHookEvents implements HookEventQueue {
  readonly sent: AdoHookMessage[] = [];

  async send(message: AdoHookMessage): Promise<void> {
    this.sent.push(message);
  }
}
